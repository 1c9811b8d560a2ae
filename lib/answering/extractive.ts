import {
  hasAge,
  hasCount,
  hasDay,
  hasExtent,
  hasNumber,
  hasPersonName,
  hasMoney,
  hasNameBeside,
  hasPercentage,
  hasTime,
  hasYear,
  matchesFocus,
  mentionsFigure,
  mentionsName,
  questionShape,
  type QuestionShape,
} from "../question";
import { coverage, PREFIX_MATCH, termMatch, type Passage, type WeightedTerm } from "../retrieval";
import { sentences, termsWithBaseForms } from "../text";
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
/** The focus word may be replaced by a WordNet synonym, not by a looser relative ("drone" → "talk"). */
const SYNONYM_MATCH = 0.7;
/** BM25's idf of a term found in half of all chunks: log(1 + 1). */
const IN_HALF_THE_CHUNKS = Math.log(2);
const MIN_PINNING_NAME_WORDS = 4;
const DATE_KINDS = new Set<QuestionShape["kind"]>(["date", "year", "day"]);
const NUMBER_OR_TIME_KINDS = new Set<QuestionShape["kind"]>([
  ...DATE_KINDS,
  "count",
  "quantity",
  "money",
  "percentage",
  "extent",
  "age",
]);

interface Candidate {
  passage: number;
  position: number;
  text: string;
  terms: Set<string>;
  score: number;
  /** Gives the kind of answer the question asks for, about the thing it names. */
  answers: boolean;
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
  const shape = questionShape(question);
  const candidates = rankSentences(passages, queryTerms, shape);
  // Quote only when some sentence answers: a sentence sharing the question's words but lacking
  // the figure, date or name asked for, or about another "deal" than the one named, does not.
  const best = candidates.find((c) => c.answers);
  if (!best) return "";
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const chosen = [best];
  const typed = shape.kind !== null;
  // How well each query term is matched by the sentences chosen so far (0–1).
  const matched = queryTerms.map((t) => termMatch(best.terms, t));
  // Sentences ranked above the best answering one were judged not to answer; they stay out.
  for (const candidate of candidates.slice(candidates.indexOf(best) + 1)) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (chosen.some((c) => c.text === candidate.text) || (typed && !candidate.answers)) continue;
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

function rankSentences(passages: Passage[], queryTerms: WeightedTerm[], shape: QuestionShape): Candidate[] {
  const wantsNumber = NUMBER_OR_TIME_KINDS.has(shape.kind);
  const name = mostSpecificName(shape, queryTerms);
  const questionTerms = new Set(queryTerms.map((t) => t.term));
  const candidates: Candidate[] = [];
  passages.forEach((passage, passageIndex) => {
    // Everything up to and including the sentence, from the text before the passage on: a
    // sentence may name its subject earlier ("The deal …" after "… a deal to supply Sudan").
    // Irregular verbs count in their base form too: "held" answers "When did they hold talks?".
    const soFar = new Set(termsWithBaseForms(passage.leadIn));
    sentences(passage.text).forEach((text, position) => {
      const present = new Set(termsWithBaseForms(text));
      present.forEach((term) => soFar.add(term));
      if (text.split(/\s+/).length < MIN_WORDS) return;
      const sentenceCoverage = coverage(text, queryTerms);
      if (sentenceCoverage === 0) return;
      // Rank breaks near-ties in favour of passages retrieval trusted more.
      let score = sentenceCoverage + 0.05 / (1 + passageIndex);
      // Questions asking "when" or "how many" are answered by sentences with a date or number.
      if (wantsNumber && (hasNumber(text) || hasTime(text))) score += ANSWER_TYPE_BONUS;
      // Headings and captions (no closing punctuation) rarely answer anything by themselves.
      if (!/[.!?…]["'”’)\]]*$/.test(text)) score -= HEADING_PENALTY;
      const answers =
        (!name || mentionsName(soFar, name)) &&
        shape.numbers.every((figure) => mentionsFigure(soFar, figure)) &&
        givesKind(text, present, shape, queryTerms, questionTerms, soFar);
      candidates.push({ passage: passageIndex, position, text, terms: present, score, answers });
    });
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * The name that most narrows the question: one the corpus never uses, else the rarest.
 * "Libyan" in "How many drones are in Pakistan's deal with the Libyan National Army?". A name
 * most passages mention ("China" in a corpus about China) narrows nothing, so none is returned.
 */
function mostSpecificName(shape: QuestionShape, queryTerms: WeightedTerm[]): string | null {
  let best: { term: string; rank: number } | null = null;
  for (const name of shape.names) {
    const t = queryTerms.find((q) => q.term === name);
    const rank = !t ? 0 : t.inCorpus ? t.weight : Infinity;
    if (!best || rank > best.rank) best = { term: name, rank };
  }
  return best && best.rank >= IN_HALF_THE_CHUNKS ? best.term : null;
}

/** Whether the sentence has the kind of answer asked for: a number, a time, a named role holder. */
function givesKind(
  text: string,
  present: ReadonlySet<string>,
  shape: QuestionShape,
  queryTerms: WeightedTerm[],
  questionTerms: ReadonlySet<string>,
  soFar: ReadonlySet<string>,
): boolean {
  const match = (term: string) => matchIn(present, term, queryTerms);
  const mentions = (term: string) => match(term) >= SYNONYM_MATCH;
  // A topic word must appear itself (or in another form): its WordNet synonyms are too loose ("last" for "live").
  const mentionsTopic = (term: string) => match(term) >= PREFIX_MATCH;
  // The focus ties the sentence to the question; without one, another of its words must.
  if (shape.focus.length > 0) {
    if (!matchesFocus(shape, mentions)) return false;
  } else if (DATE_KINDS.has(shape.kind)) {
    if (!aboutTheEvent(present, soFar, shape, queryTerms)) return false;
  } else if (shape.kind && shape.topic.length > 0 && !shape.topic.some(mentionsTopic)) {
    return false;
  }
  switch (shape.kind) {
    case "count":
      return hasCount(text, shape.numbers);
    case "quantity":
      return hasNumber(text, shape.numbers);
    case "percentage":
      return hasPercentage(text);
    case "extent":
      return hasExtent(text, shape.numbers);
    case "age":
      return hasAge(text);
    case "date":
      return hasTime(text, questionTerms);
    case "year":
      return hasYear(text, shape.numbers);
    case "day":
      return hasDay(text);
    case "person":
      return hasPersonName(text, questionTerms);
    case "name":
      return hasNameBeside(text, shape.focus, questionTerms);
    case "money":
      return hasMoney(text, shape.numbers);
    default:
      return true;
  }
}

/**
 * Whether a sentence giving a time is about the event asked after: a date sits beside many
 * events ("Last month, Islamabad struck a deal …" does not say when jets will be delivered),
 * so every word of the event must appear, in the sentence or before it. A question naming two
 * or more things in four or more words ("When did Xi Jinping put forward the Global AI
 * Governance Initiative?") is pinned down by the names alone when the sentence has them all:
 * its verb may be paraphrased ("proposed"). "The Taliban" and "Kabul" pin down nothing.
 */
function aboutTheEvent(
  present: ReadonlySet<string>,
  soFar: ReadonlySet<string>,
  shape: QuestionShape,
  queryTerms: WeightedTerm[],
): boolean {
  const pinnedByNames = shape.nameGroups.length >= 2 && shape.names.length >= MIN_PINNING_NAME_WORDS;
  if (pinnedByNames && shape.names.every((name) => mentionsName(present, name))) return true;
  return shape.topic.every((term) => matchIn(soFar, term, queryTerms) >= SYNONYM_MATCH);
}

/** How far `present` matches a question term, with the related words retrieval found for it. */
function matchIn(present: ReadonlySet<string>, term: string, queryTerms: WeightedTerm[]): number {
  return termMatch(present, queryTerms.find((t) => t.term === term) ?? { term, weight: 1, inCorpus: false, alternatives: [] });
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
