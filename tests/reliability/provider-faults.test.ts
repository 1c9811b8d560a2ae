/**
 * Provider faults with RAG_ANSWERER=openai against the loopback fake OpenAI server, through
 * the real chat route handler: a hanging provider times out, 429 + Retry-After is retried
 * (and honoured) until the answer arrives, 500s are retried then reported, a stream cut in
 * the middle and malformed JSON become one readable `error` part (no stack, no internals),
 * and the next request is answered normally. A client that disconnects mid-answer stops
 * generation upstream (the fake's open stream count drops to 0 at once).
 */
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createChatHandler } from "@/app/api/chat/handler";
import { loadConfig, type Config } from "../../lib/config";
import { Pipeline } from "../../lib/pipeline";
import { startFakeOpenAI, type FakeOpenAI } from "../support/openai-server";
import {
  buildIndexedCorpus,
  chatBody,
  chatRequest,
  looksLikeStack,
  parseUIStream,
  SEED_QUESTION,
  waitFor,
  type ParsedStream,
} from "./helpers";

const CHAT_URL = "http://127.0.0.1/api/chat";
const ANSWER = "Gwadar Port was singled out as the regional connectivity hub [1].";
const LONG_ANSWER = `${"Gwadar Port is the hub named in the joint statement [1]. ".repeat(12)}`;

let fake: FakeOpenAI;
let slowFake: FakeOpenAI;
let root = "";
let corpusDir = "";
let indexDir = "";
const pipelines: Pipeline[] = [];

beforeAll(async () => {
  // The route logs failed answers (that is where the details belong); keep the test output readable.
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  fake = await startFakeOpenAI({ reply: () => ANSWER });
  // ~60 chunks, 40 ms apart: a full answer takes ~2.5 s, so a prompt stop is measurable.
  slowFake = await startFakeOpenAI({ reply: () => LONG_ANSWER, streamChunkChars: 12, streamDelayMs: 40 });
  const built = await buildIndexedCorpus({}, { copySeeds: true });
  ({ root, corpusDir, indexDir } = built);
});

