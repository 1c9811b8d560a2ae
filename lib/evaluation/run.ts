/**
 * Runs one or more pipeline configurations over the question set and scores every
 * answer with the pure functions in `./metrics`. The pipeline is reached through a
 * small `EvalPipeline` interface so the scoring and aggregation can be tested with
 * synthetic answers.
 */
import fs from "node:fs/promises";
import { z } from "zod";
import { ChatOpenAI } from "@langchain/openai";
import { loadConfig, type Config } from "@/lib/config";
import { resultOf, type AskEvent, type AskResult } from "@/lib/types";
import {
  citationFaithfulness,
  citationPrecision,
  citationRecall,
  citedSentenceShare,
  distinctFiles,
  FAITHFULNESS_THRESHOLD,
  hitAtK,
  keyFacts,
  mean,
  ndcgAtK,
  percentile,
  rate,
  recallAtK,
  reciprocalRank,
} from "./metrics";

// ---------------------------------------------------------------------------
// Dataset

export const QUESTION_KINDS = ["single", "paraphrase", "multi-file", "distractor", "multi-fact", "unanswerable"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const questionSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    sources: z.array(z.string().min(1)),
    facts: z.array(z.array(z.string().min(1)).min(1)),
    answerable: z.boolean(),
    kind: z.enum(QUESTION_KINDS),
  })
  .strict()
  .refine((q) => q.answerable === (q.kind !== "unanswerable"), { message: "answerable must be false exactly for kind unanswerable" })
  .refine((q) => !q.answerable || q.sources.length > 0, { message: "an answerable question needs at least one source" });

export type EvalQuestion = z.infer<typeof questionSchema>;

/** Parses a JSONL question set; throws one sentence naming the first bad line. */
export function parseQuestions(text: string, name = "dataset"): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${name} line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${where} is not valid JSON.`);
    }
    const parsed = questionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${where}: ${issue.path.join(".") || "question"} ${issue.message}.`);
    }
    if (seen.has(parsed.data.id)) throw new Error(`${where}: duplicate id "${parsed.data.id}".`);
    seen.add(parsed.data.id);
    questions.push(parsed.data);
  });
  if (questions.length === 0) throw new Error(`${name} contains no questions.`);
  return questions;
}

export async function loadQuestions(file: string): Promise<EvalQuestion[]> {
  return parseQuestions(await fs.readFile(file, "utf8"), file);
}

export function countByKind(questions: readonly { kind: QuestionKind }[]): Record<QuestionKind, number> {
  const counts = Object.fromEntries(QUESTION_KINDS.map((k) => [k, 0])) as Record<QuestionKind, number>;
  for (const q of questions) counts[q.kind]++;
  return counts;
}

// ---------------------------------------------------------------------------
// Configurations

export type RetrieverName = "hybrid" | "dense" | "bm25";

export interface ConfigSpec {
  name: string;
  embedder: Config["embedder"];
  retriever: RetrieverName;
  answerer: Config["answerer"];
}

export const DEFAULT_CONFIGS: ConfigSpec[] = (["hybrid", "dense", "bm25"] as const).map((retriever) => ({
  name: retriever,
  embedder: "local",
  retriever,
  answerer: "extractive",
}));

const SPEC_VALUES = {
  embedder: ["local", "openai"],
  retriever: ["hybrid", "dense", "bm25"],
  answerer: ["extractive", "openai"],
} as const;

/**
 * Parses `name=embedder:local,retriever:hybrid,answerer:extractive`. Omitted keys
 * default to local / hybrid / extractive; without `name=` the name is the retriever.
 */
