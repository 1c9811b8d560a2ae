import fs from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";
import packageJson from "../package.json";
import type { Config } from "./config";
import { createEmbeddings, embedderId, fitLocalStats, serializeLocalStats, type LocalEmbedderStats } from "./embedding";
import { CorpusError, UserFacingError } from "./errors";
import {
  buildsDir,
  LOCAL_STATS_FILE,
  MANIFEST_FILE,
  MANIFEST_VERSION,
  NAMES_FILE,
  SYNONYMS_FILE,
  loadIndex,
  publishBuild,
  readCurrentBuildId,
  type LoadedIndex,
  type Manifest,
} from "./index-store";
import { loadCorpus, SUPPORTED_EXTENSIONS, type LoadedFile, type SkippedFile } from "./loading";
import { splitFile, SPLITTER_NAME } from "./splitting";
import { buildSynonymMap, nameKinds, serializeSynonyms, type SynonymMap } from "./synonyms";
import { commonTerms, corpusNames, serializeNames, terms, type CorpusNames } from "./text";
import type { ChunkMetadata } from "./types";

/** HNSW graph parameters: M=16 and efConstruction=100 give recall ≥ 0.98 at ef≈100 (see `npm run bench`). */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 100;
/**
 * Version of how text becomes terms (words, stems, stopwords) and of the related-word map.
 * Bump it when either changes: indexes built before then get a new build (and, with the
 * local embedder, new vectors) instead of silently keeping the old analysis.
 */
export const TEXT_ANALYSIS_VERSION = 17;

/** Refit the local embedder's statistics once this share of chunks was embedded with stale ones. */
const LOCAL_REFIT_RATIO = 0.5;
const EMBED_BATCH = 128;

export type IngestProgress =
  | { phase: "load"; done: number; total?: number; file?: string }
  | { phase: "embed"; done: number; total: number }
  | { phase: "index"; done: number; total: number };

