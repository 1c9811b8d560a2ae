import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  citationFaithfulness,
  citationMarkers,
  citationPrecision,
  citationRecall,
  citedSentenceShare,
  containsFact,
  distinctFiles,
  hitAtK,
  keyFacts,
  keyWords,
  mean,
  ndcgAtK,
  normalizeText,
  percentile,
  rate,
  recallAtK,
  reciprocalRank,
  splitSentences,
  supportShare,
} from "@/lib/evaluation/metrics";
import {
  aggregate,
  createOpenAIJudge,
  parseConfigSpec,
  parseJudgeReply,
  parseQuestions,
  runEval,
  scoreQuestion,
  type EvalPipeline,
  type EvalQuestion,
} from "@/lib/evaluation/run";
import { checkThresholds, escapeHtml, parseThreshold, renderHtml, renderTerminal, writeReports } from "@/lib/evaluation/report";
import { loadConfig } from "@/lib/config";
import type { Passage } from "@/lib/retrieval";
import type { AskResult, Citation } from "@/lib/types";
import { startFakeOpenAI } from "./support/openai-server";

const close = (x: number | null, y: number) => expect(x).toBeCloseTo(y, 10);

describe("retrieval metrics", () => {
  const ranked = ["b", "a", "c", "a", "d"].map((source) => ({ source }));
  const files = distinctFiles(ranked); // b, a, c, d

  it("dedupes files in rank order", () => expect(files).toEqual(["b", "a", "c", "d"]));

  it("hit@k", () => {
    expect(hitAtK(files, ["a"], 1)).toBe(0);
    expect(hitAtK(files, ["a"], 2)).toBe(1);
    expect(hitAtK(files, ["z"], 4)).toBe(0);
  });

  it("recall@k", () => {
    close(recallAtK(files, ["a", "d"], 2), 0.5);
    close(recallAtK(files, ["a", "d"], 4), 1);
    expect(recallAtK(files, [], 4)).toBeNull();
  });

  it("reciprocal rank: first gold at rank 2 gives 1/2; mean over questions is MRR", () => {
    close(reciprocalRank(files, ["a", "c"]), 0.5);
    close(reciprocalRank(files, ["d"]), 0.25);
    expect(reciprocalRank(files, ["z"])).toBe(0);
    close(mean([reciprocalRank(files, ["b"]), reciprocalRank(files, ["a"])]), 0.75);
  });

  it("nDCG@k for a known ranking", () => {
    // gold {a, d}; ranks 2 and 4 → DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3);
    close(ndcgAtK(files, ["a", "d"], 4), dcg / ideal);
    // k=2 cuts d; the ideal also uses min(|gold|, k) = 2 positions.
    close(ndcgAtK(files, ["a", "d"], 2), 1 / Math.log2(3) / ideal);
    close(ndcgAtK(["a", "d"], ["a", "d"], 5), 1);
    // One gold file at rank 1 of a larger gold set, k=1: ideal is one position.
    close(ndcgAtK(["a"], ["a", "b", "c"], 1), 1);
    expect(ndcgAtK(files, [], 3)).toBeNull();
  });
});

describe("citation metrics", () => {
  it("file-level precision and recall", () => {
    close(citationPrecision(["a", "b", "a"], ["a"]), 0.5);
    expect(citationPrecision([], ["a"])).toBeNull();
    close(citationRecall(["a"], ["a", "c"]), 0.5);
    expect(citationRecall(["a"], [])).toBeNull();
  });

  it("reads markers, including grouped ones", () => {
    expect(citationMarkers("One [1]. Two [2, 3] and [4;5].")).toEqual([1, 2, 3, 4, 5]);
    expect(citationMarkers("no markers [x]")).toEqual([]);
  });

  it("splits sentences without breaking abbreviations, decimals or initials", () => {
    const answer =
      "Dr. Anum Riaz works in Islamabad [1]. The deal is worth $1.5 billion. [2] M. Phil. students study here [3]\n" +
      "- a bullet point [1]\n" +
      "Title without a stop [2] Next sentence starts here [3].";
    expect(splitSentences(answer)).toEqual([
      "Dr. Anum Riaz works in Islamabad [1].",
      "The deal is worth $1.5 billion. [2]",
      "M. Phil. students study here [3]",
      "a bullet point [1]",
      "Title without a stop [2]",
      "Next sentence starts here [3].",
    ]);
  });

  it("does not split before a lowercase continuation", () => {
    expect(splitSentences("It rose by 70 percent, e.g. in towns. Then fell.")).toEqual(["It rose by 70 percent, e.g. in towns.", "Then fell."]);
  });

  it("share of sentences carrying a marker", () => {
    expect(citedSentenceShare("A is true [1]. B is true. C [2].")).toEqual({ cited: 2, total: 3, share: 2 / 3 });
    expect(citedSentenceShare("")).toEqual({ cited: 0, total: 0, share: null });
  });

  it("key words drop stopwords and stem", () => {
    expect(keyWords("The ports were agreed [1].")).toEqual(["port", "agre"]);
  });

  it("support share and the 60% faithfulness rule", () => {
    const passage = "Gwadar Port received renewed emphasis as a regional connectivity hub.";
    // key words: gwadar, port, regional, hub (+ "is" dropped) → all 4 in passage.
    close(supportShare("Gwadar Port is a regional hub [1].", passage), 1);
    // gwadar, port, closed, forever → 2 of 4 = 0.5 < 0.6.
    close(supportShare("Gwadar port closed forever.", passage), 0.5);
    expect(supportShare("It is [1].", passage)).toBeNull();

    const citations = [
      { n: 1, text: passage },
      { n: 2, text: "Something unrelated about Sudan." },
    ];
    const answer = "Gwadar Port is a regional hub [1][2]. Gwadar port closed forever [1]. Missing citation here [9].";
    // pairs: (s1,1) ok, (s1,2) no, (s2,1) 0.5 no, (s3,9) no passage → 1 of 4.
    expect(citationFaithfulness(answer, citations)).toEqual({ supported: 1, pairs: 4 });
  });
});

