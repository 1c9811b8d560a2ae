import { createUIMessageStream, createUIMessageStreamResponse, type UIMessageStreamWriter } from "ai";
import type { Config } from "@/lib/config";
import { UserFacingError, userMessage } from "@/lib/errors";
import { clientKey, sharedRateLimiter } from "@/lib/rate-limit";
import type { AskEvent, AskResult, ChatTurn, Citation } from "@/lib/types";
import { CLOSEST_MATCHES_NOTE, sourceHref, type CitationInfo, type RagUIMessage } from "@/app/shared";
import { parseChatRequest } from "./schema";

/** The part of the pipeline the chat route needs (lets tests inject a pipeline for their own config). */
export interface AskingPipeline {
  askStream(question: string, options: { history: ChatTurn[]; signal?: AbortSignal }): AsyncIterable<AskEvent>;
}

export interface ChatHandlerDeps {
  getConfig: () => Config;
  getPipeline: () => Promise<AskingPipeline>;
}

const TEXT_ID = "answer";

export function jsonError(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Builds the POST /api/chat handler. All validation happens before the pipeline is touched. */
export function createChatHandler(deps: ChatHandlerDeps) {
  return async function POST(req: Request): Promise<Response> {
    let config: Config;
    try {
      config = deps.getConfig();
    } catch (error) {
      console.error("[chat] configuration error:", error);
      return jsonError(500, userMessage(error));
    }
    const { limits } = config;

    const limit = sharedRateLimiter(limits.rateLimitPerMinute).check(clientKey(req.headers));
    if (!limit.allowed) {
      return jsonError(429, `Too many requests. Try again in ${limit.retryAfterSeconds} s.`, {
        "retry-after": String(limit.retryAfterSeconds),
      });
    }

    const contentType = req.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return jsonError(415, "The request must be JSON (Content-Type: application/json).");
    }

    const body = await readBodyText(req, limits.maxRequestBytes);
    if (body.kind === "too-large") return jsonError(413, `The request is too large (max ${limits.maxRequestBytes} bytes).`);
    if (body.kind === "invalid") return jsonError(400, "The request body could not be read as UTF-8 text.");

    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return jsonError(400, "The request body is not valid JSON.");
    }

    const parsed = parseChatRequest(json, limits);
    if (!parsed.ok) return jsonError(400, parsed.error);

    const { question, history } = parsed;
    const signal = req.signal;
    const stream = createUIMessageStream<RagUIMessage>({
      // Only UserFacingError messages reach the browser; everything else is logged and replaced.
      onError: (error) => {
        if (error instanceof UserFacingError) console.warn(`[chat] ${error.name}: ${error.message}`);
        else if (!(error instanceof Error && error.name === "AbortError")) console.error("[chat] answer failed:", error);
        return userMessage(error);
      },
      execute: async ({ writer }) => {
        // `start` first: source parts written before it would open a second assistant message.
        writer.write({ type: "start" });
        const pipeline = await deps.getPipeline();
        const result = await streamAnswer(writer, pipeline.askStream(question, { history, signal }), signal);
        if (!result) return; // aborted by the client
        writeCitations(writer, result);
        writer.write({
          type: "finish",
          finishReason: "stop",
          messageMetadata: {
            found: result.found,
            standaloneQuestion: result.standaloneQuestion,
            timings: { ...result.timings },
          },
        });
      },
    });
    return createUIMessageStreamResponse({ stream, headers: { "cache-control": "no-store" } });
  };
}

/** Forwards text deltas as they arrive; returns the final result (null when aborted). */
async function streamAnswer(
  writer: UIMessageStreamWriter<RagUIMessage>,
  events: AsyncIterable<AskEvent>,
  signal: AbortSignal,
): Promise<AskResult | null> {
  let open = false;
  let result: AskResult | null = null;
  try {
    for await (const event of events) {
      if (signal.aborted) return null;
      if (event.type === "retrieved") {
        // Retrieval can only be sure of "not found": an answerer may still refuse, so "found" waits for `finish`.
        writer.write({
          type: "message-metadata",
          messageMetadata: { standaloneQuestion: event.standaloneQuestion, ...(event.found ? {} : { found: false }) },
        });
      } else if (event.type === "text") {
        if (!event.delta) continue;
        if (!open) {
          writer.write({ type: "text-start", id: TEXT_ID });
          open = true;
        }
        writer.write({ type: "text-delta", id: TEXT_ID, delta: event.delta });
      } else if (event.type === "done") {
        result = event.result;
      }
    }
  } finally {
    // Close the text part even on failure so the partial answer stays well-formed before the error part.
    if (open) writer.write({ type: "text-end", id: TEXT_ID });
  }
  if (signal.aborted) return null;
  if (!result) throw new Error("The answer stream ended without a result.");
  if (!open && result.answer) {
    // A pipeline that only reports the answer in `done` still shows text.
    writer.write({ type: "text-start", id: TEXT_ID });
    writer.write({ type: "text-delta", id: TEXT_ID, delta: result.answer });
    writer.write({ type: "text-end", id: TEXT_ID });
  }
  return result;
}

export function toCitationInfo(c: Citation): CitationInfo {
  return {
    n: c.n,
    source: c.source,
    lines: { from: c.lines.from, to: c.lines.to },
    page: c.page ?? null,
    text: c.text,
    score: c.score,
    href: sourceHref(c.source, c.lines, c.page),
  };
}

function writeCitations(writer: UIMessageStreamWriter<RagUIMessage>, result: AskResult): void {
  if (result.found) {
    for (const citation of result.citations) {
      const rag = toCitationInfo(citation);
      writer.write({
        type: "source-document",
        sourceId: String(citation.n),
        mediaType: "text/plain",
        title: `${citation.source}:${citation.lines.from}-${citation.lines.to}`,
        filename: citation.source,
        providerMetadata: { rag: { ...rag, lines: { ...rag.lines } } },
      });
    }
  } else if (result.closestMatches.length > 0) {
    writer.write({
      type: "data-closest-matches",
      id: "closest-matches",
      data: { note: CLOSEST_MATCHES_NOTE, matches: result.closestMatches.map(toCitationInfo) },
    });
  }
}

type BodyRead = { kind: "ok"; text: string } | { kind: "too-large" } | { kind: "invalid" };

/** Reads at most `maxBytes` of the body; stops reading (and refuses) as soon as the limit is passed. */
async function readBodyText(req: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { kind: "too-large" };
  if (!req.body) return { kind: "ok", text: "" };

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return { kind: "too-large" };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: "invalid" };
  }
  try {
    return { kind: "ok", text: new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { kind: "invalid" };
  }
}
