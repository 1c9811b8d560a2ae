import { coverage, termMatch, type Passage, type WeightedTerm } from "../retrieval";
import { sentences, terms } from "../text";
import type { ChatTurn } from "../types";
import { mergeFollowUp } from "./followup";
import type { AnswerInput, Answerer } from "./types";

const MAX_SENTENCES = 3;
/** A further sentence must add at least this share of the question's weight, or score close to the best. */
const MIN_ADDED_COVERAGE = 0.15;
const NEAR_BEST = 0.85;
const MIN_WORDS = 5;
const ADJACENT_BONUS = 0.1;
const ANSWER_TYPE_BONUS = 0.15;
const HEADING_PENALTY = 0.1;
const NUMERIC_QUESTION = /\b(when|what (year|date|day|month|time)|on what date|how (many|much|long|far|old|often)|what (percentage|number|amount|share))\b/i;
const NUMBER_OR_DATE = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion|January|February|March|April|May|June|July|August|September|October|November|December)\b/i;

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

  async *answer({ question, passages, queryTerms }: AnswerInput): AsyncIterable<string> {
    const text = composeExtractiveAnswer(passages, queryTerms, question);
    // Streamed word by word so every client sees the same protocol as with an LLM.
    for (const token of text.match(/\S+\s*/g) ?? []) yield token;
  }

  async standaloneQuestion(question: string, history: ChatTurn[]): Promise<string> {
    return mergeFollowUp(question, history);
  }
}

export function composeExtractiveAnswer(passages: Passage[], queryTerms: WeightedTerm[], question = ""): string {
  const candidates = rankSentences(passages, queryTerms, NUMERIC_QUESTION.test(question));
  if (candidates.length === 0) return "";
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const best = candidates[0];
  const chosen = [best];
  // How well each query term is matched by the sentences chosen so far (0–1).
  const matched = queryTerms.map((t) => termMatch(best.terms, t));
  for (const candidate of candidates.slice(1)) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (chosen.some((c) => c.text === candidate.text)) continue;
    const gains = queryTerms.map((t, i) => Math.max(0, termMatch(candidate.terms, t) - matched[i]));
    // A sentence right next to a chosen one often completes it ("…after his meetings with …").
    const adjacent = chosen.some((c) => c.passage === candidate.passage && Math.abs(c.position - candidate.position) === 1);
    const addedWeight =
      gains.reduce((sum, gain, i) => sum + gain * queryTerms[i].weight, 0) / total + (adjacent ? ADJACENT_BONUS : 0);
    if (addedWeight >= MIN_ADDED_COVERAGE || candidate.score >= NEAR_BEST * best.score) {
      chosen.push(candidate);
      gains.forEach((gain, i) => (matched[i] += gain));
    }
  }
  // Keep document order so the quote reads naturally.
  chosen.sort((a, b) => a.passage - b.passage || a.position - b.position);
  return chosen.map((c) => withMarker(c.text, c.passage + 1)).join(" ");
}

function rankSentences(passages: Passage[], queryTerms: WeightedTerm[], wantsNumber: boolean): Candidate[] {
  const candidates: Candidate[] = [];
  passages.forEach((passage, passageIndex) => {
    sentences(passage.text).forEach((text, position) => {
      if (text.split(/\s+/).length < MIN_WORDS) return;
      const sentenceCoverage = coverage(text, queryTerms);
      if (sentenceCoverage === 0) return;
      // Rank breaks near-ties in favour of passages retrieval trusted more.
      let score = sentenceCoverage + 0.05 / (1 + passageIndex);
      // Questions asking "when" or "how many" are answered by sentences with a date or number.
      if (wantsNumber && NUMBER_OR_DATE.test(text)) score += ANSWER_TYPE_BONUS;
      // Headings and captions (no closing punctuation) rarely answer anything by themselves.
      if (!/[.!?…]["'”’)\]]*$/.test(text)) score -= HEADING_PENALTY;
      candidates.push({ passage: passageIndex, position, text, terms: new Set(terms(text)), score });
    });
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * Puts "[n]" before the sentence's closing punctuation ("… in Beijing [2]."), after a
 * closing quote ("… sovereignty.” [1]"), and ends an unpunctuated heading with a full stop.
 */
function withMarker(sentence: string, n: number): string {
  const quoted = sentence.match(/[.!?…]+["'”’)\]]+$/);
  if (quoted) return `${sentence} [${n}]`;
  const match = sentence.match(/^(.*?)([.!?…]+)$/s);
  return match ? `${match[1]} [${n}]${match[2]}` : `${sentence} [${n}].`;
}
