/**
 * The command-line tools as a user runs them: `npx tsx scripts/ask.ts` against a
 * temp index of seeds/, and `npx tsx scripts/ingest.ts` on a temp corpus.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { readCurrentBuildId, readManifest } from "@/lib/index-store";
import { ingest } from "@/lib/indexing";
import { makeTempDir, writeCorpus } from "./support/fixtures";

const REPO_ROOT = path.resolve(__dirname, "..");
const SEEDS_DIR = path.join(REPO_ROOT, "seeds");
const QUESTION = "Which port did the joint statement single out as a regional connectivity hub?";

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without any RAG_/OPENAI_ settings of the developer's shell, plus `extra`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(RAG_|OPENAI_)/.test(key)) delete env[key];
  // npx's own notices (e.g. about the user's npmrc) are not the tool's output.
  return Object.assign(env, { npm_config_loglevel: "error" }, extra);
}

function run(script: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", script, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(options.env ?? {}),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Output quoted on one line for assertion messages (vitest would parse a raw stack trace in them as its own). */
const show = (text: string) => JSON.stringify(text.slice(0, 2000));

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

/** A short user-facing failure: exactly one line, no stack trace. */
function expectOneLineError(result: RunResult) {
  expect(result.code, show(result.stderr)).not.toBe(0);
  expect(result.code).not.toBeNull();
  const errorLines = lines(result.stderr);
  expect(errorLines, show(result.stderr)).toHaveLength(1);
  expect(errorLines[0]).not.toMatch(/^\s+at |Error:|\.ts:\d+/);
  expect(errorLines[0].trim()).toMatch(/[.!?]$/);
  return errorLines[0];
}

let root: string;
let indexDir: string;
let seedLineCounts: Map<string, number>;

