/**
 * A loopback HTTP server that speaks enough of the OpenAI REST protocol for the
 * real `openai` SDK (and `@langchain/openai` on top of it) to run against it:
 * embeddings (float and base64), chat completions (plain and SSE streaming) and
 * the model list, plus scripted faults. No network, no key, `node:http` only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export type Fault =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> } // e.g. 500, or 429 with {"retry-after": "1"}
  | { kind: "hang" } // accept the request and never answer (until the client aborts / server closes)
  | { kind: "cut-stream"; afterChunks: number } // stream SSE chunks then destroy the socket mid-stream
  | { kind: "malformed-json" }; // 200 with a body that is not JSON (or an SSE data line that is not JSON when stream=true)

export interface FakeOpenAIOptions {
  /** Reply text for a chat completion; receives the parsed request body. Default: echoes "I cannot find that in the documents." */
  reply?: (body: any) => string;
  /** Embedding for one input string. Default: deterministic 16-dim hashed bag-of-words vector, L2-normalised. */
  embed?: (text: string) => number[];
  /** Faults applied to the next N requests (shift one per request) for a path prefix. */
  faults?: { path: string; fault: Fault }[];
  /** Chunk size in characters for streamed replies (default 4) and delay ms between chunks (default 0). */
  streamChunkChars?: number;
  streamDelayMs?: number;
}

export interface FakeOpenAI {
  url: string; // e.g. "http://127.0.0.1:43123/v1"  (use as OPENAI_BASE_URL / configuration.baseURL)
  requests: RecordedRequest[];
  addFault(path: string, fault: Fault): void;
  /** Number of chat completion streams currently open (to prove a client disconnect stops generation). */
  openStreams(): number;
  close(): Promise<void>;
}

export const DEFAULT_REPLY = "I cannot find that in the documents.";
export const DEFAULT_EMBEDDING_DIMS = 16;
export const FAKE_MODELS = ["gpt-4o-mini", "gpt-3.5-turbo", "text-embedding-3-small", "text-embedding-ada-002"];

/**
 * The default embedder: lower-cased word tokens hashed (FNV-1a) into 16 buckets,
 * counted, L2-normalised. Values are rounded to float32 so the base64 wire format
 * round-trips exactly and tests can compare with `toEqual`.
 */
export function defaultEmbed(text: string): number[] {
  const vector = new Array<number>(DEFAULT_EMBEDDING_DIMS).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  // An empty text still gets a unit vector: a zero vector makes cosine similarity NaN.
  for (const word of words.length ? words : [""]) vector[fnv1a(word) % DEFAULT_EMBEDDING_DIMS] += 1;
  return l2Normalise(vector).map(Math.fround);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function l2Normalise(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm > 0 ? v.map((x) => x / norm) : v;
}

/** Float32 little-endian bytes, base64: what the SDK decodes when it asked for `encoding_format: "base64"`. */
function toBase64Float32(v: number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

/** Crude token count (whitespace words), enough for plausible `usage` numbers. */
function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Text of chat message content, which may be a string or an array of content parts. */
function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === "string" ? p.text : "")).join(" ");
  return "";
}

function errorBody(message: string, type: string, code: string | null = null): string {
  return JSON.stringify({ error: { message, type, param: null, code } });
}

function defaultStatusBody(status: number): string {
  // Avoid words like "quota"/"billing": LangChain treats those 429s as non-retryable.
  if (status === 429) return errorBody("Rate limit reached (fake server).", "requests", "rate_limit_exceeded");
  if (status >= 500) return errorBody("The server had an error while processing your request (fake server).", "server_error");
  return errorBody(`Fake error with status ${status}.`, "invalid_request_error");
}

