import type { SourceView } from "./pipeline";

/**
 * Turns the `[...path]` segments of `/sources/<file>` into a corpus-relative source
 * name, or null when it cannot be one. Segments arrive decoded exactly once by the
 * router and are NOT decoded again, so `%252e%252e` stays the literal name `%2e%2e`
 * (which is in no index). The real guard is the exact match against the index's file
 * list in `Pipeline.readSource`; this only refuses obvious tricks early.
 */
export function sourceFromSegments(segments: readonly string[] | undefined): string | null {
  if (!segments || segments.length === 0 || segments.length > 64) return null;
  for (const segment of segments) {
    if (typeof segment !== "string" || segment === "" || segment === "." || segment === "..") return null;
    if (segment.length > 255) return null;
    // Control characters (null bytes included), separators smuggled in one segment, Windows drive letters.
    if (/[\u0000-\u001f\u007f\\/]/.test(segment) || /^[a-z]:/i.test(segment)) return null;
  }
  return segments.join("/");
}

export interface SourceReader {
  readSource(source: string): Promise<SourceView | null>;
}

/** What the source viewer page renders, or null for a 404. */
export async function lookupSource(
  segments: readonly string[] | undefined,
  reader: SourceReader | (() => Promise<SourceReader>),
): Promise<SourceView | null> {
  const source = sourceFromSegments(segments);
  if (source === null) return null;
  const pipeline = typeof reader === "function" ? await reader() : reader;
  return pipeline.readSource(source);
}

/** Parses `from`/`to` query values into a 1-based, ordered line range (null when absent or invalid). */
export function parseLineRange(from: unknown, to: unknown): { from: number; to: number } | null {
  const first = toLine(from);
  if (first === null) return null;
  const last = toLine(to) ?? first;
  return first <= last ? { from: first, to: last } : { from: last, to: first };
}

/** Parses the `page` query value of a PDF link (null when absent or invalid). */
export function parsePage(value: unknown): number | null {
  return toLine(value);
}

function toLine(value: unknown): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || !/^\d{1,7}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}
