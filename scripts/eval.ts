/**
 * `npm run eval -- [--dataset tests/eval/questions.jsonl] [--k 5] [--config name=embedder:local,retriever:hybrid,answerer:extractive]...
 *                  [--out reports/eval] [--min metric=value]... [--max metric=value]... [--judge]`
 * Thin CLI over lib/evaluation: runs, prints, writes reports, applies thresholds.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { readCurrentBuildId } from "@/lib/index-store";
import { checkThresholds, parseThreshold, renderTerminal, writeReports, type Threshold } from "@/lib/evaluation/report";
import {
  createOpenAIJudge,
  DEFAULT_CONFIGS,
  loadQuestions,
  openaiConfigured,
  parseConfigSpec,
  runEval,
  type Judge,
} from "@/lib/evaluation/run";

const HELP = `Usage: npm run eval -- [options]
  --dataset <file>    question set (default tests/eval/questions.jsonl)
  --k <n>             cut-off for retrieval metrics (default 5)
  --config <spec>     name=embedder:local|openai,retriever:hybrid|dense|bm25,answerer:extractive|openai
                      repeatable; default: hybrid, dense and bm25 with the local embedder and extractive answerer
  --out <dir>         where report.json and report.html go (default reports/eval)
  --min metric=value  fail (exit 1) when a configuration scores below value; repeatable
  --max metric=value  fail (exit 1) when a configuration scores above value (e.g. latencyP95Ms); repeatable
  --judge             also grade answers with the LLM (needs RAG_ANSWERER=openai and its key)
Thresholds apply to every configuration that ran.`;

function parseCli() {
  const { values } = parseArgs({
    options: {
      dataset: { type: "string", default: "tests/eval/questions.jsonl" },
      k: { type: "string", default: "5" },
      config: { type: "string", multiple: true },
      out: { type: "string", default: "reports/eval" },
      min: { type: "string", multiple: true },
      max: { type: "string", multiple: true },
      judge: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new Error(`--k must be a positive integer, got "${values.k}".`);
  const configs = values.config?.length ? values.config.map(parseConfigSpec) : DEFAULT_CONFIGS;
  const names = configs.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two --config entries are named "${duplicate}"; give each a distinct name=.`);
  const thresholds: Threshold[] = [
    ...(values.min ?? []).map((t) => parseThreshold(t, "min")),
    ...(values.max ?? []).map((t) => parseThreshold(t, "max")),
  ];
  return { ...values, k, configs, thresholds };
}

async function main(): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (cli.help) {
    console.log(HELP);
    return 0;
  }
  const baseConfig = loadConfig(process.env);
  const questions = await loadQuestions(cli.dataset);
  if (!(await readCurrentBuildId(baseConfig.indexDir))) {
    console.error(`No index found in ${baseConfig.indexDir}; run \`npm run ingest\` first, then \`npm run eval\`.`);
    return 1;
  }

  let judge: Judge | undefined;
  let judgeNote: string | undefined;
  if (cli.judge && baseConfig.answerer === "openai") judge = createOpenAIJudge(baseConfig);
  else if (cli.judge) judgeNote = "LLM judge skipped: it needs RAG_ANSWERER=openai with OPENAI_API_KEY (or OPENAI_BASE_URL).";
  if (judgeNote) console.error(judgeNote);

  const report = await runEval({
    questions,
    datasetPath: cli.dataset,
    configs: cli.configs,
    k: cli.k,
    baseConfig,
    openaiAvailable: openaiConfigured(process.env),
    judge,
    judgeNote,
    onProgress: progress,
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");

  console.log(renderTerminal(report));
  const files = await writeReports(report, path.resolve(cli.out));
  console.log(`\nWrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.html)}.`);

  const problems = [
    ...report.configs.filter((c) => c.status === "error").map((c) => `Configuration ${c.spec.name} failed: ${c.reason}`),
    ...checkThresholds(report, cli.thresholds),
  ];
  for (const p of problems) console.error(p);
  return problems.length ? 1 : 0;
}

function progress(config: string, done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${config}: ${done}/${total}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // Missing index (EvalAbort), bad config or dataset: their messages are one readable sentence.
    // This is a developer tool, so other errors show their message too rather than a generic one.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
