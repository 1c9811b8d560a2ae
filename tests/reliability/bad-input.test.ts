/**
 * Property test: malformed requests to POST /api/chat (the real route module, called
 * directly with real `Request` objects) always get a 4xx with a JSON `{ error }` message,
 * never a 5xx, and never reach the answering pipeline. A correct question still gets a
 * cited answer afterwards.
 */
import fs from "node:fs/promises";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  buildIndexedCorpus,
  chatBody,
  chatRequest,
  envFor,
  looksLikeStack,
  parseUIStream,
  SEED_FACT,
  SEED_QUESTION,
} from "./helpers";

const CHAT_URL = "http://127.0.0.1/api/chat";
const MAX_BYTES = 256_000; // the defaults, stated so the generators can exceed them
const MAX_MESSAGES = 100;
const MAX_QUESTION = 4000;

type Case = { kind: string; body: string | Uint8Array; contentType?: string | null; headers?: Record<string, string> };

const pipelineGlobal = globalThis as { __ragPipeline?: unknown };
let root = "";
let POST: (req: Request) => Promise<Response>;

beforeAll(async () => {
  const built = await buildIndexedCorpus({}, { copySeeds: true });
  root = built.root;
  for (const [key, value] of Object.entries(
    envFor(built.corpusDir, built.indexDir, {
      RAG_RATE_LIMIT_PER_MINUTE: "0", // this suite is about validation, not rate limiting
      RAG_MAX_REQUEST_BYTES: String(MAX_BYTES),
      RAG_MAX_MESSAGES: String(MAX_MESSAGES),
      RAG_MAX_QUESTION_CHARS: String(MAX_QUESTION),
      RAG_ANSWERER: "extractive",
      RAG_EMBEDDER: "local",
    }),
  )) {
    vi.stubEnv(key, value);
  }
  pipelineGlobal.__ragPipeline = undefined;
  ({ POST } = await import("@/app/api/chat/route"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  pipelineGlobal.__ragPipeline = undefined;
  if (root) await fs.rm(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const validMessage = (text: string, role: "user" | "assistant" = "user") => ({
  id: `m-${Math.random().toString(36).slice(2)}`,
  role,
  parts: [{ type: "text", text }],
});

/** Any JSON value that is not a plain object. */
const nonObject = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 50 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
);

/** Values of the wrong type for a field that expects `expected`. */
const wrongType = (expected: "string" | "array" | "object") =>
  fc.oneof(
    ...(expected !== "string" ? [fc.string({ maxLength: 20 })] : []),
    ...(expected !== "array" ? [fc.array(fc.integer(), { maxLength: 3 })] : []),
    ...(expected !== "object" ? [fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 })] : []),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );

const question = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0);

/** Extra keys, including the ones that cause trouble in careless code. */
const extraKeys = fc.dictionary(
  fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "toString", "role", "admin", "system"), fc.string({ maxLength: 12 })),
  fc.jsonValue({ maxDepth: 2 }),
  { minKeys: 1, maxKeys: 4 },
);

const json = (value: unknown) => JSON.stringify(value);

/** A valid body with one field of the wrong type (each level of the shape). */
const wrongTypes: fc.Arbitrary<Case> = fc.oneof(
  wrongType("array").map((v) => ({ kind: "messages not an array", body: json({ messages: v }) })),
  fc.tuple(question, nonObject).map(([q, m]) => ({ kind: "message not an object", body: json({ messages: [m, validMessage(q)] }) })),
  fc.tuple(question, wrongType("string")).map(([q, id]) => ({
    kind: "message id wrong type",
    body: json({ messages: [{ ...validMessage(q), id }] }),
  })),
  fc.tuple(question, fc.oneof(wrongType("string"), fc.string({ maxLength: 12 }).filter((r) => !["user", "assistant", "system"].includes(r)))).map(
    ([q, role]) => ({ kind: "bad role", body: json({ messages: [{ ...validMessage(q), role }] }) }),
  ),
  fc.tuple(question, wrongType("array")).map(([q, parts]) => ({
    kind: "parts not an array",
    body: json({ messages: [{ ...validMessage(q), parts }] }),
  })),
  fc.tuple(question, fc.oneof(wrongType("string"), fc.string({ maxLength: 12 }).filter((t) => !["text", "source-document", "step-start", "data-closest-matches"].includes(t)))).map(
    ([q, type]) => ({ kind: "bad part type", body: json({ messages: [{ ...validMessage(q), parts: [{ type, text: q }] }] }) }),
  ),
  wrongType("string")
    .filter((t) => typeof t !== "string")
    .map((text) => ({ kind: "text not a string", body: json({ messages: [{ ...validMessage("x"), parts: [{ type: "text", text }] }] }) })),
  fc.tuple(question, fc.oneof(wrongType("string"), fc.string({ maxLength: 12 }).filter((t) => !["submit-message", "regenerate-message"].includes(t)))).map(
    ([q, trigger]) => ({ kind: "bad trigger", body: json({ ...chatBody(q), trigger }) }),
  ),
  nonObject.map((v) => ({ kind: "body not an object", body: json(v) })),
);

