import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { copyCorpus, ensureDocPackage } from "../lib/benchmark/corpus";
import { killServers, runE2eSection } from "../lib/benchmark/e2e";
import { hybridTable, runHybridSize, type HybridSizeResult } from "../lib/benchmark/hybrid";
import { runIngestSection } from "../lib/benchmark/ingest";
import { settledRss } from "../lib/benchmark/memory";
import { machineLine, renderSection, writeReport, type RunInfo, type SectionReport, type TargetCheck } from "../lib/benchmark/report";
import { createSizeContext, runSearchSize, searchTables, type SearchSettings, type SearchSizeResult } from "../lib/benchmark/search";
import { bytes, fixed, ms, percent, sizeLabel } from "../lib/benchmark/stats";
import { renderSummary, spliceReadme } from "../lib/benchmark/summary";
import { vocabularyFrom } from "../lib/benchmark/texts";
import { CLUSTER_SPREAD, effectiveDimension, QUERY_SPREAD, SPECTRUM_DECAY } from "../lib/benchmark/vectors";
import { loadConfig } from "../lib/config";
import { HNSW_EF_CONSTRUCTION, HNSW_M } from "../lib/indexing";
import { runCli } from "./cli";

const USAGE = `Usage: npm run bench -- [options]

  --quick                 small sizes and short runs (< 2 minutes)
  --sizes 10000,100000    chunk counts for the search and hybrid sections (default 10000,100000,1000000)
  --only ingest,search,hybrid,e2e
  --out DIR               where bench.json and bench.md go (default reports/bench)
  --no-build              serve an existing Next.js build instead of building one
  --profile               CPU-profile one extra ingest and list the hot spots
  --dim N                 vector dimensions (default 1024, the local embedder's)
  --large-dim N           dimensions above --large-from chunks (default 256: 1M×1024 takes too long to build on 2 cores)
  --large-from N          (default 200000)
  --memory-store-max N    largest size for LangChain's MemoryVectorStore (default 100000)
  --duration S            seconds per end-to-end load level (default 10, quick 3)
  --corpus-mb N           MB of documentation HTML to ingest (default 20, quick 3)
  --summarize FILE        run nothing: render FILE (a bench.json) as README.md's Performance block`;

const SECTIONS = ["ingest", "search", "hybrid", "e2e"] as const;
type SectionId = (typeof SECTIONS)[number];

interface Options {
  quick: boolean;
  sizes: number[];
  only: Set<SectionId>;
  out: string;
  build: boolean;
  profile: boolean;
  dim: number;
  largeDim: number;
  largeFrom: number;
  memoryStoreMax: number;
  durationS: number;
  corpusMb: number;
  queries: number;
  truthQueries: number;
  summarize?: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

runCli(async () => {
  const options = parseOptions();
  if (!options) return 0;
  if (options.summarize) return summarizeIntoReadme(options.summarize);
  // Whatever happens, never leave a server behind.
  process.on("exit", killServers);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      killServers();
      process.exit(130);
    });
  }
  const startedAt = new Date();
  const t0 = performance.now();
  const machine = machineLine();
  log(`Machine: ${machine}`);
  const workDir = path.join(os.tmpdir(), "rag-bench");
  const sections: SectionReport[] = [];
  const emit = (section: SectionReport) => {
    sections.push(section);
    console.log(`\n${renderSection(section)}\n`);
  };

  let vocabularyDir: string | undefined;
  if (options.only.has("ingest")) {
    log("Ingest…");
    const section = await timedSection(() => runIngestSection({
      minBytes: options.corpusMb * 1e6,
      workDir: path.join(workDir, "ingest"),
      profileFile: options.profile ? path.join(options.out, "ingest.cpuprofile") : undefined,
      realQueries: options.quick ? 100 : 200,
      efValues: [10, 25, 50, 100, 200],
      log,
    }));
    vocabularyDir = section.vocabularyDir;
    emit(section);
  }
  if (options.only.has("search") || options.only.has("hybrid")) {
    for (const section of await runSizes(options, workDir, vocabularyDir)) emit(section);
  }
  if (options.only.has("e2e")) {
    log("End to end…");
    emit(await timedSection(() => runE2eSection({
      projectRoot: process.cwd(),
      workDir: path.join(workDir, "e2e"),
      outDir: options.out,
      build: options.build,
      durationS: options.durationS,
      connections: [1, 10, 50],
      log,
    })));
  }

  const run = { startedAt: startedAt.toISOString(), durationMs: performance.now() - t0, machine, command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(), commit: gitCommit() };
  const written = writeReport(options.out, run, sections);
  const summary = path.join(options.out, "summary.md");
  fs.writeFileSync(summary, renderSummary(run, sections) + "\n");
  console.log(`Machine: ${machine}`);
  console.log(`Total bench time: ${(run.durationMs / 1000).toFixed(1)} s. Wrote ${written.md}, ${written.json} and ${summary}.`);
  console.log(`To put this run into README.md: npm run bench -- --summarize ${path.relative(process.cwd(), written.json)}`);
  const missed = sections.flatMap((s) => s.targets.filter((t) => !t.met));
  if (missed.length) console.log(`Targets missed: ${missed.map((t) => `${t.name} (${t.actual}, wanted ${t.target})`).join("; ")}`);
});

