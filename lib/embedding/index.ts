import type { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Config } from "../config";
import { LocalEmbeddings, LOCAL_EMBEDDER_ID, type LocalEmbedderStats } from "./local";

export { LocalEmbeddings, fitLocalStats, serializeLocalStats, deserializeLocalStats, LOCAL_EMBEDDER_ID } from "./local";
export type { LocalEmbedderStats } from "./local";

/** The id recorded in the manifest; loading with a different id is refused. */
export function embedderId(config: Config): string {
  if (config.embedder === "local") return LOCAL_EMBEDDER_ID;
  const dims = config.openai.embeddingDimensions ? `@${config.openai.embeddingDimensions}` : "";
  return `openai:${config.openai.embeddingModel}${dims}`;
}

export function createEmbeddings(config: Config, localStats?: LocalEmbedderStats): Embeddings {
  if (config.embedder === "local") {
    if (!localStats) throw new Error("the local embedder needs statistics fitted on the corpus");
    return new LocalEmbeddings(localStats);
  }
  return new OpenAIEmbeddings({
    model: config.openai.embeddingModel,
    dimensions: config.openai.embeddingDimensions,
    apiKey: config.openai.apiKey,
    configuration: { baseURL: config.openai.baseURL },
    timeout: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    batchSize: 256,
  });
}
