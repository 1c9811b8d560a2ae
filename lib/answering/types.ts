import type { KindsOfName, Passage, WeightedTerm } from "../retrieval";
import type { ChatTurn } from "../types";

export interface AnswerInput {
  question: string;
  /** Numbered 1..n in the order given; answers cite them as [n]. */
  passages: Passage[];
  queryTerms: WeightedTerm[];
  /** What a corpus name is, as terms of its WordNet hypernyms ("beijing" → citi, …), if known. */
  kindsOfName?: KindsOfName;
  signal?: AbortSignal;
}

/** Turns retrieved passages into answer text with [n] markers, streamed. */
export interface Answerer {
  /** Short id for logs and reports, e.g. "extractive" or "openai:gpt-4o-mini". */
  readonly id: string;
  /** What the UI badge says about how answers are made. */
  readonly label: string;
  answer(input: AnswerInput): AsyncIterable<string>;
  /** Rewrites a follow-up into a question that stands on its own. */
  standaloneQuestion(question: string, history: ChatTurn[], signal?: AbortSignal): Promise<string>;
}

/** What every answerer says when the documents do not cover the question. */
export const NOT_FOUND_ANSWER = "I could not find this in the documents.";
