import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { VectorStore } from "@langchain/core/vectorstores";
import hnswlib, { type HierarchicalNSW } from "hnswlib-node";
import { HNSW_EF_CONSTRUCTION, HNSW_M } from "../indexing";
import { bruteForceBytesPerElement, hnswBytesPerElement, jsMemory, memorySnapshot, retainedBytes, settledRss } from "./memory";
import { bytes, count, fixed, ms, seconds, sizeLabel, summarize, type LatencySummary } from "./stats";
import { PrecomputedEmbeddings, qps, timeEach } from "./timing";
import { generateDataset, generateQueries, recall, rowArray, type Dataset, type QuerySet } from "./vectors";
import type { Table } from "./report";

/** Everything one size of the search and hybrid sections shares: data, queries, ground truth, our index. */
export interface SizeContext {
  size: number;
  dim: number;
  dataset: Dataset;
  queries: QuerySet;
  /** Queries as the plain arrays hnswlib-node and LangChain take. */
  queryArrays: number[][];
  ours?: BuiltIndex;
  log: (line: string) => void;
}

export interface BuiltIndex {
  index: HierarchicalNSW;
  buildMs: number;
  bytesPerChunk: number;
  /** Cross-check: RSS growth per chunk over the build (allocator reuse can hide memory from it). */
  rssBytesPerChunk: number;
}

export interface SearchSettings {
  /** Timed queries per engine (latency, QPS). */
  queries: number;
  /** Queries with exact ground truth (recall). */
  truthQueries: number;
  efValues: number[];
  /** `RAG_HNSW_EF` as configured by default. */
  configuredEf: number;
  /** Largest size at which LangChain's MemoryVectorStore is still run. */
  memoryStoreMax: number;
  k: number;
}

export interface EngineResult {
  engine: string;
  params: string;
  buildMs: number;
  /** hnswlib's native allocation (from its layout) + measured JS heap and buffers, per chunk. */
  bytesPerChunk: number;
  latency: LatencySummary;
  qps: number;
  recall: number;
  queries: number;
}

export interface EfRow {
  ef: number;
  recall: number;
  latency: LatencySummary;
  qps: number;
}

export interface SearchSizeResult {
  size: number;
  dim: number;
  clusters: number;
  oursRssBytesPerChunk: number;
  engines: EngineResult[];
  efSweep: EfRow[];
  notes: string[];
}

export function createSizeContext(size: number, dim: number, queryCount: number, log: (line: string) => void): SizeContext {
  const dataset = generateDataset(size, dim);
  const queries = generateQueries(dataset, queryCount);
  const queryArrays = Array.from({ length: queryCount }, (_, q) => rowArray(queries.vectors, dim, q));
  return { size, dim, dataset, queries, queryArrays, log };
}

/** Inserts `total` rows one by one, logging progress about every 10% on long builds. */
function insertAll(total: number, insert: (row: number) => void, label: string, log: (line: string) => void): number {
  const started = performance.now();
  const step = Math.max(1, Math.round(total / 10));
  for (let row = 0; row < total; row++) {
    insert(row);
    if (total >= 100_000 && row % step === step - 1) {
      log(`    ${label}: ${sizeLabel(row + 1)}/${sizeLabel(total)} inserted (${seconds(performance.now() - started)})`);
    }
  }
  return performance.now() - started;
}

