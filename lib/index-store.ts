import fs from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Config } from "./config";
import { createEmbeddings, deserializeLocalStats, embedderId, type LocalEmbedderStats } from "./embedding";
import { EmbedderMismatchError, IndexCorruptError, IndexMissingError } from "./errors";
import { deserializeSynonyms, type SynonymMap } from "./synonyms";
import { deserializeNames, type CorpusNames } from "./text";
import type { ChunkMetadata } from "./types";

/**
 * On-disk layout of an index folder:
 *   CURRENT              name of the live build (replaced atomically by rename)
 *   builds/<id>/         one complete build: HNSWLib files, manifest.json, embedder-stats.bin
 *   builds/<id>.partial/ a build being written; never read, removed by the next ingest
 * Readers only follow CURRENT, so a crash mid-ingest leaves the previous build live.
 */

export const MANIFEST_VERSION = 1;

export interface FileEntry {
  hash: string;
  kind: string;
  bytes: number;
  chunkIds: string[];
}

export interface Manifest {
  manifestVersion: number;
  tool: { name: string; version: string };
  buildId: string;
  builtAt: string;
  buildSeconds: number;
  corpusDir: string;
  embedder: {
    id: string;
    dimensions: number;
    /** Local embedder: chunks its statistics were fitted on, and chunks embedded since with them. */
    fittedOnChunks?: number;
    embeddedSinceFit?: number;
  };
  splitter: { name: string; chunkSize: number; chunkOverlap: number };
  /** TEXT_ANALYSIS_VERSION the build was made with (absent: before versioning, i.e. 1). */
  textAnalysis?: number;
  hnsw: { space: "cosine"; m: number; efConstruction: number };
  files: Record<string, FileEntry>;
  skipped: { source: string; reason: string }[];
  counts: { files: number; chunks: number; embedded: number; reused: number };
}

export interface LoadedIndex {
  buildId: string;
  directory: string;
  manifest: Manifest;
  store: HNSWLib;
  embeddings: Embeddings;
  localStats?: LocalEmbedderStats;
  /** Chunks by HNSW label. */
  chunks: Document<ChunkMetadata>[];
  /** Related-word map for paraphrased questions (absent in builds made without it). */
  synonyms?: SynonymMap;
  /** How the corpus writes names (absent in builds made without it: then found at the first question). */
  names?: CorpusNames;
}

export const LOCAL_STATS_FILE = "embedder-stats.bin";
export const MANIFEST_FILE = "manifest.json";
export const SYNONYMS_FILE = "synonyms.json";
export const NAMES_FILE = "names.json";

export const buildsDir = (indexDir: string) => path.join(indexDir, "builds");
const currentPointer = (indexDir: string) => path.join(indexDir, "CURRENT");

/** The live build id, or null when no index has been built yet. */
export async function readCurrentBuildId(indexDir: string): Promise<string | null> {
  try {
    const id = (await fs.readFile(currentPointer(indexDir), "utf8")).trim();
    return /^[\w.-]+$/.test(id) ? id : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Makes `buildId` live with one atomic rename. */
export async function publishBuild(indexDir: string, buildId: string): Promise<void> {
  const temporary = `${currentPointer(indexDir)}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, "w");
  try {
    await handle.writeFile(buildId + "\n");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, currentPointer(indexDir));
}

export async function readManifest(buildDir: string): Promise<Manifest> {
  const manifest = JSON.parse(await fs.readFile(path.join(buildDir, MANIFEST_FILE), "utf8")) as Manifest;
  if (manifest.manifestVersion !== MANIFEST_VERSION) {
    throw new Error(`manifest version ${manifest.manifestVersion} is not supported`);
  }
  return manifest;
}

const reingestHint = (config: Config) =>
  `Run \`npm run ingest -- --rebuild\` to rebuild it${config.embedder === "local" ? "" : " with the configured embedder"}.`;

/** Loads the live index, checking it was built with the configured embedder. */
export async function loadIndex(config: Config): Promise<LoadedIndex> {
  const buildId = await readCurrentBuildId(config.indexDir);
  if (!buildId) {
    throw new IndexMissingError(
      `No index found in ${config.indexDir}. Run \`npm run ingest\` to build it from ${config.corpusDir}.`,
    );
  }
  const directory = path.join(buildsDir(config.indexDir), buildId);
  let manifest: Manifest;
  try {
    manifest = await readManifest(directory);
  } catch (error) {
    throw new IndexCorruptError(
      `The index in ${config.indexDir} is damaged (${describe(error)}). ${reingestHint(config)}`,
    );
  }
  const expected = embedderId(config);
  if (manifest.embedder.id !== expected) {
    throw new EmbedderMismatchError(
      `The index was built with the "${manifest.embedder.id}" embedder but "${expected}" is configured (RAG_EMBEDDER=${config.embedder}). ` +
        `Set RAG_EMBEDDER back, or run \`npm run ingest -- --rebuild\` to re-embed the corpus with "${expected}".`,
    );
  }
  try {
    const localStats =
      config.embedder === "local"
        ? deserializeLocalStats(await fs.readFile(path.join(directory, LOCAL_STATS_FILE)))
        : undefined;
    const embeddings = createEmbeddings(config, localStats);
    const store = await HNSWLib.load(directory, embeddings);
    const chunks: Document<ChunkMetadata>[] = [];
    for (const [label, document] of (store.docstore as unknown as { _docs: Map<string, Document<ChunkMetadata>> })._docs) {
      chunks[Number(label)] = document;
    }
    if (chunks.length !== manifest.counts.chunks || store.index.getCurrentCount() !== manifest.counts.chunks) {
      throw new Error(`expected ${manifest.counts.chunks} chunks, found ${chunks.length}`);
    }
    const synonyms = await fs
      .readFile(path.join(directory, SYNONYMS_FILE), "utf8")
      .then(deserializeSynonyms, () => undefined);
    const names = await fs
      .readFile(path.join(directory, NAMES_FILE), "utf8")
      .then(deserializeNames, () => undefined);
    return { buildId, directory, manifest, store, embeddings, localStats, chunks, synonyms, names };
  } catch (error) {
    throw new IndexCorruptError(
      `The index in ${config.indexDir} is damaged or incomplete (${describe(error)}). ${reingestHint(config)}`,
    );
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].slice(0, 200);
}
