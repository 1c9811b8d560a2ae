/**
 * Reliability checks against the production build (`next start`), run after the main e2e:
 *
 *   tsx scripts/reliability-e2e.ts [--no-build] [--isolated | --project DIR] [--only a,b]
 *                                  [--load-seconds 30] [--load-runs 3] [--connections 50] [--keep]
 *
 * Checks (names for --only):
 *   http-traversal      /sources/<hostile path> → 404, never the secret outside the corpus
 *   http-bad-input      content types, sizes, broken JSON, wrong method over real HTTP
 *   http-rate-limit     RAG_RATE_LIMIT_PER_MINUTE=5 → the 6th request is a 429 with Retry-After
 *   browser-hostile     Chromium: document markup shows as text in chat, citation panel and source
 *                       viewer; window.__pwned stays undefined; no javascript: href anywhere
 *   load                autocannon, 50 clients × 30 s × 3 runs: no errors/non-2xx, flat peak RSS
 *   ingest-serving      re-ingest a changed corpus while chat requests run: none fails, new facts found
 *   provider-faults     RAG_ANSWERER=openai on the fake server: hang/timeout, 429+Retry-After, 500,
 *                       cut stream, malformed JSON → readable error part; server stays healthy
 *   disconnect          a client leaving mid-answer closes the upstream (fake) stream promptly
 *   secrets             build + serve with OPENAI_API_KEY=sk-sentinel-…; the sentinel is in no
 *                       .next file, response (bodies/headers, errors, /api/info) or server log
 *
 * The build is made with the sentinel key set, so the secrets check covers build output too
 * (with --no-build that part only checks for key-shaped strings). Numbers go to
 * reports/reliability.json. Ends with "N passed, N failed"; exit code 1 on any failure.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { chromium, type Page } from "playwright-core";
import { loadConfig } from "../lib/config";
import { ingest } from "../lib/indexing";
import { makeTempDir, writeCorpus } from "../tests/support/fixtures";
import { startFakeOpenAI, type FakeOpenAI } from "../tests/support/openai-server";
import { startServer, type RunningServer } from "../tests/support/server";
import { KNOWN_DOC, writeSyntheticCorpus } from "../tests/reliability/corpus";
import {
  chatBody,
  hostileDocuments,
  looksLikeStack,
  parseUIStream,
  REPO_ROOT,
  SEED_FACT,
  SEED_QUESTION,
  SEEDS_DIR,
  sleep,
  waitFor,
  type ParsedStream,
} from "../tests/reliability/helpers";

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    isolated: { type: "boolean" },
    project: { type: "string" },
    only: { type: "string" },
    "load-seconds": { type: "string" },
    "load-runs": { type: "string" },
    connections: { type: "string" },
    keep: { type: "boolean" },
    verbose: { type: "boolean" },
  },
});
const ONLY = args.only ? new Set(args.only.split(",").map((s) => s.trim())) : null;
const LOAD_SECONDS = Number(args["load-seconds"] ?? 30);
const LOAD_RUNS = Number(args["load-runs"] ?? 3);
const CONNECTIONS = Number(args.connections ?? 50);
/** "Flat" memory: the last load run's peak RSS at most this much above run 2's (run 1 grows the heap). */
const MAX_RSS_GROWTH = 0.15;
const RSS_SAMPLE_MS = 250;
const WARM_UP_SECONDS = 10;
const SENTINEL = `sk-sentinel-${randomBytes(16).toString("hex")}`;
const OUTSIDE_SECRET = `OUTSIDE-SECRET-${randomBytes(6).toString("hex")}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const wanted = (name: string) => !ONLY || ONLY.has(name);

// ---------------------------------------------------------------------------
// Results and the transcript of everything the servers sent back
// ---------------------------------------------------------------------------

interface CheckResult {
  name: string;
  ok: boolean;
  details: string;
  ms: number;
}
const results: CheckResult[] = [];
const report: Record<string, unknown> = { startedAt: new Date().toISOString() };

/** Every response (status line, headers, body) from every server, for the secrets scan. */
const transcript: { url: string; status: number; headers: string; body: string }[] = [];
const servers: RunningServer[] = [];
const serverLogs: { name: string; text: string }[] = [];

class CheckFailure extends Error {}
function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

async function check(name: string, run: () => Promise<string | void>, always = false): Promise<void> {
  if (!always && !wanted(name)) return;
  const started = performance.now();
  process.stdout.write(`… ${name}\n`);
  try {
    const details = (await run()) ?? "";
    results.push({ name, ok: true, details, ms: performance.now() - started });
    console.log(`PASS ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)${details ? `\n     ${details.replace(/\n/g, "\n     ")}` : ""}`);
  } catch (error) {
    const details = error instanceof CheckFailure ? error.message : (error as Error).stack ?? String(error);
    results.push({ name, ok: false, details, ms: performance.now() - started });
    console.log(`FAIL ${name}: ${details.replace(/\n/g, "\n     ")}`);
  }
}

function record(url: string, status: number, headers: Headers | http.IncomingHttpHeaders, body: string): void {
  const headerText =
    headers instanceof Headers
      ? [...headers].map(([k, v]) => `${k}: ${v}`).join("\n")
      : Object.entries(headers)
          .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`)
          .join("\n");
  transcript.push({ url, status, headers: headerText, body });
}

async function get(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, { redirect: "manual" });
  const body = await response.text();
  record(url, response.status, response.headers, body);
  return { status: response.status, body, headers: response.headers };
}

async function postChat(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers; stream: ParsedStream; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  record(`${base}/api/chat`, response.status, response.headers, text);
  return { status: response.status, text, headers: response.headers, stream: parseUIStream(text), ms: performance.now() - started };
}

