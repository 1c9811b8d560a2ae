/**
 * Self-test of the fake OpenAI server, driven by the real `@langchain/openai`
 * clients over real HTTP on 127.0.0.1.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { DEFAULT_REPLY, defaultEmbed, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from "./support/openai-server";

let server: FakeOpenAI | undefined;

async function start(opts?: FakeOpenAIOptions): Promise<FakeOpenAI> {
  server = await startFakeOpenAI(opts);
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function chat(s: FakeOpenAI, extra: Partial<ConstructorParameters<typeof ChatOpenAI>[0]> = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: "test-key",
    configuration: { baseURL: s.url },
    maxRetries: 0,
    ...extra,
  });
}

function embeddings(s: FakeOpenAI, extra: Partial<ConstructorParameters<typeof OpenAIEmbeddings>[0]> = {}): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: "text-embedding-3-small",
    apiKey: "test-key",
    configuration: { baseURL: s.url },
    maxRetries: 0,
    ...extra,
  });
}

/** Text of a message chunk whose content is a plain string (always the case for this server). */
const textOf = (chunk: { content: unknown }) => (typeof chunk.content === "string" ? chunk.content : "");

describe("fake OpenAI server: embeddings", () => {
  it("answers the SDK's default base64 request with the default vectors", async () => {
    const s = await start();
    const e = embeddings(s);
    const docs = ["Alpha beta gamma.", "The refund policy lasts 30 days.", ""];
    await expect(e.embedDocuments(docs)).resolves.toEqual(docs.map(defaultEmbed));
    await expect(e.embedQuery("refund policy")).resolves.toEqual(defaultEmbed("refund policy"));

    expect(s.requests).toHaveLength(2);
    expect(s.requests.every((r) => r.method === "POST" && r.path === "/v1/embeddings")).toBe(true);
    // Proves the base64 wire format was exercised, not the float one.
    expect(s.requests[0].body).toMatchObject({ model: "text-embedding-3-small", input: docs, encoding_format: "base64" });
    expect(s.requests[0].headers.authorization).toBe("Bearer test-key");

    const v = defaultEmbed("refund policy");
    expect(v).toHaveLength(16);
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
  });

  it("answers float requests with plain arrays and honours a custom embed and `dimensions`", async () => {
    const s = await start({ embed: (t) => [t.length, 0, 0, 0] });
    await expect(embeddings(s, { encodingFormat: "float" }).embedQuery("abc")).resolves.toEqual([3, 0, 0, 0]);
    expect(s.requests[0].body.encoding_format).toBe("float");
    await expect(embeddings(s, { dimensions: 2 }).embedQuery("abcd")).resolves.toEqual([1, 0]);
  });
});

describe("fake OpenAI server: chat completions", () => {
  it("returns a chat.completion and records the messages sent", async () => {
    const s = await start();
    const answer = await chat(s).invoke([new SystemMessage("Answer from the documents."), new HumanMessage("What is the refund window?")]);
    expect(answer.content).toBe(DEFAULT_REPLY);
    expect(answer.usage_metadata?.total_tokens).toBeGreaterThan(0);

    expect(s.requests).toHaveLength(1);
    expect(s.requests[0].path).toBe("/v1/chat/completions");
    expect(s.requests[0].body.model).toBe("gpt-4o-mini");
    expect(s.requests[0].body.messages).toEqual([
      { role: "system", content: "Answer from the documents." },
      { role: "user", content: "What is the refund window?" },
    ]);
  });

  it("streams the reply in several chunks that concatenate to it", async () => {
    const reply = "The refund window is 30 days [refunds.md:3-4].";
    const s = await start({ reply: () => reply, streamChunkChars: 5 });
    const pieces: string[] = [];
    for await (const chunk of await chat(s, { streaming: true }).stream("refund window?")) pieces.push(textOf(chunk));

    const contentPieces = pieces.filter(Boolean);
    expect(contentPieces.length).toBe(Math.ceil(reply.length / 5));
    expect(contentPieces.join("")).toBe(reply);
    expect(s.requests[0].body).toMatchObject({ stream: true, messages: [{ role: "user", content: "refund window?" }] });
    expect(s.openStreams()).toBe(0);
  });

  it("passes the parsed request body to `reply`", async () => {
    const s = await start({ reply: (body) => `echo: ${body.messages.at(-1).content}` });
    await expect(chat(s).invoke("hello there")).resolves.toMatchObject({ content: "echo: hello there" });
  });

  it("stops generating when the client disconnects mid-stream", async () => {
    const s = await start({ reply: () => "x".repeat(400), streamChunkChars: 1, streamDelayMs: 20 });
    const controller = new AbortController();
    let seen = 0;
    await expect(
      (async () => {
        for await (const chunk of await chat(s, { streaming: true }).stream("go", { signal: controller.signal })) {
          if (textOf(chunk) && ++seen === 3) {
            expect(s.openStreams()).toBe(1);
            controller.abort();
          }
        }
      })(),
    ).rejects.toThrow();
    await vi.waitFor(() => expect(s.openStreams()).toBe(0), { timeout: 2000 });
    expect(seen).toBeLessThan(400);
  });
});

