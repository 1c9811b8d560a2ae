/**
 * End-to-end check of the built app in a real browser.
 *
 *   npm run test:e2e               # next build, ensure the index, start, test, screenshots
 *   npm run test:e2e -- --no-build # reuse the existing .next build
 *
 * Prints "N passed, N failed" and exits non-zero on any failure. Screenshots go to
 * artifacts/e2e/*.png. The server is always killed, whatever happens.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startFakeOpenAI, type FakeOpenAI } from "../tests/support/openai-server";
import { freePort } from "../lib/net";

const ROOT = path.resolve(__dirname, "..");
const SHOTS = path.join(ROOT, "artifacts", "e2e");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const QUESTION = "What is CPEC 2.0?";
const OFF_CORPUS = "What is the boiling point of tungsten?";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const args = new Set(process.argv.slice(2));
const results: { name: string; ok: boolean; error?: string }[] = [];
const servers: ChildProcess[] = [];
let browser: Browser | null = null;
let fakeOpenAI: FakeOpenAI | null = null;

async function check(name: string, fn: () => Promise<void>): Promise<boolean> {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    results.push({ name, ok: false, error: message });
    console.log(`  ✗ ${name}\n      ${message}`);
    return false;
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} exited with ${result.status ?? result.signal}`);
}


async function startServer(port: number, extraEnv: Record<string, string> = {}): Promise<string> {
  const log: string[] = [];
  // Own process group, so the whole tree (next → next-server) can be killed at once.
  const server = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", RAG_RATE_LIMIT_PER_MINUTE: "0", ...extraEnv },
  });
  servers.push(server);
  server.stdout?.on("data", (d) => log.push(String(d)));
  server.stderr?.on("data", (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited early:\n${log.join("")}`);
    try {
      const res = await fetch(`${base}/api/info`);
      if (res.ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within 60 s:\n${log.join("")}`);
}

function stopServers(): void {
  for (const server of servers.splice(0)) {
    const pid = server.pid;
    if (!pid || server.exitCode !== null) continue;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      server.kill("SIGTERM");
    }
    // Escalate if the group outlives SIGTERM; cleanup() awaits these.
    killLater.push(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {
            // already gone
          }
          resolve();
        }, 1500),
      ),
    );
  }
}
const killLater: Promise<void>[] = [];

async function newPage(viewport: { width: number; height: number }, colorScheme: "light" | "dark", storageState?: Awaited<ReturnType<BrowserContext["storageState"]>>) {
  const context = await browser!.newContext({ viewport, colorScheme, storageState, deviceScaleFactor: 1, reducedMotion: "reduce" });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (msg) => {
    // Failed loads are reported below with their URL.
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) pageErrors.push(msg.text());
  });
  page.on("response", (res) => {
    if (res.status() >= 400) pageErrors.push(`${res.status()} ${res.url()}`);
  });
  return { context, page, pageErrors };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function ask(page: Page, question: string): Promise<void> {
  const box = page.locator("#question");
  await box.waitFor({ state: "visible" });
  await box.fill(question);
  await box.press("Enter");
  // Finished when the composer is usable again.
  await page.locator("#question:not([disabled])").waitFor({ timeout: 30_000 });
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `page is ${overflow}px wider than the viewport`);
}

async function main(): Promise<void> {
  await fs.mkdir(SHOTS, { recursive: true });
  if (!args.has("--no-build")) {
    console.log("Building (next build)…");
    run("npx", ["next", "build"]);
  }
  console.log("Ensuring the index…");
  run("npx", ["tsx", "scripts/ensure-index.ts"]);

  const base = await startServer(await freePort());
  console.log(`Server at ${base}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });

  // ---- Desktop, light: the main flow ----
  const desk = await newPage(DESKTOP, "light");
  const page = desk.page;

  await check("empty state shows starters and the mode badge", async () => {
    await page.goto(base);
    await page.locator(".starter:not(.skeleton)").first().waitFor({ timeout: 15_000 });
    const badge = await page.locator(".mode-badge").innerText();
    assert(/files/.test(badge) && /chunks/.test(badge), `badge does not show what is indexed: ${badge}`);
    await shot(page, "desktop-light-empty");
  });

  await check("Shift+Enter adds a line, Enter on an empty box sends nothing", async () => {
    const box = page.locator("#question");
    await box.fill("");
    await box.press("Enter");
    assert((await page.locator(".message").count()) === 0, "an empty question was sent");
    await box.type("first");
    await box.press("Shift+Enter");
    await box.type("second");
    assert((await box.inputValue()) === "first\nsecond", `unexpected value ${JSON.stringify(await box.inputValue())}`);
    await box.fill("");
  });

  await check("a seed question streams an answer with citations", async () => {
    await ask(page, QUESTION);
    await page.locator(".message.user", { hasText: QUESTION }).waitFor();
    await page.locator(".message.assistant .cite-marker:not([disabled])").first().waitFor({ timeout: 20_000 });
    const chips = await page.locator(".message.assistant .sources .source-chip").count();
    assert(chips >= 1, "no sources listed under the answer");
    assert((await page.locator(".message.assistant").count()) === 1, "the answer split into more than one assistant message");
    await shot(page, "desktop-light-answer");
  });

  let sourceHref = "";
  await check("a citation opens the passage panel; Escape closes it and restores focus", async () => {
    const marker = page.locator(".message.assistant .cite-marker").first();
    await marker.click();
    const panel = page.getByRole("dialog");
    await panel.waitFor();
    const text = await panel.innerText();
    assert(/\.txt/.test(text) && /Lines/i.test(text) && /Score/i.test(text), `panel lacks file/lines/score: ${text.slice(0, 200)}`);
    assert((await panel.locator(".passage").innerText()).trim().length > 20, "panel shows no passage");
    sourceHref = (await panel.getByRole("link", { name: /source viewer/i }).getAttribute("href")) ?? "";
    assert(/^\/sources\/.+\?from=\d+&to=\d+#L\d+$/.test(sourceHref), `unexpected source link ${sourceHref}`);
    await shot(page, "desktop-light-citation");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    const focusedIsMarker = await page.evaluate(() => document.activeElement?.classList.contains("cite-marker"));
    assert(focusedIsMarker, "focus did not return to the citation marker");
  });

  await check("the source link shows the cited lines highlighted and in view", async () => {
    await page.locator(".message.assistant .cite-marker").first().click();
    await page.getByRole("link", { name: /source viewer/i }).click();
    await page.waitForURL(/\/sources\//);
    const highlighted = page.locator(".code-line.hl");
    await highlighted.first().waitFor();
    const [, from, to] = /from=(\d+)&to=(\d+)/.exec(sourceHref) ?? [];
    assert((await highlighted.count()) === Number(to) - Number(from) + 1, "highlighted line count does not match the cited range");
    await page.waitForTimeout(200);
    const inView = await highlighted.first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert(inView, "the first highlighted line is not scrolled into view");
    await shot(page, "desktop-light-source");
  });

  await check("back and reload keep the conversation with its citations", async () => {
    await page.goBack();
    await page.locator(".message.user", { hasText: QUESTION }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.locator(".message.user", { hasText: QUESTION }).waitFor({ timeout: 10_000 });
    assert((await page.locator(".message.assistant .sources .source-chip").count()) >= 1, "citations lost after reload");
    await page.locator(".message.assistant .cite-marker:not([disabled])").first().click();
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
  });

  await check("an off-corpus question says so, with closest matches and no citations", async () => {
    await ask(page, OFF_CORPUS);
    const answer = page.locator(".message.assistant").last();
    await answer.locator(".markdown").waitFor();
    assert(/could not find|not (?:covered|in the documents)/i.test(await answer.innerText()), "the answer does not say it was not found");
    assert((await answer.locator(".sources").count()) === 0, "a not-found answer lists citations");
    assert((await answer.locator(".closest").count()) <= 1, "closest matches rendered twice");
    await answer.scrollIntoViewIfNeeded();
    await shot(page, "desktop-light-not-found");
  });

  await check("source viewer refuses paths outside the index", async () => {
    for (const bad of ["..%2Fpackage.json", "%2e%2e/package.json", "%252e%252e/package.json", "%2Fetc%2Fpasswd", "x%00.txt", "nope.txt"]) {
      const res = await fetch(`${base}/sources/${bad}`);
      assert(res.status === 404, `/sources/${bad} answered ${res.status}`);
    }
  });

  await check("no script errors in the browser console", async () => {
    assert(desk.pageErrors.length === 0, desk.pageErrors.join(" | "));
  });

  const saved = await desk.context.storageState();
  await desk.context.close();

  // ---- Screenshots in the other modes, with the same saved conversation ----
  for (const [label, viewport, scheme] of [
    ["desktop-dark", DESKTOP, "dark"],
    ["phone-light", PHONE, "light"],
    ["phone-dark", PHONE, "dark"],
  ] as const) {
    await check(`${label}: conversation, passage, source and empty state render`, async () => {
      const { context, page: p, pageErrors } = await newPage(viewport, scheme, saved);
      try {
        await p.goto(base);
        await p.locator(".message.user", { hasText: QUESTION }).waitFor({ timeout: 10_000 });
        await p.locator(".message.assistant .cite-marker").first().scrollIntoViewIfNeeded();
        await noHorizontalOverflow(p);
        await shot(p, `${label}-answer`);
        await p.locator(".message.assistant .cite-marker").first().click();
        await p.getByRole("dialog").waitFor();
        await shot(p, `${label}-citation`);
        await p.getByRole("link", { name: /source viewer/i }).click();
        await p.locator(".code-line.hl").first().waitFor();
        await p.waitForTimeout(200);
        await noHorizontalOverflow(p);
        await shot(p, `${label}-source`);
        await p.goBack();
        await p.getByRole("button", { name: "New chat" }).click();
        await p.locator(".starter:not(.skeleton)").first().waitFor({ timeout: 10_000 });
        await noHorizontalOverflow(p);
        await shot(p, `${label}-empty`);
        assert(pageErrors.length === 0, pageErrors.join(" | "));
      } finally {
        await context.close();
      }
    });
  }

  await llmPhase();

  await check("layout holds at 375px", async () => {
    const { context, page: p } = await newPage({ width: 375, height: 740 }, "light", saved);
    try {
      await p.goto(base);
      await p.locator(".message.user").first().waitFor({ timeout: 10_000 });
      await noHorizontalOverflow(p);
    } finally {
      await context.close();
    }
  });
}

/**
 * Streaming, Stop and the error state, with the OpenAI answerer pointed at a slow,
 * scriptable loopback fake (the local answerer is too fast to stop).
 */
