import { terms } from "../text";

/**
 * Exhaustive BM25, as lib/bm25.ts searched before it pruned: every posting of every
 * query term is scored, with the same per-posting impacts (float32) and float32
 * accumulation. The bench and tests compare `BM25Index` against it to show the
 * pruned search returns identical results.
 */
export class ReferenceBM25Index {
  private readonly vocabulary = new Map<string, number>();
  private postingsDocs: Int32Array[] = [];
  private postingsImpacts: Float32Array[] = [];
  private readonly docLengths: Float32Array;
  private readonly averageLength: number;
  /** Reused score accumulator; search is synchronous, so one per index is safe. */
  private readonly scratch: Float32Array;

  constructor(
    texts: readonly string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    const docs: number[][] = [];
    const freqs: number[][] = [];
    this.docLengths = new Float32Array(texts.length);
    texts.forEach((text, doc) => {
      const counts = new Map<number, number>();
      const docTerms = terms(text);
      this.docLengths[doc] = docTerms.length;
      for (const term of docTerms) {
        let id = this.vocabulary.get(term);
        if (id === undefined) {
          id = this.vocabulary.size;
          this.vocabulary.set(term, id);
          docs.push([]);
          freqs.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, count] of counts) {
        docs[id].push(doc);
        freqs[id].push(count);
      }
    });
    this.postingsDocs = docs.map((list) => Int32Array.from(list));
    this.averageLength = texts.length ? this.docLengths.reduce((a, b) => a + b, 0) / texts.length || 1 : 1;
    this.postingsImpacts = docs.map((list, id) =>
      Float32Array.from(list, (doc, i) => {
        const tf = freqs[id][i];
        const norm = this.k1 * (1 - this.b + (this.b * this.docLengths[doc]) / this.averageLength);
        return (tf * (this.k1 + 1)) / (tf + norm);
      }),
    );
    this.scratch = new Float32Array(texts.length);
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Inverse document frequency of a stemmed term; unseen terms get the rarest possible value. */
  idf(term: string): number {
    const id = this.vocabulary.get(term);
    const df = id === undefined ? 0 : this.postingsDocs[id].length;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.vocabulary.has(term);
  }

  /** Top `k` documents for `query` as [docIndex, score], best first. */
  search(query: string, k: number): [number, number][] {
    return this.searchTerms([...new Set(terms(query))].map((term) => ({ term, weight: 1 })), k);
  }

  /** Like `search`, for already-stemmed terms with a weight each (expansions count less). */
  searchTerms(queryTerms: { term: string; weight: number }[], k: number): [number, number][] {
    const touched: number[] = [];
    const scores = this.scratch;
    for (const { term, weight } of queryTerms) {
      const id = this.vocabulary.get(term);
      if (id === undefined) continue;
      const idf = this.idf(term) * weight;
      const docs = this.postingsDocs[id];
      const impacts = this.postingsImpacts[id];
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += idf * impacts[i];
      }
    }
    const top = topK(touched, scores, k);
    for (const doc of touched) scores[doc] = 0;
    return top;
  }
}

/** Selects the k best of `candidates` by `scores` with a small min-heap: O(n log k), no full sort. */
function topK(candidates: number[], scores: Float32Array, k: number): [number, number][] {
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < heap.length && less(heap[l], heap[smallest])) smallest = l;
      if (r < heap.length && less(heap[r], heap[smallest])) smallest = r;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  };
  for (const doc of candidates) {
    if (heap.length < k) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (less(heap[0], doc)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : -1)).map((doc) => [doc, scores[doc]]);
}