function parseOptions(): Options | null {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean" },
      sizes: { type: "string" },
      only: { type: "string" },
      out: { type: "string" },
      "no-build": { type: "boolean" },
      profile: { type: "boolean" },
      dim: { type: "string" },
      "large-dim": { type: "string" },
      "large-from": { type: "string" },
      "memory-store-max": { type: "string" },
      duration: { type: "string" },
      "corpus-mb": { type: "string" },
      summarize: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return null;
  }
  const quick = Boolean(values.quick);
  const only = new Set((values.only ?? SECTIONS.join(",")).split(",").map((s) => s.trim()).filter(Boolean));
  for (const id of only) if (!SECTIONS.includes(id as SectionId)) throw new Error(`--only: unknown section "${id}" (use ${SECTIONS.join(", ")})`);
  return {
    quick,
    sizes: numberList(values.sizes) ?? (quick ? [2000, 10_000] : [10_000, 100_000, 1_000_000]),
    only: only as Set<SectionId>,
    out: path.resolve(values.out ?? "reports/bench"),
    build: !values["no-build"],
    profile: Boolean(values.profile),
    dim: positive(values.dim, 1024),
    largeDim: positive(values["large-dim"], 256),
    largeFrom: positive(values["large-from"], 200_000),
    memoryStoreMax: positive(values["memory-store-max"], 100_000),
    durationS: positive(values.duration, quick ? 3 : 10),
    corpusMb: positive(values["corpus-mb"], quick ? 3 : 20),
    queries: quick ? 200 : 1000,
    truthQueries: quick ? 100 : 300,
    summarize: values.summarize,
  };
}

/** Puts a finished run's results into README.md, so the README never holds hand-typed numbers. */
function summarizeIntoReadme(jsonFile: string): number {
  const { run, sections } = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as { run: RunInfo; sections: SectionReport[] };
  const readme = path.resolve("README.md");
  fs.writeFileSync(readme, spliceReadme(fs.readFileSync(readme, "utf8"), renderSummary(run, sections)));
  log(`Updated the Performance block of ${readme} from ${jsonFile} (run of ${run.startedAt}, commit ${run.commit ?? "unknown"}).`);
  return 0;
}

function numberList(value: string | undefined): number[] | undefined {
  return value?.split(",").map((part) => positive(part.trim().replace(/_/g, ""), NaN));
}

function positive(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${value}"`);
  return n;
}

async function timedSection<T extends SectionReport>(run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const section = await run();
  section.durationMs = performance.now() - t0;
  return section;
}

