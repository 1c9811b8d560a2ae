/**
 * Citations point at the exact lines they quote: for every citation of a range of
 * questions, the cited text lies on the original file's lines `from..to`, and quotes
 * are narrowed to their own lines rather than the whole retrieved passage.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { normalizeLine } from "@/lib/normalize";
import { Pipeline } from "@/lib/pipeline";
import { makeTempDir } from "./support/fixtures";

const SEEDS_DIR = path.resolve(__dirname, "..", "seeds");
/** Every answerable question of the eval set, asked in turn: about a minute on 2 cores beside the other suites. */
const ALL_ANSWERABLE_TIMEOUT_MS = 300_000;
let root: string;
let pipeline: Pipeline;
let questions: string[];

beforeAll(async () => {
  root = await makeTempDir("rag-citation-lines-");
  const config = loadConfig({}, { corpusDir: SEEDS_DIR, indexDir: path.join(root, "index") });
  await ingest({ config });
  pipeline = await Pipeline.open({ config });
  const dataset = await fs.readFile(path.resolve(__dirname, "eval", "questions.jsonl"), "utf8");
  questions = dataset
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { question: string; answerable: boolean })
    .filter((q) => q.answerable)
    .map((q) => q.question);
});

afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("citation line ranges", () => {
  it("cite text that is the original file's lines from..to", async () => {
    let checked = 0;
    let narrowed = 0;
    for (const question of questions) {
      const result = await pipeline.ask(question);
      for (const citation of result.citations) {
        const original = (await fs.readFile(path.join(SEEDS_DIR, citation.source), "utf8")).split(/\r?\n/);
        const cited = citation.text.split("\n");
        expect(cited.length, `${citation.source}:${citation.lines.from}-${citation.lines.to}`).toBe(
          citation.lines.to - citation.lines.from + 1,
        );
        // A paragraph longer than a chunk is cited in part, so each cited line lies within its original line.
        cited.forEach((line, i) => expect(normalizeLine(original[citation.lines.from - 1 + i])).toContain(line));
        checked++;
        if (citation.lines.from === citation.lines.to) narrowed++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    // Quotes of one paragraph point at that paragraph's line, not the whole passage.
    expect(narrowed / checked).toBeGreaterThan(0.5);
  }, ALL_ANSWERABLE_TIMEOUT_MS);
});
