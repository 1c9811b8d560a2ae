"use client";
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";
import { SendIcon, StopIcon } from "./icons";

export interface ComposerHandle {
  focus: () => void;
}

interface ComposerProps {
  busy: boolean;
  maxChars: number;
  onSend: (text: string) => void;
  onStop: () => void;
}

/** Question box: Enter sends, Shift+Enter adds a line; locked while an answer streams (Stop instead). */
export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer({ busy, maxChars, onSend, onStop }, ref) {
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => area.current?.focus() }), []);

  // Grow with the content up to a cap (CSS max-height), shrink back after sending.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  // Give the focus back once an answer has finished.
  const wasBusy = useRef(busy);
  useEffect(() => {
    if (wasBusy.current && !busy) area.current?.focus();
    wasBusy.current = busy;
  }, [busy]);

  const trimmed = text.trim();
  const tooLong = text.length > maxChars;
  const canSend = !busy && trimmed.length > 0 && !tooLong;

  const submit = () => {
    if (!canSend) return;
    onSend(trimmed);
    setText("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // isComposing: Enter that confirms an IME composition must not send.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor="question" className="visually-hidden">
        Your question
      </label>
      <textarea
        id="question"
        ref={area}
        rows={1}
        value={text}
        disabled={busy}
        placeholder={busy ? "Answering…" : "Ask a question about your documents"}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-hint"
        aria-invalid={tooLong}
      />
      {busy ? (
        <button type="button" className="send-button stop" onClick={onStop} aria-label="Stop answering">
          <StopIcon />
        </button>
      ) : (
        <button type="submit" className="send-button" disabled={!canSend} aria-label="Send question">
          <SendIcon />
        </button>
      )}
      <p id="composer-hint" className={`composer-hint ${tooLong ? "over" : ""}`}>
        {tooLong ? (
          `${text.length} / ${maxChars} characters — shorten the question to send it.`
        ) : (
          <>
            <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line · answers cite the documents
          </>
        )}
      </p>
    </form>
  );
});
