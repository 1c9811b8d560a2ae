/**
 * Pure evaluation metrics. Every function here is deterministic and small enough
 * to check by hand; `tests/eval-metrics.test.ts` does exactly that.
 *
 * Conventions:
 * - Retrieval metrics work on the ranked list of DISTINCT files (first occurrence
 *   wins), with binary relevance: a file is relevant iff it is a gold source.
 * - Functions that have no defined value for their input (e.g. precision of an
 *   empty citation list) return `null`, and aggregates skip nulls.
 */
import { stemmer } from "stemmer";

// ---------------------------------------------------------------------------
// Retrieval (ranked distinct files vs gold files)

/** Distinct sources in rank order. */
export function distinctFiles(ranked: readonly { source: string }[]): string[] {
  return [...new Set(ranked.map((r) => r.source))];
}

/** 1 when any of the first k files is gold, else 0. */
export function hitAtK(files: readonly string[], gold: readonly string[], k: number): number {
  return files.slice(0, k).some((f) => gold.includes(f)) ? 1 : 0;
}

/** Share of gold files found in the first k files. Null without gold files. */
export function recallAtK(files: readonly string[], gold: readonly string[], k: number): number | null {
  if (gold.length === 0) return null;
  const top = new Set(files.slice(0, k));
  return gold.filter((g) => top.has(g)).length / gold.length;
}

/** 1 / rank of the first gold file over the whole list, 0 when none is retrieved (mean of this = MRR). */
export function reciprocalRank(files: readonly string[], gold: readonly string[]): number {
  const index = files.findIndex((f) => gold.includes(f));
  return index === -1 ? 0 : 1 / (index + 1);
}

/**
 * nDCG@k with binary gains: DCG = Σ_{i=1..k} rel_i / log2(i + 1), normalised by the
 * DCG of the ideal ranking (all gold files first). Null without gold files.
 */
export function ndcgAtK(files: readonly string[], gold: readonly string[], k: number): number | null {
  if (gold.length === 0) return null;
  const discount = (rank: number) => 1 / Math.log2(rank + 1);
  let dcg = 0;
  files.slice(0, k).forEach((f, i) => {
    if (gold.includes(f)) dcg += discount(i + 1);
  });
  let ideal = 0;
  for (let rank = 1; rank <= Math.min(gold.length, k); rank++) ideal += discount(rank);
  return dcg / ideal;
}

// ---------------------------------------------------------------------------
// Citations at file level

/** Share of distinct cited files that are gold. Null when nothing is cited (precision undefined). */
export function citationPrecision(citedFiles: readonly string[], gold: readonly string[]): number | null {
  const cited = [...new Set(citedFiles)];
  if (cited.length === 0) return null;
  return cited.filter((f) => gold.includes(f)).length / cited.length;
}

/** Share of gold files that are cited. Null without gold files. */
export function citationRecall(citedFiles: readonly string[], gold: readonly string[]): number | null {
  if (gold.length === 0) return null;
  const cited = new Set(citedFiles);
  return gold.filter((g) => cited.has(g)).length / gold.length;
}

// ---------------------------------------------------------------------------
// Sentences and citation markers

const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;
/** Words that end in "." without ending a sentence ("Dr. Riaz", "U.S. policy", "P.R. China"). */
const ABBREVIATIONS = new Set(["dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "p.r", "jr", "sr", "inc", "ltd", "co"]);

/** Citation numbers in a piece of text: "[1] ... [2, 3]" → [1, 2, 3]. */
export function citationMarkers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MARKER)) {
    for (const part of m[1].split(/[,;]/)) out.push(Number(part.trim()));
  }
  return out;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, "").replace(/\s+([.,;:!?])/g, "$1").replace(/\s{2,}/g, " ").trim();
}

/**
 * Splits an answer into sentences. Lines are split first (bullets and headings count
 * as their own units), then at [.!?] followed by whitespace and a non-lowercase
 * character. Markers written after the full stop ("... text. [2] Next") stay with
 * the sentence before them, since markers cite the text they follow; a marker
 * followed by a capitalised word also ends a sentence ("Title [2] Next ..."), as
 * quoted headings often lack a full stop.
 */
export function splitSentences(answer: string): string[] {
  const sentences: string[] = [];
  for (const rawLine of answer.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s*(?:[-*•>]+|\d+[.)]|#+)\s+/, "").trim();
    if (line) sentences.push(...splitLine(line));
  }
  return sentences.filter((s) => /[\p{L}\p{N}]/u.test(stripMarkers(s)));
}

const MARKERS = String.raw`(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])`;
/** Either terminal punctuation (+ closing quotes, + optional markers) or markers alone, then whitespace. */
const BOUNDARY = new RegExp(String.raw`(?:([.!?]+["'”’)]*)${MARKERS}*|${MARKERS}+)\s+`, "g");

