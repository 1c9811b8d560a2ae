import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadConfig, type Config } from "../config";
import { loadIndex } from "../index-store";
import { ingest, type IngestSummary } from "../indexing";
import { HybridRetriever } from "../retrieval";
import { copyCorpus, DOC_PACKAGE, ensureDocPackage } from "./corpus";
import { procMemory, resetPeakRss, rssBytes, settledRss } from "./memory";
import { profile, timeByFile, type HotSpot } from "./profile";
import type { SectionReport, Table, TargetCheck } from "./report";
import { bytes, count, fixed, ms, seconds, summarize, type LatencySummary } from "./stats";
import { timeEach } from "./timing";
import { seededRng } from "./rng";
import { wordWindow } from "./texts";
import { exactTopK, recall, type Dataset } from "./vectors";

export interface IngestSettings {
  /** Copy at least this many bytes of documentation into the corpus. */
  minBytes: number;
  /** Scratch folder for the corpus copy and its index. */
  workDir: string;
  /** Write a CPU profile of one extra (unmeasured) ingest here, and list hot spots. */
  profileFile?: string;
  realQueries: number;
  efValues: number[];
  log: (line: string) => void;
}

export interface IngestResult {
  corpusDir: string;
  corpusBytes: number;
  files: number;
  chunks: number;
  chunkTextBytes: number;
  first: IngestSummary;
  unchanged: IngestSummary;
  oneFileChanged: IngestSummary;
  rssBeforeBytes: number;
  peakRssBytes: number;
  indexBytes: number;
  /** Loading the index and building its retriever in a fresh process (baselineBytes: that process before). */
  serve: { loadMs: number; bytes: number; baselineBytes: number; retrieval: LatencySummary };
  realRecall: { ef: number; recall: number; latency: LatencySummary }[];
  hotSpots?: { functions: HotSpot[]; files: HotSpot[]; file: string; rerunFiles: HotSpot[]; rerunFile: string };
}

const MB = 1e6;
const RATE_TARGET_MB_S = 1;
const RERUN_TARGET_MS = 5000;

/** Ingest of a real ≥ 20 MB documentation corpus with the local embedder. */
export async function runIngestSection(settings: IngestSettings): Promise<SectionReport & { vocabularyDir?: string }> {
  const { log } = settings;
  const title = `Ingest: ${DOC_PACKAGE} HTML with the local embedder`;
  const docRoot = ensureDocPackage(log);
  if (!docRoot) {
    return { id: "ingest", title, tables: [], notes: [], targets: [], skipped: `${DOC_PACKAGE} is not installed and could not be installed`, data: null };
  }
  const result = await measureIngest(docRoot, settings);
  return {
    id: "ingest",
    title,
    tables: ingestTables(result),
    notes: ingestNotes(result, docRoot),
    targets: ingestTargets(result),
    data: result,
    vocabularyDir: result.corpusDir,
  };
}

async function measureIngest(docRoot: string, settings: IngestSettings): Promise<IngestResult> {
  const { log } = settings;
  const corpusDir = path.join(settings.workDir, "corpus");
  const indexDir = path.join(settings.workDir, "index");
  const copied = copyCorpus(docRoot, corpusDir, settings.minBytes);
  log(`  copied ${copied.files} files, ${(copied.bytes / MB).toFixed(1)} MB of ${docRoot} into ${corpusDir}`);
  fs.rmSync(indexDir, { recursive: true, force: true });
  // Fixed settings, whatever the caller's environment says.
  const config = loadConfig({ RAG_CORPUS_DIR: corpusDir, RAG_INDEX_DIR: indexDir, RAG_EMBEDDER: "local", RAG_ANSWERER: "extractive" });

  const rssBeforeBytes = settledRss();
  // Without a reset (non-Linux), VmHWM is the peak since start: ingest runs first, so still close.
  resetPeakRss();
  log("  first ingest (full build)…");
  const first = await ingest({ config, rebuild: true });
  const peakRssBytes = procMemory()?.peakRssBytes ?? rssBytes();
  log(`  done in ${seconds(first.timings.totalMs)}; re-running with no change…`);
  const unchanged = await ingest({ config });
  log("  re-running after changing one file…");
  touchOneFile(corpusDir);
  const oneFileChanged = await ingest({ config });

  const served = await measureServing(config, settings);
  let hotSpots: IngestResult["hotSpots"];
  if (settings.profileFile) {
    log(`  profiling one more full ingest → ${settings.profileFile}`);
    const { hotSpots: functions } = await profile(settings.profileFile, () => ingest({ config, rebuild: true }));
    const rerunFile = settings.profileFile.replace(/\.cpuprofile$/, "-rerun.cpuprofile");
    log(`  profiling one more unchanged re-run → ${rerunFile}`);
    const { hotSpots: rerun } = await profile(rerunFile, () => ingest({ config }));
    hotSpots = {
      functions: functions.slice(0, 25),
      files: timeByFile(functions).slice(0, 15),
      file: settings.profileFile,
      rerunFiles: timeByFile(rerun).slice(0, 10),
      rerunFile,
    };
  }
  return {
    corpusDir,
    corpusBytes: copied.bytes,
    files: first.files,
    chunks: first.chunks,
    chunkTextBytes: served.chunkTextBytes,
    first,
    unchanged,
    oneFileChanged,
    rssBeforeBytes,
    peakRssBytes,
    indexBytes: first.indexBytes,
    serve: served.serve,
    realRecall: served.realRecall,
    hotSpots,
  };
}

