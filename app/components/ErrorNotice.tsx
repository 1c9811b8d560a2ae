"use client";
import { AlertIcon, RetryIcon } from "./icons";

/** A failed request or stream: readable text (never a stack) and a retry. */
export function ErrorNotice({ error, onRetry, onDismiss }: { error: Error; onRetry: () => void; onDismiss: () => void }) {
  return (
    <div className="notice error" role="alert">
      <AlertIcon />
      <p>{readableError(error)}</p>
      <div className="notice-actions">
        <button type="button" className="button" onClick={onRetry}>
          <RetryIcon /> Retry
        </button>
        <button type="button" className="ghost-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

/** The transport puts the response body in the message; our 4xx bodies are `{"error": "..."}`. */
export function readableError(error: Error): string {
  const message = error.message?.trim() ?? "";
  if (message.startsWith("{")) {
    try {
      const parsed = JSON.parse(message) as { error?: unknown };
      if (typeof parsed.error === "string") return parsed.error;
    } catch {
      // not JSON after all
    }
  }
  if (/failed to fetch|networkerror|load failed/i.test(message)) return "Could not reach the server. Check that it is running.";
  if (!message || message.length > 300 || /^\s*</.test(message)) return "Something went wrong while answering.";
  return message;
}