export interface IngestOptions {
  config: Config;
  rebuild?: boolean;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestSummary {
  unchanged: boolean;
  buildId: string;
  files: number;
  chunks: number;
  embedded: number;
  reused: number;
  added: string[];
  changed: string[];
  removed: string[];
  skipped: SkippedFile[];
  /** Why every chunk was re-embedded, when it was. */
  fullRebuildReason?: string;
  indexBytes: number;
  timings: { loadMs: number; splitMs: number; embedMs: number; indexMs: number; writeMs: number; totalMs: number };
}

/**
 * Builds or incrementally updates the index of `config.corpusDir` in `config.indexDir`.
 * Unchanged files keep their chunks and vectors; the new build is written to a
 * `.partial` folder and published atomically only when complete.
 */
export async function ingest({ config, rebuild = false, onProgress }: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const lap = stopwatch();
  const releaseLock = await acquireLock(config.indexDir);
  try {
    const previous = rebuild ? null : await loadPreviousIfCompatible(config);
    let loadedCount = 0;
    const scan = await loadCorpus(config.corpusDir, {
      onFile: (file) => onProgress?.({ phase: "load", done: ++loadedCount, file }),
      knownHashes: indexedHashes(previous),
    });
    if (scan.files.length === 0) {
      throw new CorpusError(
        `No supported documents found in ${config.corpusDir} (supported: ${SUPPORTED_EXTENSIONS.join(", ")})` +
          (scan.skipped.length ? `; ${scan.skipped.length} file(s) skipped.` : "."),
      );
    }
    const loadMs = lap();

    const previousFiles = previous?.manifest.files ?? {};
    const currentSources = new Set(scan.files.map((file) => file.source));
    const added = scan.files.filter((file) => !previousFiles[file.source]).map((file) => file.source);
    const changed = scan.files
      .filter((file) => previousFiles[file.source] && previousFiles[file.source].hash !== file.contentHash)
      .map((file) => file.source);
    const removed = Object.keys(previousFiles).filter((source) => !currentSources.has(source));

    const analysisChanged = previous !== null && analysisOutdated(previous);
    if (previous && !analysisChanged && added.length === 0 && changed.length === 0 && removed.length === 0 && sameSkips(previous.manifest, scan.skipped)) {
      return {
        unchanged: true,
        buildId: previous.buildId,
        files: scan.files.length,
        chunks: previous.chunks.length,
        embedded: 0,
        reused: previous.chunks.length,
        added, changed, removed,
        skipped: scan.skipped,
        indexBytes: await folderBytes(previous.directory),
        timings: { loadMs, splitMs: 0, embedMs: 0, indexMs: 0, writeMs: 0, totalMs: performance.now() - started },
      };
    }

    // Split every file that is new or changed; keep the old chunks of the others.
    const reusedBySource = previous ? chunksBySource(previous) : new Map<string, number[]>();
    const plan: { file: LoadedFile; reuseLabels?: number[]; chunks?: Document<ChunkMetadata>[] }[] = [];
    for (const file of scan.files) {
      const unchangedFile = previousFiles[file.source]?.hash === file.contentHash;
      if (unchangedFile) plan.push({ file, reuseLabels: reusedBySource.get(file.source) ?? [] });
      else plan.push({ file, chunks: await splitFile(file, config) });
    }
    const splitMs = lap();

    const newChunkCount = plan.reduce((sum, item) => sum + (item.chunks?.length ?? 0), 0);
    const totalChunks = plan.reduce((sum, item) => sum + (item.chunks?.length ?? item.reuseLabels!.length), 0);
    let fullRebuildReason: string | undefined = rebuild ? "--rebuild" : previous ? undefined : "no previous index";
    let localStats: LocalEmbedderStats | undefined;
    let fittedOnChunks = previous?.manifest.embedder.fittedOnChunks;
    let embeddedSinceFit = (previous?.manifest.embedder.embeddedSinceFit ?? 0) + newChunkCount;
    if (config.embedder === "local") {
      // The local embedder's features come from the text analysis; a provider's embeddings don't.
      if (!fullRebuildReason && analysisChanged) fullRebuildReason = "the text analysis changed since the last build";
      if (!fullRebuildReason && embeddedSinceFit > LOCAL_REFIT_RATIO * (fittedOnChunks ?? 0)) {
        fullRebuildReason = "the local embedder's word statistics were refitted after large corpus changes";
      }
      if (fullRebuildReason) {
        // Refit on every chunk so document frequencies describe the corpus as it is now.
        for (const item of plan) if (item.reuseLabels) item.chunks = item.reuseLabels.map((label) => previous!.chunks[label]);
        for (const item of plan) delete item.reuseLabels;
        localStats = fitLocalStats(plan.flatMap((item) => item.chunks!.map((chunk) => chunk.pageContent)));
        fittedOnChunks = totalChunks;
        embeddedSinceFit = 0;
      } else {
        localStats = previous!.localStats;
      }
    }
    const embeddings = fullRebuildReason || !previous ? createEmbeddings(config, localStats) : previous.embeddings;

    // Embed what needs it, reuse stored vectors for the rest.
    const vectors: number[][] = [];
    const documents: Document<ChunkMetadata>[] = [];
    const toEmbed: Document<ChunkMetadata>[] = plan.flatMap((item) => item.chunks ?? []);
    const embeddedVectors = await embedInBatches(embeddings, toEmbed, (done) =>
      onProgress?.({ phase: "embed", done, total: toEmbed.length }),
    );
    let embeddedCursor = 0;
    let reused = 0;
    for (const item of plan) {
      if (item.reuseLabels) {
        for (const label of item.reuseLabels) {
          documents.push(previous!.chunks[label]);
          vectors.push(previous!.store.index.getPoint(label));
          reused++;
        }
      } else {
        for (const chunk of item.chunks!) {
          documents.push(chunk);
          vectors.push(embeddedVectors[embeddedCursor++]);
        }
      }
    }
    const embedMs = lap();

    const dimensions = vectors[0]?.length ?? 0;
    const store = buildStore(embeddings, vectors, documents, (done) =>
      onProgress?.({ phase: "index", done, total: vectors.length }),
    );
    const indexMs = lap();

    const buildId = `${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const manifest: Manifest = {
      manifestVersion: MANIFEST_VERSION,
      tool: { name: packageJson.name, version: packageJson.version },
      buildId,
      builtAt: new Date().toISOString(),
      buildSeconds: 0,
      corpusDir: config.corpusDir,
      embedder: {
        id: embedderId(config),
        dimensions,
        ...(config.embedder === "local" ? { fittedOnChunks, embeddedSinceFit } : {}),
      },
      splitter: { name: SPLITTER_NAME, chunkSize: config.chunkSize, chunkOverlap: config.chunkOverlap },
      textAnalysis: TEXT_ANALYSIS_VERSION,
      hnsw: { space: "cosine", m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION },
      files: Object.fromEntries(
        scan.files.map((file) => [
          file.source,
          {
            hash: file.contentHash,
            kind: file.kind,
            bytes: file.bytes,
            chunkIds: documents.filter((doc) => doc.metadata.source === file.source).map((doc) => doc.metadata.id),
          },
        ]),
      ),
      skipped: scan.skipped,
      counts: { files: scan.files.length, chunks: documents.length, embedded: toEmbed.length, reused },
    };
    manifest.buildSeconds = Number(((performance.now() - started) / 1000).toFixed(3));
    const texts = documents.map((doc) => doc.pageContent);
    const names = corpusNames(texts, nameKinds);
    const synonyms = buildSynonymMap(commonTerms(texts), new Set([...names.words].flatMap((word) => terms(word))));
    const buildDir = await writeBuild(config.indexDir, buildId, store, manifest, localStats, synonyms, names);
    await publishBuild(config.indexDir, buildId);
    await removeOldBuilds(config.indexDir, [buildId, previous?.buildId]);
    const writeMs = lap();

    return {
      unchanged: false,
      buildId,
      files: scan.files.length,
      chunks: documents.length,
      embedded: toEmbed.length,
      reused,
      added, changed, removed,
      skipped: scan.skipped,
      fullRebuildReason,
      indexBytes: await folderBytes(buildDir),
      timings: { loadMs, splitMs, embedMs, indexMs, writeMs, totalMs: performance.now() - started },
    };
  } finally {
    await releaseLock();
  }
}

/** Is the index missing, or does the corpus differ from what it was built from? */
export async function indexIsStale(config: Config): Promise<{ stale: boolean; reason: string }> {
  const previous = await loadPreviousIfCompatible(config);
  if (!previous) return { stale: true, reason: "no usable index" };
  if (analysisOutdated(previous)) return { stale: true, reason: "the text analysis changed since it was built" };
  const scan = await loadCorpus(config.corpusDir, { knownHashes: indexedHashes(previous) });
  const files = previous.manifest.files;
  if (scan.files.length !== Object.keys(files).length) return { stale: true, reason: "files were added or removed" };
  const changed = scan.files.find((file) => files[file.source]?.hash !== file.contentHash);
  return changed ? { stale: true, reason: `${changed.source} changed` } : { stale: false, reason: "up to date" };
}

function analysisOutdated(previous: LoadedIndex): boolean {
  return (previous.manifest.textAnalysis ?? 1) !== TEXT_ANALYSIS_VERSION;
}

/** The previous build, if it exists, loads, and was made with the same embedder and splitter settings. */
async function loadPreviousIfCompatible(config: Config): Promise<LoadedIndex | null> {
  if (!(await readCurrentBuildId(config.indexDir))) return null;
  try {
    const previous = await loadIndex(config);
    const { splitter } = previous.manifest;
    if (splitter.chunkSize !== config.chunkSize || splitter.chunkOverlap !== config.chunkOverlap) return null;
    if (previous.manifest.corpusDir !== config.corpusDir) return null;
    return previous;
  } catch (error) {
    // A damaged or mismatched index is simply rebuilt from scratch.
    if (error instanceof UserFacingError) return null;
    throw error;
  }
}

/** Content hash of every indexed file, so unchanged files are not parsed again. */
function indexedHashes(previous: LoadedIndex | null): Map<string, string> {
  return new Map(Object.entries(previous?.manifest.files ?? {}).map(([source, entry]) => [source, entry.hash]));
}

function chunksBySource(index: LoadedIndex): Map<string, number[]> {
  const bySource = new Map<string, number[]>();
  index.chunks.forEach((chunk, label) => {
    const labels = bySource.get(chunk.metadata.source) ?? [];
    labels.push(label);
    bySource.set(chunk.metadata.source, labels);
  });
  return bySource;
}

async function embedInBatches(
  embeddings: Embeddings,
  chunks: Document<ChunkMetadata>[],
  onBatch: (done: number) => void,
): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH).map((chunk) => chunk.pageContent);
    vectors.push(...(await embeddings.embedDocuments(batch)));
    onBatch(Math.min(start + EMBED_BATCH, chunks.length));
  }
  return vectors;
}

/** Builds an HNSWLib store with our graph parameters (LangChain's own init uses its defaults). */
function buildStore(
  embeddings: Embeddings,
  vectors: number[][],
  documents: Document<ChunkMetadata>[],
  onProgress: (done: number) => void,
): HNSWLib {
  const dimensions = vectors[0].length;
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex(vectors.length, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions });
  store._index = index;
  const docs: Record<number, Document<ChunkMetadata>> = {};
  for (let label = 0; label < vectors.length; label++) {
    index.addPoint(vectors[label], label);
    docs[label] = documents[label];
    if (label % 1000 === 999) onProgress(label + 1);
  }
  store.docstore.add(docs);
  onProgress(vectors.length);
  return store;
}

async function writeBuild(
  indexDir: string,
  buildId: string,
  store: HNSWLib,
  manifest: Manifest,
  localStats: LocalEmbedderStats | undefined,
  synonyms: SynonymMap,
  names: CorpusNames,
): Promise<string> {
  const finalDir = path.join(buildsDir(indexDir), buildId);
  const partialDir = `${finalDir}.partial`;
  await fs.mkdir(partialDir, { recursive: true });
  await store.save(partialDir);
  if (localStats) await fs.writeFile(path.join(partialDir, LOCAL_STATS_FILE), serializeLocalStats(localStats));
  await fs.writeFile(path.join(partialDir, SYNONYMS_FILE), serializeSynonyms(synonyms));
  await fs.writeFile(path.join(partialDir, NAMES_FILE), serializeNames(names));
  // The manifest is written last: a build folder without one is never complete.
  await fs.writeFile(path.join(partialDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  await fs.rename(partialDir, finalDir);
  return finalDir;
}

/** Removes partial builds and all but the kept ones (the previous build stays for in-flight readers). */
async function removeOldBuilds(indexDir: string, keep: (string | undefined)[]): Promise<void> {
  const entries = await fs.readdir(buildsDir(indexDir)).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => !keep.includes(name))
      .map((name) => fs.rm(path.join(buildsDir(indexDir), name), { recursive: true, force: true })),
  );
}

function sameSkips(manifest: Manifest, skipped: SkippedFile[]): boolean {
  const before = new Set(manifest.skipped.map((s) => s.source));
  return skipped.length === before.size && skipped.every((s) => before.has(s.source));
}

async function folderBytes(directory: string): Promise<number> {
  const names = await fs.readdir(directory);
  const sizes = await Promise.all(names.map(async (name) => (await fs.stat(path.join(directory, name))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

/** One ingest at a time per index folder; a lock left by a dead process is taken over. */
async function acquireLock(indexDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(indexDir, { recursive: true });
  const lockPath = path.join(indexDir, "ingest.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await fs.readFile(lockPath, "utf8").catch(() => "0"));
      if (owner && owner !== process.pid && processIsAlive(owner)) {
        throw new UserFacingError(`Another ingest (process ${owner}) is already updating ${indexDir}; wait for it to finish.`);
      }
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new UserFacingError(`Could not lock ${indexDir} for ingest.`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
}