/** Appends a paragraph to the first page, as an edit would. */
function touchOneFile(corpusDir: string): void {
  const first = fs.readdirSync(corpusDir).filter((name) => name.endsWith(".html")).sort()[0];
  const file = path.join(corpusDir, first);
  const html = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, html.replace(/<\/body>/i, "<p>Edited by the benchmark: one changed paragraph.</p></body>"));
}

/**
 * What serving this index costs: load time, memory of the loaded index plus the
 * retriever's BM25, per-question retrieval time, and HNSW recall on the real vectors.
 */
async function measureServing(config: Config, settings: IngestSettings) {
  const probe = await probeServing(config);
  const loaded = await loadIndex(config);
  const retriever = new HybridRetriever(loaded, { mode: "hybrid", topK: config.topK, ef: config.hnswEf, minCoverage: config.minCoverage });
  const chunkTextBytes = loaded.chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.pageContent), 0);

  // Question-like queries: a few consecutive words of random chunks (seeded).
  const rng = seededRng(7);
  const questions = Array.from({ length: settings.realQueries }, () =>
    wordWindow(loaded.chunks[Math.floor(rng() * loaded.chunks.length)].pageContent, 8, rng),
  );
  const retrieval = await timeEach(questions, (question) => retriever.retrieve(question));

  const dataset = vectorsOf(loaded.store.index);
  const vectors = await loaded.embeddings.embedDocuments(questions);
  const truth = vectors.map((vector) => exactTopK(dataset, Float32Array.from(vector), 10));
  const realRecall = [];
  for (const ef of settings.efValues) {
    loaded.store.index.setEf(ef);
    const run = await timeEach(vectors, (vector) => loaded.store.index.searchKnn(vector, 10).neighbors);
    const mean = run.results.reduce((sum, found, q) => sum + recall(found, truth[q]), 0) / run.results.length;
    realRecall.push({ ef, recall: mean, latency: summarize(run.samples) });
  }
  return { chunkTextBytes, serve: { ...probe, retrieval: summarize(retrieval.samples) }, realRecall };
}

/** Loads the index in a fresh process (serve-probe.ts), so its memory is not mixed with the ingest's. */
function probeServing(config: Config): Promise<{ loadMs: number; bytes: number; baselineBytes: number }> {
  return new Promise((resolve, reject) => {
    // fork() reuses this process's execArgv, i.e. tsx's loader.
    const child = fork(path.join(__dirname, "serve-probe.ts"), [config.corpusDir, config.indexDir], { stdio: "inherit" });
    child.once("message", (message: { error?: string; loadMs: number; bytes: number; baselineBytes: number }) => {
      if (message.error) reject(new Error(`serve probe: ${message.error}`));
      else resolve(message);
    });
    child.once("exit", (code) => code && reject(new Error(`serve probe exited with code ${code}`)));
  });
}

function vectorsOf(index: { getCurrentCount(): number; getNumDimensions(): number; getPoint(label: number): number[] }): Dataset {
  const n = index.getCurrentCount();
  const dim = index.getNumDimensions();
  const data = new Float32Array(n * dim);
  for (let label = 0; label < n; label++) data.set(index.getPoint(label), label * dim);
  return { n, dim, data, clusters: 0 };
}

const mbPerSecond = (bytes: number, ms: number) => bytes / MB / (ms / 1000);