function splitLine(line: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const m of line.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (/\p{Ll}/u.test(line.slice(end, end + 1))) continue;
    const lastWord = line.slice(start, m.index).split(/\s+/).pop() ?? "";
    // Only a full stop can be part of an abbreviation; a bare marker always ends the sentence.
    if (m[1] && isAbbreviation(lastWord)) continue;
    parts.push(line.slice(start, end).trim());
    start = end;
  }
  parts.push(line.slice(start).trim());
  return parts.filter(Boolean);
}

function isAbbreviation(word: string): boolean {
  const w = word.toLowerCase().replace(/^["'“‘(]+/, "");
  // Single letters are initials ("M. Phil.", "J. Smith").
  return ABBREVIATIONS.has(w) || /^\p{L}$/u.test(w);
}

/** Share of answer sentences carrying at least one [n] marker. Null for an empty answer. */
export function citedSentenceShare(answer: string): { cited: number; total: number; share: number | null } {
  const sentences = splitSentences(answer);
  const cited = sentences.filter((s) => citationMarkers(s).length > 0).length;
  return { cited, total: sentences.length, share: sentences.length ? cited / sentences.length : null };
}

// ---------------------------------------------------------------------------
// Citation faithfulness

/** Common English function words; small and explicit so results can be checked by hand. */
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself his " +
    "how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out " +
    "over own same she should so some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves " +
    "said says according s t"
  ).split(" "),
);

/** Lower-cased, stemmed content words (stopwords removed) — the "key words" of a text. */
export function keyWords(text: string): string[] {
  const tokens = normalizeText(stripMarkers(text)).split(" ").filter(Boolean);
  return [...new Set(tokens.filter((t) => !STOPWORDS.has(t)).map((t) => stemmer(t)))];
}

/**
 * Rule: a (sentence, citation) pair is faithful when at least `threshold` (default
 * 60%) of the sentence's key words (stemmed content words, stopwords removed) occur
 * in the cited passage. Extractive quotes score ~100%; a paraphrase that invents
 * content does not. Returns null when the sentence has no key words.
 */
export function supportShare(sentence: string, passage: string): number | null {
  const words = keyWords(sentence);
  if (words.length === 0) return null;
  const inPassage = new Set(keyWords(passage));
  return words.filter((w) => inPassage.has(w)).length / words.length;
}

export const FAITHFULNESS_THRESHOLD = 0.6;

export interface FaithfulnessCount {
  /** (sentence, marker) pairs whose cited passage supports the sentence. */
  supported: number;
  /** All (sentence, marker) pairs with key words; markers without a matching citation count as unsupported. */
  pairs: number;
}

export function citationFaithfulness(
  answer: string,
  citations: readonly { n: number; text: string }[],
  threshold = FAITHFULNESS_THRESHOLD,
): FaithfulnessCount {
  const byNumber = new Map(citations.map((c) => [c.n, c.text]));
  let supported = 0;
  let pairs = 0;
  for (const sentence of splitSentences(answer)) {
    for (const n of new Set(citationMarkers(sentence))) {
      const passage = byNumber.get(n);
      const share = supportShare(sentence, passage ?? "");
      if (share === null) continue;
      pairs++;
      if (passage !== undefined && share >= threshold) supported++;
    }
  }
  return { supported, pairs };
}

// ---------------------------------------------------------------------------
// Key facts

/**
 * Normalisation shared by answers and facts: NFKC, lower case, and every run of
 * characters other than letters/digits (punctuation, quotes of any style, dashes,
 * whitespace) collapsed to one space. So "$1.5-billion" ≡ "1.5 billion" ≡ "1 5 billion",
 * "charge d’affaires" ≡ "charge d'affaires", and "Pakistan’s" still contains "Pakistan".
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whole-word substring match after normalisation ("Dar" does not match "darkness"). */
export function containsFact(answer: string, alternatives: readonly string[]): boolean {
  const haystack = ` ${normalizeText(stripMarkers(answer))} `;
  return alternatives.some((alt) => {
    const needle = normalizeText(alt);
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

export interface FactResult {
  /** Share of facts found (null without facts). */
  recall: number | null;
  allHit: boolean;
  /** First spelling of each missing fact. */
  missing: string[];
}

export function keyFacts(answer: string, facts: readonly (readonly string[])[]): FactResult {
  if (facts.length === 0) return { recall: null, allHit: true, missing: [] };
  const missing = facts.filter((alts) => !containsFact(answer, alts)).map((alts) => alts[0]);
  return { recall: (facts.length - missing.length) / facts.length, allHit: missing.length === 0, missing };
}

// ---------------------------------------------------------------------------
// Aggregation helpers

/** Mean of the defined values; null when there are none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Share of true values; null for an empty list. */
export function rate(flags: readonly boolean[]): number | null {
  return flags.length ? flags.filter(Boolean).length / flags.length : null;
}

/** Nearest-rank percentile: the value at rank ceil(p/100 · N) of the sorted list (p in (0, 100]). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