/**
 * GET with the path sent byte for byte (fetch would normalise `..` and `%2e%2e`). Redirects
 * to the same server are followed (Next answers `//x` with a 308 to `/x`); `redirects` lists them.
 */
async function rawGet(base: string, rawPath: string, hops = 3): Promise<{ status: number; body: string; redirects: string[] }> {
  const { hostname, port } = new URL(base);
  const res = await new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = http.request({ host: hostname, port: Number(port), path: rawPath, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        record(base + rawPath, res.statusCode ?? 0, res.headers, body);
        resolve({ status: res.statusCode ?? 0, body, location: res.headers.location });
      });
    });
    req.on("error", reject);
    req.end();
  });
  if (res.status >= 300 && res.status < 400 && res.location && hops > 0) {
    const target = new URL(res.location, base + "/");
    if (target.host === new URL(base).host) {
      const next = await rawGet(base, target.pathname + target.search, hops - 1);
      return { ...next, redirects: [`${res.status} → ${target.pathname}`, ...next.redirects] };
    }
  }
  return { status: res.status, body: res.body, redirects: [] };
}

function expectCited(reply: { status: number; stream: ParsedStream; text: string }, fact: RegExp, label: string): void {
  assert(reply.status === 200, `${label}: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
  assert(reply.stream.errors.length === 0, `${label}: error part ${JSON.stringify(reply.stream.errors)}`);
  assert(reply.stream.finished, `${label}: stream did not finish`);
  assert(fact.test(reply.stream.text), `${label}: answer lacks ${fact}: ${reply.stream.text.slice(0, 200)}`);
  assert(reply.stream.sources.length > 0 && /\[\d+\]/.test(reply.stream.text), `${label}: answer has no citation`);
}

async function launchServer(name: string, projectDir: string, env: Record<string, string | undefined>): Promise<RunningServer> {
  const server = await startServer({ cwd: projectDir, env, echo: args.verbose });
  servers.push(server);
  (server as RunningServer & { label?: string }).label = name;
  return server;
}

async function stopServer(server: RunningServer, name: string): Promise<void> {
  await server.stop();
  serverLogs.push({ name, text: `${server.stdout()}\n${server.stderr()}` });
  servers.splice(servers.indexOf(server), 1);
}

/** Environment of an offline server: OPENAI_* from the caller's shell are removed. */
function localEnv(corpusDir: string, indexDir: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    RAG_CORPUS_DIR: corpusDir,
    RAG_INDEX_DIR: indexDir,
    RAG_EMBEDDER: "local",
    RAG_ANSWERER: "extractive",
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    ...extra,
  };
}

function run(command: string, argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
      if (args.verbose) process.stderr.write(d);
    });
    child.stderr.on("data", (d) => {
      output += d;
      if (args.verbose) process.stderr.write(d);
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024);

// ---------------------------------------------------------------------------
// Project, build, corpora
// ---------------------------------------------------------------------------

async function prepareProject(): Promise<string> {
  if (args.project) return path.resolve(args.project);
  if (!args.isolated) return REPO_ROOT;
  // A snapshot of the working tree, so concurrent edits and other builds do not interfere.
  // node_modules is hard-linked (Turbopack refuses a symlink leaving the project root).
  const dir = await makeTempDir("rag-rel-project-");
  const skip = new Set(["node_modules", ".next", ".git", "data", "reports"]);
  for (const entry of await fs.readdir(REPO_ROOT)) {
    if (skip.has(entry) || entry.startsWith(".env")) continue;
    await fs.cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
  }
  const linked = await run("cp", ["-al", path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules")], { cwd: dir });
  assert(linked.code === 0, `could not link node_modules: ${linked.output}`);
  return dir;
}

async function build(projectDir: string, fakeUrl: string): Promise<string> {
  const started = performance.now();
  const result = await run(process.execPath, [path.join(projectDir, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: projectDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_API_KEY: SENTINEL,
      RAG_ANSWERER: "openai",
      OPENAI_BASE_URL: fakeUrl,
    } as NodeJS.ProcessEnv,
  });
  serverLogs.push({ name: "next build", text: result.output });
  if (result.code !== 0) throw new Error(`next build failed:\n${result.output.slice(-4000)}`);
  return `next build ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

interface Corpus {
  root: string;
  corpusDir: string;
  indexDir: string;
}

async function indexedCorpus(root: string, name: string, files: Record<string, string>, opts: { seeds?: boolean; synthetic?: number } = {}): Promise<Corpus> {
  const corpusDir = path.join(root, name, "corpus");
  const indexDir = path.join(root, name, "index");
  await fs.mkdir(corpusDir, { recursive: true });
  if (opts.seeds) await fs.cp(SEEDS_DIR, corpusDir, { recursive: true });
  if (opts.synthetic) await writeSyntheticCorpus(path.join(corpusDir, "synthetic"), opts.synthetic, 400);
  await writeCorpus(corpusDir, files);
  await ingest({ config: loadConfig({ RAG_EMBEDDER: "local" }, { corpusDir, indexDir }) });
  return { root, corpusDir, indexDir };
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

async function checkTraversal(server: RunningServer, corpus: Corpus): Promise<string> {
  const ok = await rawGet(server.url, "/sources/hostile/markup.md");
  assert(ok.status === 200, `a real source should be served, got ${ok.status}`);
  assert(ok.body.includes("Zanzibar lighthouse"), "the source page does not show the file");
  const nested = await rawGet(server.url, "/sources/docs/notes.txt");
  assert(nested.status === 200, `docs/notes.txt should be served, got ${nested.status}`);

  const outsideAbs = path.join(corpus.root, "outside", "secret.txt");
  const hostile = [
    "/sources/../outside/secret.txt",
    "/sources/..%2foutside%2fsecret.txt",
    "/sources/%2e%2e/outside/secret.txt",
    "/sources/%2e%2e%2foutside%2fsecret.txt",
    "/sources/%252e%252e/outside/secret.txt",
    "/sources/%252e%252e%252foutside%252fsecret.txt",
    "/sources/docs/..%2f..%2foutside%2fsecret.txt",
    "/sources/docs/%2e%2e/%2e%2e/outside/secret.txt",
    "/sources/..%5coutside%5csecret.txt",
    `/sources/${encodeURIComponent(outsideAbs)}`,
    `/sources/${outsideAbs.split("/").map(encodeURIComponent).join("/")}`,
    "/sources//etc/passwd",
    "/sources/%2fetc%2fpasswd",
    "/sources/%2Fetc%2Fpasswd",
    "/sources/hostile/markup.md%00",
    "/sources/hostile/markup.md%00.txt",
    "/sources/%00",
    "/sources/docs/later-swapped.txt", // indexed, then replaced by a symlink to the secret
    "/sources/docs/escape.txt", // a symlink out of the corpus, never indexed
    "/sources/C:%5cWindows%5cwin.ini",
    "/sources/.%2e/outside/secret.txt",
    "/sources/hostile/markup.md/..%2f..%2f..%2foutside%2fsecret.txt",
  ];
  // Percent-encodings that are not UTF-8: proxy.ts answers 400 before Next.js tries to decode them.
  const undecodable = [
    "/sources/..%c0%af..%c0%afetc%c0%afpasswd",
    "/sources/%c0%ae%c0%ae/outside/secret.txt",
    "/sources/hostile/markup.md%ff",
    "/sources/%E0%A4%A",
  ];
  const failures: string[] = [];
  for (const rawPath of [...hostile, ...undecodable]) {
    const res = await rawGet(server.url, rawPath);
    const via = res.redirects.length ? ` (via ${res.redirects.join(", ")})` : "";
    if (res.body.includes(OUTSIDE_SECRET) || /root:x:0:0/.test(res.body)) failures.push(`${rawPath} leaked the secret (HTTP ${res.status})`);
    else if (looksLikeStack(res.body.replace(/<script[\s\S]*?<\/script>/g, ""))) failures.push(`${rawPath} → HTTP ${res.status} with a stack trace`);
    else if (res.status === 404 || res.status === 400) continue;
    else failures.push(`${rawPath} → HTTP ${res.status}${via} (expected 404)`);
  }
  assert(failures.length === 0, failures.join("\n"));
  return `${hostile.length} traversal paths → 404 (\`//\` after Next's 308), ${undecodable.length} undecodable paths → 4xx, secret never served`;
}

async function checkBadInputHttp(server: RunningServer): Promise<string> {
  const expectStatus = async (label: string, init: RequestInit, status: number) => {
    const res = await fetch(`${server.url}/api/chat`, init);
    const body = await res.text();
    record(`${server.url}/api/chat`, res.status, res.headers, body);
    assert(res.status === status, `${label}: expected ${status}, got ${res.status} ${body.slice(0, 200)}`);
    if (status !== 405) {
      assert(/application\/json/.test(res.headers.get("content-type") ?? ""), `${label}: not JSON`);
      assert(typeof JSON.parse(body).error === "string", `${label}: no error message`);
    }
  };
  const valid = JSON.stringify(chatBody(SEED_QUESTION));
  await expectStatus("text/plain", { method: "POST", headers: { "content-type": "text/plain" }, body: valid }, 415);
  await expectStatus("form", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "messages=1" }, 415);
  await expectStatus("multipart", { method: "POST", body: (() => { const f = new FormData(); f.set("messages", "x"); return f; })() }, 415);
  await expectStatus("broken JSON", { method: "POST", headers: { "content-type": "application/json" }, body: "{\"messages\": [" }, 400);
  await expectStatus("invalid UTF-8", { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat([Buffer.from('{"messages":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) }, 400);
  await expectStatus("empty question", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody("   ")) }, 400);
  await expectStatus("3 MB body", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody("x".repeat(3_000_000))) }, 413);
  await expectStatus("2000 messages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: Array.from({ length: 2000 }, (_, i) => ({ id: `m${i}`, role: "user", parts: [{ type: "text", text: "hi" }] })) }),
  }, 400);
  await expectStatus("GET", { method: "GET" }, 405);

  // A body that never ends must not tie up the route past the size limit: send 2 MB in a stream without Content-Length.
  const chunks = 2048;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      controller.enqueue(new Uint8Array(1024).fill(0x20));
      if (--(stream as unknown as { left: number }).left <= 0) controller.close();
    },
  });
  (stream as unknown as { left: number }).left = chunks;
  const streamed = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream,
    duplex: "half",
  } as RequestInit).catch((error: Error) => ({ status: -1, text: async () => error.message, headers: new Headers() }));
  const streamedBody = await streamed.text();
  assert(streamed.status === 413 || streamed.status === -1, `chunked 2 MB body: expected 413, got ${streamed.status} ${streamedBody.slice(0, 100)}`);

  expectCited(await postChat(server.url, chatBody(SEED_QUESTION)), SEED_FACT, "valid question afterwards");
  return "415 (text/plain, form, multipart), 400 (broken JSON, invalid UTF-8, empty, 2000 messages), 413 (3 MB, chunked 2 MB), 405 GET; next question answered";
}

