import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import autocannon from "autocannon";
import { loadConfig } from "../config";
import { ingest } from "../indexing";
import { chatBody, sampleChat, streamLooksComplete, type ChatSample } from "./chat-client";
import { procMemory } from "./memory";
import type { SamplerData } from "./sampler-worker";
import type { SectionReport, Table, TargetCheck } from "./report";
import { bytes, count, ms, seconds, summarize, type LatencySummary } from "./stats";
import { freePort } from "../net";

/**
 * End to end: the production Next.js server answering POST /api/chat (AI SDK UI
 * message stream) under autocannon load, with a paced sampler measuring time to
 * first byte and to first answer text, which autocannon cannot see.
 */

export interface E2eSettings {
  projectRoot: string;
  /** Scratch folder: the isolated app copy and the seeds index live here. */
  workDir: string;
  outDir: string;
  /** false (--no-build): serve an existing build instead of building. */
  build: boolean;
  durationS: number;
  connections: number[];
  log: (line: string) => void;
}

interface SamplerResult {
  count: number;
  failures: number;
  ttfb: LatencySummary;
  firstText: LatencySummary;
  full: LatencySummary;
}

export interface LevelResult {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  /** Full-answer latency of every autocannon request. */
  full: LatencySummary;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers whose stream had an error part or no finish part. */
  badStreams: number;
  sampler: SamplerResult;
  serverRssMaxBytes: number;
}

export interface E2eResult {
  appDir: string;
  build: { ms: number | null; note: string };
  startupMs: number;
  coldFirstRequestMs: number;
  serverRssIdleBytes: number;
  serverPeakRssBytes: number;
  levels: LevelResult[];
}

/** Questions about the seed articles (plus one they cannot answer), rotated by every connection. */
export const E2E_QUESTIONS = [
  "Which port did the joint statement single out as a regional connectivity hub?",
  "Where was the World Artificial Intelligence Conference held in 2025?",
  "How many Chinese nationals have been killed in Pakistan since 2021?",
  "How many measures does the Global AI Governance Action Plan outline?",
  "Who won the 2022 FIFA World Cup?",
];

/** What the app needs to build; hashed to reuse a previous bench build when nothing changed. */
const APP_SOURCES = ["app", "lib", "types", "public", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
const TTFB_TARGET_MS = 100;
const SAMPLE_EVERY_MS = 100;
const READY_TIMEOUT_MS = 90_000;

const running = new Set<ChildProcess>();

/** Kills every server this module started (also called on exit and on Ctrl-C by the bench script). */
export function killServers(): void {
  for (const child of running) killGroup(child, "SIGKILL");
  running.clear();
}

export async function runE2eSection(settings: E2eSettings): Promise<SectionReport> {
  const title = "End to end: POST /api/chat on the production server (seeds index, local embedder, extractive answerer)";
  const route = path.join(settings.projectRoot, "app", "api", "chat", "route.ts");
  if (!fs.existsSync(route)) {
    return { id: "e2e", title, tables: [], notes: [], targets: [], skipped: "app/api/chat/route.ts does not exist yet", data: null };
  }
  let app: { dir: string; buildMs: number | null; note: string };
  try {
    app = await prepareApp(settings);
  } catch (error) {
    return { id: "e2e", title, tables: [], notes: [], targets: [], skipped: (error as Error).message, data: null };
  }
  const result = await measureServer(app, settings);
  return { id: "e2e", title, tables: e2eTables(result), notes: e2eNotes(result, settings), targets: e2eTargets(result), data: result };
}

// ---------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------

/**
 * Builds the app in a private copy (os tmp), not in the project's own `.next`, so a
 * bench run never races another engineer's `next build`/`next dev`. node_modules is
 * hard-linked (Turbopack refuses a symlinked node_modules outside the project root).
 */
async function prepareApp(settings: E2eSettings): Promise<{ dir: string; buildMs: number | null; note: string }> {
  const appDir = path.join(settings.workDir, "app");
  if (!settings.build) {
    for (const dir of [settings.projectRoot, appDir]) {
      if (fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) return { dir, buildMs: null, note: `--no-build: existing build in ${dir}` };
    }
    throw new Error("--no-build, and no existing production build was found (run `npx next build` first)");
  }
  const hash = sourceHash(settings.projectRoot);
  const hashFile = path.join(appDir, ".bench-source-hash");
  const previous = fs.existsSync(hashFile) ? fs.readFileSync(hashFile, "utf8").trim() : null;
  if (previous === hash && fs.existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
    return { dir: appDir, buildMs: null, note: "reused the previous bench build (app sources unchanged)" };
  }
  copyApp(settings.projectRoot, appDir);
  settings.log(`  next build in ${appDir}…`);
  const logFile = path.join(settings.outDir, "next-build.log");
  const t0 = performance.now();
  const code = await runToLog(process.execPath, [nextBin(appDir), "build"], appDir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, logFile);
  const buildMs = performance.now() - t0;
  if (code !== 0) {
    const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-8).join(" / ");
    throw new Error(`next build failed (exit ${code}; see ${logFile}): ${tail}`);
  }
  fs.writeFileSync(hashFile, hash);
  return { dir: appDir, buildMs, note: "next build of a private copy of the app in the OS temp folder" };
}