describe("key facts", () => {
  it("normalises case, punctuation, quotes and dashes", () => {
    expect(normalizeText("Charge d’Affaires — $1.5-billion “deal”")).toBe("charge d affaires 1 5 billion deal");
    expect(containsFact("led by charge d’affaires [1].", ["charge d'affaires"])).toBe(true);
    expect(containsFact("a $1.5-billion deal", ["$1.5 billion"])).toBe(true);
    expect(containsFact("Pakistan’s   Foreign\nMinister", ["pakistan's foreign minister"])).toBe(true);
  });

  it("matches whole words only, any alternative", () => {
    expect(containsFact("the darkness fell", ["Dar"])).toBe(false);
    expect(containsFact("Ishaq Dar spoke", ["Ishaq Dar", "Dar"])).toBe(true);
    expect(containsFact("only 200 people", ["20"])).toBe(false);
    expect(containsFact("Muttaqi [2] said", ["Amir Khan Muttaqi", "Muttaqi"])).toBe(true);
  });

  it("recall and all-facts-hit", () => {
    const result = keyFacts("Thakot is named [1].", [["Thakot"], ["Raikot"]]);
    expect(result).toEqual({ recall: 0.5, allHit: false, missing: ["Raikot"] });
    expect(keyFacts("anything", [])).toEqual({ recall: null, allHit: true, missing: [] });
  });
});

