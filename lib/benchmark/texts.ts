import { loadCorpus } from "../loading";
import { words } from "../text";
import { seededRng, zipfSampler, type Rng } from "./rng";

/** Zipf exponent of natural-language word frequencies. */
export const ZIPF_EXPONENT = 1.0;
const MIN_WORDS = 120;
const MAX_WORDS = 180;

/** Words of a real corpus, most frequent first (only words seen at least twice, at most `limit`). */
export async function vocabularyFrom(corpusDir: string, limit = 50_000): Promise<string[]> {
  const counts = new Map<string, number>();
  const { files } = await loadCorpus(corpusDir);
  for (const file of files) {
    for (const line of file.lines) for (const word of words(line.text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([word]) => word);
}

/**
 * Draws chunk-like texts: 120–180 words (≈150) sampled by Zipf rank from `vocabulary`,
 * so term frequencies and posting-list lengths look like real text.
 */
export class SyntheticTexts {
  private readonly rng: Rng;
  private readonly nextRank: () => number;

  constructor(
    private readonly vocabulary: readonly string[],
    seed = 3,
  ) {
    if (vocabulary.length === 0) throw new Error("empty vocabulary");
    this.rng = seededRng(seed);
    this.nextRank = zipfSampler(vocabulary.length, ZIPF_EXPONENT, this.rng);
  }

  text(): string {
    const length = MIN_WORDS + Math.floor(this.rng() * (MAX_WORDS - MIN_WORDS + 1));
    const out = new Array<string>(length);
    for (let i = 0; i < length; i++) out[i] = this.vocabulary[this.nextRank()];
    return out.join(" ");
  }

  texts(n: number): string[] {
    return Array.from({ length: n }, () => this.text());
  }

  /** A short question-like query taken from `text`. */
  queryFrom(text: string, length = 6): string {
    return wordWindow(text, length, this.rng);
  }
}

/** `length` consecutive words of `text` from a random position: a stand-in for a question about it. */
export function wordWindow(text: string, length: number, rng: Rng): string {
  const all = text.split(/\s+/).filter(Boolean);
  const start = Math.floor(rng() * Math.max(1, all.length - length));
  return all.slice(start, start + length).join(" ");
}
