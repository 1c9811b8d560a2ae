import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { lineAnchor } from "@/app/shared";
import { userMessage } from "@/lib/errors";
import { getPipeline, type SourceView } from "@/lib/pipeline";
import { lookupSource, parseLineRange, parsePage } from "@/lib/sources";
import { ScrollToHighlight } from "./ScrollToHighlight";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface SourcePageProps {
  params: Promise<{ path: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: SourcePageProps): Promise<Metadata> {
  const { path } = await params;
  return { title: `${path.join("/")} — Cited`, robots: { index: false } };
}

/**
 * Source viewer: one indexed corpus file, with line numbers and the cited lines
 * highlighted. Only files in the index are served (see `lookupSource`); anything
 * else is a 404. Text is rendered as React text nodes, never as HTML.
 */
export default async function SourcePage({ params, searchParams }: SourcePageProps) {
  const [{ path }, query] = await Promise.all([params, searchParams]);
  let view: SourceView | null;
  try {
    view = await lookupSource(path, getPipeline);
  } catch (error) {
    return <Unavailable message={userMessage(error)} />;
  }
  if (!view) notFound();

  const range = parseLineRange(query.from, query.to);
  const page = view.kind === "pdf" ? parsePage(query.page) : null;
  const isHighlighted = (line: number, linePage?: number) =>
    range !== null && line >= range.from && line <= range.to && (page === null || linePage === page);
  const rangeLabel = range ? (range.from === range.to ? `line ${range.from}` : `lines ${range.from}–${range.to}`) : null;
  const pages = new Set(view.lines.map((l) => l.page).filter(Boolean)).size;

  return (
    <div className="source-page">
      <header className="source-header">
        <Link href="/" className="back-link">
          ← Back to chat
        </Link>
        <h1>{view.source}</h1>
        <span className="meta">
          {view.kind.toUpperCase()} · {view.lines.length} lines{pages ? ` · ${pages} pages` : ""}
        </span>
      </header>
      <main className="source-body">
        {view.changedSinceIndexed && (
          <p className="source-stale-note" role="status">
            This file changed after it was indexed, so cited line numbers may no longer match. Run{" "}
            <code>npm run ingest</code> to update the index.
          </p>
        )}
        {rangeLabel && (
          <p className="source-range-note">
            Cited: <a href={`#${lineAnchor(range!.from, page)}`}>{rangeLabel}</a>
            {page ? ` on page ${page}` : ""}
          </p>
        )}
        <div className="code-view" role="table" aria-label={`Contents of ${view.source}`}>
          {view.lines.map((l, i) => {
            const newPage = l.page && l.page !== view.lines[i - 1]?.page;
            const id = lineAnchor(l.line, l.page);
            const hl = isHighlighted(l.line, l.page);
            return (
              <div key={id} style={{ display: "contents" }}>
                {newPage ? (
                  <div className="page-break" role="row" id={`P${l.page}`}>
                    Page {l.page}
                  </div>
                ) : null}
                <div
                  id={id}
                  role="row"
                  className={`code-line${hl ? " hl" : ""}`}
                  data-line={l.line}
                  data-page={l.page}
                  aria-current={hl ? "true" : undefined}
                >
                  <a className="ln" href={`#${id}`} role="rowheader" aria-label={`Line ${l.line}`}>
                    {l.line}
                  </a>
                  <span className="lt" role="cell">
                    {l.text}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </main>
      <ScrollToHighlight />
    </div>
  );
}

function Unavailable({ message }: { message: string }) {
  return (
    <main className="not-found-page">
      <div>
        <h1>Source unavailable</h1>
        <p className="muted">{message}</p>
        <Link href="/">Back to chat</Link>
      </div>
    </main>
  );
}