/** Search and hybrid share each size's data, queries and HNSW index, built once per size. */
async function runSizes(options: Options, workDir: string, vocabularyDir: string | undefined): Promise<SectionReport[]> {
  const config = loadConfig({});
  const settings: SearchSettings = {
    queries: options.queries,
    truthQueries: options.truthQueries,
    efValues: [10, 25, 50, 100, 200],
    configuredEf: config.hnswEf,
    memoryStoreMax: options.memoryStoreMax,
    k: 10,
  };
  const vocabulary = options.only.has("hybrid") ? await loadVocabulary(vocabularyDir, workDir, options.corpusMb * 1e6) : [];
  const search: SearchSizeResult[] = [];
  const hybrid: HybridSizeResult[] = [];
  const t0 = performance.now();
  let searchMs = 0;
  for (const size of options.sizes) {
    const dim = size >= options.largeFrom ? options.largeDim : options.dim;
    log(`Size ${sizeLabel(size)} × ${dim} dims: generating vectors…`);
    const ctx = createSizeContext(size, dim, settings.queries, log);
    if (options.only.has("search")) {
      const s0 = performance.now();
      search.push(await runSearchSize(ctx, settings));
      searchMs += performance.now() - s0;
    }
    if (options.only.has("hybrid")) hybrid.push(await runHybridSize(ctx, vocabulary, config));
    ctx.ours = undefined;
    settledRss();
  }
  const sections: SectionReport[] = [];
  if (options.only.has("search")) sections.push(searchSection(search, settings, options, searchMs));
  if (options.only.has("hybrid")) sections.push(hybridSection(hybrid, vocabulary.length, performance.now() - t0 - searchMs));
  return sections;
}

/**
 * Word ranks of the real documentation corpus: the ingest section's copy, or the same amount copied
 * afresh (so `--only hybrid` draws the same texts); the seeds if apt is unavailable.
 */
async function loadVocabulary(vocabularyDir: string | undefined, workDir: string, corpusBytes: number): Promise<string[]> {
  let dir = vocabularyDir;
  if (!dir) {
    const root = ensureDocPackage(log);
    if (root) {
      dir = path.join(workDir, "vocabulary-corpus");
      copyCorpus(root, dir, corpusBytes);
    } else {
      dir = path.resolve("seeds");
      log("  using the seed articles' words as vocabulary instead");
    }
  }
  log(`Vocabulary from ${dir}…`);
  return vocabularyFrom(dir);
}