/** Our index exactly as `lib/indexing.ts` builds it: cosine, M=HNSW_M, efConstruction=HNSW_EF_CONSTRUCTION, seed 100. */
export function buildOurIndex(ctx: SizeContext): BuiltIndex {
  if (ctx.ours) return ctx.ours;
  const { dataset } = ctx;
  const before = memorySnapshot();
  const js = jsMemory();
  const index = new hnswlib.HierarchicalNSW("cosine", dataset.dim);
  index.initIndex(dataset.n, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
  const buildMs = insertAll(dataset.n, (row) => index.addPoint(rowArray(dataset.data, dataset.dim, row), row), "our index", ctx.log);
  ctx.ours = {
    index,
    buildMs,
    bytesPerChunk: hnswBytesPerElement(dataset.dim, HNSW_M) + (jsMemory() - js) / dataset.n,
    rssBytesPerChunk: retainedBytes(before) / dataset.n,
  };
  return ctx.ours;
}

/** Exact top-k of the first `count` queries with hnswlib's brute-force index (C++, SIMD): the recall reference. */
async function groundTruth(ctx: SizeContext, settings: SearchSettings): Promise<{ truth: number[][]; engine: EngineResult }> {
  const { dataset } = ctx;
  const js = jsMemory();
  let exact: hnswlib.BruteforceSearch | null = new hnswlib.BruteforceSearch("cosine", dataset.dim);
  exact.initIndex(dataset.n);
  const buildMs = insertAll(dataset.n, (row) => exact!.addPoint(rowArray(dataset.data, dataset.dim, row), row), "brute force", ctx.log);
  const bytesPerChunk = bruteForceBytesPerElement(dataset.dim) + (jsMemory() - js) / dataset.n;
  const inputs = ctx.queryArrays.slice(0, settings.truthQueries);
  const run = await timeEach(inputs, (query) => exact!.searchKnn(query, settings.k).neighbors, 3);
  exact = null;
  return {
    truth: run.results,
    engine: {
      engine: "exact brute force (hnswlib BruteforceSearch, C++)",
      params: "exact",
      buildMs,
      bytesPerChunk,
      latency: summarize(run.samples),
      qps: qps(run),
      recall: 1,
      queries: inputs.length,
    },
  };
}

function meanRecall(results: ArrayLike<number>[], truth: number[][]): number {
  const scored = Math.min(results.length, truth.length);
  let total = 0;
  for (let q = 0; q < scored; q++) total += recall(results[q], truth[q]);
  return scored ? total / scored : NaN;
}

/** Our index at every ef of the sweep; the configured ef is the headline row. */
async function measureOurs(ctx: SizeContext, truth: number[][], settings: SearchSettings): Promise<{ engine: EngineResult; sweep: EfRow[] }> {
  const built = buildOurIndex(ctx);
  const efs = [...new Set([...settings.efValues, settings.configuredEf])].sort((a, b) => a - b);
  const sweep: EfRow[] = [];
  for (const ef of efs) {
    built.index.setEf(ef);
    const run = await timeEach(ctx.queryArrays, (query) => built.index.searchKnn(query, settings.k).neighbors);
    sweep.push({ ef, recall: meanRecall(run.results, truth), latency: summarize(run.samples), qps: qps(run) });
  }
  built.index.setEf(settings.configuredEf);
  const headline = sweep.find((row) => row.ef === settings.configuredEf)!;
  return {
    sweep,
    engine: {
      engine: "ours: hnswlib-node as lib/indexing.ts builds it",
      params: `M=${HNSW_M}, efC=${HNSW_EF_CONSTRUCTION}, ef=${settings.configuredEf}`,
      buildMs: built.buildMs,
      bytesPerChunk: built.bytesPerChunk,
      latency: headline.latency,
      qps: headline.qps,
      recall: headline.recall,
      queries: ctx.queryArrays.length,
    },
  };
}

/** A LangChain vector store searched through its public API; labels come back through document metadata. */
async function measureStore(
  store: VectorStore,
  queries: number[][],
  truth: number[][],
  k: number,
): Promise<{ latency: LatencySummary; qps: number; recall: number }> {
  const run = await timeEach(queries, async (query) =>
    (await store.similaritySearchVectorWithScore(query, k)).map(([doc]) => (doc.metadata as { row: number }).row),
  );
  return { latency: summarize(run.samples), qps: qps(run), recall: meanRecall(run.results, truth) };
}

function rowDocuments(n: number): Document[] {
  return Array.from({ length: n }, (_, row) => new Document({ pageContent: "", metadata: { row } }));
}

function allRows(dataset: Dataset): number[][] {
  return Array.from({ length: dataset.n }, (_, row) => rowArray(dataset.data, dataset.dim, row));
}

/** LangChain's `HNSWLib` as most apps use it: `addVectors` with its defaults (M=16, efConstruction=200, ef=10). */
async function measureLangChainHnsw(ctx: SizeContext, truth: number[][], settings: SearchSettings): Promise<EngineResult> {
  const js = jsMemory();
  let vectors: number[][] | null = allRows(ctx.dataset);
  let documents: Document[] | null = rowDocuments(ctx.dataset.n);
  const store = new HNSWLib(new PrecomputedEmbeddings(), { space: "cosine", numDimensions: ctx.dim });
  ctx.log(`    LangChain HNSWLib: addVectors(${sizeLabel(ctx.dataset.n)})…`);
  const t0 = performance.now();
  await store.addVectors(vectors, documents);
  const buildMs = performance.now() - t0;
  // The vector arrays become garbage; the Documents stay, held by LangChain's docstore.
  vectors = documents = null;
  const bytesPerChunk = hnswBytesPerElement(ctx.dim, 16) + (jsMemory() - js) / ctx.dataset.n;
  const ef = store.index.getEf();
  const measured = await measureStore(store, ctx.queryArrays, truth, settings.k);
  return {
    engine: "LangChain HNSWLib, defaults",
    params: `M=16, efC=200, ef=${ef}`,
    buildMs,
    bytesPerChunk,
    ...measured,
    queries: ctx.queryArrays.length,
  };
}

/** LangChain's exact in-memory store (`@langchain/classic/vectorstores/memory`), with fewer queries: it is slow. */
async function measureMemoryStore(ctx: SizeContext, truth: number[][], settings: SearchSettings): Promise<EngineResult | string> {
  let MemoryVectorStore;
  try {
    ({ MemoryVectorStore } = await import("@langchain/classic/vectorstores/memory"));
  } catch (error) {
    return `MemoryVectorStore could not be imported (${(error as Error).message.split("\n")[0]})`;
  }
  const js = jsMemory();
  const store = new MemoryVectorStore(new PrecomputedEmbeddings());
  const t0 = performance.now();
  await store.addVectors(allRows(ctx.dataset), rowDocuments(ctx.dataset.n));
  const buildMs = performance.now() - t0;
  const bytesPerChunk = (jsMemory() - js) / ctx.dataset.n;
  // About 2·10⁶ vector comparisons' worth of queries, between 10 and the truth set.
  const queryCount = Math.max(10, Math.min(settings.truthQueries, Math.round(2e6 / ctx.dataset.n)));
  const measured = await measureStore(store, ctx.queryArrays.slice(0, queryCount), truth, settings.k);
  return {
    engine: "LangChain MemoryVectorStore (exact scan)",
    params: "cosine, JS",
    buildMs,
    bytesPerChunk,
    ...measured,
    queries: queryCount,
  };
}

/** All dense-search comparisons at one size, in one process so the ratios hold. */
export async function runSearchSize(ctx: SizeContext, settings: SearchSettings): Promise<SearchSizeResult> {
  const notes: string[] = [];
  ctx.log(`  ground truth (brute force) at ${sizeLabel(ctx.size)}…`);
  const exact = await groundTruth(ctx, settings);
  ctx.log(`  our index at ${sizeLabel(ctx.size)}…`);
  const ours = await measureOurs(ctx, exact.truth, settings);
  ctx.log(`  LangChain HNSWLib at ${sizeLabel(ctx.size)}…`);
  const engines = [ours.engine, await measureLangChainHnsw(ctx, exact.truth, settings)];
  if (ctx.size <= settings.memoryStoreMax) {
    ctx.log(`  LangChain MemoryVectorStore at ${sizeLabel(ctx.size)}…`);
    const memory = await measureMemoryStore(ctx, exact.truth, settings);
    if (typeof memory === "string") notes.push(memory);
    else engines.push(memory);
  } else {
    notes.push(`MemoryVectorStore not run at ${sizeLabel(ctx.size)} (above --memory-store-max ${sizeLabel(settings.memoryStoreMax)}: too slow).`);
  }
  engines.push(exact.engine);
  settledRss();
  return {
    size: ctx.size,
    dim: ctx.dim,
    clusters: ctx.dataset.clusters,
    oursRssBytesPerChunk: ctx.ours!.rssBytesPerChunk,
    engines,
    efSweep: ours.sweep,
    notes,
  };
}

export function searchTables(results: SearchSizeResult[], k: number): Table[] {
  const engines: Table = {
    title: `Dense search, top-${k}, one query at a time on one core`,
    headers: ["chunks", "dims", "engine", "params", "build", "memory/chunk", "p50 ms", "p95 ms", "p99 ms", "QPS", `recall@${k}`, "queries"],
    rows: results.flatMap((r) =>
      r.engines.map((e) => [
        sizeLabel(r.size),
        String(r.dim),
        e.engine,
        e.params,
        seconds(e.buildMs),
        bytes(e.bytesPerChunk),
        ms(e.latency.p50),
        ms(e.latency.p95),
        ms(e.latency.p99),
        count(e.qps),
        fixed(e.recall),
        String(e.queries),
      ]),
    ),
  };
  const sweep: Table = {
    title: `Our index: recall@${k} and latency by ef (same graph, M=${HNSW_M}, efConstruction=${HNSW_EF_CONSTRUCTION})`,
    headers: ["chunks", "dims", "ef", `recall@${k}`, "p50 ms", "p95 ms", "p99 ms", "QPS"],
    rows: results.flatMap((r) =>
      r.efSweep.map((row) => [
        sizeLabel(r.size),
        String(r.dim),
        String(row.ef),
        fixed(row.recall),
        ms(row.latency.p50),
        ms(row.latency.p95),
        ms(row.latency.p99),
        count(row.qps),
      ]),
    ),
  };
  return [engines, sweep];
}
