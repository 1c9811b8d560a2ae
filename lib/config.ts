import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads the environment. Every variable is documented in
 * `.env.example` and the README; nothing else in the code reads `process.env`.
 */

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const schema = z
  .object({
    RAG_CORPUS_DIR: z.string().min(1).default("seeds"),
    RAG_INDEX_DIR: z.string().min(1).default("data/index"),
    RAG_EMBEDDER: z.enum(["local", "openai"]).default("local"),
    RAG_ANSWERER: z.enum(["extractive", "openai"]).default("extractive"),
    RAG_CHUNK_SIZE: intFrom(200, 8000, 900),
    RAG_CHUNK_OVERLAP: intFrom(0, 2000, 150),
    RAG_TOP_K: intFrom(1, 20, 5),
    RAG_HNSW_EF: intFrom(10, 2000, 200),
    /** Share of the question's informative words a passage must contain to count as an answer. */
    RAG_MIN_COVERAGE: z.coerce.number().min(0).max(1).default(0.35),
    RAG_MAX_REQUEST_BYTES: intFrom(1024, 10_000_000, 256_000),
    RAG_MAX_MESSAGES: intFrom(1, 1000, 100),
    RAG_MAX_QUESTION_CHARS: intFrom(10, 100_000, 4000),
    RAG_RATE_LIMIT_PER_MINUTE: intFrom(0, 1_000_000, 120),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_CHAT_MODEL: z.string().min(1).default("gpt-4o-mini"),
    OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
    OPENAI_EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
    OPENAI_TIMEOUT_MS: intFrom(1000, 600_000, 60_000),
    OPENAI_MAX_RETRIES: intFrom(0, 10, 2),
  })
  .superRefine((env, ctx) => {
    const usesOpenAI = env.RAG_EMBEDDER === "openai" || env.RAG_ANSWERER === "openai";
    if (usesOpenAI && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["OPENAI_API_KEY"],
        message: "is required for the openai embedder or answerer (or set OPENAI_BASE_URL for a local OpenAI-compatible server)",
      });
    }
    if (env.RAG_CHUNK_OVERLAP >= env.RAG_CHUNK_SIZE) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["RAG_CHUNK_OVERLAP"],
        message: "must be smaller than RAG_CHUNK_SIZE",
      });
    }
  });

type Env = z.infer<typeof schema>;

export interface OpenAISettings {
  /** Never logged or sent to the browser. Local servers accept any placeholder. */
  apiKey: string;
  baseURL?: string;
  chatModel: string;
  embeddingModel: string;
  embeddingDimensions?: number;
  timeoutMs: number;
  maxRetries: number;
}

export interface Config {
  corpusDir: string;
  indexDir: string;
  embedder: Env["RAG_EMBEDDER"];
  answerer: Env["RAG_ANSWERER"];
  chunkSize: number;
  chunkOverlap: number;
  topK: number;
  hnswEf: number;
  minCoverage: number;
  limits: {
    maxRequestBytes: number;
    maxMessages: number;
    maxQuestionChars: number;
    rateLimitPerMinute: number;
  };
  openai: OpenAISettings;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads and validates configuration; throws `ConfigError` with one readable sentence. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  // Empty strings in .env files mean "unset".
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => value !== "" && key in schema.innerType().shape),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}.`);
  }
  const e = parsed.data;
  return {
    corpusDir: path.resolve(e.RAG_CORPUS_DIR),
    indexDir: path.resolve(e.RAG_INDEX_DIR),
    embedder: e.RAG_EMBEDDER,
    answerer: e.RAG_ANSWERER,
    chunkSize: e.RAG_CHUNK_SIZE,
    chunkOverlap: e.RAG_CHUNK_OVERLAP,
    topK: e.RAG_TOP_K,
    hnswEf: e.RAG_HNSW_EF,
    minCoverage: e.RAG_MIN_COVERAGE,
    limits: {
      maxRequestBytes: e.RAG_MAX_REQUEST_BYTES,
      maxMessages: e.RAG_MAX_MESSAGES,
      maxQuestionChars: e.RAG_MAX_QUESTION_CHARS,
      rateLimitPerMinute: e.RAG_RATE_LIMIT_PER_MINUTE,
    },
    openai: {
      apiKey: e.OPENAI_API_KEY ?? "not-needed-for-local-server",
      baseURL: e.OPENAI_BASE_URL,
      chatModel: e.OPENAI_CHAT_MODEL,
      embeddingModel: e.OPENAI_EMBEDDING_MODEL,
      embeddingDimensions: e.OPENAI_EMBEDDING_DIMENSIONS,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxRetries: e.OPENAI_MAX_RETRIES,
    },
    ...overrides,
  };
}