describe("aggregation helpers", () => {
  it("nearest-rank percentiles", () => {
    const xs = [15, 20, 35, 40, 50];
    expect(percentile(xs, 50)).toBe(35); // ceil(2.5) = 3rd
    expect(percentile(xs, 95)).toBe(50); // ceil(4.75) = 5th
    expect(percentile(xs, 30)).toBe(20); // ceil(1.5) = 2nd
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it("mean and rate skip undefined values", () => {
    expect(mean([1, null, 3])).toBe(2);
    expect(mean([null])).toBeNull();
    expect(rate([true, false, true, true])).toBe(0.75);
    expect(rate([])).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Runner and reports on synthetic answers

const A = "a.txt";
const B = "b.txt";
const questions: EvalQuestion[] = [
  { id: "s1", question: "Where is the port?", sources: [A], facts: [["Gwadar"]], answerable: true, kind: "single" },
  { id: "m1", question: "Which two places?", sources: [A, B], facts: [["Thakot"], ["Raikot"]], answerable: true, kind: "multi-fact" },
  { id: "u1", question: "Who won the cup?", sources: [], facts: [], answerable: false, kind: "unanswerable" },
  { id: "u2", question: "What is the budget?", sources: [], facts: [], answerable: false, kind: "unanswerable" },
];

const cite = (n: number, source: string, text: string): Citation => ({ n, source, lines: { from: 1, to: 2 }, text, score: 0.5 });
const ask = (found: boolean, answer: string, citations: Citation[], totalMs: number): AskResult => ({
  question: "",
  standaloneQuestion: "",
  answer,
  found,
  citations,
  closestMatches: [],
  uncitedSentences: [],
  timings: { retrieveMs: 0, answerMs: 0, totalMs },
});

const canned: Record<string, { ranked: string[]; result: AskResult }> = {
  "Where is the port?": {
    ranked: [B, A],
    result: ask(true, "The port is Gwadar <b>[1]</b>. It is big.", [cite(1, A, "The port is Gwadar <b>.")], 10),
  },
  "Which two places?": {
    ranked: [A, B],
    result: ask(true, "Between Thakot and elsewhere [1].", [cite(1, B, "Between Thakot and elsewhere.")], 20),
  },
  "Who won the cup?": { ranked: [A], result: ask(false, "I could not find this in the documents.", [], 30) },
  "What is the budget?": { ranked: [A], result: ask(true, "The budget is big [1].", [cite(1, A, "The budget is big.")], 40) },
};

const fakePipeline: EvalPipeline = {
  async *askStream(q) {
    const passages = (canned[q]?.ranked ?? []).map((source) => ({ source })) as unknown as Passage[];
    yield { type: "retrieved", standaloneQuestion: q, found: canned[q].result.found, passages };
    yield { type: "done", result: canned[q].result };
  },
  async close() {},
};

describe("per-question scoring and aggregation", () => {
  const results = questions.map((q) => scoreQuestion(q, canned[q.question].ranked.map((source) => ({ source })), canned[q.question].result, 5, canned[q.question].result.timings.totalMs));

  it("scores and explains each question", () => {
    expect(results.map((r) => r.pass)).toEqual([true, false, true, false]);
    expect(results[1].failure).toBe('missing "Raikot"');
    expect(results[0].scores.reciprocalRank).toBe(0.5);
    expect(results[3].failure).toMatch(/answered a question/);
  });

  it("aggregates the headline metrics", () => {
    const m = aggregate(results);
    expect(m.passRate).toBe(0.5);
    expect(m.retrievalHitAtK).toBe(1);
    expect(m.mrr).toBe(0.75); // (1/2 + 1) / 2
    expect(m.citedFileHitRate).toBe(1);
    expect(m.citationPrecision).toBe(1);
    expect(m.citationRecall).toBe(0.75); // (1 + 1/2) / 2
    expect(m.keyFactRecall).toBe(0.75); // (1 + 1/2) / 2
    expect(m.allFactsRate).toBe(0.5);
    expect(m.refusalAccuracy).toBe(0.5);
    expect(m.wrongRefusalRate).toBe(0);
    // Sentences in found answers: 2 + 1 + 1 = 4, three of them cited.
    expect(m.citedSentenceRate).toBe(0.75);
    expect(m.citationFaithfulness).toBe(1);
    expect(m.latencyP50Ms).toBe(20);
    expect(m.latencyP95Ms).toBe(40);
    expect(m.judgeCorrectness).toBeNull();
  });
});

describe("dataset and CLI parsing", () => {
  it("validates question lines with their line number", () => {
    expect(parseQuestions(questions.map((q) => JSON.stringify(q)).join("\n"))).toHaveLength(4);
    expect(() => parseQuestions('{"id":"x"}', "q.jsonl")).toThrow(/q\.jsonl line 1/);
    const bad = { ...questions[0], answerable: false };
    expect(() => parseQuestions(JSON.stringify(bad))).toThrow(/answerable/);
    expect(() => parseQuestions([questions[0], questions[0]].map((q) => JSON.stringify(q)).join("\n"))).toThrow(/duplicate id/);
  });

  it("parses --config specs with defaults", () => {
    expect(parseConfigSpec("fast=retriever:bm25")).toEqual({ name: "fast", embedder: "local", retriever: "bm25", answerer: "extractive" });
    expect(parseConfigSpec("embedder:openai,retriever:dense")).toMatchObject({ name: "dense", embedder: "openai" });
    expect(() => parseConfigSpec("x=retriever:magic")).toThrow(/retriever/);
  });

  it("parses thresholds and aliases", () => {
    expect(parseThreshold("fileHitRate=0.95", "min")).toEqual({ metric: "citedFileHitRate", bound: "min", value: 0.95 });
    expect(() => parseThreshold("nonsense=1", "min")).toThrow(/Unknown metric/);
    expect(() => parseThreshold("mrr=high", "min")).toThrow(/number/);
  });

  it("parses the judge's JSON reply", () => {
    expect(parseJudgeReply('Sure: {"faithfulness": 4, "correctness": "5", "note": "ok"}')).toEqual({ faithfulness: 4, correctness: 5, note: "ok" });
    expect(() => parseJudgeReply("no json")).toThrow();
  });
});

describe("runEval and reports", () => {
  const baseConfig = loadConfig({}, { indexDir: "/nonexistent" });

  const run = () =>
    runEval({
      questions,
      datasetPath: "synthetic.jsonl",
      configs: [
        { name: "fake", embedder: "local", retriever: "hybrid", answerer: "extractive" },
        { name: "other-embedder", embedder: "openai", retriever: "dense", answerer: "extractive" },
        { name: "mismatch", embedder: "local", retriever: "dense", answerer: "extractive" },
      ],
      k: 5,
      baseConfig,
      openaiAvailable: false,
      open: async (spec) => {
        if (spec.name === "mismatch") {
          const error = new Error("The index was built with openai embeddings.");
          error.name = "EmbedderMismatchError";
          throw error;
        }
        return fakePipeline;
      },
    });

  it("runs configs, skipping ones that cannot use the index", async () => {
    const report = await run();
    expect(report.configs.map((c) => c.status)).toEqual(["ok", "skipped", "skipped"]);
    expect(report.configs[1].reason).toMatch(/OPENAI_API_KEY/);
    expect(report.configs[2].reason).toMatch(/different embedder/);
    expect(report.configs[0].metrics?.passRate).toBe(0.5);
    // Ranked from the answer's own `retrieved` event.
    expect(report.configs[0].metrics?.mrr).toBe(0.75);
    expect(report.configs[0].byKind?.unanswerable).toEqual({ questions: 2, passed: 1 });
  });

  it("aborts the whole run when the index is missing", async () => {
    await expect(
      runEval({
        questions,
        datasetPath: "x",
        configs: [{ name: "a", embedder: "local", retriever: "hybrid", answerer: "extractive" }],
        k: 5,
        baseConfig,
        openaiAvailable: false,
        open: async () => {
          const error = new Error("No index found.");
          error.name = "IndexMissingError";
          throw error;
        },
      }),
    ).rejects.toThrow("No index found.");
  });

  it("renders a terminal table with failing lines", async () => {
    const text = renderTerminal(await run());
    expect(text).toMatch(/passRate\s+0\.500/);
    expect(text).toMatch(/Skipped mismatch: index was built with a different embedder/);
    expect(text).toMatch(/m1 \[multi-fact\] missing "Raikot"/);
    expect(text).toMatch(/u2 \[unanswerable\] answered/);
    expect(text).not.toMatch(/LLM-judged/);
  });

  it("writes JSON and a self-contained, escaped HTML report", async () => {
    const report = await run();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "eval-report-"));
    const files = await writeReports(report, dir);
    const json = JSON.parse(await fs.readFile(files.json, "utf8"));
    expect(json.configs[0].results).toHaveLength(4);
    expect(json.dataset.byKind.unanswerable).toBe(2);
    const html = await fs.readFile(files.html, "utf8");
    expect(html).toContain("<svg");
    expect(html).toContain("&lt;b&gt;");
    expect(html).not.toContain("<b>");
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(renderHtml(report)).toBe(html);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("flags metrics outside --min/--max per configuration", async () => {
    const report = await run();
    const violations = checkThresholds(report, [
      parseThreshold("passRate=0.9", "min"),
      parseThreshold("mrr=0.5", "min"),
      parseThreshold("latencyP95Ms=10", "max"),
    ]);
    expect(violations).toEqual([
      "fake: passRate = 0.500 is below the minimum 0.9.",
      "fake: latencyP95Ms = 40 ms is above the maximum 10.",
    ]);
  });

  it("grades found answers with the LLM judge and labels the scores LLM-judged", async () => {
    const server = await startFakeOpenAI({ reply: () => '{"faithfulness": 5, "correctness": 3, "note": "partly answers"}' });
    try {
      const config = loadConfig({ OPENAI_BASE_URL: server.url, RAG_ANSWERER: "openai" }, { indexDir: "/nonexistent" });
      const judge = createOpenAIJudge(config);
      const report = await runEval({
        questions,
        datasetPath: "synthetic.jsonl",
        configs: [{ name: "fake", embedder: "local", retriever: "hybrid", answerer: "extractive" }],
        k: 5,
        baseConfig: config,
        openaiAvailable: true,
        open: async () => fakePipeline,
        judge,
      });
      const run = report.configs[0];
      // Only the three found answers are judged; the refusal is covered by refusalAccuracy.
      expect(run.results.filter((r) => r.judge)).toHaveLength(3);
      expect(run.metrics?.judgeFaithfulness).toBe(5);
      expect(run.metrics?.judgeCorrectness).toBe(3);
      expect(server.requests.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(3);
      expect(renderTerminal(report)).toMatch(/judgeCorrectness \(LLM-judged\)\s+3\.00 \/ 5/);
      expect(renderHtml(report)).toContain("LLM-judged");
    } finally {
      await server.close();
    }
  });

  it("escapes HTML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