describe("fake OpenAI server: faults", () => {
  it("a 500 makes the client throw with maxRetries 0, and the request is still recorded", async () => {
    const s = await start({ faults: [{ path: "/v1/chat/completions", fault: { kind: "status", status: 500 } }] });
    await expect(chat(s).invoke("hi")).rejects.toMatchObject({ status: 500 });
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0].body.messages).toEqual([{ role: "user", content: "hi" }]);
    // Faults are consumed one per request: the next call succeeds.
    await expect(chat(s).invoke("hi")).resolves.toMatchObject({ content: DEFAULT_REPLY });
  });

  it("a 429 with retry-after, then success, succeeds with maxRetries 1", async () => {
    const s = await start();
    s.addFault("/v1/embeddings", { kind: "status", status: 429, headers: { "retry-after": "1" } });
    await expect(embeddings(s, { maxRetries: 1 }).embedQuery("alpha")).resolves.toEqual(defaultEmbed("alpha"));
    expect(s.requests).toHaveLength(2);
  });

  it("a hang makes a client with timeout 500ms reject", async () => {
    const s = await start();
    s.addFault("/chat/completions", { kind: "hang" }); // prefix without /v1 also matches
    const started = Date.now();
    await expect(chat(s, { timeout: 500 }).invoke("hi")).rejects.toThrow(/timed out/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(s.requests).toHaveLength(1);
  });

  it("close() does not wait for a hung request", async () => {
    const s = await start({ faults: [{ path: "/v1", fault: { kind: "hang" } }] });
    const pending = fetch(`${s.url}/models`).catch((e: unknown) => e);
    await vi.waitFor(() => expect(s.requests).toHaveLength(1));
    await s.close();
    await expect(pending).resolves.toBeInstanceOf(Error);
  });

  it("cut-stream makes the stream iteration throw after the first chunks", async () => {
    const reply = "abcdefghijklmnopqrstuvwxyz";
    const s = await start({ reply: () => reply, faults: [{ path: "/v1/chat", fault: { kind: "cut-stream", afterChunks: 2 } }] });
    let received = "";
    await expect(
      (async () => {
        for await (const chunk of await chat(s, { streaming: true }).stream("hi")) received += textOf(chunk);
      })(),
    ).rejects.toThrow();
    expect(received).toBe("abcdefgh");
    await vi.waitFor(() => expect(s.openStreams()).toBe(0));
  });

  it("malformed-json makes plain and streaming calls and embeddings throw", async () => {
    const s = await start();
    // The SDK logs the bad SSE line through its logger (a cached, bound console by default); keep test output clean.
    const quiet = { error() {}, warn() {}, info() {}, debug() {} };
    const streaming = chat(s, { streaming: true, configuration: { baseURL: s.url, logger: quiet } });
    s.addFault("/v1/chat/completions", { kind: "malformed-json" });
    await expect(chat(s).invoke("hi")).rejects.toThrow();

    s.addFault("/v1/chat/completions", { kind: "malformed-json" });
    await expect(
      (async () => {
        for await (const _ of await streaming.stream("hi"));
      })(),
    ).rejects.toThrow(SyntaxError);

    s.addFault("/v1/embeddings", { kind: "malformed-json" });
    await expect(embeddings(s).embedQuery("hi")).rejects.toThrow();
    expect(s.requests).toHaveLength(3);
  });
});

describe("fake OpenAI server: other routes", () => {
  it("lists models and 404s unknown paths with an OpenAI-style error", async () => {
    const s = await start();
    const models = await (await fetch(`${s.url}/models`)).json();
    expect(models.object).toBe("list");
    expect(models.data.map((m: { id: string }) => m.id)).toContain("gpt-4o-mini");

    const res = await fetch(`${s.url}/nope`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error", code: "unknown_url" } });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/models", "POST /v1/nope"]);
  });
});
