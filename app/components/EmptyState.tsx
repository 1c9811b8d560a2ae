"use client";
import type { InfoState } from "./useInfo";

interface EmptyStateProps {
  info: InfoState & { reload: () => void };
  onAsk: (question: string) => void;
}

/** First screen: what this is, and starter questions drawn from the indexed documents. */
export function EmptyState({ info, onAsk }: EmptyStateProps) {
  return (
    <div className="empty">
      <h1>Ask your documents</h1>
      <p className="lede">
        Answers come only from the indexed files, and every claim links to the exact file and lines it was taken
        from. When the documents don&apos;t cover a question, you&apos;ll be told so.
      </p>
      {info.status === "loading" && (
        <div className="starters" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="starter skeleton" />
          ))}
        </div>
      )}
      {info.status === "error" && (
        <div className="notice error" role="alert">
          <p>{info.message}</p>
          <button type="button" className="button" onClick={info.reload}>
            Try again
          </button>
        </div>
      )}
      {info.status === "ready" && info.data.starterQuestions.length > 0 && (
        <>
          <h2 className="starters-title">Try asking</h2>
          <ul className="starters">
            {info.data.starterQuestions.map((question) => (
              <li key={question}>
                <button type="button" className="starter" onClick={() => onAsk(question)}>
                  {question}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