function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const add = (relative: string) => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) add(path.join(relative, name));
    } else {
      hash.update(relative).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  APP_SOURCES.forEach(add);
  return hash.digest("hex");
}

function copyApp(root: string, appDir: string): void {
  fs.mkdirSync(appDir, { recursive: true });
  for (const name of fs.readdirSync(appDir)) {
    if (name !== "node_modules") fs.rmSync(path.join(appDir, name), { recursive: true, force: true });
  }
  for (const name of APP_SOURCES) {
    const from = path.join(root, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(appDir, name), { recursive: true });
  }
  const modules = path.join(appDir, "node_modules");
  const lockCopy = path.join(modules, ".bench-lock-hash");
  const lockHash = createHash("sha256").update(fs.readFileSync(path.join(root, "package-lock.json"))).digest("hex");
  if (fs.existsSync(lockCopy) && fs.readFileSync(lockCopy, "utf8") === lockHash) return;
  fs.rmSync(modules, { recursive: true, force: true });
  try {
    execQuiet("cp", ["-al", path.join(root, "node_modules"), modules]);
  } catch {
    // Another file system: hard links are impossible, copy instead.
    fs.cpSync(path.join(root, "node_modules"), modules, { recursive: true, verbatimSymlinks: true });
  }
  fs.writeFileSync(lockCopy, lockHash);
}

function execQuiet(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${command} failed`);
}

const nextBin = (dir: string) => path.join(dir, "node_modules", "next", "dist", "bin", "next");

function runToLog(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile: string): Promise<number> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", out, out] });
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

// ---------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------

async function measureServer(app: { dir: string; buildMs: number | null; note: string }, settings: E2eSettings): Promise<E2eResult> {
  const indexDir = path.join(settings.workDir, "seeds-index");
  const corpusDir = path.join(settings.projectRoot, "seeds");
  await ingest({ config: loadConfig({ RAG_CORPUS_DIR: corpusDir, RAG_INDEX_DIR: indexDir }) });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const server = startServer(app.dir, port, serverEnv(corpusDir, indexDir), path.join(settings.outDir, "next-start.log"));
  try {
    await waitUntilReady(url, server);
    const startupMs = performance.now() - t0;
    const cold = await sampleChat(url, chatBody(E2E_QUESTIONS[0], 0));
    if (!cold.ok) throw new Error(`the first chat request failed (status ${cold.status})`);
    for (let i = 0; i < 20; i++) await sampleChat(url, chatBody(E2E_QUESTIONS[i % E2E_QUESTIONS.length], i));
    const serverRssIdleBytes = treeRss(server.pid!);
    const levels: LevelResult[] = [];
    for (const connections of settings.connections) {
      settings.log(`  ${connections} connection(s) for ${settings.durationS} s…`);
      levels.push(await runLevel(url, server.pid!, connections, settings.durationS));
    }
    return {
      appDir: app.dir,
      build: { ms: app.buildMs, note: app.note },
      startupMs,
      coldFirstRequestMs: cold.fullMs,
      serverRssIdleBytes,
      serverPeakRssBytes: procMemory(server.pid!)?.peakRssBytes ?? NaN,
      levels,
    };
  } finally {
    await stopServer(server);
  }
}

/** The caller's environment without any RAG_/OPENAI_ setting, plus the bench's: offline, no rate limit. */
function serverEnv(corpusDir: string, indexDir: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(RAG_|OPENAI_)/.test(key)));
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    RAG_CORPUS_DIR: corpusDir,
    RAG_INDEX_DIR: indexDir,
    RAG_EMBEDDER: "local",
    RAG_ANSWERER: "extractive",
    // The per-client limit (120/min by default) would turn a load test from one address into 429s.
    RAG_RATE_LIMIT_PER_MINUTE: "0",
  };
}


function startServer(dir: string, port: number, env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, "w");
  // Own process group, so stopping it also stops anything `next start` spawned.
  const child = spawn(process.execPath, [nextBin(dir), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/api/info`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the server was not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  killGroup(child, "SIGTERM");
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  await Promise.race([exited, sleep(5000)]);
  killGroup(child, "SIGKILL");
  running.delete(child);
}

/** RSS of a process and all its descendants (Linux /proc). */
export function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // process ended while we looked
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    total += procMemory(current)?.rssBytes ?? 0;
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