async function checkRateLimit(projectDir: string, corpus: Corpus): Promise<string> {
  const server = await launchServer("rate-limit", projectDir, localEnv(corpus.corpusDir, corpus.indexDir, { RAG_RATE_LIMIT_PER_MINUTE: "5" }));
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postChat(server.url, chatBody(SEED_QUESTION))).status);
    assert(statuses.slice(0, 5).every((s) => s === 200), `first 5 should be 200: ${statuses}`);
    const limited = await postChat(server.url, chatBody(SEED_QUESTION));
    assert(statuses[5] === 429 && limited.status === 429, `6th and 7th should be 429: ${statuses}, ${limited.status}`);
    const retryAfter = Number(limited.headers.get("retry-after"));
    assert(retryAfter >= 1 && retryAfter <= 60, `Retry-After should be 1..60 s, got ${limited.headers.get("retry-after")}`);
    assert(/too many requests/i.test(JSON.parse(limited.text).error), "429 without a readable message");
    return `statuses ${[...statuses, limited.status].join(",")}; Retry-After ${retryAfter} s`;
  } finally {
    await stopServer(server, "rate-limit");
  }
}

async function checkBrowser(server: RunningServer): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    const requestsToX: string[] = [];
    page.on("request", (request) => {
      if (/\/x$/.test(new URL(request.url()).pathname)) requestsToX.push(request.url());
    });

    const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    const javascriptHrefs = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("[href],[src],[action],[formaction],[xlink\\:href]")]
          .flatMap((el) => ["href", "src", "action", "formaction"].map((a) => el.getAttribute(a) ?? ""))
          .filter((v) => /^\s*javascript:/i.test(v)),
      );
    const injected = () => page.evaluate(() => document.querySelectorAll("main script, main img[onerror], [onerror]").length);

    await page.goto(`${server.url}/`);
    await page.waitForSelector("#question:not([disabled])", { timeout: 20_000 });

    const questions: [string, string][] = [
      ["When does the Zanzibar lighthouse keeper log the lamp inspection?", "<script>window.__pwned=1</script>"],
      ["What lens does the Zanzibar lighthouse lamp use?", '<img src=x onerror="window.__pwned=1">'],
      ["Where is the Zanzibar lighthouse keeper handbook?", "click"],
      ["When is the Quetzal observatory telescope mirror cleaned?", '<img src=x onerror="window.__pwned=1">'],
    ];
    for (const [i, [question, expected]] of questions.entries()) {
      await page.fill("#question", question);
      await page.press("#question", "Enter");
      const answer = page.locator("article.message.assistant").nth(i);
      await answer.waitFor({ timeout: 20_000 });
      await page.waitForFunction(
        (n) => {
          const el = document.querySelectorAll("article.message.assistant")[n];
          return el && el.getAttribute("aria-busy") === "false" && el.querySelector(".markdown");
        },
        i,
        { timeout: 20_000 },
      );
      const text = (await answer.locator(".markdown").textContent()) ?? "";
      assert(text.includes(expected), `answer ${i + 1} should show ${JSON.stringify(expected)} as text, shows: ${text.slice(0, 300)}`);
      await sleep(300); // give an onerror handler (if any had been created) time to fire
      assert((await pwned()) === undefined, `window.__pwned was set after answer ${i + 1}`);
    }
    // The markdown link survives as a link, but not with its javascript: URL.
    const clickLink = page.locator("article.message.assistant .markdown a", { hasText: "click" });
    if (await clickLink.count()) {
      const href = (await clickLink.first().getAttribute("href")) ?? "";
      assert(!/javascript:/i.test(href), `the [click](javascript:…) link kept its href: ${href}`);
    }

    // The citation panel shows the passage text.
    const chip = page.locator(".source-chip").first();
    if (await chip.count()) {
      await chip.click();
      await sleep(300);
      const panelText = await page.evaluate(() => document.body.innerText);
      assert(panelText.includes("window.__pwned=1"), "the citation panel should show the markup as text");
      await page.keyboard.press("Escape");
    }

    assert((await pwned()) === undefined, "window.__pwned was set in the chat");
    assert((await javascriptHrefs()).length === 0, `javascript: URLs rendered in the chat: ${await javascriptHrefs()}`);
    assert((await injected()) === 0, "an injected <script>/<img onerror> element exists in the chat DOM");

    // Source viewer: both hostile files, text shown literally.
    const viewerPages: [string, string[]][] = [
      ["/sources/hostile/markup.md?from=3&to=7", ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">', "[click](javascript:window.__pwned=1)"]],
      ["/sources/hostile/markup.html?from=2&to=3", ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">']],
    ];
    for (const [url, texts] of viewerPages) {
      const response = await page.goto(`${server.url}${url}`);
      assert(response?.status() === 200, `${url}: HTTP ${response?.status()}`);
      await sleep(300);
      const shown = await page.evaluate(() => document.body.innerText);
      for (const t of texts) assert(shown.includes(t), `${url} should show ${JSON.stringify(t)} as text`);
      assert((await pwned()) === undefined, `window.__pwned was set on ${url}`);
      assert((await javascriptHrefs()).length === 0, `javascript: URL rendered on ${url}`);
      assert((await injected()) === 0, `an injected element exists on ${url}`);
    }
    assert(dialogs.length === 0, `dialogs opened: ${dialogs}`);
    assert(requestsToX.length === 0, `the browser fetched the hostile <img src=x>: ${requestsToX}`);
    const relevantErrors = pageErrors.filter((m) => /pwned/i.test(m));
    assert(relevantErrors.length === 0, `page errors: ${relevantErrors}`);
    return `4 answers + citation panel + 2 source pages show the markup as text; __pwned undefined; no javascript: URLs; ${pageErrors.length} unrelated page errors`;
  } finally {
    await browser.close();
  }
}