beforeAll(async () => {
  root = await makeTempDir("rag-cli-test-");
  indexDir = path.join(root, "seeds-index");
  await ingest({ config: loadConfig({}, { corpusDir: SEEDS_DIR, indexDir }) });
  const names = await fs.readdir(SEEDS_DIR);
  seedLineCounts = new Map(
    await Promise.all(
      names.map(async (name) => [name, (await fs.readFile(path.join(SEEDS_DIR, name), "utf8")).split("\n").length] as const),
    ),
  );
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const askEnv = () => ({ RAG_INDEX_DIR: indexDir, RAG_CORPUS_DIR: "seeds" });

describe.concurrent("scripts/ask.ts", () => {
  it("human mode prints the answer and a numbered source list with file and lines", async () => {
    const result = await run("scripts/ask.ts", [QUESTION], { env: askEnv() });
    expect(result.code, show(result.stderr)).toBe(0);
    const out = result.stdout;
    const [answer] = lines(out);
    expect(answer).toMatch(/\[1\]/);
    expect(out).toMatch(/^Sources:$/m);
    const sources = [...out.matchAll(/^ {2}\[(\d+)\] (\S+), lines (\d+)-(\d+)$/gm)];
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.map((m) => Number(m[1]))).toEqual(sources.map((_, i) => i + 1));
    for (const [, , file, from, to] of sources) {
      expect(seedLineCounts.has(file), file).toBe(true);
      expect(Number(from)).toBeGreaterThanOrEqual(1);
      expect(Number(to)).toBeGreaterThanOrEqual(Number(from));
      expect(Number(to)).toBeLessThanOrEqual(seedLineCounts.get(file)!);
    }
    // Every marker in the answer has its line in the source list.
    for (const [, n] of answer.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(sources.length);
  });

  it("--json prints one JSON object with question, answer, found, citations and timings", async () => {
    const result = await run("scripts/ask.ts", ["--json", QUESTION], { env: askEnv() });
    expect(result.code, show(result.stderr)).toBe(0);
    expect(lines(result.stdout)).toHaveLength(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.question).toBe(QUESTION);
    expect(typeof parsed.answer).toBe("string");
    expect(parsed.answer.length).toBeGreaterThan(0);
    expect(parsed.found).toBe(true);
    expect(parsed.citations.length).toBeGreaterThan(0);
    expect(parsed.citations[0]).toMatchObject({ n: 1, source: expect.any(String), lines: { from: expect.any(Number), to: expect.any(Number) } });
    expect(seedLineCounts.has(parsed.citations[0].source)).toBe(true);
    expect(parsed.timings).toMatchObject({
      retrieveMs: expect.any(Number),
      answerMs: expect.any(Number),
      totalMs: expect.any(Number),
    });
  });

  it("--json with questions on stdin prints one JSON line per question, in order", async () => {
    const questions = [QUESTION, "What is the boiling point of tungsten?", "Where was the World Artificial Intelligence Conference held in 2025?"];
    const result = await run("scripts/ask.ts", ["--json"], { env: askEnv(), input: `${questions.join("\n")}\n\n` });
    expect(result.code, show(result.stderr)).toBe(0);
    const out = lines(result.stdout);
    expect(out).toHaveLength(3);
    const parsed = out.map((line) => JSON.parse(line));
    expect(parsed.map((p) => p.question)).toEqual(questions);
    expect(parsed.map((p) => p.found)).toEqual([true, false, true]);
    for (const p of parsed) expect(typeof p.answer).toBe("string");
  });

  it("a missing index prints one sentence pointing at npm run ingest and exits non-zero", async () => {
    const empty = path.join(root, "no-index-here");
    const result = await run("scripts/ask.ts", [QUESTION], { env: { RAG_INDEX_DIR: empty, RAG_CORPUS_DIR: "seeds" } });
    const message = expectOneLineError(result);
    expect(message).toContain("npm run ingest");
    expect(result.stdout.trim()).toBe("");
  });

  it("a bad configuration prints one sentence and exits non-zero", async () => {
    const result = await run("scripts/ask.ts", [QUESTION], { env: { ...askEnv(), RAG_EMBEDDER: "banana" } });
    const message = expectOneLineError(result);
    expect(message).toContain("RAG_EMBEDDER");
    expect(result.stdout.trim()).toBe("");
  });
});

describe("scripts/ingest.ts", () => {
  it("first run prints file and chunk counts; second run has nothing to embed", async () => {
    const corpus = path.join(root, "cli-corpus");
    const out = path.join(root, "cli-index");
    await writeCorpus(corpus, {
      "one.txt": "The Brindlewood mill grinds barley on Mondays and rye on Thursdays.\n\nIts wheel is turned by the Ashby stream.\n",
      "two.md": "# Lanterns\n\nThe lantern festival in Ostrava Vale is held on the first full moon of autumn.\n",
      "nested/three.html": "<html><body><main><p>The Pellham bridge was rebuilt in granite after the flood.</p></main></body></html>",
      "notes.docx": "PK not supported",
    });

    const first = await run("scripts/ingest.ts", [corpus, "--out", out]);
    expect(first.code, show(first.stderr)).toBe(0);
    const manifest = await readManifest(path.join(out, "builds", (await readCurrentBuildId(out))!));
    expect(manifest.counts.files).toBe(3);
    expect(first.stdout).toMatch(/^skipped notes\.docx: .+/m);
    const summary = first.stdout.match(/Indexed (\d+) files, (\d+) chunks \((\d+) embedded, (\d+) reused/);
    expect(summary, show(first.stdout)).not.toBeNull();
    expect(Number(summary![1])).toBe(3);
    expect(Number(summary![2])).toBe(manifest.counts.chunks);
    expect(Number(summary![3])).toBe(manifest.counts.chunks);
    expect(Number(summary![4])).toBe(0);

    const second = await run("scripts/ingest.ts", [corpus, "--out", out]);
    expect(second.code, show(second.stderr)).toBe(0);
    expect(second.stdout).toMatch(/nothing to embed/);
    expect(second.stdout).toContain(`3 files, ${manifest.counts.chunks} chunks`);
    expect(second.stdout).toMatch(/\b0 embedded\b/);
    expect(await readCurrentBuildId(out)).toBe(manifest.buildId);
  });

  it("an unexpected failure says what failed, not that answering went wrong", async () => {
    const notAFolder = path.join(root, "index-is-a-file");
    await fs.writeFile(notAFolder, "not a folder");
    const result = await run("scripts/ingest.ts", [path.join(root, "cli-corpus"), "--out", notAFolder]);
    const message = expectOneLineError(result);
    expect(message).toMatch(/^Unexpected error: .*EEXIST.*RAG_DEBUG=1/);
    expect(message).not.toContain("answering");
  });

  it("a missing corpus folder prints one sentence and exits non-zero", async () => {
    const result = await run("scripts/ingest.ts", [path.join(root, "no-such-corpus"), "--out", path.join(root, "unused-index")]);
    const message = expectOneLineError(result);
    expect(message).toContain("does not exist");
  });
});
