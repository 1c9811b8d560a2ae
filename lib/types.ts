/** Shapes shared by ingest, the answering pipeline, the chat route, the CLI and the eval. */
import type { Passage } from "./retrieval";

export interface LineRange {
  from: number;
  to: number;
}

/** Metadata every indexed chunk carries (LangChain `Document.metadata`). */
export interface ChunkMetadata {
  /** Stable id: `${source}#${chunkIndex}:${hash.slice(0, 12)}`. */
  id: string;
  /** Path relative to the corpus folder, with forward slashes. */
  source: string;
  chunkIndex: number;
  /** 1-based line range in the original file (for PDF: lines of the page's extracted text). */
  lines: LineRange;
  /** 1-based page number, PDF only. */
  page?: number;
  /** sha256 of the chunk text. */
  hash: string;
}

/** One cited passage. `n` is the marker number used in the answer text. */
export interface Citation {
  n: number;
  source: string;
  lines: LineRange;
  page?: number;
  text: string;
  score: number;
}

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export interface AskTimings {
  retrieveMs: number;
  answerMs: number;
  totalMs: number;
}

export interface AskResult {
  question: string;
  /** The question actually used for retrieval (differs from `question` for follow-ups). */
  standaloneQuestion: string;
  answer: string;
  /** False when the documents do not cover the question; then `citations` is empty. */
  found: boolean;
  citations: Citation[];
  /** Nearest passages when nothing was found; never cited in the answer. */
  closestMatches: Citation[];
  /** Answer sentences that carry no citation marker. */
  uncitedSentences: string[];
  timings: AskTimings;
}

/** Events of a streamed answer, in order: one `retrieved`, any number of `text`, one `done`. */
export type AskEvent =
  | { type: "retrieved"; standaloneQuestion: string; found: boolean; passages: readonly Passage[] }
  | { type: "text"; delta: string }
  | { type: "done"; result: AskResult };

/** The result a stream of answer events ends with; `onRetrieved` is handed the passages retrieval ranked. */
export async function resultOf(events: AsyncIterable<AskEvent>, onRetrieved?: (passages: readonly Passage[]) => void): Promise<AskResult> {
  for await (const event of events) {
    if (event.type === "retrieved") onRetrieved?.(event.passages);
    else if (event.type === "done") return event.result;
  }
  throw new Error("the answer stream ended without a result");
}

/** What the UI badge and empty state show about the running configuration. */
export interface IndexInfo {
  files: number;
  chunks: number;
  embedder: string;
  answerer: string;
  /** Human description of the answer mode, e.g. "Local extractive (quotes the documents, no LLM)". */
  modeLabel: string;
  builtAt: string;
}
