/** Deterministic synthetic corpora, large enough to make ingest take a measurable time. */
import fs from "node:fs/promises";
import path from "node:path";

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ["ka", "lo", "mi", "ren", "tus", "va", "der", "pho", "qui", "zan", "el", "or", "us", "tra", "nim", "bel", "cor", "fi", "gan", "hu"];

/**
 * Writes `files` text files of `words` made-up words each (sentences of 13+ words, one per line)
 * into `dir`. Same seed, same bytes.
 */
export async function writeSyntheticCorpus(dir: string, files: number, words: number, seed = 42): Promise<void> {
  const random = rng(seed);
  const vocabulary = Array.from({ length: 3000 }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(""),
  );
  await fs.mkdir(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    let line: string[] = [];
    for (let w = 0; w < words; w++) {
      line.push(vocabulary[Math.floor(random() * vocabulary.length)]);
      if (line.length > 12 && random() < 0.15) {
        lines.push(`${line.join(" ")}.`);
        line = [];
      }
    }
    if (line.length) lines.push(`${line.join(" ")}.`);
    await fs.writeFile(path.join(dir, `doc-${String(f).padStart(4, "0")}.txt`), `${lines.join("\n")}\n`);
  }
}

/** A document with a fact the synthetic text cannot contain (real English words). */
export const KNOWN_DOC = {
  source: "known/oberon.md",
  text: [
    "# Oberon archive",
    "",
    "The Oberon archive keeps the master key in vault seven, behind the copper door.",
    "",
    "Visitors to the Oberon archive must sign the blue ledger at the entrance.",
    "",
  ].join("\n"),
  question: "Where does the Oberon archive keep the master key?",
  fact: /vault seven/,
};