async function llmPhase(): Promise<void> {
  const answer = `CPEC 2.0 is a framework for Belt and Road cooperation [1]. ${"It keeps going for a while. ".repeat(60)}The end.`;
  fakeOpenAI = await startFakeOpenAI({
    // The follow-up rewrite asks for a standalone question: hand the question back.
    reply: (body) => {
      const last = String(body?.messages?.at(-1)?.content ?? "");
      return last.includes("Last question:") ? last.split("Last question:").pop()!.trim() : answer;
    },
    streamChunkChars: 6,
    streamDelayMs: 15,
  });
  const fake = fakeOpenAI;
  const base = await startServer(await freePort(), {
    RAG_ANSWERER: "openai",
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "e2e-placeholder",
    OPENAI_MAX_RETRIES: "0",
  });
  const { context, page, pageErrors } = await newPage(DESKTOP, "light");
  try {
    await check("LLM mode: the answer streams in and Stop ends it early", async () => {
      await page.goto(base);
      await page.locator(".mode-badge .stats").waitFor({ timeout: 15_000 });
      const badge = await page.locator(".mode-badge").innerText();
      assert(/LLM/.test(badge) && !/e2e-placeholder/.test(badge), `unexpected badge ${badge}`);
      await page.locator("#question").fill(QUESTION);
      await page.locator("#question").press("Enter");
      const stop = page.getByRole("button", { name: "Stop answering" });
      await stop.waitFor();
      await page.locator(".message.assistant .markdown").waitFor();
      await page.waitForTimeout(300);
      await shot(page, "desktop-light-streaming");
      await stop.click();
      await page.locator("#question:not([disabled])").waitFor();
      const text = await page.locator(".message.assistant .markdown").last().innerText();
      assert(text.length > 0 && !text.includes("The end."), "the answer was not cut short by Stop");
      const deadline = Date.now() + 5000;
      while (fake.openStreams() > 0 && Date.now() < deadline) await page.waitForTimeout(50);
      assert(fake.openStreams() === 0, "the server kept generating after Stop");
    });

    await check("LLM mode: a provider failure shows a readable error, and Retry recovers", async () => {
      const newChat = page.getByRole("button", { name: "New chat" });
      if (await newChat.isEnabled()) await newChat.click();
      fake.addFault("/v1/chat/completions", { kind: "status", status: 500 });
      await page.locator("#question").fill(QUESTION);
      await page.locator("#question").press("Enter");
      const notice = page.locator(".notice.error");
      await notice.waitFor({ timeout: 15_000 });
      const message = await notice.innerText();
      assert(/unavailable|try again/i.test(message), `unexpected error text: ${message}`);
      assert(!/\bat \S+:\d+|node_modules|e2e-placeholder/.test(message), "the error leaks internals");
      await shot(page, "desktop-light-error");
      await notice.getByRole("button", { name: /retry/i }).click();
      await page.locator(".message.assistant .sources .source-chip").first().waitFor({ timeout: 30_000 });
      assert((await page.locator(".notice.error").count()) === 0, "the error stayed after a successful retry");
      assert((await page.locator(".message.assistant").count()) === 1, "retry left a duplicate answer");
    });

    await check("LLM mode: no script errors apart from the provoked failure", async () => {
      assert(pageErrors.length === 0, pageErrors.join(" | "));
    });
  } finally {
    await context.close();
  }
}

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => {});
  browser = null;
  stopServers();
  await fakeOpenAI?.close().catch(() => {});
  fakeOpenAI = null;
  await Promise.all(killLater);
}

process.on("SIGINT", () => {
  void cleanup().finally(() => process.exit(130));
});

main()
  .catch((error) => {
    results.push({ name: "setup", ok: false, error: error instanceof Error ? error.message : String(error) });
    console.error(error instanceof Error ? error.message : error);
  })
  .finally(async () => {
    await cleanup();
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`\nScreenshots: ${path.relative(process.cwd(), SHOTS)}/`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  });
