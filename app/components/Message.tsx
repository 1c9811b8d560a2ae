"use client";
import { memo, useCallback, useState } from "react";
import {
  citationLabel,
  citationsOf,
  closestMatchesOf,
  textOf,
  type CitationInfo,
  type RagUIMessage,
} from "@/app/shared";
import { CheckIcon, CopyIcon, FileIcon, RetryIcon, SearchIcon } from "./icons";
import { Markdown } from "./Markdown";

export type OpenHandler = (citation: CitationInfo, trigger: HTMLElement, kind: "citation" | "closest") => void;

export function UserMessage({ message }: { message: RagUIMessage }) {
  return (
    <div className="message user">
      <div className="bubble">{textOf(message)}</div>
    </div>
  );
}

interface AssistantMessageProps {
  message: RagUIMessage;
  streaming: boolean;
  canRegenerate: boolean;
  onRegenerate: () => void;
  onOpen: OpenHandler;
}

export const AssistantMessage = memo(function AssistantMessage({
  message,
  streaming,
  canRegenerate,
  onRegenerate,
  onOpen,
}: AssistantMessageProps) {
  const text = textOf(message);
  const citations = citationsOf(message);
  const closest = closestMatchesOf(message);
  const notFound = message.metadata?.found === false;
  // Timings arrive with the `finish` chunk: without them the answer was stopped or failed midway.
  const incomplete = !streaming && !message.metadata?.timings;
  const openCitation = useCallback(
    (citation: CitationInfo, trigger: HTMLElement) => onOpen(citation, trigger, "citation"),
    [onOpen],
  );

  // A reply that failed before any text is represented by the error notice alone.
  if (!streaming && !text && citations.length === 0 && closest.length === 0) return null;

  return (
    <article className={`message assistant ${notFound ? "not-found" : ""}`} aria-busy={streaming}>
      <div className="avatar" aria-hidden="true">
        AI
      </div>
      <div className="assistant-body">
        {text ? (
          <Markdown text={text} citations={citations} onOpenCitation={openCitation} streaming={streaming} />
        ) : streaming ? (
          <Thinking />
        ) : null}
        {incomplete && text ? <p className="incomplete-note">Answer incomplete — stopped before the end.</p> : null}

        {citations.length > 0 && <SourcesList citations={citations} onOpen={openCitation} />}
        {closest.length > 0 && <ClosestMatches matches={closest} onOpen={onOpen} />}

        {!streaming && text ? (
          <div className="message-actions">
            <CopyButton text={copyText(text, citations)} />
            {canRegenerate ? (
              <button type="button" className="ghost-button" onClick={onRegenerate} aria-label="Regenerate answer">
                <RetryIcon />
                <span>Regenerate</span>
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </article>
  );
});

export function Thinking({ label = "Searching the documents…" }: { label?: string }) {
  return (
    <div className="thinking" role="status">
      <span className="dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {label}
    </div>
  );
}

function SourcesList({ citations, onOpen }: { citations: CitationInfo[]; onOpen: (c: CitationInfo, t: HTMLElement) => void }) {
  return (
    <section className="sources" aria-label="Sources">
      <h3>Sources</h3>
      <ol>
        {citations.map((c) => (
          <li key={c.n}>
            <button type="button" className="source-chip" onClick={(e) => onOpen(c, e.currentTarget)}>
              <span className="chip-n">{c.n}</span>
              <FileIcon />
              <span className="chip-label">{citationLabel(c)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ClosestMatches({ matches, onOpen }: { matches: CitationInfo[]; onOpen: OpenHandler }) {
  return (
    <section className="closest" aria-label="Closest matches (not citations)">
      <h3>
        <SearchIcon /> Closest matches <span className="muted">— not citations</span>
      </h3>
      <p className="muted small">These passages came nearest to your question but do not answer it.</p>
      <ul>
        {matches.map((m, i) => (
          <li key={`${m.source}:${m.lines.from}:${i}`}>
            <button type="button" className="closest-item" onClick={(e) => onOpen(m, e.currentTarget, "closest")}>
              <span className="mono small">{citationLabel(m)}</span>
              <span className="snippet">{snippet(m.text)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const ok = await copyToClipboard(text);
    if (!ok) return;
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button type="button" className="ghost-button" onClick={copy} aria-label={copied ? "Copied" : "Copy answer"}>
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}

function copyText(text: string, citations: CitationInfo[]): string {
  if (citations.length === 0) return text;
  return `${text}\n\nSources:\n${citations.map((c) => `[${c.n}] ${citationLabel(c)}`).join("\n")}`;
}

async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API unavailable (insecure origin): fall back to a hidden textarea.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function snippet(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max).trimEnd()}…` : flat;
}