export function parseConfigSpec(text: string): ConfigSpec {
  const eq = text.indexOf("=");
  const name = eq === -1 ? undefined : text.slice(0, eq).trim();
  const body = eq === -1 ? text : text.slice(eq + 1);
  const spec: Omit<ConfigSpec, "name"> = { embedder: "local", retriever: "hybrid", answerer: "extractive" };
  for (const pair of body.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = pair.split(":").map((s) => s.trim());
    if (!(key in SPEC_VALUES)) {
      throw new Error(`Unknown key "${key}" in --config "${text}"; use embedder, retriever and answerer.`);
    }
    const allowed: readonly string[] = SPEC_VALUES[key as keyof typeof SPEC_VALUES];
    if (!allowed.includes(value)) {
      throw new Error(`Invalid ${key} "${value}" in --config "${text}"; expected one of ${allowed.join(", ")}.`);
    }
    Object.assign(spec, { [key]: value });
  }
  if (name === "") throw new Error(`Empty configuration name in --config "${text}".`);
  return { name: name ?? spec.retriever, ...spec };
}

// ---------------------------------------------------------------------------
// Metric catalogue

export type MetricName =
  | "passRate"
  | "retrievalHitAtK"
  | "recallAtK"
  | "mrr"
  | "ndcgAtK"
  | "citedFileHitRate"
  | "citationPrecision"
  | "citationRecall"
  | "citedSentenceRate"
  | "citationFaithfulness"
  | "keyFactRecall"
  | "allFactsRate"
  | "refusalAccuracy"
  | "wrongRefusalRate"
  | "latencyP50Ms"
  | "latencyP95Ms"
  | "judgeFaithfulness"
  | "judgeCorrectness";

export type MetricUnit = "rate" | "ms" | "score5";

export interface MetricInfo {
  name: MetricName;
  group: "overall" | "retrieval" | "citations" | "answers" | "refusal" | "latency" | "LLM-judged";
  unit: MetricUnit;
  higherIsBetter: boolean;
  description: string;
}

export const METRICS: MetricInfo[] = [
  { name: "passRate", group: "overall", unit: "rate", higherIsBetter: true, description: "Questions passed: answerable → found, a gold file cited and every fact present; unanswerable → refused." },
  { name: "retrievalHitAtK", group: "retrieval", unit: "rate", higherIsBetter: true, description: "Answerable questions with a gold file among the first k distinct retrieved files." },
  { name: "recallAtK", group: "retrieval", unit: "rate", higherIsBetter: true, description: "Mean share of gold files among the first k distinct retrieved files." },
  { name: "mrr", group: "retrieval", unit: "rate", higherIsBetter: true, description: "Mean reciprocal rank of the first gold file in the distinct-file ranking." },
  { name: "ndcgAtK", group: "retrieval", unit: "rate", higherIsBetter: true, description: "Mean nDCG@k, binary relevance by gold file." },
  { name: "citedFileHitRate", group: "citations", unit: "rate", higherIsBetter: true, description: "Answerable questions where a gold file is among the citations (refusals count as misses)." },
  { name: "citationPrecision", group: "citations", unit: "rate", higherIsBetter: true, description: "Mean share of cited files that are gold (answers with citations only)." },
  { name: "citationRecall", group: "citations", unit: "rate", higherIsBetter: true, description: "Mean share of gold files that are cited (answerable questions)." },
  { name: "citedSentenceRate", group: "citations", unit: "rate", higherIsBetter: true, description: "Share of sentences in found answers that carry a [n] marker." },
  { name: "citationFaithfulness", group: "citations", unit: "rate", higherIsBetter: true, description: `Share of (sentence, [n]) pairs whose cited passage contains ≥ ${FAITHFULNESS_THRESHOLD * 100}% of the sentence's stemmed content words.` },
  { name: "keyFactRecall", group: "answers", unit: "rate", higherIsBetter: true, description: "Mean share of expected facts found in the answer (normalised, whole-word, any spelling)." },
  { name: "allFactsRate", group: "answers", unit: "rate", higherIsBetter: true, description: "Answerable questions whose answer contains every expected fact." },
  { name: "refusalAccuracy", group: "refusal", unit: "rate", higherIsBetter: true, description: "Unanswerable questions correctly answered with “not found”." },
  { name: "wrongRefusalRate", group: "refusal", unit: "rate", higherIsBetter: false, description: "Answerable questions wrongly answered with “not found”." },
  { name: "latencyP50Ms", group: "latency", unit: "ms", higherIsBetter: false, description: "Median ask() time (nearest-rank)." },
  { name: "latencyP95Ms", group: "latency", unit: "ms", higherIsBetter: false, description: "95th-percentile ask() time (nearest-rank)." },
  { name: "judgeFaithfulness", group: "LLM-judged", unit: "score5", higherIsBetter: true, description: "LLM-judged: is the answer supported by its cited passages (1–5)?" },
  { name: "judgeCorrectness", group: "LLM-judged", unit: "score5", higherIsBetter: true, description: "LLM-judged: does the answer correctly answer the question (1–5)?" },
];

