import { terms } from "./text";

/**
 * An Okapi BM25 index built once over the chunks of a build (never per query),
 * stored as flat typed arrays so 100k+ chunks stay cheap to search and hold.
 */
export class BM25Index {
  private readonly vocabulary = new Map<string, number>();
  private postingsDocs: Int32Array[] = [];
  /** Per posting, tf·(k1+1)/(tf + k1·(1 − b + b·length/average)): a score is Σ idf × impact. */
  private postingsImpacts: Float32Array[] = [];
  private readonly docLengths: Float32Array;
  private readonly averageLength: number;
  /** Reused score accumulator; search is synchronous, so one per index is safe. */
  private readonly scratch: Float32Array;
  /** Per term, its largest impact: bounds what the term can add to a score. */
  private readonly maxImpact: Float64Array;
  /** Reused float64 partial scores and the documents they touched (pruned search). */
  private readonly partial: Float64Array;
  private readonly touched: Int32Array;
  private readonly candidates: Int32Array;

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
    this.averageLength = texts.length ? this.docLengths.reduce((a, b) => a + b, 0) / texts.length || 1 : 1;
    this.scratch = new Float32Array(texts.length);
    // Everything but idf is fixed per posting once lengths are known: precomputing it keeps the
    // search loop to one multiply-add and no random reads beyond the score itself.
    this.postingsDocs = docs.map((list) => Int32Array.from(list));
    this.maxImpact = new Float64Array(docs.length);
    this.postingsImpacts = docs.map((list, id) => {
      const impacts = new Float32Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const tf = freqs[id][i];
        const norm = this.k1 * (1 - this.b + (this.b * this.docLengths[list[i]]) / this.averageLength);
        impacts[i] = (tf * (this.k1 + 1)) / (tf + norm);
        this.maxImpact[id] = Math.max(this.maxImpact[id], impacts[i]);
      }
      return impacts;
    });
    this.partial = new Float64Array(texts.length);
    this.touched = new Int32Array(texts.length);
    this.candidates = new Int32Array(texts.length);
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

  /** Every distinct term of the indexed texts. */
  terms(): Set<string> {
    return new Set(this.vocabulary.keys());
  }

  /** Top `k` documents for `query` as [docIndex, score], best first. */
  search(query: string, k: number): [number, number][] {
    return this.searchTerms([...new Set(terms(query))].map((term) => ({ term, weight: 1 })), k);
  }

  /** Like `search`, for already-stemmed terms with a weight each (expansions count less). */
  searchTerms(queryTerms: { term: string; weight: number }[], k: number): [number, number][] {
    if (k <= 0) return [];
    const entries = this.entries(queryTerms);
    // Pruning needs every term to add a positive amount; anything else takes the plain path.
    const positive = entries.every((entry) => entry.idf > 0 && Number.isFinite(entry.idf));
    return positive ? this.searchPruned(entries, k) : this.scoreAll(entries, k);
  }

  /** `searchTerms` without pruning: every posting scored. The reference the bench and tests hold the pruned search to. */
  searchExhaustive(queryTerms: { term: string; weight: number }[], k: number): [number, number][] {
    return k <= 0 ? [] : this.scoreAll(this.entries(queryTerms), k);
  }

  private entries(queryTerms: { term: string; weight: number }[]): QueryEntry[] {
    const entries: QueryEntry[] = [];
    for (const { term, weight } of queryTerms) {
      const id = this.vocabulary.get(term);
      if (id !== undefined) entries.push({ id, idf: this.idf(term) * weight });
    }
    return entries;
  }

  /** Scores every posting of every term into the float32 accumulator, in query order. */
  private scoreAll(entries: QueryEntry[], k: number): [number, number][] {
    const touched: number[] = [];
    const scores = this.scratch;
    for (const { id, idf } of entries) {
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

  /**
   * Same results as `scoreAll`, without walking the long posting lists of
   * frequent terms (MaxScore-style pruning). Terms are scanned rarest-bound first into
   * float64 partial scores; once no unseen document can reach the current k-th best
   * (the remaining terms' upper bounds sum below it), the remaining terms are only
   * looked up for the documents that still can. The documents that can make the top k
   * then get their exact float32 score, summed in query order as `scoreAll`
   * does, so scores and tie order are identical. Bounds carry a relative slack far
   * larger than float32 rounding.
   */
  private searchPruned(entries: QueryEntry[], k: number): [number, number][] {
    const bounds = entries.map(({ id, idf }) => idf * this.maxImpact[id] * (1 + PRUNE_SLACK));
    const order = entries.map((_, i) => i).sort((a, b) => bounds[b] - bounds[a]);
    const rest = new Float64Array(order.length + 1);
    for (let i = order.length - 1; i >= 0; i--) rest[i] = rest[i + 1] + bounds[order[i]];

    const { partial, touched } = this;
    let count = 0;
    let next = 0;
    let candidates: Int32Array | null = null;
    while (next < order.length) {
      const { id, idf } = entries[order[next++]];
      const docs = this.postingsDocs[id];
      const impacts = this.postingsImpacts[id];
      // The hot loop: plain locals; partial scores only steer pruning, exact scores come later.
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (partial[doc] === 0) touched[count++] = doc;
        partial[doc] += idf * impacts[i];
      }
      // No document can score above what the scanned terms can add: skip the k-th-best pass until pruning is possible.
      if (count < k || next === order.length || rest[next] >= rest[0] - rest[next]) continue;
      const floor = kthLargest(partial, touched, count, k) * (1 - PRUNE_SLACK);
      if (rest[next] < floor) {
        candidates = keepReachable(partial, touched, count, rest[next], floor, this.candidates).sort();
        break;
      }
    }
    while (candidates && next < order.length) {
      this.addToCandidates(entries[order[next++]], candidates);
      // More of each candidate's score is known now: drop those that can no longer reach the k-th best.
      if (candidates.length > k) {
        const floor = kthLargest(partial, candidates, candidates.length, k) * (1 - PRUNE_SLACK);
        candidates = keepReachable(partial, candidates, candidates.length, rest[next], floor, candidates);
      }
    }

    const pool = candidates ?? touched.subarray(0, count);
    const bar = pool.length > k ? kthLargest(partial, pool, pool.length, k) * (1 - 4 * PRUNE_SLACK) : -Infinity;
    const finalists: number[] = [];
    for (const doc of pool) if (partial[doc] >= bar) finalists.push(doc);
    const scores = this.scratch;
    for (const doc of finalists) scores[doc] = this.exactScore(entries, doc);
    const top = topK(finalists, scores, k);
    for (const doc of finalists) scores[doc] = 0;
    for (let i = 0; i < count; i++) partial[touched[i]] = 0;
    return top;
  }

  /** Adds one term's contribution to the (ascending) candidate documents, galloping through its posting list. */
  private addToCandidates({ id, idf }: QueryEntry, candidates: Int32Array): void {
    const docs = this.postingsDocs[id];
    const impacts = this.postingsImpacts[id];
    let from = 0;
    for (const doc of candidates) {
      from = gallop(docs, doc, from);
      if (from === docs.length) return;
      if (docs[from] === doc) this.partial[doc] += idf * impacts[from];
    }
  }

  /** The float32 score `scoreAll` would accumulate for `doc`, term by term in query order. */
  private exactScore(entries: QueryEntry[], doc: number): number {
    let score = 0;
    for (const { id, idf } of entries) {
      const at = findPosting(this.postingsDocs[id], doc);
      if (at >= 0) score = Math.fround(score + idf * this.postingsImpacts[id][at]);
    }
    return score;
  }
}

