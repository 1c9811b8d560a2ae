"use client";
import { LogoIcon, PlusIcon } from "./icons";
import type { InfoState } from "./useInfo";

interface HeaderProps {
  info: InfoState;
  canReset: boolean;
  onNewChat: () => void;
}

/** Brand, the mode badge (how answers are made, what is indexed) and "New chat". */
export function Header({ info, canReset, onNewChat }: HeaderProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <LogoIcon />
        </span>
        <span className="brand-name">Cited</span>
      </div>
      <ModeBadge info={info} />
      <button type="button" className="button new-chat" onClick={onNewChat} disabled={!canReset} aria-label="New chat">
        <PlusIcon />
        <span className="label">New chat</span>
      </button>
    </header>
  );
}

function ModeBadge({ info }: { info: InfoState }) {
  if (info.status === "loading") {
    return <div className="mode-badge loading" aria-live="polite">Loading index…</div>;
  }
  if (info.status === "error") {
    return (
      <div className="mode-badge error" role="status" title={info.message}>
        <span className="dot" aria-hidden="true" /> Index unavailable
      </div>
    );
  }
  const { modeLabel, files, chunks, builtAt } = info.data.info;
  const [mode, detail] = splitLabel(modeLabel);
  const built = formatDate(builtAt);
  return (
    <div
      className="mode-badge"
      role="status"
      aria-label={`Mode: ${modeLabel}. Indexed ${files} files, ${chunks} chunks${built ? `, built ${built}` : ""}.`}
      title={`${modeLabel}${built ? ` · index built ${built}` : ""}`}
    >
      <span className="dot" aria-hidden="true" />
      <span className="mode">{mode}</span>
      {detail ? <span className="mode-detail">{detail}</span> : null}
      <span className="stats">
        {files} {files === 1 ? "file" : "files"} · {chunks} chunks
      </span>
    </div>
  );
}

/** "Local extractive: quotes … no LLM" → ["Local extractive", "quotes … no LLM"]. */
function splitLabel(label: string): [string, string] {
  const i = label.indexOf(":");
  return i > 0 ? [label.slice(0, i), label.slice(i + 1).trim()] : [label, ""];
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
