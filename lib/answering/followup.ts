import { terms, words, isStopword } from "../text";
import type { ChatTurn } from "../types";

const REFERRING = /\b(it|its|they|them|their|theirs|this|that|these|those|he|him|his|she|her|there|then|such|the same)\b/i;
const CONTINUING = /^\s*(and|but|also|so|what about|how about|and what|then|why|how come)\b/i;

/**
 * Deterministic follow-up handling without an LLM: when the new question leans on
 * the previous one (pronouns, "and …", very few content words), the previous
 * question's topic words are appended so retrieval sees the whole topic.
 */
export function mergeFollowUp(question: string, history: ChatTurn[]): string {
  const previous = [...history].reverse().find((turn) => turn.role === "user")?.content;
  if (!previous) return question;
  const ownTerms = terms(question);
  const leansOnPrevious = REFERRING.test(question) || CONTINUING.test(question) || ownTerms.length <= 2;
  if (!leansOnPrevious) return question;
  const own = new Set(ownTerms);
  const topic = [
    ...new Set(words(previous).filter((word) => !isStopword(word) && word.length > 1 && !own.has(terms(word)[0] ?? ""))),
  ];
  if (topic.length === 0) return question;
  return `${question.trim()} (${topic.join(" ")})`;
}
