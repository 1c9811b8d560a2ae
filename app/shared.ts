import type { UIMessage } from "ai";
import type { IndexInfo } from "@/lib/types";

/**
 * Message shapes shared by the chat route (writer) and the chat page (reader).
 * Citations travel as `source-document` parts whose `providerMetadata.rag` holds
 * everything the UI shows; closest matches travel as a separate data part so they
 * can never be mistaken for citations.
 */

export interface CitationInfo {
  n: number;
  source: string;
  lines: { from: number; to: number };
  page?: number | null;
  text: string;
  score: number;
  /** Link to the source viewer with the cited lines highlighted. */
  href: string;
}

export interface ClosestMatchesData {
  note: string;
  matches: CitationInfo[];
}

export interface RagMetadata {
  found?: boolean;
  standaloneQuestion?: string;
  timings?: { retrieveMs: number; answerMs: number; totalMs: number };
}

export type RagUIMessage = UIMessage<RagMetadata, { "closest-matches": ClosestMatchesData }>;

/** What GET /api/info returns. */
export interface InfoResponse {
  info: IndexInfo;
  starterQuestions: string[];
  limits: { maxQuestionChars: number; maxMessages: number };
}

export const CLOSEST_MATCHES_NOTE = "Closest matches — not citations. The documents do not answer this question.";

/**
 * `/sources/<path>?from=&to=#L<from>`, each path segment encoded on its own. PDF line
 * numbers restart on every page, so PDF links add `page=` and anchor `#P<page>-L<from>`.
 */
export function sourceHref(source: string, lines: { from: number; to: number }, page?: number | null): string {
  const encoded = source.split("/").map(encodeURIComponent).join("/");
  if (page) return `/sources/${encoded}?page=${page}&from=${lines.from}&to=${lines.to}#${lineAnchor(lines.from, page)}`;
  return `/sources/${encoded}?from=${lines.from}&to=${lines.to}#${lineAnchor(lines.from)}`;
}

export function lineAnchor(line: number, page?: number | null): string {
  return page ? `P${page}-L${line}` : `L${line}`;
}

export function citationLabel(c: Pick<CitationInfo, "source" | "lines" | "page">): string {
  const range = c.lines.from === c.lines.to ? `${c.lines.from}` : `${c.lines.from}–${c.lines.to}`;
  return `${c.source}:${range}${c.page ? ` (p. ${c.page})` : ""}`;
}

function isCitationInfo(value: unknown): value is CitationInfo {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const lines = v.lines as Record<string, unknown> | undefined;
  return (
    typeof v.n === "number" &&
    typeof v.source === "string" &&
    typeof v.text === "string" &&
    typeof v.score === "number" &&
    typeof v.href === "string" &&
    v.href.startsWith("/sources/") &&
    typeof lines === "object" &&
    lines !== null &&
    typeof lines.from === "number" &&
    typeof lines.to === "number"
  );
}

/** Citations of an assistant message, read defensively (messages may come from localStorage). */
export function citationsOf(message: RagUIMessage): CitationInfo[] {
  const out: CitationInfo[] = [];
  for (const part of message.parts) {
    if (part.type !== "source-document") continue;
    const rag = part.providerMetadata?.rag;
    if (isCitationInfo(rag)) out.push(rag);
  }
  return out.sort((a, b) => a.n - b.n);
}

export function closestMatchesOf(message: RagUIMessage): CitationInfo[] {
  for (const part of message.parts) {
    if (part.type === "data-closest-matches" && Array.isArray(part.data?.matches)) {
      return part.data.matches.filter(isCitationInfo);
    }
  }
  return [];
}

export function textOf(message: Pick<RagUIMessage, "parts">): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}