interface LoadRun {
  run: number;
  requests: number;
  reqPerSec: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  rssMb: number;
}

async function checkLoad(server: RunningServer): Promise<string> {
  const questions = [
    SEED_QUESTION,
    "Which mountain pass was identified as a strengthened land corridor?",
    "What period does the CPEC 2.0 Belt and Road action plan cover?",
    "How long was Prime Minister Shehbaz Sharif's visit to Beijing?",
    "When does the Zanzibar lighthouse keeper log the lamp inspection?",
    "What is the airspeed velocity of an unladen swallow?", // not in the documents
  ];
  // Warm up (JIT, index load) so the first run's RSS is not a cold-start number.
  for (const q of questions) await postChat(server.url, chatBody(q));
  const load = (duration: number) =>
    autocannon({
      url: `${server.url}/api/chat`,
      connections: CONNECTIONS,
      duration,
      timeout: 30,
      requests: questions.map((q) => ({
        method: "POST" as const,
        path: "/api/chat",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(chatBody(q)),
      })),
      // Every answer must be a complete stream without an error part.
      verifyBody: (body: string) => body.includes('"type":"finish"') && !body.includes('"type":"error"') && body.includes("[DONE]"),
    });
  // …and under load, so the heap has grown to what 50 clients need before run 1 is measured
  // (without it, run 1 peaked at 353 MB and runs 2 and 3 at 472 and 465 MB).
  await load(WARM_UP_SECONDS);
  await sleep(1000);
  const rssStart = server.rssBytes();

  const runs: LoadRun[] = [];
  for (let i = 1; i <= LOAD_RUNS; i++) {
    const latencies: number[] = [];
    const instance = load(LOAD_SECONDS);
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    // The run's peak RSS, sampled under load: one reading after a run lands wherever the collector
    // left the heap (seen: 396 → 242 → 397 MB over three alike runs); the peak climbs only with a leak.
    let rss = server.rssBytes();
    const sampler = setInterval(() => (rss = Math.max(rss, server.rssBytes())), RSS_SAMPLE_MS);
    const result = await instance;
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const entry: LoadRun = {
      run: i,
      requests: result.requests.total,
      reqPerSec: round(result.requests.average),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      mismatches: result.mismatches,
      latencyMs: {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies[latencies.length - 1] ?? NaN),
        mean: round(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)),
      },
      rssMb: mb(rss),
    };
    runs.push(entry);
    console.log(
      `     run ${i}: ${entry.requests} requests, ${entry.reqPerSec} req/s, p50 ${entry.latencyMs.p50} ms, p95 ${entry.latencyMs.p95} ms, ` +
        `p99 ${entry.latencyMs.p99} ms, non-2xx ${entry.non2xx}, errors ${entry.errors}, timeouts ${entry.timeouts}, bad bodies ${entry.mismatches}, RSS ${entry.rssMb} MB`,
    );
    if (!server.alive()) break;
  }
  // Run 1 still grows the heap to what 50 clients need (seen: 368 → 460 → 456 MB after the other checks);
  // a leak keeps growing after that, so the last run is compared with run 2.
  const baseline = runs[Math.min(1, runs.length - 1)];
  const growth = runs.length >= 2 ? runs[runs.length - 1].rssMb / baseline.rssMb - 1 : 0;
  report.load = {
    connections: CONNECTIONS,
    secondsPerRun: LOAD_SECONDS,
    mode: "local embedder, extractive answerer",
    rssBeforeMb: mb(rssStart),
    runs,
    rssGrowthLastOverFirst: round(growth * 100, 1) + "%",
    flatDefinition: `peak RSS of run ${LOAD_RUNS} at most ${MAX_RSS_GROWTH * 100}% above that of run 2 (sampled every ${RSS_SAMPLE_MS} ms under load)`,
  };
  assert(server.alive(), "the server died under load");
  for (const r of runs) {
    assert(r.non2xx === 0 && r.errors === 0 && r.timeouts === 0, `run ${r.run}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    assert(r.mismatches === 0, `run ${r.run}: ${r.mismatches} answers were incomplete or had an error part`);
    assert(r.requests > 0, `run ${r.run}: no requests completed`);
  }
  assert(growth <= MAX_RSS_GROWTH, `RSS grew ${round(growth * 100)}% from run ${baseline.run} to run ${runs.length} (limit ${MAX_RSS_GROWTH * 100}%)`);
  const last = runs[runs.length - 1];
  return `${runs.length} × ${LOAD_SECONDS} s × ${CONNECTIONS} clients; last run ${last.reqPerSec} req/s, p50/p95/p99 ${last.latencyMs.p50}/${last.latencyMs.p95}/${last.latencyMs.p99} ms; RSS ${runs.map((r) => r.rssMb).join(" → ")} MB (${round(growth * 100)}%)`;
}

async function checkIngestWhileServing(projectDir: string, root: string): Promise<string> {
  const oldFact = "The Oberon archive keeps the master key in vault three, behind the iron door.";
  const corpus = await indexedCorpus(root, "serving", { [KNOWN_DOC.source]: oldFact + "\n" }, { seeds: true, synthetic: 120 });
  const server = await launchServer("ingest-serving", projectDir, localEnv(corpus.corpusDir, corpus.indexDir, { RAG_RATE_LIMIT_PER_MINUTE: "0" }));
  try {
    const before = await postChat(server.url, chatBody(KNOWN_DOC.question));
    expectCited(before, /vault three/, "before the change");

    // The changed corpus: the fact moves (vault three → seven), a new file appears, a synthetic file goes.
    await fs.writeFile(path.join(corpus.corpusDir, KNOWN_DOC.source), KNOWN_DOC.text);
    await fs.writeFile(path.join(corpus.corpusDir, "known", "new-wing.md"), "The Oberon archive opened a new wing for maps in the year of the comet.\n");
    await fs.rm(path.join(corpus.corpusDir, "synthetic", "doc-0000.txt"));

    const questions = [SEED_QUESTION, KNOWN_DOC.question, "What did the Oberon archive open for maps?", "Which mountain pass was identified as a strengthened land corridor?"];
    const failures: string[] = [];
    let total = 0;
    let duringIngest = 0;
    let ingesting = true;
    let stop = false;
    const client = async (n: number) => {
      for (let i = n; !stop; i++) {
        try {
          const reply = await postChat(server.url, chatBody(questions[i % questions.length]));
          total++;
          if (ingesting) duringIngest++;
          if (reply.status !== 200 || reply.stream.errors.length || !reply.stream.finished || reply.stream.garbage.length) {
            failures.push(`HTTP ${reply.status} ${reply.stream.errors.join(";")} ${reply.text.slice(0, 120)}`);
          }
        } catch (error) {
          failures.push(`request failed: ${(error as Error).message}`);
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    await sleep(300);
    const started = performance.now();
    const ingestRun = await run(process.execPath, ["--import", "tsx", path.join(projectDir, "scripts", "ingest.ts"), corpus.corpusDir, "--out", corpus.indexDir], {
      cwd: projectDir,
      env: { ...process.env, RAG_EMBEDDER: "local" } as NodeJS.ProcessEnv,
    });
    const ingestMs = performance.now() - started;
    ingesting = false;
    await sleep(1500); // requests after the switch
    stop = true;
    await Promise.all(clients);
    assert(ingestRun.code === 0, `ingest failed: ${ingestRun.output}`);
    assert(failures.length === 0, `${failures.length} of ${total} requests failed: ${failures.slice(0, 5).join("\n")}`);
    assert(duringIngest >= 10, `only ${duringIngest} requests ran during the ingest`);

    const after = await postChat(server.url, chatBody(KNOWN_DOC.question));
    expectCited(after, KNOWN_DOC.fact, "after the ingest");
    assert(!/vault three/.test(after.stream.text), "the old fact is still answered");
    const added = await postChat(server.url, chatBody("What did the Oberon archive open for maps?"));
    expectCited(added, /new wing/, "the new file");
    assert(added.stream.sources.some((s) => s.source === "known/new-wing.md"), "the new file is not cited");
    const info = JSON.parse((await get(`${server.url}/api/info`)).body);
    return `${total} requests (${duringIngest} during a ${(ingestMs / 1000).toFixed(1)} s ingest), 0 failed; new build serves the new facts (${info.info?.files} files)`;
  } finally {
    await stopServer(server, "ingest-serving");
  }
}

async function checkProviderFaults(server: RunningServer, fake: FakeOpenAI): Promise<string> {
  const answer = async (label: string) => {
    const reply = await postChat(server.url, chatBody(SEED_QUESTION));
    expectCited(reply, /Gwadar/, label);
    return reply;
  };
  const readableError = async (label: string, pattern: RegExp) => {
    const reply = await postChat(server.url, chatBody(SEED_QUESTION));
    assert(reply.status === 200, `${label}: HTTP ${reply.status}`);
    assert(reply.stream.errors.length === 1, `${label}: expected one error part, got ${JSON.stringify(reply.stream.errors)} ${reply.text.slice(0, 300)}`);
    const [error] = reply.stream.errors;
    assert(pattern.test(error), `${label}: unexpected error text ${JSON.stringify(error)}`);
    assert(!looksLikeStack(error) && error.length < 300, `${label}: error looks like a stack trace: ${error}`);
    assert(!/127\.0\.0\.1|\/v1|sk-/.test(error), `${label}: error leaks internals: ${error}`);
    return reply;
  };
  const lines: string[] = [];
  await answer("baseline");

  // Server runs with OPENAI_TIMEOUT_MS=1000, OPENAI_MAX_RETRIES=1.
  fake.addFault("/chat", { kind: "hang" });
  fake.addFault("/chat", { kind: "hang" });
  const hung = await readableError("hang", /language model is unavailable/i);
  assert(hung.ms < 10_000, `hang took ${hung.ms} ms`);
  lines.push(`hang → error after ${(hung.ms / 1000).toFixed(1)} s`);
  await answer("after hang");

  let from = fake.requests.length;
  fake.addFault("/chat", { kind: "status", status: 429, headers: { "retry-after": "1" } });
  const retried = await answer("429 then success");
  const attempts = fake.requests.slice(from).filter((r) => r.path === "/v1/chat/completions").length;
  assert(attempts === 2 && retried.ms >= 950, `429: ${attempts} attempts in ${retried.ms} ms (expected 2, ≥1 s)`);
  lines.push(`429 + Retry-After: 1 → answered after ${(retried.ms / 1000).toFixed(1)} s (2 attempts)`);

  from = fake.requests.length;
  fake.addFault("/chat", { kind: "status", status: 500 });
  fake.addFault("/chat", { kind: "status", status: 500 });
  await readableError("500", /HTTP 500/);
  lines.push(`500 ×2 → error after ${fake.requests.slice(from).length} attempts`);
  await answer("after 500");

  fake.addFault("/chat", { kind: "cut-stream", afterChunks: 3 });
  const cut = await readableError("cut stream", /language model is unavailable/i);
  lines.push(`cut stream → partial text ${JSON.stringify(cut.stream.text.slice(0, 20))} + error`);
  await answer("after cut");

  fake.addFault("/chat", { kind: "malformed-json" });
  await readableError("malformed JSON", /language model is unavailable/i);
  lines.push("malformed JSON → error");
  await answer("after malformed");

  // A follow-up is rewritten by the model first; both calls must stay on the provider and be quick.
  from = fake.requests.length;
  const followUp = await postChat(
    server.url,
    chatBody("And which port was the hub?", [
      { role: "user", text: "What did the joint statement say about CPEC 2.0?" },
      { role: "assistant", text: "It advanced the CPEC 2.0 framework [1]." },
    ]),
  );
  expectCited(followUp, /Gwadar/, "follow-up");
  assert(fake.requests.slice(from).length === 2, `follow-up: expected a rewrite and an answer call, saw ${fake.requests.slice(from).length}`);
  assert(followUp.ms < 5000, `follow-up took ${Math.round(followUp.ms)} ms`);
  lines.push(`follow-up (rewrite + answer) in ${(followUp.ms / 1000).toFixed(1)} s`);

  const info = await get(`${server.url}/api/info`);
  assert(info.status === 200, `/api/info after faults: ${info.status}`);
  assert(server.alive(), "server died");
  return lines.join("; ") + "; next requests answered, /api/info 200";
}

async function checkDisconnect(server: RunningServer, slowFake: FakeOpenAI): Promise<string> {
  const { hostname, port } = new URL(server.url);
  const body = JSON.stringify(chatBody(SEED_QUESTION));
  const measure = () =>
    new Promise<{ stopMs: number; sawText: boolean }>((resolve, reject) => {
      const req = http.request(
        { host: hostname, port: Number(port), path: "/api/chat", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          let seen = "";
          res.setEncoding("utf8");
          res.on("data", async (d: string) => {
            seen += d;
            if (seen.includes('"text-delta"') && !req.destroyed) {
              if (slowFake.openStreams() !== 1) return reject(new Error(`expected 1 open upstream stream, saw ${slowFake.openStreams()}`));
              const at = performance.now();
              req.destroy(); // the client goes away mid-answer
              const closed = await waitFor(() => slowFake.openStreams() === 0, 3000);
              resolve({ stopMs: closed ? performance.now() - at : Infinity, sawText: true });
            }
          });
          res.on("error", () => {});
        },
      );
      req.on("error", () => {});
      req.end(body);
    });
  const result = await measure();
  assert(Number.isFinite(result.stopMs), "the upstream stream was still open 3 s after the client disconnected (generation not stopped)");
  assert(result.stopMs < 1500, `upstream stream closed only after ${Math.round(result.stopMs)} ms`);
  // The server is fine afterwards.
  const next = await postChat(server.url, chatBody(SEED_QUESTION));
  assert(next.status === 200 && next.stream.finished && next.stream.errors.length === 0, "the next request failed");
  await waitFor(() => slowFake.openStreams() === 0, 2000);
  return `upstream stream closed ${Math.round(result.stopMs)} ms after the client disconnected (a full answer streams for ~3 s)`;
}

async function checkSecrets(projectDir: string, fakes: FakeOpenAI[], built: boolean): Promise<string> {
  const hits: string[] = [];
  // The key must actually have been in use, or "not found" would prove nothing.
  const sentWithKey = fakes.flatMap((f) => f.requests).filter((r) => r.headers.authorization === `Bearer ${SENTINEL}`).length;
  assert(sentWithKey > 0, "no request reached the fake provider with the sentinel key (the check would be vacuous)");

  // Build output: everything under .next except the build cache.
  const nextDir = path.join(projectDir, ".next");
  let files = 0;
  const keyShaped = /\bsk-(?:proj-|live-)?[A-Za-z0-9_-]{20,}/;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full === path.join(nextDir, "cache") || full === path.join(nextDir, "dev")) continue;
        await walk(full);
      } else if (entry.isFile()) {
        files++;
        const content = await fs.readFile(full, "latin1");
        if (content.includes(SENTINEL)) hits.push(`build file ${path.relative(projectDir, full)}`);
        else if (full.startsWith(path.join(nextDir, "static")) && keyShaped.test(content)) {
          hits.push(`key-shaped string in ${path.relative(projectDir, full)}: ${content.match(keyShaped)![0].slice(0, 12)}…`);
        }
      }
    }
  };
  await walk(nextDir);

  for (const entry of transcript) {
    if (entry.body.includes(SENTINEL) || entry.headers.includes(SENTINEL)) hits.push(`response ${entry.status} ${entry.url}`);
  }
  for (const server of servers) serverLogs.push({ name: `running server ${server.port}`, text: `${server.stdout()}\n${server.stderr()}` });
  for (const log of serverLogs) if (log.text.includes(SENTINEL)) hits.push(`log of ${log.name}`);
  assert(hits.length === 0, `sentinel found in:\n${hits.join("\n")}`);
  return (
    `${files} files under .next${built ? " (built with the sentinel set)" : " (--no-build: build predates the sentinel; key-shaped strings checked)"}, ` +
    `${transcript.length} responses (bodies + headers), ${serverLogs.length} logs: 0 hits; ${sentWithKey} provider requests carried the key`
  );
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  const root = await makeTempDir("rag-rel-e2e-");
  const fake = await startFakeOpenAI({ reply: () => "Gwadar Port was singled out as the regional connectivity hub [1]." });
  const slowFake = await startFakeOpenAI({
    reply: () => "Gwadar Port is the hub named in the joint statement [1]. ".repeat(12),
    streamChunkChars: 12,
    streamDelayMs: 50,
  });
  let projectDir = REPO_ROOT;
  let built = false;
  try {
    projectDir = await prepareProject();
    report.projectDir = projectDir;
    console.log(`Project: ${projectDir}`);
    if (!args["no-build"]) {
      await check("build", async () => build(projectDir, fake.url), true);
      built = results.at(-1)?.ok ?? false;
      if (!built) return finish(root);
    }

    // The main corpus: seeds, hostile documents, and traps for the source viewer.
    const mainCorpus = await indexedCorpus(
      root,
      "main",
      {
        ...hostileDocuments(),
        "docs/notes.txt": "Notes about the harbour ferry timetable and the pier.\n",
        "docs/later-swapped.txt": "This file is replaced by a symlink to a secret after indexing.\n",
      },
      { seeds: true },
    );
    await fs.mkdir(path.join(root, "main", "outside"), { recursive: true });
    const secretFile = path.join(root, "main", "outside", "secret.txt");
    await fs.writeFile(secretFile, `${OUTSIDE_SECRET}\n`);
    await fs.rm(path.join(mainCorpus.corpusDir, "docs", "later-swapped.txt"));
    await fs.symlink(secretFile, path.join(mainCorpus.corpusDir, "docs", "later-swapped.txt"));
    await fs.symlink(secretFile, path.join(mainCorpus.corpusDir, "docs", "escape.txt"));
    const traversalCorpus = { ...mainCorpus, root: path.join(root, "main") };

    const needsLocal = ["http-traversal", "http-bad-input", "browser-hostile", "load"].some(wanted);
    if (needsLocal) {
      const local = await launchServer(
        "local",
        projectDir,
        localEnv(mainCorpus.corpusDir, mainCorpus.indexDir, { RAG_RATE_LIMIT_PER_MINUTE: "1000000" }),
      );
      await check("http-traversal", () => checkTraversal(local, traversalCorpus));
      await check("http-bad-input", () => checkBadInputHttp(local));
      await check("browser-hostile", () => checkBrowser(local));
      await check("load", () => checkLoad(local));
      await stopServer(local, "local");
    }
    await check("http-rate-limit", () => checkRateLimit(projectDir, mainCorpus));
    await check("ingest-serving", () => checkIngestWhileServing(projectDir, root));

    // OpenAI mode with the sentinel key, against the fake provider.
    if (["provider-faults", "disconnect", "secrets"].some(wanted)) {
      const openaiEnv = (url: string) => ({
        ...localEnv(mainCorpus.corpusDir, mainCorpus.indexDir, { RAG_RATE_LIMIT_PER_MINUTE: "0" }),
        RAG_ANSWERER: "openai",
        OPENAI_API_KEY: SENTINEL,
        OPENAI_BASE_URL: url,
        OPENAI_TIMEOUT_MS: "1000",
        OPENAI_MAX_RETRIES: "1",
      });
      const openai = await launchServer("openai", projectDir, openaiEnv(fake.url));
      const slow = await launchServer("openai-slow", projectDir, { ...openaiEnv(slowFake.url), OPENAI_TIMEOUT_MS: "30000" });
      await check("provider-faults", () => checkProviderFaults(openai, fake));
      await check("disconnect", () => checkDisconnect(slow, slowFake));
      if (wanted("secrets")) {
        // A session touching every kind of response: pages, info, sources, answers, and errors.
        for (const s of [openai, slow]) {
          await get(`${s.url}/`);
          await get(`${s.url}/api/info`);
          await get(`${s.url}/sources/hostile/markup.md?from=1&to=3`);
          await get(`${s.url}/sources/does-not-exist.txt`);
          await get(`${s.url}/api/chat`);
          await postChat(s.url, chatBody(SEED_QUESTION));
          await postChat(s.url, chatBody("What is the airspeed velocity of an unladen swallow?"));
          await postChat(s.url, "{broken");
          await postChat(s.url, chatBody("x".repeat(300_000)));
          await postChat(s.url, chatBody(SEED_QUESTION, [{ role: "user", text: "Tell me about the visit" }, { role: "assistant", text: "It was four days [1]." }]));
        }
        fake.addFault("/chat", { kind: "status", status: 401, body: JSON.stringify({ error: { message: "Incorrect API key provided", type: "invalid_request_error", code: "invalid_api_key" } }) });
        await postChat(openai.url, chatBody(SEED_QUESTION));
        fake.addFault("/chat", { kind: "status", status: 500 });
        fake.addFault("/chat", { kind: "status", status: 500 });
        await postChat(openai.url, chatBody(SEED_QUESTION));
      }
      await stopServer(openai, "openai");
      await stopServer(slow, "openai-slow");
      await check("secrets", () => checkSecrets(projectDir, [fake, slowFake], built));
    }
    return finish(root);
  } finally {
    for (const server of [...servers]) await server.stop();
    await fake.close();
    await slowFake.close();
    if (!args.keep) {
      await fs.rm(root, { recursive: true, force: true });
      if (args.isolated && projectDir !== REPO_ROOT) await fs.rm(projectDir, { recursive: true, force: true });
    } else {
      console.log(`Kept ${root}${projectDir !== REPO_ROOT ? ` and ${projectDir}` : ""}`);
    }
  }
}

async function finish(root: string): Promise<number> {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  report.finishedAt = new Date().toISOString();
  report.checks = results.map((r) => ({ name: r.name, ok: r.ok, seconds: round(r.ms / 1000), details: r.details }));
  await fs.mkdir(path.join(REPO_ROOT, "reports"), { recursive: true });
  // Other reports may share the file's folder; only this file is written.
  await fs.writeFile(path.join(REPO_ROOT, "reports", "reliability.json"), JSON.stringify(report, null, 2) + "\n");
  void root;
  console.log("\nSummary:");
  for (const r of results) console.log(`  ${r.ok ? "PASS" : "FAIL"} ${r.name}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log(`\n${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exit(1);
  },
);