function searchSection(results: SearchSizeResult[], settings: SearchSettings, options: Options, durationMs: number): SectionReport {
  const targets: TargetCheck[] = [];
  const oursAt = (size: number) => results.find((r) => r.size === size)?.engines[0];
  const at100k = oursAt(100_000);
  if (at100k) {
    targets.push({ name: "search p50 at 100k", target: "≤ 2 ms", actual: `${ms(at100k.latency.p50)} ms`, met: at100k.latency.p50 <= 2 });
    targets.push({ name: "recall@10 at 100k", target: "≥ 0.98", actual: fixed(at100k.recall), met: at100k.recall >= 0.98 });
  }
  const at1m = oursAt(1_000_000);
  if (at1m) targets.push({ name: "recall@10 at 1M", target: "≥ 0.95", actual: `${fixed(at1m.recall)} (p50 ${ms(at1m.latency.p50)} ms)`, met: at1m.recall >= 0.95 });
  const dims = [...new Set(results.map((r) => r.dim))];
  return {
    id: "search",
    title: "Search: dense top-10 on synthetic embeddings",
    tables: searchTables(results, settings.k),
    notes: [
      `Synthetic vectors: √n Gaussian clusters (n=1M → 1,000), per-dimension variance ∝ 1/(j+1)^${SPECTRUM_DECAY} (effective dimension ${dims.map((d) => `${fixed(effectiveDimension(d), 0)} at ${d} dims`).join(", ")}), cluster spread ${CLUSTER_SPREAD}, L2-normalised; queries are data points plus noise ${QUERY_SPREAD} (cosine ≈ 0.9 to their origin). Seeded: every run draws the same data.`,
      `Dimensions: ${options.dim} (the local embedder's) below ${sizeLabel(options.largeFrom)} chunks, ${options.largeDim} from there on: building 1M×1024 with hnswlib-node (single-threaded addPoint) would take ≈ 20 min for our index and ≈ 35 min with LangChain's efConstruction=200 on this machine.`,
      `Ours = what lib/indexing.ts builds (M=${HNSW_M}, efConstruction=${HNSW_EF_CONSTRUCTION}) searched at RAG_HNSW_EF's default ${settings.configuredEf}; the retriever asks for k=24 with ef=max(${settings.configuredEf}, 24), so the ef=${settings.configuredEf} row is its cost.`,
      "LangChain HNSWLib: `new HNSWLib(embeddings, {space: \"cosine\"}).addVectors(...)`, i.e. hnswlib-node's defaults, searched through `similaritySearchVectorWithScore` (includes its docstore lookups). Its memory/chunk includes a docstore of empty Documents.",
      "MemoryVectorStore lives in `@langchain/classic/vectorstores/memory` in the installed LangChain 1.x (`langchain/vectorstores/memory` no longer exists); the bench lists `@langchain/classic` as a dev dependency for it.",
      `Recall@10 is measured on the first ${settings.truthQueries} queries against exact top-10 from hnswlib's BruteforceSearch; latency/QPS over ${settings.queries} queries, one at a time on one core after 20 warm-up queries. Memory/chunk = hnswlib's native allocation computed from its memory layout (vectors, graph links, label map, per-node mutex) plus the JS heap and buffers the store keeps after a full GC (LangChain's docstore of empty Documents; all of MemoryVectorStore), per chunk; no chunk text. RSS deltas are not used: freed native memory is reused by the allocator and hides later allocations.`,
      ...results.map((r) => `Cross-check at ${sizeLabel(r.size)}: the RSS growth while building our index was ${bytes(r.oursRssBytesPerChunk)}/chunk.`),
      ...results.flatMap((r) => r.notes),
    ],
    targets,
    durationMs,
    data: results,
  };
}

function hybridSection(results: HybridSizeResult[], vocabularySize: number, durationMs: number): SectionReport {
  const at100k = results.find((r) => r.size === 100_000);
  return {
    id: "hybrid",
    title: "Hybrid retrieval: BM25 + reciprocal rank fusion on top of dense search",
    tables: [hybridTable(results)],
    notes: [
      `Chunk texts: 120–180 words each (≈150) drawn with Zipf exponent 1 from the ${vocabularySize.toLocaleString("en-US")} most frequent words of the Python documentation, in corpus frequency order. Questions: 6 consecutive words of the chunk the query vector was drawn near.`,
      "Hybrid = `HybridRetriever.rankChunks` (embed, HNSW top-24, BM25 top-24, RRF); dense-only = the same without BM25. Query vectors are precomputed, so neither includes embedding time (the real local embedder adds its own, see the ingest section's retrieve() timing).",
      "Dense and hybrid are timed alternately on each question; BM25 memory/chunk is the JS heap and typed-array memory the retriever's BM25 index keeps (after GC).",
      "lib/bm25.ts prunes (MaxScore-style: rare terms first, frequent terms only looked up for documents that can still reach the top 24) over precomputed per-posting impacts; \"exhaustive BM25\" scores every posting of every query term (`BM25Index.searchExhaustive`) on the same index and questions, and \"same results\" counts questions whose [doc, score] lists are identical.",
    ],
    targets: at100k
      ? [{ name: "hybrid overhead at 100k (p50)", target: "≤ +50%", actual: `${percent(at100k.addedP50)} (p95 ${percent(at100k.addedP95)})`, met: at100k.addedP50 <= 0.5 }]
      : [],
    durationMs,
    data: results,
  };
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}