async function runLevel(url: string, pid: number, connections: number, durationS: number): Promise<LevelResult> {
  let rssMax = treeRss(pid);
  const poll = setInterval(() => (rssMax = Math.max(rssMax, treeRss(pid))), 250);
  const responseTimes: number[] = [];
  const sampler = await startSampler(url);
  const instance = autocannon({
    url: `${url}/api/chat`,
    connections,
    duration: durationS,
    timeout: 30,
    requests: E2E_QUESTIONS.map((question, n) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chatBody(question, n),
    })),
    verifyBody: streamLooksComplete,
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => responseTimes.push(responseTime));
  const result = await instance;
  const samples = await sampler.stop();
  clearInterval(poll);
  rssMax = Math.max(rssMax, treeRss(pid));
  const ok = samples.filter((s) => s.ok);
  return {
    connections,
    durationS: result.duration,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    full: summarize(responseTimes),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    badStreams: result.mismatches,
    sampler: {
      count: samples.length,
      failures: samples.length - ok.length,
      ttfb: summarize(ok.map((s) => s.ttfbMs)),
      firstText: summarize(ok.map((s) => s.firstTextMs).filter(Number.isFinite)),
      full: summarize(ok.map((s) => s.fullMs)),
    },
    serverRssMaxBytes: rssMax,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the paced sampler (sampler-worker.ts) in a worker thread, so autocannon's work does not delay its timings. */
async function startSampler(url: string): Promise<{ stop: () => Promise<ChatSample[]> }> {
  const file = path.join(__dirname, "sampler-worker.ts");
  // Worker threads do not inherit tsx's loader: register it in the worker first.
  const worker = new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(file)});`, {
    eval: true,
    workerData: { url, questions: E2E_QUESTIONS, everyMs: SAMPLE_EVERY_MS } satisfies SamplerData,
  });
  const messages = new Map<string, (value: unknown) => void>();
  const next = (type: string) => new Promise((resolve) => messages.set(type, resolve));
  worker.on("message", (message: { type: string; samples?: ChatSample[] }) => messages.get(message.type)?.(message.samples));
  const failed = new Promise<never>((_, reject) => worker.once("error", reject));
  failed.catch(() => {}); // observed through the races below; never an unhandled rejection
  await Promise.race([next("ready"), failed]);
  return {
    async stop() {
      const samples = next("samples") as Promise<ChatSample[]>;
      worker.postMessage("stop");
      const result = await Promise.race([samples, failed]);
      await worker.terminate();
      return result;
    },
  };
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const levelErrors = (l: LevelResult) => l.errors + l.timeouts + l.non2xx + l.badStreams + l.sampler.failures;

function e2eTables(r: E2eResult): Table[] {
  return [
    {
      title: "Chat under load (autocannon; TTFB and first text from a paced sampler running alongside), ms",
      headers: [
        "connections",
        "req/s",
        "answer p50",
        "answer p95",
        "answer p99",
        "TTFB p50",
        "TTFB p95",
        "TTFB p99",
        "first text p50",
        "first text p95",
        "requests",
        "errors / non-2xx / bad streams",
        "server RSS max",
      ],
      rows: r.levels.map((l) => [
        String(l.connections),
        count(l.rps),
        ms(l.full.p50),
        ms(l.full.p95),
        ms(l.full.p99),
        ms(l.sampler.ttfb.p50),
        ms(l.sampler.ttfb.p95),
        ms(l.sampler.ttfb.p99),
        ms(l.sampler.firstText.p50),
        ms(l.sampler.firstText.p95),
        `${count(l.requests)} + ${l.sampler.count} sampled`,
        `${l.errors + l.timeouts + l.sampler.failures} / ${l.non2xx} / ${l.badStreams}`,
        bytes(l.serverRssMaxBytes),
      ]),
    },
    {
      title: "Server",
      headers: ["what", "value"],
      rows: [
        ["build", r.build.ms === null ? r.build.note : `${seconds(r.build.ms)} (${r.build.note})`],
        ["start until /api/info answers", seconds(r.startupMs)],
        ["first chat request (loads the index)", `${ms(r.coldFirstRequestMs)} ms`],
        ["server RSS after warm-up", bytes(r.serverRssIdleBytes)],
        ["server peak RSS (VmHWM)", bytes(r.serverPeakRssBytes)],
      ],
    },
  ];
}

function e2eNotes(r: E2eResult, settings: E2eSettings): string[] {
  return [
    `Each connection rotates over ${E2E_QUESTIONS.length} questions about the seed articles (one unanswerable); ${settings.durationS} s per level; the sampler adds ≤ ${1000 / SAMPLE_EVERY_MS} requests/s.`,
    "Answer latency is the full streamed response as autocannon sees it; TTFB is the first body byte (the stream's `start` part); first text is the first `text-delta`.",
    "The server runs with RAG_RATE_LIMIT_PER_MINUTE=0: the default 120 requests/min per client would refuse a one-address load test.",
    `Server: \`next start\` from ${r.appDir}; killed (process group) at the end of the section.`,
  ];
}

function e2eTargets(r: E2eResult): TargetCheck[] {
  const ten = r.levels.find((l) => l.connections === 10);
  if (!ten) return [];
  return [
    {
      name: "TTFB p50 at 10 connections",
      target: `≤ ${TTFB_TARGET_MS} ms`,
      actual: `${ms(ten.sampler.ttfb.p50)} ms`,
      met: ten.sampler.ttfb.p50 <= TTFB_TARGET_MS,
    },
    { name: "errors at 10 connections", target: "0", actual: String(levelErrors(ten)), met: levelErrors(ten) === 0 },
  ];
}
