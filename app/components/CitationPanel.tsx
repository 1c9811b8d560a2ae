"use client";
import { useEffect, useRef } from "react";
import { citationLabel, type CitationInfo } from "@/app/shared";
import { CloseIcon, ExternalIcon } from "./icons";

export interface OpenPassage {
  citation: CitationInfo;
  /** Closest matches are shown with the same panel but labelled as not being citations. */
  kind: "citation" | "closest";
  /** Focus returns here when the panel closes. */
  trigger: HTMLElement | null;
}

interface CitationPanelProps {
  open: OpenPassage | null;
  onClose: () => void;
}

/** Side panel (bottom sheet on phones) with one passage: file, lines, page, score, text and a source link. */
export function CitationPanel({ open, onClose }: CitationPanelProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const trigger = open.trigger;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onClose();
      } else if (event.key === "Tab") {
        trapFocus(event, panelRef.current);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      if (trigger?.isConnected) trigger.focus();
    };
  }, [open, onClose]);

  if (!open) return null;
  const { citation, kind } = open;
  const heading = kind === "citation" ? `Source [${citation.n}]` : "Closest match — not a citation";

  return (
    <>
      <div className="panel-backdrop" onClick={onClose} aria-hidden="true" />
      <div
        ref={panelRef}
        className={`citation-panel ${kind === "closest" ? "is-closest" : ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby="citation-panel-title"
      >
        <div className="panel-head">
          <h2 id="citation-panel-title">{heading}</h2>
          <button ref={closeRef} type="button" className="icon-button" onClick={onClose} aria-label="Close passage">
            <CloseIcon />
          </button>
        </div>
        <dl className="panel-meta">
          <div>
            <dt>File</dt>
            <dd className="mono">{citation.source}</dd>
          </div>
          <div>
            <dt>Lines</dt>
            <dd>
              {citation.lines.from === citation.lines.to
                ? citation.lines.from
                : `${citation.lines.from}–${citation.lines.to}`}
            </dd>
          </div>
          {citation.page ? (
            <div>
              <dt>Page</dt>
              <dd>{citation.page}</dd>
            </div>
          ) : null}
          <div>
            <dt>Score</dt>
            <dd title="Retrieval score (rank fusion of vector and keyword search)">{formatScore(citation.score)}</dd>
          </div>
        </dl>
        {/* Passage text is rendered as plain text, never as HTML or markdown. */}
        <blockquote className="passage" aria-label={`Passage from ${citationLabel(citation)}`}>
          {citation.text}
        </blockquote>
        <a className="button primary panel-link" href={citation.href}>
          Open in source viewer <ExternalIcon />
        </a>
      </div>
    </>
  );
}

function formatScore(score: number): string {
  return Number.isFinite(score) ? (score >= 1 ? score.toFixed(2) : score.toPrecision(3)) : "—";
}

/** Keeps Tab inside the dialog while it is open. */
function trapFocus(event: KeyboardEvent, container: HTMLElement | null): void {
  if (!container) return;
  const focusable = container.querySelectorAll<HTMLElement>("a[href], button:not([disabled]), [tabindex]:not([tabindex='-1'])");
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
