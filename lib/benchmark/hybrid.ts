import type { Document } from "@langchain/core/documents";
import type { BM25Index } from "../bm25";
import type { Config } from "../config";
import type { LoadedIndex } from "../index-store";
import { HybridRetriever, reciprocalRankFusion } from "../retrieval";
import { terms } from "../text";
import type { ChunkMetadata } from "../types";
import { jsMemory } from "./memory";
import type { Table } from "./report";
import { buildOurIndex, type SizeContext } from "./search";
import { bytes, ms, percent, seconds, sizeLabel, summarize, type LatencySummary } from "./stats";
import { PrecomputedEmbeddings } from "./timing";
import { SyntheticTexts } from "./texts";

/** Candidates per ranked list; mirrors CANDIDATES in lib/retrieval.ts. */
const CANDIDATES = 24;
const WARMUP = 20;
const REFERENCE_QUERIES = 200;

export interface HybridSizeResult {
  size: number;
  dim: number;
  textsMs: number;
  bm25BuildMs: number;
  bm25BytesPerChunk: number;
  dense: LatencySummary;
  hybrid: LatencySummary;
  bm25: LatencySummary;
  addedP50: number;
  addedP95: number;
  queries: number;
  /** The exhaustive reference BM25 on the same questions: identical results? and its latency. */
  reference?: { identical: number; checked: number; latency: LatencySummary };
}

/**
 * Dense-only vs hybrid (dense + BM25 + reciprocal rank fusion) ranking at one size.
 * Hybrid is the real `HybridRetriever.rankChunks`; dense-only is its dense branch
 * alone (embed the query, top-24 from HNSW, fuse one list). Both share one HNSW index
 * and one precomputed query vector each, and are timed alternately per query so
 * drift on a noisy machine hits both equally.
 */
export async function runHybridSize(ctx: SizeContext, vocabulary: readonly string[], config: Config): Promise<HybridSizeResult> {
  const ours = buildOurIndex(ctx);
  ctx.log(`  synthetic texts for ${sizeLabel(ctx.size)} chunks…`);
  const generator = new SyntheticTexts(vocabulary);
  const t0 = performance.now();
  const texts = generator.texts(ctx.size);
  const textsMs = performance.now() - t0;

  const embeddings = new PrecomputedEmbeddings();
  const queries = ctx.queryArrays.map((vector, q) => {
    const text = generator.queryFrom(texts[ctx.queries.origins[q]]);
    embeddings.set(text, vector);
    return text;
  });
  const chunks = texts.map((pageContent) => ({ pageContent }) as Document<ChunkMetadata>);
  const index = { store: { index: ours.index }, embeddings, chunks } as unknown as LoadedIndex;

  ctx.log(`  BM25 index over ${sizeLabel(ctx.size)} chunks…`);
  const before = jsMemory();
  const t1 = performance.now();
  const retriever = new HybridRetriever(index, { mode: "hybrid", topK: config.topK, ef: config.hnswEf, minCoverage: config.minCoverage });
  const bm25BuildMs = performance.now() - t1;
  const bm25BytesPerChunk = (jsMemory() - before) / ctx.size;
  // The retriever keeps its BM25 index private; reach in only to time BM25 on its own.
  const bm25 = (retriever as unknown as { bm25: BM25Index }).bm25;

  const denseOnly = async (query: string) => {
    const vector = await embeddings.embedQuery(query);
    const { neighbors } = ours.index.searchKnn(vector, Math.min(CANDIDATES, ctx.size));
    return reciprocalRankFusion([neighbors]);
  };
  const hybrid = (query: string) => retriever.rankChunks(query);
  const bm25Only = (query: string) => bm25.search(query, CANDIDATES);

  const samples = { dense: [] as number[], hybrid: [] as number[], bm25: [] as number[] };
  const time = async (bucket: number[] | null, run: () => unknown) => {
    const start = performance.now();
    await run();
    bucket?.push(performance.now() - start);
  };
  for (let q = 0; q < queries.length + WARMUP; q++) {
    const query = queries[q % queries.length];
    const keep = q >= WARMUP;
    // Alternate the order so neither path always runs with the other's warm caches.
    const order = q % 2 === 0 ? (["dense", "hybrid"] as const) : (["hybrid", "dense"] as const);
    for (const which of order) {
      await time(keep ? samples[which] : null, () => (which === "dense" ? denseOnly(query) : hybrid(query)));
    }
    await time(keep ? samples.bm25 : null, () => bm25Only(query));
  }
  const dense = summarize(samples.dense);
  const hybridSummary = summarize(samples.hybrid);
  const reference = compareWithReference(queries.slice(0, REFERENCE_QUERIES), bm25);
  return {
    size: ctx.size,
    dim: ctx.dim,
    textsMs,
    bm25BuildMs,
    bm25BytesPerChunk,
    dense,
    hybrid: hybridSummary,
    bm25: summarize(samples.bm25),
    addedP50: hybridSummary.p50 / dense.p50 - 1,
    addedP95: hybridSummary.p95 / dense.p95 - 1,
    queries: queries.length,
    reference,
  };
}

/** Shows the pruned BM25 search returns what scoring every posting returns, and how long that takes. */
function compareWithReference(queries: string[], bm25: BM25Index): HybridSizeResult["reference"] {
  let identical = 0;
  const samples: number[] = [];
  for (const query of queries) {
    const queryTerms = [...new Set(terms(query))].map((term) => ({ term, weight: 1 }));
    const t0 = performance.now();
    const expected = bm25.searchExhaustive(queryTerms, CANDIDATES);
    samples.push(performance.now() - t0);
    if (JSON.stringify(bm25.searchTerms(queryTerms, CANDIDATES)) === JSON.stringify(expected)) identical++;
  }
  return { identical, checked: queries.length, latency: summarize(samples) };
}

export function hybridTable(results: HybridSizeResult[]): Table {
  return {
    title: "Hybrid retrieval cost: ranking one question (top-24 per list, RRF), ms",
    headers: [
      "chunks",
      "dims",
      "dense p50",
      "dense p95",
      "hybrid p50",
      "hybrid p95",
      "added p50",
      "added p95",
      "BM25 alone p50",
      "BM25 alone p95",
      "BM25 build",
      "BM25 memory/chunk",
      "queries",
      "exhaustive BM25 p50 / p95",
      "same results",
    ],
    rows: results.map((r) => [
      sizeLabel(r.size),
      String(r.dim),
      ms(r.dense.p50),
      ms(r.dense.p95),
      ms(r.hybrid.p50),
      ms(r.hybrid.p95),
      percent(r.addedP50),
      percent(r.addedP95),
      ms(r.bm25.p50),
      ms(r.bm25.p95),
      seconds(r.bm25BuildMs),
      bytes(r.bm25BytesPerChunk),
      String(r.queries),
      r.reference ? `${ms(r.reference.latency.p50)} / ${ms(r.reference.latency.p95)}` : "–",
      r.reference ? `${r.reference.identical}/${r.reference.checked}` : "–",
    ]),
  };
}
