import { BaseRetriever } from "@langchain/core/retrievers";
import { Document } from "@langchain/core/documents";
import { BM25Index } from "./bm25";
import type { LoadedIndex } from "./index-store";
import { terms } from "./text";
import type { ChunkMetadata, LineRange } from "./types";

export type RetrieverMode = "hybrid" | "dense" | "bm25";

/** A retrieved span of one file: neighbouring or overlapping chunks merged into one. */
export interface Passage {
  source: string;
  lines: LineRange;
  page?: number;
  text: string;
  /** Fused relevance (reciprocal rank fusion), higher is better. */
  score: number;
  /** Share of the question's informative terms found in this passage (0–1). */
  coverage: number;
  chunkIds: string[];
}

export interface RetrievalResult {
  passages: Passage[];
  /** Whether the best passage is relevant enough to answer from. */
  found: boolean;
  queryTerms: WeightedTerm[];
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface RetrieverSettings {
  mode: RetrieverMode;
  /** Passages handed to the answerer. */
  topK: number;
  /** hnswlib's search breadth; LangChain leaves it at 10, which loses recall. */
  ef: number;
  minCoverage: number;
}

/** Candidates taken from each ranked list before fusion. */
const CANDIDATES = 24;
/** The usual RRF constant: damps the influence of top ranks. */
const RRF_K = 60;

/**
 * Hybrid dense + BM25 retrieval over one loaded index, fused with reciprocal
 * rank fusion. Exposed to LangChain as a `BaseRetriever`.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["cited-rag", "retrievers"];
  private readonly bm25: BM25Index;

  constructor(
    private readonly index: LoadedIndex,
    private readonly settings: RetrieverSettings,
  ) {
    super();
    this.bm25 = new BM25Index(index.chunks.map((chunk) => chunk.pageContent));
    index.store.index.setEf(Math.max(settings.ef, CANDIDATES));
  }

  async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { passages } = await this.retrieve(query);
    return passages.map(
      (passage) =>
        new Document({
          pageContent: passage.text,
          metadata: { source: passage.source, lines: passage.lines, page: passage.page, score: passage.score },
        }),
    );
  }

  async retrieve(query: string): Promise<RetrievalResult> {
    const queryTerms = this.weightedTerms(query);
    const ranked = await this.rankChunks(query);
    const top = ranked.slice(0, this.settings.topK + 4);
    const passages = mergeNeighbours(top.map(({ label, score }) => ({ chunk: this.index.chunks[label], score })))
      .slice(0, this.settings.topK)
      .map((passage) => ({ ...passage, coverage: coverage(passage.text, queryTerms) }));
    const best = Math.max(0, ...passages.map((p) => p.coverage));
    return { passages, found: queryTerms.length > 0 && best >= this.settings.minCoverage, queryTerms };
  }

  /** Chunk labels ranked by the configured mode, best first. */
  async rankChunks(query: string): Promise<{ label: number; score: number }[]> {
    const lists: number[][] = [];
    if (this.settings.mode !== "bm25") {
      const vector = await this.index.embeddings.embedQuery(query);
      const k = Math.min(CANDIDATES, this.index.chunks.length);
      const { neighbors } = this.index.store.index.searchKnn(vector, k);
      lists.push(neighbors);
    }
    if (this.settings.mode !== "dense") {
      lists.push(this.bm25.search(query, CANDIDATES).map(([label]) => label));
    }
    return reciprocalRankFusion(lists);
  }

  /** The question's distinct content terms, weighted by how rare they are in the corpus. */
  weightedTerms(query: string): WeightedTerm[] {
    return [...new Set(terms(query))].map((term) => ({ term, weight: this.termWeight(term) }));
  }

  private termWeight(term: string): number {
    // Words the corpus never uses count as moderately informative: rare enough to
    // matter, but not so heavy that one unknown word vetoes every paraphrase.
    return this.bm25.has(term) ? this.bm25.idf(term) : Math.log(1 + this.bm25.size);
  }
}

export function reciprocalRankFusion(lists: number[][]): { label: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((label, rank) => scores.set(label, (scores.get(label) ?? 0) + 1 / (RRF_K + rank + 1)));
  }
  return [...scores].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score || a.label - b.label);
}

/** Share of the weighted query terms that occur in `text`. */
export function coverage(text: string, queryTerms: WeightedTerm[]): number {
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  const present = new Set(terms(text));
  return queryTerms.reduce((sum, t) => sum + (present.has(t.term) ? t.weight : 0), 0) / total;
}

/**
 * Merges chunks of the same file (and page) that overlap or touch into one passage,
 * keeping the rank of the best of them.
 */
export function mergeNeighbours(ranked: { chunk: Document<ChunkMetadata>; score: number }[]): Omit<Passage, "coverage">[] {
  const groups: { chunks: Document<ChunkMetadata>[]; score: number }[] = [];
  for (const { chunk, score } of ranked) {
    const meta = chunk.metadata;
    const group = groups.find((g) =>
      g.chunks.some(
        (other) =>
          other.metadata.source === meta.source &&
          other.metadata.page === meta.page &&
          (Math.abs(other.metadata.chunkIndex - meta.chunkIndex) === 1 ||
            (other.metadata.lines.from <= meta.lines.to + 1 && meta.lines.from <= other.metadata.lines.to + 1)),
      ),
    );
    if (group) group.chunks.push(chunk);
    else groups.push({ chunks: [chunk], score });
  }
  return groups.map(({ chunks, score }) => {
    const ordered = [...chunks].sort((a, b) => a.metadata.chunkIndex - b.metadata.chunkIndex);
    const first = ordered[0].metadata;
    return {
      source: first.source,
      page: first.page,
      lines: {
        from: Math.min(...ordered.map((c) => c.metadata.lines.from)),
        to: Math.max(...ordered.map((c) => c.metadata.lines.to)),
      },
      text: ordered.map((c) => c.pageContent).reduce(joinOverlapping),
      score,
      chunkIds: ordered.map((c) => c.metadata.id),
    };
  });
}

/** Joins two consecutive chunks, dropping the text the splitter repeated as overlap. */
export function joinOverlapping(left: string, right: string): string {
  const maxOverlap = Math.min(left.length, right.length);
  for (let size = maxOverlap; size >= 20; size--) {
    if (left.endsWith(right.slice(0, size))) return left + right.slice(size);
  }
  return `${left}\n${right}`;
}