function ingestTables(r: IngestResult): Table[] {
  const runs: Table = {
    title: "Ingest runs",
    headers: ["run", "files", "chunks", "embedded", "total", "MB/s (HTML)", "MB/s (chunk text)", "chunks/s", "load", "split", "embed", "index", "write"],
    rows: [
      ["full build", r.first, r.corpusBytes],
      ["re-run, nothing changed", r.unchanged, r.corpusBytes],
      ["re-run, one file changed", r.oneFileChanged, r.corpusBytes],
    ].map(([label, s]) => {
      const summary = s as IngestSummary;
      const total = summary.timings.totalMs;
      return [
        label as string,
        count(summary.files),
        count(summary.chunks),
        count(summary.embedded),
        seconds(total),
        fixed(mbPerSecond(r.corpusBytes, total), 2),
        fixed(mbPerSecond(r.chunkTextBytes, total), 2),
        count((summary.chunks / total) * 1000),
        ms(summary.timings.loadMs),
        ms(summary.timings.splitMs),
        ms(summary.timings.embedMs),
        ms(summary.timings.indexMs),
        ms(summary.timings.writeMs),
      ];
    }),
  };
  const resources: Table = {
    title: "Resources",
    headers: ["what", "value"],
    rows: [
      ["corpus (HTML bytes copied)", `${(r.corpusBytes / MB).toFixed(1)} MB in ${count(r.files)} files`],
      ["chunk text (incl. overlap)", `${(r.chunkTextBytes / MB).toFixed(1)} MB in ${count(r.chunks)} chunks`],
      ["peak RSS during the full build", `${bytes(r.peakRssBytes)} (process was ${bytes(r.rssBeforeBytes)} before)`],
      ["index on disk", bytes(r.indexBytes)],
      ["serving: load index + build BM25 (fresh process)", `${seconds(r.serve.loadMs)}, +${bytes(r.serve.bytes)} RSS over a ${bytes(r.serve.baselineBytes)} process`],
      ["serving: retrieve() per question (embed + HNSW + BM25 + merge)", `p50 ${ms(r.serve.retrieval.p50)} ms, p95 ${ms(r.serve.retrieval.p95)} ms`],
    ],
  };
  const recallTable: Table = {
    title: `HNSW recall@10 on the real local-embedder vectors (${count(r.chunks)} chunks, 1024 dims, ${r.serve.retrieval.count} questions)`,
    headers: ["ef", "recall@10", "p50 ms", "p95 ms"],
    rows: r.realRecall.map((row) => [String(row.ef), fixed(row.recall), ms(row.latency.p50), ms(row.latency.p95)]),
  };
  const tables = [runs, resources, recallTable];
  if (r.hotSpots) {
    tables.push({
      title: `CPU profile of one full build: self time by file (${r.hotSpots.file})`,
      headers: ["file or package", "self ms", "share"],
      rows: r.hotSpots.files.map((h) => [h.location, ms(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
    });
    tables.push({
      title: `CPU profile of the unchanged re-run: self time by file (${r.hotSpots.rerunFile})`,
      headers: ["file or package", "self ms", "share"],
      rows: r.hotSpots.rerunFiles.map((h) => [h.location, ms(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
    });
    tables.push({
      title: "CPU profile of the full build: top functions by self time",
      headers: ["function", "self ms", "share"],
      rows: r.hotSpots.functions.slice(0, 15).map((h) => [h.location, ms(h.selfMs), `${(h.share * 100).toFixed(1)}%`]),
    });
  }
  return tables;
}

/** What a corpus of N MB costs, extrapolated linearly from this run. */
function ingestNotes(r: IngestResult, docRoot: string): string[] {
  const corpusMb = r.corpusBytes / MB;
  const perMb = {
    disk: r.indexBytes / corpusMb,
    serve: r.serve.bytes / corpusMb,
    ingest: (r.peakRssBytes - r.rssBeforeBytes) / corpusMb,
    seconds: r.first.timings.totalMs / 1000 / corpusMb,
    chunks: r.chunks / corpusMb,
  };
  const example = (mb: number) =>
    `${mb} MB of such HTML ≈ ${count(perMb.chunks * mb)} chunks, ${bytes(perMb.disk * mb)} on disk, ` +
    `${bytes(perMb.serve * mb)} RAM to serve, ${bytes(r.rssBeforeBytes + perMb.ingest * mb)} peak RSS to ingest, ${seconds(perMb.seconds * mb * 1000)} to build`;
  return [
    `Corpus: pages of ${docRoot} (generated index pages skipped), ${(r.chunkTextBytes / r.corpusBytes * 100).toFixed(0)}% of the HTML bytes survive as chunk text.`,
    `Cost per MB of HTML: ${count(perMb.chunks)} chunks, ${bytes(perMb.disk)} on disk, ${bytes(perMb.serve)} RAM to serve, ${bytes(perMb.ingest)} extra peak RSS during ingest, ${fixed(perMb.seconds, 2)} s to build.`,
    `Extrapolated (linear): ${example(100)}; ${example(1000)}.`,
    "Per MB of plain text (no markup) multiply by ≈ " + fixed(r.corpusBytes / r.chunkTextBytes, 1) + " (chunks scale with text, not markup).",
  ];
}

function ingestTargets(r: IngestResult): TargetCheck[] {
  const rate = mbPerSecond(r.corpusBytes, r.first.timings.totalMs);
  return [
    { name: "ingest throughput", target: `≥ ${RATE_TARGET_MB_S} MB/s`, actual: `${fixed(rate, 2)} MB/s`, met: rate >= RATE_TARGET_MB_S },
    {
      name: "unchanged re-run",
      target: `< ${RERUN_TARGET_MS / 1000} s`,
      actual: seconds(r.unchanged.timings.totalMs),
      met: r.unchanged.unchanged && r.unchanged.timings.totalMs < RERUN_TARGET_MS,
    },
  ];
}