/** A valid body with one required field removed. */
const missingFields: fc.Arbitrary<Case> = fc.tuple(question, fc.constantFrom("messages", "id", "role", "parts", "type", "text")).map(([q, field]) => {
  const body = chatBody(q) as any;
  const message = body.messages[0];
  const part = message.parts[0];
  if (field === "messages") delete body.messages;
  else if (field === "id" || field === "role" || field === "parts") delete message[field];
  else delete part[field];
  return { kind: `missing ${field}`, body: json(body) };
});

/**
 * Extra fields (including `__proto__`, `constructor`, duplicate `role`) on a body that is also
 * broken somewhere. A valid body with extra fields is accepted by design (see the test below).
 * The extras are spliced into the JSON text so `__proto__` arrives as an own key, as an attacker sends it.
 */
const extraFields: fc.Arbitrary<Case> = fc.tuple(question, extraKeys, fc.constantFrom("top", "message", "part")).map(([q, extra, where]) => {
  const body = chatBody(q) as any;
  const inner = json(extra).slice(1, -1);
  const glue = inner ? `${inner},` : "";
  if (where === "top") body.messages = "not-an-array";
  else if (where === "message") body.messages[0].role = "root";
  else body.messages[0].parts[0].type = "tool-call";
  let text = json(body);
  if (where === "top") text = `{${glue}${text.slice(1)}`;
  else if (where === "message") text = text.replace('{"id":"u-', `{${glue}"id":"u-`);
  else text = text.replace('{"type":"tool-call"', `{${glue}"type":"tool-call"`);
  return { kind: `extra fields (${where})`, body: text };
});

/** Strings far over the limits: one long question, or a body over the byte limit. */
const hugeStrings: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: MAX_QUESTION + 1, max: 50_000 })).map(([unit, length]) => ({
    kind: "question over the char limit",
    body: json(chatBody(unit.repeat(Math.ceil(length / unit.length)).slice(0, length).padStart(length, "x"))),
  })),
  fc.integer({ min: MAX_BYTES + 1, max: 3 * MAX_BYTES }).map((length) => ({
    kind: "body over the byte limit",
    body: json(chatBody("x".repeat(length))),
  })),
  fc.integer({ min: MAX_BYTES + 1, max: 2 * MAX_BYTES }).map((length) => ({
    kind: "body over the byte limit (declared)",
    body: json(chatBody("y".repeat(length))),
    headers: { "content-length": String(length + 100) },
  })),
  fc.integer({ min: 10 * MAX_BYTES, max: 1_000_000_000 }).map((declared) => ({
    kind: "declared length over the limit, small body",
    body: json(chatBody("hello there")),
    headers: { "content-length": String(declared) },
  })),
);

/** Thousands of (otherwise valid) messages. */
const manyMessages: fc.Arbitrary<Case> = fc.integer({ min: MAX_MESSAGES + 1, max: 5000 }).map((count) => ({
  kind: "too many messages",
  body: json({
    messages: Array.from({ length: count }, (_, i) => validMessage(i % 2 ? "answer" : "question?", i % 2 ? "assistant" : "user")).concat([
      validMessage("final question?"),
    ]),
  }),
}));

/** Bytes that are not UTF-8, spliced into an otherwise valid body. */
const invalidUtf8: fc.Arbitrary<Case> = fc
  .tuple(
    question,
    fc.constantFrom([0xff], [0xfe], [0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]),
    fc.nat(),
  )
  .map(([q, bad, at]) => {
    const text = json(chatBody(q));
    // Inside the question text, so the JSON would be valid if the bytes were decoded leniently.
    const marker = text.indexOf('"text":"') + 8;
    const cut = marker + (at % (q.length + 1));
    const bytes = Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from(bad), Buffer.from(text.slice(cut))]);
    return { kind: "invalid UTF-8", body: new Uint8Array(bytes) };
  });

/** Valid JSON bodies sent with a content type that is not JSON (or none). */
const wrongContentTypes: fc.Arbitrary<Case> = fc
  .tuple(
    question,
    fc.constantFrom(
      null,
      "",
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=----x",
      "application/xml",
      "text/json",
      "application/jsonp",
      "application/json-patch+json",
      "image/png",
      "application/octet-stream",
      "*/*",
    ),
  )
  .map(([q, contentType]) => ({ kind: "wrong content type", body: json(chatBody(q)), contentType }));

/** Empty questions: empty or blank text, no text part, last message not from the user, no messages. */
const emptyQuestions: fc.Arbitrary<Case> = fc.oneof(
  fc.constantFrom("", " ", "\n\t  ", "\u00a0\u2003").map((text) => ({ kind: "blank question", body: json(chatBody(text)) })),
  fc.constant({ kind: "no text part", body: json({ messages: [{ id: "u1", role: "user", parts: [{ type: "step-start" }] }] }) }),
  fc.constant({ kind: "no parts", body: json({ messages: [{ id: "u1", role: "user", parts: [] }] }) }),
  fc.constant({ kind: "no messages", body: json({ messages: [] }) }),
  question.map((q) => ({ kind: "last message not user", body: json({ messages: [validMessage(q), validMessage("an answer", "assistant")] }) })),
  fc.constant({ kind: "empty body", body: "" }),
);