export const METRIC_NAMES = METRICS.map((m) => m.name);
export type Metrics = Record<MetricName, number | null>;

// ---------------------------------------------------------------------------
// Per-question scoring

export interface JudgeScore {
  faithfulness: number;
  correctness: number;
  note?: string;
}

export interface QuestionResult {
  id: string;
  kind: QuestionKind;
  question: string;
  answerable: boolean;
  expectedSources: string[];
  expectedFacts: string[][];
  retrievedFiles: string[];
  found: boolean;
  answer: string;
  /** Cited passages in full, so the report shows what each [n] pointed at. */
  citations: { n: number; source: string; lines: { from: number; to: number }; page?: number; score: number; text: string }[];
  citedFiles: string[];
  latencyMs: number;
  scores: {
    hitAtK: number | null;
    recallAtK: number | null;
    reciprocalRank: number | null;
    ndcgAtK: number | null;
    citedFileHit: boolean | null;
    citationPrecision: number | null;
    citationRecall: number | null;
    citedSentences: number;
    sentences: number;
    faithfulPairs: number;
    citationPairs: number;
    keyFactRecall: number | null;
    allFactsHit: boolean | null;
    missingFacts: string[];
  };
  judge?: JudgeScore;
  pass: boolean;
  /** Why the question failed, in a few words; empty when it passed. */
  failure: string;
  error?: string;
}

/** Scores one answer against its gold data. Pure. */
export function scoreQuestion(
  q: EvalQuestion,
  ranked: readonly { source: string }[],
  result: Pick<AskResult, "found" | "answer" | "citations">,
  k: number,
  latencyMs: number,
): QuestionResult {
  const retrievedFiles = distinctFiles(ranked);
  const citedFiles = distinctFiles(result.citations);
  const gold = q.sources;
  const answerable = q.answerable;
  const sentences = result.found ? citedSentenceShare(result.answer) : { cited: 0, total: 0 };
  const faithful = result.found ? citationFaithfulness(result.answer, result.citations) : { supported: 0, pairs: 0 };
  const facts = answerable ? keyFacts(result.found ? result.answer : "", q.facts) : null;
  const citedFileHit = answerable ? citedFiles.some((f) => gold.includes(f)) : null;
  const scores: QuestionResult["scores"] = {
    hitAtK: answerable ? hitAtK(retrievedFiles, gold, k) : null,
    recallAtK: answerable ? recallAtK(retrievedFiles, gold, k) : null,
    reciprocalRank: answerable ? reciprocalRank(retrievedFiles, gold) : null,
    ndcgAtK: answerable ? ndcgAtK(retrievedFiles, gold, k) : null,
    citedFileHit,
    citationPrecision: answerable ? citationPrecision(citedFiles, gold) : null,
    citationRecall: answerable ? (result.found ? citationRecall(citedFiles, gold) : 0) : null,
    citedSentences: sentences.cited,
    sentences: sentences.total,
    faithfulPairs: faithful.supported,
    citationPairs: faithful.pairs,
    keyFactRecall: facts?.recall ?? null,
    allFactsHit: facts ? facts.allHit : null,
    missingFacts: facts?.missing ?? [],
  };
  const failure = describeFailure(q, result.found, citedFiles, scores);
  return {
    id: q.id,
    kind: q.kind,
    question: q.question,
    answerable,
    expectedSources: gold,
    expectedFacts: q.facts,
    retrievedFiles,
    found: result.found,
    answer: result.answer,
    citations: result.citations.map((c) => ({
      n: c.n,
      source: c.source,
      lines: c.lines,
      ...(c.page !== undefined ? { page: c.page } : {}),
      score: c.score,
      text: c.text,
    })),
    citedFiles,
    latencyMs,
    scores,
    pass: failure === "",
    failure,
  };
}

