import { coverage, type Passage, type WeightedTerm } from "../retrieval";
import { sentences, terms } from "../text";
import type { ChatTurn } from "../types";
import { mergeFollowUp } from "./followup";
import type { AnswerInput, Answerer } from "./types";

const MAX_SENTENCES = 3;
/** A further sentence must add at least this share of the question's weight, or score close to the best. */
const MIN_ADDED_COVERAGE = 0.15;
const NEAR_BEST = 0.85;
const MIN_WORDS = 5;

interface Candidate {
  passage: number;
  position: number;
  text: string;
  terms: Set<string>;
  score: number;
}

/**
 * Answers by quoting: picks the sentences of the retrieved passages that best
 * cover the question and returns them verbatim, each with its [n] marker.
 * No words are added apart from the markers.
 */
export class ExtractiveAnswerer implements Answerer {
  readonly id = "extractive";
  readonly label = "Local extractive: quotes the best-matching sentences, no LLM";

  async *answer({ passages, queryTerms }: AnswerInput): AsyncIterable<string> {
    const text = composeExtractiveAnswer(passages, queryTerms);
    // Streamed word by word so every client sees the same protocol as with an LLM.
    for (const token of text.match(/\S+\s*/g) ?? []) yield token;
  }

  async standaloneQuestion(question: string, history: ChatTurn[]): Promise<string> {
    return mergeFollowUp(question, history);
  }
}

export function composeExtractiveAnswer(passages: Passage[], queryTerms: WeightedTerm[]): string {
  const candidates = rankSentences(passages, queryTerms);
  if (candidates.length === 0) return "";
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const weightOf = new Map(queryTerms.map((t) => [t.term, t.weight]));
  const best = candidates[0];
  const chosen = [best];
  const covered = new Set([...best.terms].filter((term) => weightOf.has(term)));
  for (const candidate of candidates.slice(1)) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (chosen.some((c) => c.text === candidate.text)) continue;
    const added = [...candidate.terms].filter((term) => weightOf.has(term) && !covered.has(term));
    const addedWeight = added.reduce((sum, term) => sum + weightOf.get(term)!, 0) / total;
    if (addedWeight >= MIN_ADDED_COVERAGE || candidate.score >= NEAR_BEST * best.score) {
      chosen.push(candidate);
      added.forEach((term) => covered.add(term));
    }
  }
  // Keep document order so the quote reads naturally.
  chosen.sort((a, b) => a.passage - b.passage || a.position - b.position);
  return chosen.map((c) => withMarker(c.text, c.passage + 1)).join(" ");
}

function rankSentences(passages: Passage[], queryTerms: WeightedTerm[]): Candidate[] {
  const candidates: Candidate[] = [];
  passages.forEach((passage, passageIndex) => {
    sentences(passage.text).forEach((text, position) => {
      if (text.split(/\s+/).length < MIN_WORDS) return;
      const sentenceCoverage = coverage(text, queryTerms);
      if (sentenceCoverage === 0) return;
      // Rank breaks near-ties in favour of passages retrieval trusted more.
      const score = sentenceCoverage + 0.05 / (1 + passageIndex);
      candidates.push({ passage: passageIndex, position, text, terms: new Set(terms(text)), score });
    });
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/** Puts "[n]" before the sentence's closing punctuation: "… in Beijing [2]." */
function withMarker(sentence: string, n: number): string {
  const match = sentence.match(/^(.*?)([.!?…]+["'”’)\]]*)$/s);
  return match ? `${match[1]} [${n}]${match[2]}` : `${sentence} [${n}]`;
}