/** Text that is not JSON at all, or JSON cut short. */
const notJson: fc.Arbitrary<Case> = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }).map((body) => ({ kind: "not JSON", body })),
  fc.tuple(question, fc.nat()).map(([q, n]) => {
    const text = json(chatBody(q));
    return { kind: "truncated JSON", body: text.slice(0, n % (text.length - 1)) };
  }),
  fc.integer({ min: 1000, max: 20_000 }).map((depth) => ({
    kind: "deeply nested JSON",
    body: `{"messages":${"[".repeat(depth)}${"]".repeat(depth)}}`,
  })),
);

const malformed: fc.Arbitrary<Case> = fc.oneof(
  { arbitrary: wrongTypes, weight: 6 },
  { arbitrary: missingFields, weight: 3 },
  { arbitrary: extraFields, weight: 2 },
  { arbitrary: hugeStrings, weight: 1 },
  { arbitrary: manyMessages, weight: 1 },
  { arbitrary: invalidUtf8, weight: 2 },
  { arbitrary: wrongContentTypes, weight: 2 },
  { arbitrary: emptyQuestions, weight: 2 },
  { arbitrary: notJson, weight: 2 },
);

function toRequest(c: Case): Request {
  const headers: Record<string, string> = { ...c.headers };
  if (c.contentType === undefined) headers["content-type"] = "application/json";
  else if (c.contentType !== null) headers["content-type"] = c.contentType;
  const request = new Request(CHAT_URL, { method: "POST", headers, body: c.body as BodyInit });
  // `new Request` adds text/plain for string bodies; "no content type at all" must really be absent.
  if (c.contentType === null) request.headers.delete("content-type");
  return request;
}

// ---------------------------------------------------------------------------

describe("POST /api/chat with malformed input", () => {
  it("answers every malformed body with a 4xx JSON error, never a 5xx, without touching the pipeline", async () => {
    const statuses = new Map<string, Map<number, number>>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async (c) => {
        runs++;
        const response = await POST(toRequest(c));
        const text = await response.text();
        const byKind = statuses.get(c.kind) ?? new Map<number, number>();
        byKind.set(response.status, (byKind.get(response.status) ?? 0) + 1);
        statuses.set(c.kind, byKind);

        expect(response.status, `${c.kind}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${c.kind}: ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(response.headers.get("content-type") ?? "").toMatch(/^application\/json/);
        const parsed = JSON.parse(text) as { error?: unknown };
        expect(typeof parsed.error).toBe("string");
        expect((parsed.error as string).length).toBeGreaterThan(0);
        expect((parsed.error as string).length).toBeLessThan(500);
        expect(looksLikeStack(parsed.error as string)).toBe(false);
        // Validation happens before the pipeline is loaded: it must still not exist.
        expect(pipelineGlobal.__ragPipeline).toBeUndefined();
      }),
      { numRuns: 1200, seed: Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(runs).toBeGreaterThanOrEqual(1000);
    const summary = [...statuses].map(([kind, byStatus]) => `${kind}: ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(" ")}`);
    console.log(`[bad-input] ${runs} malformed requests\n  ${summary.join("\n  ")}`);
  });

  it("status codes say what was wrong: 415 content type, 413 size, 400 the rest", async () => {
    const cases: [Case, number][] = [
      [{ kind: "", body: json(chatBody("hi there")), contentType: "text/plain" }, 415],
      [{ kind: "", body: json(chatBody("z".repeat(MAX_BYTES + 10))) }, 413],
      [{ kind: "", body: "{not json" }, 400],
      [{ kind: "", body: json({ messages: [] }) }, 400],
    ];
    for (const [c, status] of cases) {
      const response = await POST(toRequest(c));
      expect(response.status).toBe(status);
      expect(await response.json()).toHaveProperty("error");
    }
  });

  it("a valid body with extra unknown fields is accepted and the extras are ignored (documented choice)", async () => {
    // useChat's transport may add fields; the schema strips unknown keys rather than failing.
    await fc.assert(
      fc.asyncProperty(extraKeys, async (extra) => {
        const body = { ...chatBody(SEED_QUESTION), ...extra };
        const response = await POST(chatRequest(CHAT_URL, body, { headers: { "x-forwarded-for": "extra-fields" } }));
        await response.text();
        expect(response.status).toBe(200);
      }),
      { numRuns: 5 },
    );
  });

  it("afterwards a correct question still gets a cited answer", async () => {
    const response = await POST(chatRequest(CHAT_URL, chatBody(SEED_QUESTION)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const stream = parseUIStream(await response.text());
    expect(stream.errors).toEqual([]);
    expect(stream.garbage).toEqual([]);
    expect(stream.finished).toBe(true);
    expect(stream.text).toMatch(SEED_FACT);
    expect(stream.text).toMatch(/\[\d+\]/);
    expect(stream.sources.length).toBeGreaterThan(0);
    expect(stream.sources[0].href).toMatch(/^\/sources\//);
  });
});
