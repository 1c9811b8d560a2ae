/**
 * The chat API limits are read from the environment on every request and enforced:
 * RAG_MAX_REQUEST_BYTES (413), RAG_MAX_MESSAGES and RAG_MAX_QUESTION_CHARS (400),
 * RAG_RATE_LIMIT_PER_MINUTE (429 + Retry-After after N requests per client; 0 = off).
 */
import fs from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildIndexedCorpus, chatBody, chatRequest, envFor, parseUIStream, SEED_QUESTION, type ChatTurnInput } from "./helpers";

const CHAT_URL = "http://127.0.0.1/api/chat";
const pipelineGlobal = globalThis as { __ragPipeline?: unknown };
let root = "";
let baseEnv: Record<string, string> = {};
let POST: (req: Request) => Promise<Response>;
let clientCounter = 0;

/** A client address of its own, so tests do not share rate-limit windows. */
const newClient = () => ({ "x-forwarded-for": `10.0.${Math.floor(clientCounter / 250)}.${clientCounter++ % 250}` });

function setEnv(extra: Record<string, string>): void {
  vi.unstubAllEnvs();
  for (const [key, value] of Object.entries({ ...baseEnv, ...extra })) vi.stubEnv(key, value);
}

async function send(body: unknown, headers: Record<string, string> = newClient()): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await POST(chatRequest(CHAT_URL, body, { headers }));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

beforeAll(async () => {
  const built = await buildIndexedCorpus({}, { copySeeds: true });
  root = built.root;
  baseEnv = envFor(built.corpusDir, built.indexDir, { RAG_ANSWERER: "extractive", RAG_EMBEDDER: "local" });
  setEnv({});
  pipelineGlobal.__ragPipeline = undefined;
  ({ POST } = await import("@/app/api/chat/route"));
});

afterEach(() => setEnv({}));

afterAll(async () => {
  vi.unstubAllEnvs();
  pipelineGlobal.__ragPipeline = undefined;
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** A conversation whose JSON is about `bytes` long: history turns padded with text. */
function bodyOfSize(bytes: number): Record<string, unknown> {
  const history: ChatTurnInput[] = [
    { role: "user", text: "Tell me about the visit." },
    { role: "assistant", text: "" },
  ];
  const base = JSON.stringify(chatBody(SEED_QUESTION, history)).length;
  history[1].text = "a".repeat(Math.max(0, bytes - base));
  return chatBody(SEED_QUESTION, history);
}

describe("request size limit (RAG_MAX_REQUEST_BYTES)", () => {
  it("refuses a body over the configured size with 413 and accepts one under it", async () => {
    setEnv({ RAG_MAX_REQUEST_BYTES: "4096" });
    const over = await send(bodyOfSize(5000));
    expect(over.status).toBe(413);
    expect(JSON.parse(over.text).error).toMatch(/too large.*4096/i);

    const under = await send(bodyOfSize(3500));
    expect(under.status).toBe(200);
    expect(parseUIStream(under.text).errors).toEqual([]);
  });

  it("uses the new value when the setting changes (the 5000-byte body passes with a higher limit)", async () => {
    setEnv({ RAG_MAX_REQUEST_BYTES: "8192" });
    expect((await send(bodyOfSize(5000))).status).toBe(200);
  });

  it("stops at the limit even when Content-Length is absent or lies", async () => {
    setEnv({ RAG_MAX_REQUEST_BYTES: "4096" });
    const text = JSON.stringify(bodyOfSize(50_000));
    // A streamed body has no Content-Length: the reader must count bytes itself.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(text);
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.subarray(i, i + 1000));
        controller.close();
      },
    });
    const request = new Request(CHAT_URL, {
      method: "POST",
      headers: { "content-type": "application/json", ...newClient() },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await POST(request)).status).toBe(413);

    const lying = await POST(chatRequest(CHAT_URL, text, { headers: { ...newClient(), "content-length": "100" } }));
    expect(lying.status).toBe(413);
  });
});

describe("message count limit (RAG_MAX_MESSAGES)", () => {
  const conversation = (turns: number) => {
    const history: ChatTurnInput[] = [];
    for (let i = 0; i < turns - 1; i++) history.push({ role: i % 2 ? "assistant" : "user", text: `turn ${i}` });
    return chatBody(SEED_QUESTION, history);
  };

  it("accepts exactly the configured number of messages and refuses one more", async () => {
    setEnv({ RAG_MAX_MESSAGES: "3" });
    expect((await send(conversation(3))).status).toBe(200);
    const over = await send(conversation(4));
    expect(over.status).toBe(400);
    expect(JSON.parse(over.text).error).toMatch(/too many messages \(max 3\)/i);
  });

  it("the default allows 100 and refuses 101", async () => {
    expect((await send(conversation(101))).status).toBe(400);
    expect((await send(conversation(100))).status).toBe(200);
  });
});

describe("question length limit (RAG_MAX_QUESTION_CHARS)", () => {
  it("refuses a question one character over the configured maximum", async () => {
    setEnv({ RAG_MAX_QUESTION_CHARS: "80" });
    const question = SEED_QUESTION.slice(0, 80).padEnd(80, "?");
    expect((await send(chatBody(question))).status).toBe(200);
    const over = await send(chatBody(question + "?"));
    expect(over.status).toBe(400);
    expect(JSON.parse(over.text).error).toMatch(/too long.*80/i);
  });
});

describe("per-client rate limit (RAG_RATE_LIMIT_PER_MINUTE)", () => {
  it("answers N requests, then 429 with Retry-After; other clients are unaffected", async () => {
    setEnv({ RAG_RATE_LIMIT_PER_MINUTE: "5" });
    const client = newClient();
    for (let i = 0; i < 5; i++) {
      const ok = await send(chatBody(SEED_QUESTION), client);
      expect(ok.status, `request ${i + 1}`).toBe(200);
    }
    const limited = await send(chatBody(SEED_QUESTION), client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(JSON.parse(limited.text).error).toMatch(/too many requests/i);

    expect((await send(chatBody(SEED_QUESTION), newClient())).status).toBe(200);
  });

  it("counts invalid requests too, so a client cannot flood the validator", async () => {
    setEnv({ RAG_RATE_LIMIT_PER_MINUTE: "3" });
    const client = newClient();
    for (let i = 0; i < 3; i++) expect((await send("{broken", client)).status).toBe(400);
    expect((await send(chatBody(SEED_QUESTION), client)).status).toBe(429);
  });

  it("a different limit takes effect without a restart, and 0 turns it off", async () => {
    setEnv({ RAG_RATE_LIMIT_PER_MINUTE: "2" });
    const client = newClient();
    expect((await send("{x", client)).status).toBe(400);
    expect((await send("{x", client)).status).toBe(400);
    expect((await send("{x", client)).status).toBe(429);

    setEnv({ RAG_RATE_LIMIT_PER_MINUTE: "0" });
    const unlimited = newClient();
    for (let i = 0; i < 300; i++) expect((await send("{x", unlimited)).status).toBe(400);
  });
});
