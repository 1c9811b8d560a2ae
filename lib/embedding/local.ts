import { Embeddings } from "@langchain/core/embeddings";
import { stem, isStopword, words } from "../text";

/**
 * A model-free, deterministic embedder: TF-IDF weighted word, word-bigram and
 * character n-gram features, hashed into a fixed number of dimensions with a
 * random sign (the "hashing trick"), then L2-normalised.
 *
 * It is lexical, not neural: it matches shared words and word pieces
 * ("negotiation" ~ "negotiations"), not meaning. Document frequencies are fitted
 * on the corpus at ingest and stored with the index (see `LocalEmbedderStats`).
 */

export const LOCAL_EMBEDDER_ID = "local-tfidf-hash-v1";
export const LOCAL_DIMENSIONS = 1024;

/** Size of the feature-hash space whose document frequencies are kept. */
const FEATURE_SPACE_BITS = 22;
const FEATURE_MASK = (1 << FEATURE_SPACE_BITS) - 1;

// Relative weights of the three feature families (after TF-IDF, before normalising).
const WORD_WEIGHT = 1.0;
const BIGRAM_WEIGHT = 0.6;
const CHAR_WEIGHT = 0.25;

export interface LocalEmbedderStats {
  /** Number of texts the statistics were fitted on. */
  documents: number;
  /** Document frequency per hashed feature (sparse). */
  documentFrequency: Map<number, number>;
}

/** FNV-1a over a string slice: fast, stable across runs and platforms. */
function fnv1a(text: string, start = 0, end = text.length, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const WORD_SEED = 0x811c9dc5;
const BIGRAM_SEED = 0x2f6b1a3d;
const CHAR_SEED = 0x5bd1e995;

/** Hashed feature counts of one text, keyed by feature hash, tagged with their family weight. */
function extractFeatures(text: string): Map<number, { count: number; weight: number }> {
  const features = new Map<number, { count: number; weight: number }>();
  const add = (hash: number, weight: number) => {
    const entry = features.get(hash);
    if (entry) entry.count++;
    else features.set(hash, { count: 1, weight });
  };
  let previous: string | null = null;
  for (const word of words(text)) {
    if (isStopword(word) || (word.length < 2 && !/\d/.test(word))) {
      previous = null;
      continue;
    }
    const stemmed = stem(word);
    add(fnv1a(stemmed, 0, stemmed.length, WORD_SEED), WORD_WEIGHT);
    if (previous) add(fnv1a(`${previous} ${stemmed}`, 0, undefined, BIGRAM_SEED), BIGRAM_WEIGHT);
    previous = stemmed;
    // Character 3- to 5-grams of the marked word ("<word>") catch inflections and compounds.
    const marked = `<${word}>`;
    for (let i = 0; i + 3 <= marked.length; i++) {
      for (let n = 3; n <= 5 && i + n <= marked.length; n++) {
        add(fnv1a(marked, i, i + n, CHAR_SEED), CHAR_WEIGHT);
      }
    }
  }
  return features;
}

export function fitLocalStats(texts: Iterable<string>): LocalEmbedderStats {
  const documentFrequency = new Map<number, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const hash of extractFeatures(text).keys()) {
      const key = hash & FEATURE_MASK;
      documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
    }
  }
  return { documents, documentFrequency };
}

/** Binary form: [documents, count, (key, df)*] as little-endian uint32. */
export function serializeLocalStats(stats: LocalEmbedderStats): Buffer {
  const array = new Uint32Array(2 + stats.documentFrequency.size * 2);
  array[0] = stats.documents;
  array[1] = stats.documentFrequency.size;
  let i = 2;
  for (const [key, df] of stats.documentFrequency) {
    array[i++] = key;
    array[i++] = df;
  }
  return Buffer.from(array.buffer);
}

export function deserializeLocalStats(buffer: Buffer): LocalEmbedderStats {
  if (buffer.byteLength < 8 || buffer.byteLength % 4 !== 0) throw new Error("embedder statistics file is truncated");
  const array = new Uint32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  const size = array[1];
  if (array.length !== 2 + size * 2) throw new Error("embedder statistics file is truncated");
  const documentFrequency = new Map<number, number>();
  for (let i = 0; i < size; i++) documentFrequency.set(array[2 + 2 * i], array[3 + 2 * i]);
  return { documents: array[0], documentFrequency };
}

export class LocalEmbeddings extends Embeddings {
  readonly id = LOCAL_EMBEDDER_ID;
  readonly dimensions = LOCAL_DIMENSIONS;
  private readonly stats: LocalEmbedderStats;

  constructor(stats: LocalEmbedderStats) {
    super({});
    this.stats = stats;
  }

  private idf(hash: number): number {
    const df = this.stats.documentFrequency.get(hash & FEATURE_MASK) ?? 0;
    return Math.log((this.stats.documents + 1) / (df + 1)) + 1;
  }

  embedText(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    for (const [hash, { count, weight }] of extractFeatures(text)) {
      const value = weight * (1 + Math.log(count)) * this.idf(hash);
      // Low bits pick the dimension, a high bit the sign, so collisions cancel on average.
      const dimension = hash % this.dimensions;
      vector[dimension] += hash & 0x80000000 ? -value : value;
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => v / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedText(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
