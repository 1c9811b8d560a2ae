import { loadConfig } from "../config";
import { loadIndex } from "../index-store";
import { HybridRetriever } from "../retrieval";
import { memorySnapshot, retainedBytes } from "./memory";

/**
 * Run in a fresh child process (see `probeServing`): how much memory and time
 * loading an index and building its retriever takes, free of whatever the
 * parent process allocated before.
 */
async function main(): Promise<void> {
  const [corpusDir, indexDir] = process.argv.slice(2);
  const config = loadConfig({ RAG_CORPUS_DIR: corpusDir, RAG_INDEX_DIR: indexDir, RAG_EMBEDDER: "local" });
  const before = memorySnapshot();
  const t0 = performance.now();
  const index = await loadIndex(config);
  const retriever = new HybridRetriever(index, { mode: "hybrid", topK: config.topK, ef: config.hnswEf, minCoverage: config.minCoverage });
  const loadMs = performance.now() - t0;
  const bytes = retainedBytes(before);
  await retriever.retrieve("warm up");
  process.send!({ loadMs, bytes, baselineBytes: before.rss }, () => process.disconnect());
}

void main().catch((error) => {
  process.send!({ error: (error as Error).message }, () => process.disconnect());
});