function describeFailure(q: EvalQuestion, found: boolean, citedFiles: string[], s: QuestionResult["scores"]): string {
  if (!q.answerable) return found ? "answered a question the documents do not answer" : "";
  if (!found) return "refused (not found) although the documents answer it";
  const reasons: string[] = [];
  if (!s.citedFileHit) reasons.push(`cited ${citedFiles.join(", ") || "nothing"} instead of ${q.sources.join(" or ")}`);
  if (s.missingFacts.length) reasons.push(`missing ${s.missingFacts.map((f) => `"${f}"`).join(", ")}`);
  return reasons.join("; ");
}

/** A question whose ask() threw: recorded as a failure so the run continues. */
export function errorResult(q: EvalQuestion, error: unknown, ranked: readonly { source: string }[], k: number): QuestionResult {
  const base = scoreQuestion(q, ranked, { found: false, answer: "", citations: [] }, k, 0);
  const message = error instanceof Error ? error.message : String(error);
  return { ...base, pass: false, failure: `error: ${message}`, error: message };
}

// ---------------------------------------------------------------------------
// Aggregation

/** Aggregates per-question results into the headline metrics. Pure. */
export function aggregate(results: readonly QuestionResult[]): Metrics {
  const answerable = results.filter((r) => r.answerable);
  const unanswerable = results.filter((r) => !r.answerable);
  const sum = (xs: readonly QuestionResult[], f: (r: QuestionResult) => number) => xs.reduce((a, r) => a + f(r), 0);
  const sentences = sum(results, (r) => r.scores.sentences);
  const pairs = sum(results, (r) => r.scores.citationPairs);
  const latencies = results.filter((r) => !r.error).map((r) => r.latencyMs);
  const judged = results.filter((r) => r.judge);
  return {
    passRate: rate(results.map((r) => r.pass)),
    retrievalHitAtK: mean(answerable.map((r) => r.scores.hitAtK)),
    recallAtK: mean(answerable.map((r) => r.scores.recallAtK)),
    mrr: mean(answerable.map((r) => r.scores.reciprocalRank)),
    ndcgAtK: mean(answerable.map((r) => r.scores.ndcgAtK)),
    citedFileHitRate: rate(answerable.map((r) => r.scores.citedFileHit === true)),
    citationPrecision: mean(answerable.map((r) => r.scores.citationPrecision)),
    citationRecall: mean(answerable.map((r) => r.scores.citationRecall)),
    // Micro-averaged: every sentence / citation pair weighs the same.
    citedSentenceRate: sentences ? sum(results, (r) => r.scores.citedSentences) / sentences : null,
    citationFaithfulness: pairs ? sum(results, (r) => r.scores.faithfulPairs) / pairs : null,
    keyFactRecall: mean(answerable.map((r) => r.scores.keyFactRecall)),
    allFactsRate: rate(answerable.filter((r) => r.scores.allFactsHit !== null).map((r) => r.scores.allFactsHit === true)),
    refusalAccuracy: rate(unanswerable.map((r) => !r.found && !r.error)),
    wrongRefusalRate: rate(answerable.map((r) => !r.found)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    judgeFaithfulness: mean(judged.map((r) => r.judge?.faithfulness)),
    judgeCorrectness: mean(judged.map((r) => r.judge?.correctness)),
  };
}

/** Pass rate per question kind, for the report. */
export function passRateByKind(results: readonly QuestionResult[]): Record<QuestionKind, { questions: number; passed: number }> {
  const out = Object.fromEntries(QUESTION_KINDS.map((k) => [k, { questions: 0, passed: 0 }])) as Record<
    QuestionKind,
    { questions: number; passed: number }
  >;
  for (const r of results) {
    out[r.kind].questions++;
    if (r.pass) out[r.kind].passed++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Running

/**
 * The slice of the pipeline the eval needs. Retrieval metrics rank the passages of the answer's
 * own `retrieved` event, so they measure the retrieval the answer used, and retrieval runs once.
 */
export interface EvalPipeline {
  askStream(question: string): AsyncIterable<AskEvent>;
  close(): Promise<void>;
}

export type PipelineOpener = (spec: ConfigSpec, config: Config) => Promise<EvalPipeline>;

/** Opens the real pipeline; imported lazily so the scoring code loads without it. */
export const openPipeline: PipelineOpener = async (spec, config) => {
  const { Pipeline } = await import("@/lib/pipeline");
  return Pipeline.open({ config, retriever: spec.retriever });
};

export interface Judge {
  model: string;
  grade(question: string, result: QuestionResult): Promise<JudgeScore>;
}

export type ConfigStatus = "ok" | "skipped" | "error";

export interface ConfigRun {
  spec: ConfigSpec;
  status: ConfigStatus;
  /** Why the configuration was skipped or failed. */
  reason?: string;
  metrics: Metrics | null;
  byKind: Record<QuestionKind, { questions: number; passed: number }> | null;
  results: QuestionResult[];
}

export interface EvalReport {
  generatedAt: string;
  dataset: { path: string; questions: number; byKind: Record<QuestionKind, number>; items: EvalQuestion[] };
  k: number;
  faithfulnessThreshold: number;
  judge: { enabled: boolean; model?: string; note: string };
  metrics: MetricInfo[];
  configs: ConfigRun[];
}

export interface RunOptions {
  questions: EvalQuestion[];
  datasetPath: string;
  configs: ConfigSpec[];
  k: number;
  /** Base configuration; each spec overrides its embedder and answerer. */
  baseConfig: Config;
  /** Whether OpenAI credentials are configured; specs needing them are skipped otherwise. */
  openaiAvailable: boolean;
  open?: PipelineOpener;
  judge?: Judge;
  judgeNote?: string;
  onProgress?: (config: string, done: number, total: number) => void;
}

/** Thrown when the index does not exist: nothing can be evaluated. */
export class EvalAbort extends Error {
  override name = "EvalAbort";
}

export async function runEval(options: RunOptions): Promise<EvalReport> {
  const configs: ConfigRun[] = [];
  for (const spec of options.configs) configs.push(await runConfig(spec, options));
  return {
    generatedAt: new Date().toISOString(),
    dataset: {
      path: options.datasetPath,
      questions: options.questions.length,
      byKind: countByKind(options.questions),
      items: options.questions,
    },
    k: options.k,
    faithfulnessThreshold: FAITHFULNESS_THRESHOLD,
    judge: options.judge
      ? { enabled: true, model: options.judge.model, note: "LLM-judged scores (1–5) from the configured chat model." }
      : { enabled: false, note: options.judgeNote ?? "LLM judge not requested (--judge)." },
    metrics: METRICS,
    configs,
  };
}

async function runConfig(spec: ConfigSpec, options: RunOptions): Promise<ConfigRun> {
  const skip = (status: ConfigStatus, reason: string): ConfigRun => ({ spec, status, reason, metrics: null, byKind: null, results: [] });
  if ((spec.embedder === "openai" || spec.answerer === "openai") && !options.openaiAvailable) {
    return skip("skipped", "needs OPENAI_API_KEY (or OPENAI_BASE_URL) for the openai embedder/answerer");
  }
  const config: Config = { ...options.baseConfig, embedder: spec.embedder, answerer: spec.answerer };
  let pipeline: EvalPipeline;
  try {
    pipeline = await (options.open ?? openPipeline)(spec, config);
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const message = error instanceof Error ? error.message : String(error);
    if (name === "IndexMissingError") throw new EvalAbort(message);
    // The index is built for one embedder; other embedders cannot use it.
    if (name === "EmbedderMismatchError") return skip("skipped", `index was built with a different embedder: ${message}`);
    return skip("error", message);
  }
  try {
    const results = await askAll(pipeline, spec, options);
    return { spec, status: "ok", metrics: aggregate(results), byKind: passRateByKind(results), results };
  } finally {
    await pipeline.close();
  }
}

async function askAll(pipeline: EvalPipeline, spec: ConfigSpec, options: RunOptions): Promise<QuestionResult[]> {
  const { questions, k } = options;
  // Warm-up so one-off lazy loading does not land in the first question's latency.
  await resultOf(pipeline.askStream(questions[0].question)).catch(() => undefined);
  const results: QuestionResult[] = [];
  for (const q of questions) {
    // Kept when answering fails after retrieval.
    let ranked: readonly { source: string }[] = [];
    try {
      const started = performance.now();
      const answer = await resultOf(pipeline.askStream(q.question), (passages) => (ranked = passages));
      const latency = answer.timings?.totalMs ?? performance.now() - started;
      const scored = scoreQuestion(q, ranked, answer, k, latency);
      if (options.judge && answer.found) scored.judge = await safeJudge(options.judge, scored);
      results.push(scored);
    } catch (error) {
      results.push(errorResult(q, error, ranked, k));
    }
    options.onProgress?.(spec.name, results.length, questions.length);
  }
  return results;
}

async function safeJudge(judge: Judge, result: QuestionResult): Promise<JudgeScore | undefined> {
  try {
    return await judge.grade(result.question, result);
  } catch {
    return undefined; // A failed grading leaves the question unjudged rather than failing the run.
  }
}

// ---------------------------------------------------------------------------
// LLM judge

const judgeReply = z.object({
  faithfulness: z.coerce.number().int().min(1).max(5),
  correctness: z.coerce.number().int().min(1).max(5),
  note: z.string().optional(),
});

/** Builds the judge prompt; the reference facts come from the dataset, the passages from the citations. */
export function judgePrompt(question: string, result: QuestionResult): string {
  const passages = result.citations.map((c) => `[${c.n}] (${c.source}) ${c.text}`).join("\n");
  const facts = result.expectedFacts.map((alts) => alts.join(" / ")).join("; ") || "(none listed)";
  return [
    "You grade answers of a document Q&A system. Reply with JSON only:",
    '{"faithfulness": 1-5, "correctness": 1-5, "note": "<one short sentence>"}',
    "faithfulness: 5 = every claim is supported by the cited passages, 1 = mostly unsupported.",
    "correctness: 5 = fully and correctly answers the question, 1 = wrong or irrelevant.",
    `Question: ${question}`,
    `Reference facts: ${facts}`,
    `Cited passages:\n${passages || "(none)"}`,
    `Answer:\n${result.answer}`,
  ].join("\n\n");
}

/** Pulls the first JSON object out of the model's reply. */
export function parseJudgeReply(text: string): JudgeScore {
  const match = text.match(/\{[\s\S]*\}/);
  if (!match) throw new Error("judge reply contained no JSON");
  return judgeReply.parse(JSON.parse(match[0]));
}

export function createOpenAIJudge(config: Config): Judge {
  const { openai } = config;
  const model = new ChatOpenAI({
    model: openai.chatModel,
    apiKey: openai.apiKey,
    configuration: openai.baseURL ? { baseURL: openai.baseURL } : undefined,
    temperature: 0,
    timeout: openai.timeoutMs,
    maxRetries: openai.maxRetries,
  });
  return {
    model: openai.chatModel,
    async grade(question, result) {
      const reply = await model.invoke(judgePrompt(question, result));
      const text = typeof reply.content === "string" ? reply.content : JSON.stringify(reply.content);
      return parseJudgeReply(text);
    },
  };
}

/** True when OpenAI credentials are configured: the config schema only accepts the openai answerer with them. */
export function openaiConfigured(env: Record<string, string | undefined>): boolean {
  try {
    loadConfig({ ...env, RAG_ANSWERER: "openai" });
    return true;
  } catch {
    return false;
  }
}