interface QueryEntry {
  id: number;
  /** idf × the term's weight. */
  idf: number;
}

/** Relative slack on score bounds: float32 accumulation is off by < 1e-5 relative, so nothing that can rank is pruned. */
const PRUNE_SLACK = 1e-4;

/**
 * The documents among the first `count` of `docs` that can still reach `floor` when
 * the remaining terms add at most `remaining`, copied in order into `out` (which may be `docs`).
 */
function keepReachable(partial: Float64Array, docs: Int32Array, count: number, remaining: number, floor: number, out: Int32Array): Int32Array {
  let kept = 0;
  for (let i = 0; i < count; i++) {
    const doc = docs[i];
    if (partial[doc] * (1 + PRUNE_SLACK) + remaining >= floor) out[kept++] = doc;
  }
  return out.subarray(0, kept);
}

/** First index ≥ `from` whose doc is ≥ `doc` in an ascending list (exponential, then binary search). */
function gallop(docs: Int32Array, doc: number, from: number): number {
  let step = 1;
  let hi = from;
  while (hi < docs.length && docs[hi] < doc) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, docs.length);
  while (from < hi) {
    const mid = (from + hi) >> 1;
    if (docs[mid] < doc) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/** Index of `doc` in an ascending posting list, or -1. */
function findPosting(docs: Int32Array, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = docs[mid];
    if (value === doc) return mid;
    if (value < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The k-th largest of `values[docs[i]]` for i < count (k ≤ count), with a size-k min-heap. */
function kthLargest(values: Float64Array, docs: Int32Array, count: number, k: number): number {
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < count; i++) {
    const value = values[docs[i]];
    if (size < k) {
      let at = size++;
      while (at > 0 && heap[(at - 1) >> 1] > value) {
        heap[at] = heap[(at - 1) >> 1];
        at = (at - 1) >> 1;
      }
      heap[at] = value;
    } else if (value > heap[0]) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= k) break;
        const child = left + 1 < k && heap[left + 1] < heap[left] ? left + 1 : left;
        if (heap[child] >= value) break;
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = value;
    }
  }
  return heap[0];
}

/** Selects the k best of `candidates` by `scores` with a small min-heap: O(n log k), no full sort. */
function topK(candidates: Iterable<number>, scores: Float32Array, k: number): [number, number][] {
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
