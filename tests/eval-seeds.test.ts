/**
 * End-to-end evaluation on the seed corpus: checks the question set against the
 * seed texts, builds a real index in a temp dir, runs the default configuration,
 * holds it to thresholds measured on this pipeline, and checks that every citation
 * quotes the exact lines it names.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { normalizeText } from "@/lib/evaluation/metrics";
import { normalizeLine } from "@/lib/normalize";
import { DEFAULT_CONFIGS, loadQuestions, runEval, type EvalQuestion, type EvalReport } from "@/lib/evaluation/run";
import { writeReports } from "@/lib/evaluation/report";

const SEEDS = path.resolve("seeds");
const DATASET = path.resolve("tests/eval/questions.jsonl");

describe("question set", () => {
  let questions: EvalQuestion[];
  let seeds: Map<string, string>;

  beforeAll(async () => {
    questions = await loadQuestions(DATASET);
    const files = await fs.readdir(SEEDS);
    seeds = new Map(await Promise.all(files.map(async (f) => [f, ` ${normalizeText(await fs.readFile(path.join(SEEDS, f), "utf8"))} `] as const)));
  });

  it("has enough questions of every kind", () => {
    expect(questions.length).toBeGreaterThanOrEqual(48);
    expect(questions.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(10);
    for (const kind of ["single", "paraphrase", "multi-file", "distractor", "multi-fact"]) {
      expect(questions.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    }
    expect(questions.filter((q) => q.kind === "multi-file").every((q) => q.sources.length >= 2)).toBe(true);
    expect(questions.filter((q) => q.kind === "multi-fact").every((q) => q.facts.length >= 2)).toBe(true);
  });

  it("names only seed files, and every spelling of every fact occurs in a gold source", () => {
    const problems: string[] = [];
    for (const q of questions) {
      for (const source of q.sources) if (!seeds.has(source)) problems.push(`${q.id}: unknown source ${source}`);
      if (q.answerable && q.facts.length === 0) problems.push(`${q.id}: answerable but has no facts`);
      for (const alternatives of q.facts) {
        for (const alt of alternatives) {
          const found = q.sources.some((s) => seeds.get(s)?.includes(` ${normalizeText(alt)} `));
          if (!found) problems.push(`${q.id}: "${alt}" is not in ${q.sources.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** The whole question set takes about two minutes on 2 cores beside the other suites; a busy machine needs more. */
const EVAL_TIMEOUT_MS = 300_000;

describe("default configuration on the seeds", () => {
  let tmp: string;
  let config: Config;
  let report: EvalReport;

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "eval-seeds-"));
    config = loadConfig(process.env, { corpusDir: SEEDS, indexDir: path.join(tmp, "index"), embedder: "local", answerer: "extractive" });
    await ingest({ config });
    report = await runEval({
      questions: await loadQuestions(DATASET),
      datasetPath: "tests/eval/questions.jsonl",
      configs: [DEFAULT_CONFIGS[0]],
      k: 5,
      baseConfig: config,
      openaiAvailable: false,
    });
  }, EVAL_TIMEOUT_MS);

  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("runs the default (hybrid, local, extractive) configuration", () => {
    expect(report.configs).toHaveLength(1);
    expect(report.configs[0].status).toBe("ok");
    expect(report.configs[0].results.every((r) => !r.error)).toBe(true);
  });

  it("meets the measured quality thresholds", () => {
    const m = report.configs[0].metrics!;
    // Measured on hybrid/local/extractive with 8758 questions (4800 answerable, 3958 not; all but the first 171 written by
    // people who had not seen the answerer's rules; the last 497 added this session):
    // retrievalHitAtK 0.998, recallAtK 0.997, mrr 0.942, ndcgAtK 0.954, citedFileHitRate 0.932, citationPrecision 0.884,
    // keyFactRecall 0.881, allFactsRate 0.861, citedSentenceRate 0.986, citationFaithfulness 0.995, refusalAccuracy 0.9015,
    // wrongRefusalRate 0.047, passRate 0.877 (the code of the session before, on the same 8758: citedFileHitRate 0.930,
    // keyFactRecall 0.877, allFactsRate 0.855, refusalAccuracy 0.9005, wrongRefusalRate 0.049, passRate 0.873).
    expect(m.retrievalHitAtK).toBeGreaterThanOrEqual(0.99);
    expect(m.recallAtK).toBeGreaterThanOrEqual(0.99);
    expect(m.mrr).toBeGreaterThanOrEqual(0.94);
    expect(m.ndcgAtK).toBeGreaterThanOrEqual(0.95);
    expect(m.citedFileHitRate).toBeGreaterThanOrEqual(0.931);
    expect(m.citationPrecision).toBeGreaterThanOrEqual(0.88);
    expect(m.keyFactRecall).toBeGreaterThanOrEqual(0.88);
    expect(m.allFactsRate).toBeGreaterThanOrEqual(0.86);
    expect(m.citedSentenceRate).toBeGreaterThanOrEqual(0.98);
    expect(m.citationFaithfulness).toBeGreaterThanOrEqual(0.99);
    expect(m.refusalAccuracy).toBeGreaterThanOrEqual(0.901);
    expect(m.wrongRefusalRate).toBeLessThanOrEqual(0.0475);
    expect(m.passRate).toBeGreaterThanOrEqual(0.876);
  });

  // The eval's answers are the pipeline's, so their citations are checked here rather than by asking every question again.
  it("cites text that is the original file's lines from..to", async () => {
    const originals = new Map<string, string[]>();
    let checked = 0;
    let narrowed = 0;
    for (const result of report.configs[0].results) {
      for (const citation of result.citations) {
        if (!originals.has(citation.source)) {
          originals.set(citation.source, (await fs.readFile(path.join(SEEDS, citation.source), "utf8")).split(/\r?\n/));
        }
        const original = originals.get(citation.source)!;
        const where = `${result.id} ${citation.source}:${citation.lines.from}-${citation.lines.to}`;
        const cited = citation.text.split("\n");
        expect(cited.length, where).toBe(citation.lines.to - citation.lines.from + 1);
        // A paragraph longer than a chunk is cited in part, so each cited line lies within its original line.
        cited.forEach((line, i) => expect(normalizeLine(original[citation.lines.from - 1 + i]), where).toContain(line));
        checked++;
        if (citation.lines.from === citation.lines.to) narrowed++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    // Quotes of one paragraph point at that paragraph's line, not the whole passage.
    expect(narrowed / checked).toBeGreaterThan(0.5);
  });

  it("writes report.json and report.html", async () => {
    const files = await writeReports(report, path.join(tmp, "reports"));
    const json = JSON.parse(await fs.readFile(files.json, "utf8")) as EvalReport;
    expect(json.configs[0].results).toHaveLength(report.dataset.questions);
    expect(json.configs[0].metrics?.passRate).toBe(report.configs[0].metrics?.passRate);
    const html = await fs.readFile(files.html, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|<link /);
  });
});
