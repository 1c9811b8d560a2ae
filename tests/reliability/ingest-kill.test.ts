/**
 * Crash safety of ingest: `scripts/ingest.ts --rebuild` is SIGKILLed at random moments
 * (uniform between 0 and the measured duration of a full ingest run of a corpus that takes
 * ~1-2 s of indexing work plus process start-up), at least 20 times. After every kill the live index still loads with
 * `Pipeline.open` and answers a known question with a citation, and CURRENT names a
 * complete build (the previous one, or a new one when the kill came after publishing).
 * A stale lock left by a killed run never blocks the next one, and a final ingest completes.
 *
 * Uniform kills rarely land in the short stretch where a build is written and published, so a
 * few more trials kill exactly there: as soon as a `builds/*.partial` folder appears, plus 0-40 ms.
 */
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../lib/config";
import { buildsDir, readCurrentBuildId } from "../../lib/index-store";
import { Pipeline } from "../../lib/pipeline";
import { makeTempDir, writeCorpus } from "../support/fixtures";
import { KNOWN_DOC, writeSyntheticCorpus } from "./corpus";
import { REPO_ROOT } from "./helpers";

const TRIALS = Number(process.env.RELIABILITY_KILL_TRIALS ?? 20);
const WRITE_PHASE_TRIALS = Number(process.env.RELIABILITY_KILL_WRITE_TRIALS ?? 3);
const SEED = Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31);

let root = "";
let corpusDir = "";
let indexDir = "";
let config: Config;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Run {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  output: string;
}

/**
 * Runs the ingest CLI in a child process. `kill.afterMs`: SIGKILL after that long.
 * `kill.whenWriting`: SIGKILL `extraMs` after a `.partial` build folder appears.
 */
function runIngest(kill: { afterMs?: number; whenWriting?: boolean; extraMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "scripts", "ingest.ts"), corpusDir, "--out", indexDir, "--rebuild"],
      { cwd: REPO_ROOT, env: { ...process.env, RAG_EMBEDDER: "local" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    let exited = false;
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = kill.afterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), kill.afterMs);
    if (kill.whenWriting) {
      const watch = async () => {
        while (!exited) {
          const names = await fs.readdir(buildsDir(indexDir)).catch(() => [] as string[]);
          if (names.some((name) => name.endsWith(".partial"))) {
            setTimeout(() => child.kill("SIGKILL"), kill.extraMs ?? 0);
            return;
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      };
      void watch();
    }
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      exited = true;
      clearTimeout(timer);
      resolve({ pid: child.pid!, code, signal, ms: performance.now() - started, output });
    });
  });
}

async function expectIndexAnswers(): Promise<string> {
  const buildId = await readCurrentBuildId(indexDir);
  expect(buildId).toBeTruthy();
  const manifest = JSON.parse(await fs.readFile(path.join(buildsDir(indexDir), buildId!, "manifest.json"), "utf8"));
  expect(manifest.buildId).toBe(buildId);
  const pipeline = await Pipeline.open({ config });
  try {
    const result = await pipeline.ask(KNOWN_DOC.question);
    expect(result.found).toBe(true);
    expect(result.answer).toMatch(KNOWN_DOC.fact);
    expect(result.citations[0]?.source).toBe(KNOWN_DOC.source);
  } finally {
    await pipeline.close();
  }
  return buildId!;
}

beforeAll(async () => {
  root = await makeTempDir("rag-kill-");
  corpusDir = path.join(root, "corpus");
  indexDir = path.join(root, "index");
  await writeSyntheticCorpus(corpusDir, 80, 400);
  await writeCorpus(corpusDir, { [KNOWN_DOC.source]: KNOWN_DOC.text });
  config = loadConfig({ RAG_EMBEDDER: "local" }, { corpusDir, indexDir });
});

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe("ingest killed at random points", () => {
  it(`leaves a loadable, answering index after each of ${TRIALS}+${WRITE_PHASE_TRIALS} SIGKILLs, and a final ingest completes`, async () => {
    // The first complete build, and how long a full run takes (process start included).
    const first = await runIngest();
    expect(first.code, first.output).toBe(0);
    const fullMs = first.ms;
    let live = await expectIndexAnswers();

    const next = random(SEED);
    const outcomes = { beforePublish: 0, afterPublish: 0, completed: 0, staleLockLeft: 0 };
    const delays: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const delay = Math.round(next() * fullMs);
      delays.push(delay);
      const run = await runIngest({ afterMs: delay });
      if (run.code === 0) outcomes.completed++;
      else expect(run.signal, `trial ${trial}: ${run.output}`).toBe("SIGKILL");
      // A lock left behind by the killed run itself (the next run must take it over).
      const lockOwner = await fs.readFile(path.join(indexDir, "ingest.lock"), "utf8").catch(() => "");
      if (Number(lockOwner) === run.pid) outcomes.staleLockLeft++;

      const now = await expectIndexAnswers();
      if (run.code !== 0) {
        if (now === live) outcomes.beforePublish++;
        else outcomes.afterPublish++;
      }
      live = now;
    }

    // Kills while a build is being written and published.
    const writeKills: number[] = [];
    for (let trial = 0; trial < WRITE_PHASE_TRIALS; trial++) {
      const extraMs = Math.round(next() * 40);
      writeKills.push(extraMs);
      const run = await runIngest({ whenWriting: true, extraMs });
      if (run.code === 0) outcomes.completed++;
      else expect(run.signal, `write-phase trial ${trial}: ${run.output}`).toBe("SIGKILL");
      const now = await expectIndexAnswers();
      if (run.code !== 0) {
        if (now === live) outcomes.beforePublish++;
        else outcomes.afterPublish++;
      }
      live = now;
    }

    const final = await runIngest();
    expect(final.code, final.output).toBe(0);
    expect(final.output).toMatch(/Indexed \d+ files/);
    const finalBuild = await expectIndexAnswers();
    expect(finalBuild).not.toBe(live);
    // The final ingest cleaned up: no partial builds, at most the live and the previous build.
    const builds = await fs.readdir(buildsDir(indexDir));
    expect(builds.filter((name) => name.endsWith(".partial"))).toEqual([]);
    expect(builds.length).toBeLessThanOrEqual(2);
    await expect(fs.stat(path.join(indexDir, "ingest.lock"))).rejects.toThrow();

    console.log(
      `[ingest-kill] seed ${SEED}; full ingest ${Math.round(fullMs)} ms; ${TRIALS} kills at ${delays.join(", ")} ms; ` +
        `${WRITE_PHASE_TRIALS} kills ${writeKills.join(", ")} ms into writing a build; ` +
        `outcomes ${JSON.stringify(outcomes)}`,
    );
  }, 150_000);
});
