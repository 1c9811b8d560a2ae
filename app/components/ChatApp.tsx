"use client";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { textOf, type CitationInfo, type RagUIMessage } from "@/app/shared";
import { CitationPanel, type OpenPassage } from "./CitationPanel";
import { Composer, type ComposerHandle } from "./Composer";
import { EmptyState } from "./EmptyState";
import { ErrorNotice } from "./ErrorNotice";
import { Header } from "./Header";
import { AssistantMessage, Thinking, UserMessage, type OpenHandler } from "./Message";
import { loadConversation, saveConversation } from "./storage";
import { useInfo } from "./useInfo";

const DEFAULT_LIMITS = { maxQuestionChars: 4000, maxMessages: 100 };

/**
 * Client-only gate: the saved conversation lives in localStorage, which the server
 * cannot see, so the chat renders after mount (no hydration mismatch).
 */
export function ChatApp() {
  const [initial, setInitial] = useState<RagUIMessage[] | null>(null);
  useEffect(() => setInitial(loadConversation()), []);
  if (!initial) {
    return (
      <div className="app">
        <div className="topbar placeholder" />
        <main className="thread" aria-busy="true" />
      </div>
    );
  }
  return <Chat initialMessages={initial} />;
}

/** Only text travels to the server: history is text, and passages would bloat the request. */
function requestMessages(messages: RagUIMessage[], maxMessages: number) {
  return messages
    .map((m) => ({
      id: m.id,
      role: m.role,
      parts: m.parts.flatMap((p) => (p.type === "text" ? [{ type: "text" as const, text: p.text }] : [])),
    }))
    .filter((m, i, all) => i === all.length - 1 || m.parts.some((p) => p.text.trim()))
    .slice(-maxMessages);
}

function Chat({ initialMessages }: { initialMessages: RagUIMessage[] }) {
  const info = useInfo();
  const limits = info.status === "ready" ? info.data.limits : DEFAULT_LIMITS;
  const maxMessagesRef = useRef(limits.maxMessages);
  maxMessagesRef.current = limits.maxMessages;

  const transport = useMemo(
    () =>
      new DefaultChatTransport<RagUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => ({
          body: { id, trigger, messageId, messages: requestMessages(messages, maxMessagesRef.current) },
        }),
      }),
    [],
  );
  const { messages, sendMessage, status, stop, regenerate, setMessages, error, clearError } = useChat<RagUIMessage>({
    transport,
    messages: initialMessages,
    experimental_throttle: 40,
  });

  const busy = status === "submitted" || status === "streaming";
  const composer = useRef<ComposerHandle>(null);
  const [open, setOpen] = useState<OpenPassage | null>(null);

  // Persist finished states only: a half-streamed answer is not worth a write per token.
  useEffect(() => {
    if (status !== "streaming") saveConversation(messages);
  }, [messages, status]);

  const send = useCallback(
    (text: string) => {
      if (busy) return;
      clearError();
      void sendMessage({ text });
    },
    [busy, clearError, sendMessage],
  );

  const retry = useCallback(() => {
    clearError();
    void regenerate();
  }, [clearError, regenerate]);

  const newChat = useCallback(() => {
    if (busy) void stop();
    setOpen(null);
    clearError();
    setMessages([]);
    saveConversation([]);
    composer.current?.focus();
  }, [busy, stop, clearError, setMessages]);

  const openPassage = useCallback<OpenHandler>((citation: CitationInfo, trigger, kind) => {
    setOpen({ citation, trigger, kind });
  }, []);
  const closePassage = useCallback(() => setOpen(null), []);

  const thread = useStickToBottom(messages, status);
  const last = messages[messages.length - 1];
  const waitingForFirstToken = busy && last?.role === "user";
  // E.g. restored after a reload that interrupted an answer: offer to ask again.
  const unanswered = !busy && !error && last !== undefined && (last.role === "user" || !textOf(last).trim());

  return (
    <div className="app">
      <Header info={info} canReset={messages.length > 0 || busy} onNewChat={newChat} />
      <main className="thread" ref={thread.ref} onScroll={thread.onScroll} aria-label="Conversation">
        <div className="thread-inner">
          {messages.length === 0 ? (
            <EmptyState info={info} onAsk={send} />
          ) : (
            <div className="messages" aria-live="polite" aria-relevant="additions">
              {messages.map((message, i) =>
                message.role === "user" ? (
                  <UserMessage key={message.id} message={message} />
                ) : message.role === "assistant" ? (
                  <AssistantMessage
                    key={message.id}
                    message={message}
                    streaming={busy && i === messages.length - 1}
                    canRegenerate={!busy && i === messages.length - 1}
                    onRegenerate={retry}
                    onOpen={openPassage}
                  />
                ) : null,
              )}
              {waitingForFirstToken && (
                <div className="message assistant">
                  <div className="avatar" aria-hidden="true">
                    AI
                  </div>
                  <div className="assistant-body">
                    <Thinking />
                  </div>
                </div>
              )}
            </div>
          )}
          {error && !busy && <ErrorNotice error={error} onRetry={retry} onDismiss={clearError} />}
          {unanswered && (
            <div className="notice" role="status">
              <p>This question has no answer yet.</p>
              <button type="button" className="button" onClick={retry}>
                Answer it now
              </button>
            </div>
          )}
        </div>
      </main>
      <footer className="composer-wrap">
        <Composer ref={composer} busy={busy} maxChars={limits.maxQuestionChars} onSend={send} onStop={() => void stop()} />
      </footer>
      <CitationPanel open={open} onClose={closePassage} />
    </div>
  );
}

/** Follows the stream while the reader is at the bottom; leaves them alone once they scroll up. */
function useStickToBottom(messages: RagUIMessage[], status: string) {
  const ref = useRef<HTMLElement>(null);
  const atBottom = useRef(true);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages, status]);
  // A new question always scrolls down to it.
  const count = messages.length;
  useLayoutEffect(() => {
    atBottom.current = true;
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  return { ref, onScroll };
}