function sendJson(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Resolves once `data` is flushed, or at once if the response is (or becomes) closed, so loops never stall. */
function write(res: http.ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve();
    const done = () => {
      res.off("close", done);
      resolve();
    };
    res.once("close", done);
    res.write(data, () => done());
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const reply = opts.reply ?? (() => DEFAULT_REPLY);
  const embed = opts.embed ?? defaultEmbed;
  const chunkChars = Math.max(1, opts.streamChunkChars ?? 4);
  const delayMs = opts.streamDelayMs ?? 0;
  const faults: { path: string; fault: Fault }[] = [...(opts.faults ?? [])];
  const requests: RecordedRequest[] = [];
  let streams = 0;
  let seq = 0;

  /** First queued fault whose path prefixes this path ("/chat" also matches "/v1/chat/..."); removed when taken. */
  function takeFault(path: string): Fault | undefined {
    const i = faults.findIndex((f) => path.startsWith(f.path) || path.startsWith(`/v1${f.path}`));
    return i < 0 ? undefined : faults.splice(i, 1)[0].fault;
  }

  function handleEmbeddings(res: http.ServerResponse, body: any): void {
    const raw = body?.input;
    if (raw === undefined || raw === null) {
      return sendJson(res, 400, errorBody("'input' is a required property", "invalid_request_error"));
    }
    // `input` may be a string, strings, or token arrays; tokens are embedded as their joined ids.
    const inputs: string[] = (Array.isArray(raw) && raw.length > 0 && typeof raw[0] !== "number" ? raw : [raw]).map(
      (x: unknown) => (Array.isArray(x) ? x.join(" ") : String(x)),
    );
    const dims = Number.isInteger(body.dimensions) && body.dimensions > 0 ? (body.dimensions as number) : undefined;
    const base64 = body.encoding_format === "base64";
    const data = inputs.map((text, index) => {
      let vector = embed(text);
      // Like text-embedding-3 `dimensions`: shorten (or zero-pad) then renormalise.
      if (dims && vector.length !== dims) {
        vector = l2Normalise(Array.from({ length: dims }, (_, k) => vector[k] ?? 0));
      }
      return { object: "embedding", index, embedding: base64 ? toBase64Float32(vector) : vector };
    });
    const tokens = inputs.reduce((n, t) => n + countTokens(t), 0);
    sendJson(
      res,
      200,
      JSON.stringify({ object: "list", data, model: body.model ?? "text-embedding-3-small", usage: { prompt_tokens: tokens, total_tokens: tokens } }),
    );
  }

  async function handleChat(res: http.ServerResponse, body: any, fault: Fault | undefined): Promise<void> {
    if (!Array.isArray(body?.messages)) {
      return sendJson(res, 400, errorBody("'messages' is a required property", "invalid_request_error"));
    }
    const id = `chatcmpl-fake-${++seq}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? "gpt-4o-mini";
    const text = reply(body);
    const promptTokens = body.messages.reduce((n: number, m: any) => n + countTokens(messageText(m?.content)), 0);
    const usage = { prompt_tokens: promptTokens, completion_tokens: countTokens(text), total_tokens: promptTokens + countTokens(text) };

    if (!body.stream) {
      const completion = {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage,
        system_fingerprint: "fp_fake",
      };
      return sendJson(res, 200, JSON.stringify(completion));
    }

    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    res.flushHeaders();
    streams++;
    let closed = false;
    // 'close' fires on normal end and on client disconnect alike; either way the stream is no longer open.
    res.once("close", () => {
      closed = true;
      streams--;
    });

    if (fault?.kind === "malformed-json") {
      await write(res, "data: {this is not json\n\n");
      if (!closed) res.end();
      return;
    }

    const includeUsage = body.stream_options?.include_usage === true;
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        system_fingerprint: "fp_fake",
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        ...(includeUsage ? { usage: null } : {}), // real chunks carry usage:null until the usage chunk
      })}\n\n`;

    const chars = Array.from(text); // code points, so chunks never split a surrogate pair
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += chunkChars) pieces.push(chars.slice(i, i + chunkChars).join(""));
    if (pieces.length === 0) pieces.push("");

    for (let i = 0; i < pieces.length; i++) {
      if (fault?.kind === "cut-stream" && i >= fault.afterChunks) break;
      if (i > 0 && delayMs > 0) await sleep(delayMs);
      if (closed) return; // client went away: stop generating
      await write(res, chunk({ role: "assistant", content: pieces[i] }, null));
    }
    if (closed) return;
    if (fault?.kind === "cut-stream") {
      // Chunks are flushed; dropping the socket leaves the chunked body unterminated, which the client sees as an error.
      res.destroy();
      return;
    }
    if (delayMs > 0) await sleep(delayMs);
    if (closed) return;
    await write(res, chunk({}, "stop"));
    if (includeUsage && !closed) {
      await write(res, `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_fake", choices: [], usage })}\n\n`);
    }
    if (!closed) await write(res, "data: [DONE]\n\n");
    if (!closed) res.end();
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const rawBody = await readBody(req);
    let body: any = undefined;
    let bodyIsJson = true;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
        bodyIsJson = false;
      }
    }
    // Recorded before faults so tests can assert on what a failed attempt sent.
    requests.push({ method, path, headers: { ...req.headers }, body });

    const fault = takeFault(path);
    if (fault?.kind === "hang") return; // never answer; the socket dies with the client's abort or close()
    if (fault?.kind === "status") {
      const errBody = fault.body ?? defaultStatusBody(fault.status);
      let contentType = "application/json";
      try {
        JSON.parse(errBody);
      } catch {
        contentType = "text/plain; charset=utf-8";
      }
      res.writeHead(fault.status, { "content-type": contentType, "content-length": Buffer.byteLength(errBody), ...fault.headers });
      res.end(errBody);
      return;
    }

    const route = `${method} ${path.replace(/\/+$/, "")}`;
    const known = route === "POST /v1/embeddings" || route === "POST /v1/chat/completions" || route === "GET /v1/models";
    if (!known) {
      return sendJson(res, 404, errorBody(`Invalid URL (${method} ${path})`, "invalid_request_error", "unknown_url"));
    }
    if (!bodyIsJson) {
      return sendJson(res, 400, errorBody("We could not parse the JSON body of your request.", "invalid_request_error"));
    }
    // A non-streaming malformed reply is the same for every endpoint; chat handles its SSE variant itself.
    if (fault?.kind === "malformed-json" && !(route === "POST /v1/chat/completions" && body?.stream)) {
      return sendJson(res, 200, "<html>this is not json</html>");
    }

    if (route === "GET /v1/models") {
      const created = Math.floor(Date.now() / 1000);
      const data = FAKE_MODELS.map((id) => ({ id, object: "model", created, owned_by: "fake-openai" }));
      return sendJson(res, 200, JSON.stringify({ object: "list", data }));
    }
    if (route === "POST /v1/embeddings") return handleEmbeddings(res, body);
    // cut-stream on a non-streaming request has no stream to cut: answer normally.
    return handleChat(res, body, fault);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, errorBody(`Fake server bug: ${String(err)}`, "server_error"));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    addFault(path, fault) {
      faults.push({ path, fault });
    },
    openStreams: () => streams,
    close() {
      if (!server.listening) return Promise.resolve(); // idempotent, so afterEach/afterAll can both call it
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung requests and keep-alive sockets would otherwise hold close() open forever.
        server.closeAllConnections();
      });
    },
  };
}
