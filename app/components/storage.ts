import type { RagUIMessage } from "@/app/shared";

/** Conversation persistence in localStorage (citations included: they live in the message parts). */

const KEY = "cited-rag-chat:conversation:v1";
/** Keeps localStorage well under its ~5 MB quota even for long conversations. */
const MAX_STORED_MESSAGES = 200;

export function loadConversation(): RagUIMessage[] {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isStoredMessage);
  } catch {
    return [];
  }
}

export function saveConversation(messages: RagUIMessage[]): void {
  try {
    if (messages.length === 0) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(messages.slice(-MAX_STORED_MESSAGES)));
  } catch {
    // Quota exceeded or storage disabled: the chat still works, it just will not survive a reload.
  }
}

function isStoredMessage(value: unknown): value is RagUIMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === "string" &&
    (m.role === "user" || m.role === "assistant") &&
    Array.isArray(m.parts) &&
    m.parts.every((p) => typeof p === "object" && p !== null && typeof (p as { type?: unknown }).type === "string")
  );
}
