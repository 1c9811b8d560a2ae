import type { Document } from "@langchain/core/documents";
import type { ChunkMetadata } from "./types";

const CAPITALISED_RUN = /\b\p{Lu}[\p{L}\d’'-]*(?: +\p{Lu}[\p{L}\d’'-]*)+/gu;

/**
 * Starter questions for the empty chat, drawn from the indexed documents: the
 * most distinctive multi-word names (people, programmes, agreements) of
 * different files, so they fit whatever corpus is indexed.
 */
export function starterQuestions(chunks: Document<ChunkMetadata>[], count: number): string[] {
  const proper = properWords(chunks);
  const frequency = wordFrequency(chunks);
  const bySource = new Map<string, Map<string, number>>();
  for (const chunk of chunks) {
    const counts = bySource.get(chunk.metadata.source) ?? new Map<string, number>();
    for (const match of chunk.pageContent.matchAll(CAPITALISED_RUN)) {
      // Trim words that are only capitalised by position ("Including", "The").
      const words = match[0].replace(/[’']s$/, "").split(/\s+/);
      while (words.length && !proper.has(words[0])) words.shift();
      while (words.length && !proper.has(words.at(-1)!)) words.pop();
      if (words.length < 3 || words.length > 6 || !words.every((w) => proper.has(w) && !/[’']s$/.test(w))) continue;
      const phrase = words.join(" ");
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    }
    bySource.set(chunk.metadata.source, counts);
  }
  const filesWith = new Map<string, number>();
  for (const counts of bySource.values()) for (const phrase of counts.keys()) filesWith.set(phrase, (filesWith.get(phrase) ?? 0) + 1);
  const picked: string[] = [];
  for (const counts of bySource.values()) {
    const best = [...counts]
      .filter(([phrase]) => !picked.some((p) => p.includes(phrase) || phrase.includes(p)))
      // Names built from the corpus's frequent words are on its topic; bylines and boilerplate are not.
      .map(([phrase]) => ({ phrase, score: topicality(phrase, frequency) / filesWith.get(phrase)! }))
      .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase))[0];
    if (best) picked.push(best.phrase);
    if (picked.length >= count) break;
  }
  return picked.map((phrase) => `What do the documents say about ${phrase}?`);
}

/** Words written with a capital in most of their uses, i.e. parts of names rather than sentence starts. */
function properWords(chunks: Document<ChunkMetadata>[]): Set<string> {
  const capitalised = new Map<string, number>();
  const lower = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [word] of chunk.pageContent.matchAll(/[\p{L}\d’'-]+/gu)) {
      const key = word.toLowerCase();
      if (/^\p{Lu}/u.test(word)) capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
      else lower.set(key, (lower.get(key) ?? 0) + 1);
    }
  }
  const proper = new Set<string>();
  for (const chunk of chunks) {
    for (const [word] of chunk.pageContent.matchAll(/\p{Lu}[\p{L}\d’'-]*/gu)) {
      const key = word.toLowerCase();
      if ((capitalised.get(key) ?? 0) >= 4 * (lower.get(key) ?? 0) && !/^(the|a|an|in|on|at|this|that|it)$/.test(key)) {
        proper.add(word);
      }
    }
  }
  return proper;
}

function wordFrequency(chunks: Document<ChunkMetadata>[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [word] of chunk.pageContent.matchAll(/[\p{L}\d’'-]+/gu)) {
      const key = word.toLowerCase();
      frequency.set(key, (frequency.get(key) ?? 0) + 1);
    }
  }
  return frequency;
}

function topicality(phrase: string, frequency: Map<string, number>): number {
  return phrase.split(" ").reduce((sum, word) => sum + Math.log1p(frequency.get(word.toLowerCase()) ?? 0), 0);
}