afterEach(() => {
  expect(fake.openStreams()).toBe(0);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all(pipelines.map((p) => p.close()));
  await fake?.close();
  await slowFake?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

async function handlerFor(server: FakeOpenAI, env: Record<string, string>) {
  const config: Config = loadConfig(
    {
      RAG_ANSWERER: "openai",
      OPENAI_BASE_URL: server.url,
      OPENAI_API_KEY: "sk-test-not-secret",
      OPENAI_TIMEOUT_MS: "1000",
      OPENAI_MAX_RETRIES: "0",
      RAG_RATE_LIMIT_PER_MINUTE: "0",
      ...env,
    },
    { corpusDir, indexDir },
  );
  const pipeline = await Pipeline.open({ config });
  pipelines.push(pipeline);
  return createChatHandler({ getConfig: () => config, getPipeline: async () => pipeline });
}

async function ask(POST: (req: Request) => Promise<Response>, question = SEED_QUESTION): Promise<ParsedStream & { status: number; ms: number }> {
  const started = performance.now();
  const response = await POST(chatRequest(CHAT_URL, chatBody(question)));
  const body = await response.text();
  return { ...parseUIStream(body), status: response.status, ms: performance.now() - started };
}

/** The reply of a failed answer: 200 stream with exactly one short, readable error part. */
function expectReadableError(stream: ParsedStream & { status: number }, pattern: RegExp): void {
  expect(stream.status).toBe(200);
  expect(stream.garbage).toEqual([]);
  expect(stream.errors).toHaveLength(1);
  const [error] = stream.errors;
  expect(error).toMatch(pattern);
  expect(error.length).toBeLessThan(300);
  expect(looksLikeStack(error)).toBe(false);
  expect(error).not.toMatch(/sk-test|127\.0\.0\.1|localhost|\/v1|ECONN|undefined|\[object/i);
}

function expectCitedAnswer(stream: ParsedStream & { status: number }): void {
  expect(stream.status).toBe(200);
  expect(stream.errors).toEqual([]);
  expect(stream.finished).toBe(true);
  expect(stream.text).toMatch(/Gwadar/);
  expect(stream.text).toMatch(/\[1\]/);
  expect(stream.sources.length).toBeGreaterThan(0);
}

const chatCalls = (server: FakeOpenAI, from: number) => server.requests.slice(from).filter((r) => r.path === "/v1/chat/completions");

describe("provider faults reach the chat as a readable error, and the route stays healthy", () => {
  it("a hanging provider times out (OPENAI_TIMEOUT_MS) instead of hanging the request", async () => {
    const POST = await handlerFor(fake, { OPENAI_TIMEOUT_MS: "1000", OPENAI_MAX_RETRIES: "0" });
    fake.addFault("/chat", { kind: "hang" });
    const stream = await ask(POST);
    expectReadableError(stream, /language model is unavailable/i);
    expect(stream.ms).toBeGreaterThanOrEqual(900);
    expect(stream.ms).toBeLessThan(8000);
    expectCitedAnswer(await ask(POST));
  });

  it("429 with Retry-After is retried after the advertised delay, and the answer arrives", async () => {
    const POST = await handlerFor(fake, { OPENAI_MAX_RETRIES: "2", OPENAI_TIMEOUT_MS: "5000" });
    const from = fake.requests.length;
    fake.addFault("/chat", { kind: "status", status: 429, headers: { "retry-after": "1" } });
    const stream = await ask(POST);
    expectCitedAnswer(stream);
    const calls = chatCalls(fake, from);
    expect(calls).toHaveLength(2);
    expect(stream.ms).toBeGreaterThanOrEqual(950); // waited the Retry-After second
  });

  it("500s are retried with backoff, then reported when retries run out", async () => {
    const POST = await handlerFor(fake, { OPENAI_MAX_RETRIES: "1", OPENAI_TIMEOUT_MS: "5000" });
    let from = fake.requests.length;
    fake.addFault("/chat", { kind: "status", status: 500 });
    expectCitedAnswer(await ask(POST)); // one 500, then success on the retry
    expect(chatCalls(fake, from)).toHaveLength(2);

    from = fake.requests.length;
    fake.addFault("/chat", { kind: "status", status: 500 });
    fake.addFault("/chat", { kind: "status", status: 500 });
    const failed = await ask(POST);
    expectReadableError(failed, /language model is unavailable \(it answered HTTP 500\)/i);
    expect(chatCalls(fake, from)).toHaveLength(2);
    expectCitedAnswer(await ask(POST));
  });

  it("a stream cut in the middle ends the partial answer with an error part", async () => {
    const POST = await handlerFor(fake, {});
    fake.addFault("/chat", { kind: "cut-stream", afterChunks: 3 });
    const stream = await ask(POST);
    expectReadableError(stream, /language model is unavailable/i);
    expect(stream.finished).toBe(false);
    // The partial text part is closed before the error, so the message stays well-formed.
    const types = stream.parts.map((p) => p.type);
    if (types.includes("text-start")) expect(types.indexOf("text-end")).toBeLessThan(types.indexOf("error"));
    expectCitedAnswer(await ask(POST));
  });

  it("malformed JSON from the provider becomes a readable error", async () => {
    const POST = await handlerFor(fake, {});
    fake.addFault("/chat", { kind: "malformed-json" });
    expectReadableError(await ask(POST), /language model is unavailable/i);
    expectCitedAnswer(await ask(POST));
  });

  it("non-retryable 4xx (401) is reported without retrying and without echoing the provider's body", async () => {
    const POST = await handlerFor(fake, { OPENAI_MAX_RETRIES: "2" });
    const from = fake.requests.length;
    fake.addFault("/chat", {
      kind: "status",
      status: 401,
      body: JSON.stringify({ error: { message: "Incorrect API key provided: sk-test-not-secret", type: "invalid_request_error", code: "invalid_api_key" } }),
    });
    const stream = await ask(POST);
    expectReadableError(stream, /language model is unavailable \(it answered HTTP 401\)/i);
    expect(chatCalls(fake, from)).toHaveLength(1);
    expectCitedAnswer(await ask(POST));
  });
});

describe("follow-up questions in openai mode", () => {
  it("are rewritten and answered promptly, with no network call beyond the provider", async () => {
    // Regression: `invoke` on a streaming ChatOpenAI fetched tiktoken ranks from
    // tiktoken.pages.dev and stalled ~3 minutes (retrying) when that host was unreachable.
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const POST = await handlerFor(fake, {});
      const from = fake.requests.length;
      const started = performance.now();
      const response = await POST(
        chatRequest(
          CHAT_URL,
          chatBody("And which port was the hub?", [
            { role: "user", text: "What did the joint statement say about CPEC 2.0?" },
            { role: "assistant", text: "It advanced the CPEC 2.0 framework [1]." },
          ]),
        ),
      );
      const stream = parseUIStream(await response.text());
      const ms = performance.now() - started;
      expectCitedAnswer({ ...stream, status: response.status });
      expect(chatCalls(fake, from)).toHaveLength(2); // the rewrite, then the answer
      expect(ms).toBeLessThan(5000);
      expect(fetched.filter((url) => !url.startsWith("http://127.0.0.1:"))).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  }, 20_000);
});

describe("client disconnect", () => {
  it("aborting the request mid-answer closes the upstream stream promptly", async () => {
    const POST = await handlerFor(slowFake, { OPENAI_TIMEOUT_MS: "30000" });
    // Control: an undisturbed answer keeps the stream open for ~2.5 s.
    const controller = new AbortController();
    const response = await POST(chatRequest(CHAT_URL, chatBody(SEED_QUESTION), { signal: controller.signal }));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let seen = "";
    while (!seen.includes('"text-delta"')) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += decoder.decode(value, { stream: true });
    }
    expect(seen).toContain('"text-delta"');
    expect(slowFake.openStreams()).toBe(1);

    const abortedAt = performance.now();
    controller.abort();
    await reader.cancel().catch(() => {});
    const stopped = await waitFor(() => slowFake.openStreams() === 0, 1000);
    const stopMs = performance.now() - abortedAt;
    expect(stopped, `upstream stream still open ${Math.round(stopMs)} ms after the client left`).toBe(true);
    expect(stopMs).toBeLessThan(1000);
    console.log(`[disconnect] upstream stream closed ${Math.round(stopMs)} ms after the client aborted`);

    // And the route still answers the next question completely.
    const next = await ask(POST);
    expect(next.errors).toEqual([]);
    expect(next.finished).toBe(true);
    expect(slowFake.openStreams()).toBe(0);
  });

  it("aborting while the provider has not answered yet aborts the upstream request", async () => {
    // A provider that accepts the request and never answers; counts connections still open.
    const open = new Set<http.ServerResponse>();
    const silent = http.createServer((req, res) => {
      open.add(res);
      res.on("close", () => open.delete(res));
      req.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
      const POST = await handlerFor({ url } as FakeOpenAI, { OPENAI_TIMEOUT_MS: "30000", OPENAI_MAX_RETRIES: "0" });
      const controller = new AbortController();
      const response = await POST(chatRequest(CHAT_URL, chatBody(SEED_QUESTION), { signal: controller.signal }));
      const reader = response.body!.getReader();
      expect(await waitFor(() => open.size === 1, 5000)).toBe(true);

      const abortedAt = performance.now();
      controller.abort();
      await reader.cancel().catch(() => {});
      const closed = await waitFor(() => open.size === 0, 1500);
      const stopMs = performance.now() - abortedAt;
      expect(closed, `upstream request still open ${Math.round(stopMs)} ms after the client left (timeout is 30 s)`).toBe(true);
      console.log(`[disconnect] waiting upstream request aborted ${Math.round(stopMs)} ms after the client left`);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
