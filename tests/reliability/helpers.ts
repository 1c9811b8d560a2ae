/**
 * Shared helpers for the reliability suites (vitest) and scripts/reliability-e2e.ts:
 * chat request bodies as `useChat` posts them, a parser for the AI SDK UI message
 * stream, and small corpus/index builders.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { loadConfig, type Config } from "../../lib/config";
import { ingest } from "../../lib/indexing";
import { makeTempDir, writeCorpus } from "../support/fixtures";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const SEEDS_DIR = path.join(REPO_ROOT, "seeds");

/** Known question about the seed corpus and the fact its answer must contain. */
export const SEED_QUESTION = "Which port did the joint statement single out as a regional connectivity hub?";
export const SEED_FACT = /Gwadar/;
export const SEED_SOURCE = "000_b82a21b244126474.txt";

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface ChatTurnInput {
  role: "user" | "assistant";
  text: string;
}

/** The JSON body `useChat` (AI SDK 6, DefaultChatTransport) posts for a new question. */
export function chatBody(question: string, history: ChatTurnInput[] = []): Record<string, unknown> {
  const messages = [...history, { role: "user" as const, text: question }].map((turn) => ({
    id: nextId(turn.role === "user" ? "u" : "a"),
    role: turn.role,
    parts: [{ type: "text", text: turn.text }],
  }));
  return { id: nextId("chat"), messages, trigger: "submit-message" };
}

export function chatRequest(
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

/** One parsed chunk of the UI message stream (`data: {...}` lines). */
export interface StreamPart {
  type: string;
  [key: string]: any;
}

export interface ParsedStream {
  parts: StreamPart[];
  text: string;
  errors: string[];
  sources: { source: string; href: string; n: number; text: string }[];
  finished: boolean;
  done: boolean;
  found?: boolean;
  /** Lines that were not valid SSE JSON (should be none). */
  garbage: string[];
}

/** Parses a complete UI message stream body (SSE: `data: <json>` blocks, ending with `data: [DONE]`). */
export function parseUIStream(body: string): ParsedStream {
  const result: ParsedStream = { parts: [], text: "", errors: [], sources: [], finished: false, done: false, garbage: [] };
  for (const block of body.split(/\n\n/)) {
    const line = block.trim();
    if (!line) continue;
    if (!line.startsWith("data: ")) {
      result.garbage.push(line);
      continue;
    }
    const payload = line.slice("data: ".length);
    if (payload === "[DONE]") {
      result.done = true;
      continue;
    }
    let part: StreamPart;
    try {
      part = JSON.parse(payload);
    } catch {
      result.garbage.push(line);
      continue;
    }
    result.parts.push(part);
    if (part.type === "text-delta") result.text += part.delta;
    else if (part.type === "error") result.errors.push(String(part.errorText));
    else if (part.type === "source-document") {
      const rag = part.providerMetadata?.rag ?? {};
      result.sources.push({ source: rag.source, href: rag.href, n: rag.n, text: rag.text });
    } else if (part.type === "finish") {
      result.finished = true;
      if (typeof part.messageMetadata?.found === "boolean") result.found = part.messageMetadata.found;
    } else if (part.type === "message-metadata" && typeof part.messageMetadata?.found === "boolean") {
      result.found ??= part.messageMetadata.found;
    }
  }
  return result;
}

/** True when the text looks like a stack trace or leaks internals. */
export function looksLikeStack(text: string): boolean {
  return /\n\s+at\s|\bat\s+\S+\s+\(|node_modules|\.ts:\d+|\.js:\d+|Error:\s*\n/.test(text);
}

/** A corpus folder with `files`, indexed with the local embedder into a fresh index folder. */
export async function buildIndexedCorpus(
  files: Record<string, string | Buffer>,
  options: { copySeeds?: boolean; env?: Record<string, string> } = {},
): Promise<{ root: string; corpusDir: string; indexDir: string; config: Config }> {
  const root = await makeTempDir("rag-rel-");
  const corpusDir = path.join(root, "corpus");
  const indexDir = path.join(root, "index");
  await fs.mkdir(corpusDir, { recursive: true });
  if (options.copySeeds) await fs.cp(SEEDS_DIR, corpusDir, { recursive: true });
  await writeCorpus(corpusDir, files);
  const config = loadConfig({ ...options.env }, { corpusDir, indexDir });
  await ingest({ config });
  return { root, corpusDir, indexDir, config };
}

/** Env variables that point the app at a corpus/index (for the route handler and the server). */
export function envFor(corpusDir: string, indexDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { RAG_CORPUS_DIR: corpusDir, RAG_INDEX_DIR: indexDir, ...extra };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `predicate` every `intervalMs` until true or `timeoutMs`; returns whether it became true. */
export async function waitFor(predicate: () => boolean, timeoutMs: number, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await sleep(intervalMs);
  }
  return predicate();
}

/** Texts with a fact only they hold, to tell which build answered. */
export function hostileDocuments(): Record<string, string> {
  return {
    "hostile/markup.md": [
      "# Zanzibar lighthouse maintenance notes",
      "",
      "The Zanzibar lighthouse keeper logs the lamp inspection every Tuesday at dawn <script>window.__pwned=1</script> before the fog horn test.",
      "",
      'The Zanzibar lighthouse lamp uses a rotating Fresnel lens <img src=x onerror="window.__pwned=1"> made of polished brass and glass.',
      "",
      "For the Zanzibar lighthouse keeper handbook see [click](javascript:window.__pwned=1) which covers the lamp inspection routine.",
      "",
    ].join("\n"),
    "hostile/markup.html": [
      "<!doctype html><html><body><article>",
      "<p>The Quetzal observatory dome opens at dusk &lt;script&gt;window.__pwned=1&lt;/script&gt; for the telescope calibration.</p>",
      '<p>The Quetzal observatory telescope mirror &lt;img src=x onerror="window.__pwned=1"&gt; is cleaned every spring by the staff.</p>',
      "</article></body></html>",
    ].join("\n"),
  };
}

export const HOSTILE_QUESTION = "When does the Zanzibar lighthouse keeper log the lamp inspection?";
export const HOSTILE_SOURCE = "hostile/markup.md";
