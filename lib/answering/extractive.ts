import {
  creditLineFor,
  hasAge,
  hasReason,
  isListItem,
  CAPITALISED_WORDS,
  namesWithInitials,
  spellsOut,
  writesOutInitials,
  weighsSignificance,
  hasPurpose,
  TITLES,
  saidBy,
  hasCount,
  namesPeopleAlike,
  NUMBER_WORDS,
  DATE_KINDS,
  countsPeople,
  countsSomePeople,
  WEB_ADDRESS,
  SPEAKS_OF_FUTURE,
  hasDay,
  hasMonth,
  hasExtent,
  hasNumber,
  hasPersonName,
  hasOtherName,
  hasMoney,
  hasNameBeside,
  otherNames,
  hasList,
  enumerates,
  kindQualifiedOtherwise,
  namesWhich,
  hasPercentage,
  hasPlace,
  hasQuantity,
  hasTime,
  hasYear,
  matchesFocus,
  mentionsFigure,
  mentionsName,
  monthsOfYears,
  namesOtherYear,
  onlyAnotherOffice,
  pieceDescription,
  questionParts,
  questionShape,
  SECTOR_KINDS,
  withNameCasing,
  sourceNames,
  joinsPieces,
  MEASURE_WORDS,
  ROLE_TENSE,
  type QuestionShape,
} from "../question";
import {
  coverage,
  EXPANSION_DISCOUNT,
  isEnglishWord,
  matchIn,
  plainText,
  PREFIX_MATCH,
  quotedPhrases,
  relatedMatch,
  SYNONYM_MATCH,
  termMatch,
  type KindsOfName,
  type Passage,
  type WeightedTerm,
} from "../retrieval";
import { DERIVATION_WEIGHT, SYNONYM_WEIGHT } from "../synonyms";
import { sentences, terms, termsWithBaseForms } from "../text";
import type { ChatTurn } from "../types";
import { mergeFollowUp } from "./followup";
import type { AnswerInput, Answerer } from "./types";

const MAX_SENTENCES = 4;
/** A further sentence must add at least this share of the question's weight, or score close to the best. */
const MIN_ADDED_COVERAGE = 0.15;
/** …or, from the best answer's own file, any share worth a word ("the deal … includes 10 aircraft" after "… a deal worth $1.5 billion"). */
const MIN_ADDED_COVERAGE_SAME_FILE = 0.05;
const NEAR_BEST = 0.85;
/** "What years does it cover?" asks "which years": a year answers it. */
const YEAR_TERM = terms("year")[0];
/** Words asking for a kind of answer ("… worth?", "the end goal of …"): they say how to answer, not what about. */
const ASKING_WORDS = new Map<QuestionShape["kind"], ReadonlySet<string>>([
  ["money", new Set(terms("worth cost price tag value amount money"))],
  ["purpose", new Set(terms("goal aim objective purpose end ultimate overall overarching main big final"))],
]);
/** Of the words saying what a doer did ("the five-point peace initiative"), the share a "who" answer must say itself. */
const AGENT_OBJECT_SHARE = 1 / 3;
/** A further question's answer scores at least this share of the main answer's score. */
const PART_ANSWER_SHARE = 0.5;
/** …and of the first part's next answer, where a later part took its best one. */
const NEXT_ANSWER_SHARE = 0.4;
/** …or covers this share of the part's own words. */
const OWN_PART_COVERAGE = 0.5;
/** A further part that speaks of what the first part named. */
const REFERS_TO_FIRST_PART = /\b(?:it|its|they|them|their|theirs|this|these|those|he|him|his|she|her)\b/i;
/** The piece spoken of as "it" ("how many does it say were killed?"): no thing the first part named. */
const PIECE_SAYS = /\b(?:does|do|did)\s+(?:it|they)\s+(?:say|report|give|claim|state|mention|put|cite|note)\b/gi;
const refersToFirstPart = (part: string) => REFERS_TO_FIRST_PART.test(part.replace(PIECE_SAYS, " "));
const MIN_OWN_PART_TERMS = 2;
const MIN_WORDS = 5;
/** Sentences after a heading that still open its section: the lede. */
const LEDE_SENTENCES = 2;
const ADJACENT_BONUS = 0.1;
const ANSWER_TYPE_BONUS = 0.15;
const HEADING_PENALTY = 0.1;
/** Enough to rank a sentence with the quoted words above any that only shares more of the question's words. */
const QUOTED_BONUS = 1;
/** Kinds a sentence answers by listing what is done "in" them: "cooperation in agriculture, industry, and investment" ("areas" too, though an area may be a named province). */
const DOMAIN_KINDS = new Set([...SECTOR_KINDS, ...terms("area areas")]);
const DOMAINS_LISTED = /\bin\s+\p{Ll}+(?:,\s+\p{Ll}+)*,?\s+and\s+\p{Ll}+/u;
/** "in 2021", "back in 2021", "during 2024": when something happened (not "by 2027", a deadline, nor "in 2024 alone", a part of a span). */
const YEAR_HAPPENED = /\b(?:in|during)\s+(\d{4})\b(?!\s+alone)/giu;
const YES_NO = /^\s*(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)\s/i;
/** A hypernym of the kind asked ("port" for "seaport"), as `relatedMatch` weighs it. */
const BROADER_KIND_MATCH = 0.6 * EXPANSION_DISCOUNT;
/** How far a sentence's word matches the question's when it is the question's word in another part of speech. */
const DERIVED_MATCH = DERIVATION_WEIGHT * EXPANSION_DISCOUNT; // below PREFIX_MATCH, so other forms pass too
/** BM25's idf of a term found in half of all chunks: log(1 + 1). */
const IN_HALF_THE_CHUNKS = Math.log(2);
const MIN_PINNING_NAME_WORDS = 4;
const COUNTING_KINDS = new Set<QuestionShape["kind"]>(["count", "quantity"]);
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

  async *answer({ question, passages, queryTerms, kindsOfName }: AnswerInput): AsyncIterable<string> {
    const text = composeExtractiveAnswer(passages, queryTerms, question, kindsOfName);
    // Streamed word by word so every client sees the same protocol as with an LLM.
    for (const token of text.match(/\S+\s*/g) ?? []) yield token;
  }

  async standaloneQuestion(question: string, history: ChatTurn[]): Promise<string> {
    return mergeFollowUp(question, history);
  }
}

export function composeExtractiveAnswer(
  passages: Passage[],
  queryTerms: WeightedTerm[],
  question = "",
  kindsOfName: AskedAs["kindsOfName"] = () => undefined,
): string {
  const isName = (term: string) => queryTerms.some((t) => t.term === term && t.name);
  const [mainPart, ...otherParts] = questionParts(question);
  const isOneName = (words: string) => passages.some((p) => p.text.toLowerCase().includes(words));
  // "What title is X given?" asks after a person the passages give a title; of anyone or anything else, it asks nothing of a kind.
  const asTitled = (shape: QuestionShape): QuestionShape =>
    shape.kind === "office" && !shape.names.some((name) => passages.some((p) => titlesBefore(p.text, name).length > 0)) ? { ...shape, kind: null } : shape;
  const [shape, ...otherShapes] = [mainPart, ...otherParts].map((part) => asTitled(questionShape(part, isName, isOneName)));
  const writtenOut = namesWrittenOut(passages);
  const yesNo = YES_NO.test(mainPart);
  const asked: AskedAs = {
    joinsPieces: joinsPieces(question),
    spelledOut: [...new Set((question.match(INITIALS) ?? []).flatMap(writtenOut))],
    writtenOut,
    kindsOfName,
    // "… meet in kabul": the places typed in lowercase too.
    places: placesIn(withNameCasing(question, isName), kindsOfName),
    office: officeNamed(question),
    namesByInitials: namesByInitials(question),
    quoted: quotedPhrases(question),
    describesPiece: pieceDescription(question),
    yesNo,
    yearsHappened: yesNo ? [...mainPart.matchAll(YEAR_HAPPENED)].map((m) => m[1]) : [],
    monthOfYear: monthsOfYears(question),
  };
  // "who's canada's prime minister", "lula's position on …": an owner the documents never mention is not theirs to answer.
  if (ownerUnknown(mainPart, queryTerms)) return "";
  const candidates = rankSentences(passages, queryTerms, shape, asked);
  // Quote only when some sentence answers: a sentence sharing the question's words but lacking
  // the figure, date or name asked for, or about another "deal" than the one named, does not.
  // Each further part's sentences, and whether a sentence answers the part's own words: from any piece,
  // "…, and how many were expelled since March?".
  const furtherParts = otherShapes.map((other, i) => {
    // Where the part says it was published ("what does the Arab News report say …") is not what it asks about.
    const partSources = sourceNames(otherParts[i]);
    // …nor the words asking how to answer ("how long").
    const partTerms = queryTerms.filter(
      (t) => terms(otherParts[i]).includes(t.term) && !partSources.includes(t.term) && !(other.kind !== null && MEASURE_WORDS.has(t.term)),
    );
    // One word is too little to go by ("how many are still in the country?" is not answered by "150 countries"),
    // and a part about what the first one named ("how many boats does it include?") is answered beside it,
    // unless it names a piece of its own ("what does the Arab News report say China pledged under it?").
    const own = (c: Candidate) =>
      partTerms.length >= MIN_OWN_PART_TERMS &&
      (!refersToFirstPart(otherParts[i]) || partSources.length > 0) &&
      coverage(c.text, partTerms) >= OWN_PART_COVERAGE;
    // A part is placed where it says, not where another part is ("the premier who spoke in Shanghai and the minister
    // who hosted the talks"), unless it speaks of what or where the first part named ("…, and how many were killed there?").
    const partAsked = refersToFirstPart(otherParts[i]) || /\bthere\b/i.test(otherParts[i]) ? asked : { ...asked, places: placesIn(withNameCasing(otherParts[i], isName), kindsOfName) };
    return { ranked: rankSentences(passages, queryTerms, other, partAsked), own, named: other.names.length > 0 };
  });
  const best = candidates.find((c) => c.answers);
  // A first part the documents do not answer leaves the answer to the parts they do, each on its own words
  // and naming what it asks about: "When did the summit run, and which Valan leader spoke at it?". "…, and
  // how many people were killed?" says not where.
  if (!best) {
    const partAnswers = furtherParts
      .map(({ ranked, own, named }) => (named ? ranked.find((c) => c.answers && own(c)) : undefined))
      .filter((c) => c !== undefined);
    return [...new Set(partAnswers)].map((c) => withMarker(c.text, c.passage + 1)).join(" ");
  }
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0) || 1;
  const chosen = [best];
  // "…, and how many jets does it include?": each further question adds its best answer from the same file.
  // A part answered far off the question's other words ("how many are still …" by "150 countries") is not.
  const alongside = (c: Candidate) =>
    passages[c.passage].source === passages[best.passage].source && c.score >= PART_ANSWER_SHARE * best.score;
  furtherParts.forEach(({ ranked, own }) => {
    const answer = ranked.find((c) => c.answers && (alongside(c) || own(c)));
    if (answer && !chosen.some((c) => c.text === answer.text)) chosen.push(answer);
    // One sentence answering both ("… expelled 80,000 since the end of March") leaves the first part its next answer:
    // "how many since 2023, and how many since March?" asks two figures.
    else if (answer?.text === best.text) {
      const next = candidates.find((c) => c.answers && c.text !== best.text && c.score >= NEXT_ANSWER_SHARE * best.score);
      if (next && !chosen.some((c) => c.text === next.text)) chosen.push(next);
    }
  });
  // "What four priorities …?" answered by "Second is to …": the enumeration it is part of, whole and alone.
  // …as many as asked for ("four priorities"), or, asked none, the enumeration the best answer opens.
  const listItem = shape.kind === "list" ? candidates.find((c) => c.answers && isListItem(c.text)) : undefined;
  const items = listItem ? sentences(passages[listItem.passage].text).filter(isListItem) : [];
  const itemCount = itemsAsked(question);
  if (listItem && (itemCount === null ? listItem === best : items.length === itemCount)) {
    return items.map((text) => withMarker(text, listItem.passage + 1)).join(" ");
  }
  // Further sentences must give the kind of answer too; a "which" answer may be completed by plain prose.
  const typed = shape.kind !== null && shape.kind !== "which";
  // Of pieces joined, another piece's figure must be about what the best answer names ("CPEC"), not another deal.
  // …or its initials: "KVT" is the "Kesk Valley Tunnel" of another piece.
  const namedByBest = shape.names.filter((name) => mentionsName(best.terms, name));
  const namesIn = (present: ReadonlySet<string>, name: string) =>
    mentionsName(present, name) || shape.nameGroups.some((words) => words.length >= 2 && words.includes(name) && present.has(initialsOf(words)));
  const aboutBestsSubject = (c: Candidate) => !asked.joinsPieces || namedByBest.length === 0 || namedByBest.some((name) => namesIn(c.terms, name));
  // How well each query term is matched by the sentences chosen so far (0–1).
  const matched = queryTerms.map((t) => Math.max(...chosen.map((c) => termMatch(c.terms, t))));
  // Sentences ranked above the best answering one were judged not to answer; they stay out.
  for (const candidate of candidates.slice(candidates.indexOf(best) + 1)) {
    if (chosen.length >= MAX_SENTENCES) break;
    if (chosen.some((c) => c.text === candidate.text) || (typed && (!candidate.answers || !aboutBestsSubject(candidate)))) continue;
    const gains = queryTerms.map((t, i) => Math.max(0, termMatch(candidate.terms, t) - matched[i]));
    // A sentence right next to a chosen one often completes it ("…after his meetings with …").
    const adjacent = chosen.some((c) => c.passage === candidate.passage && Math.abs(c.position - candidate.position) === 1);
    const addedWeight =
      gains.reduce((sum, gain, i) => sum + gain * queryTerms[i].weight, 0) / total + (adjacent ? ADJACENT_BONUS : 0);
    // The best answer's own article usually goes on about the same thing; another article may not.
    const minAdded = passages[candidate.passage].source === passages[best.passage].source ? MIN_ADDED_COVERAGE_SAME_FILE : MIN_ADDED_COVERAGE;
    if (addedWeight >= minAdded || candidate.score >= NEAR_BEST * best.score) {
      chosen.push(candidate);
      gains.forEach((gain, i) => (matched[i] += gain));
    }
  }
  // "Dr. Zubair is author of …": who that is in full, where the passage names them so.
  for (const sentence of [...chosen]) {
    if (chosen.length >= MAX_SENTENCES) break;
    const fullName = sentenceNamingInFull(sentence, passages[sentence.passage]);
    if (fullName && !chosen.some((c) => c.passage === fullName.passage && c.position === fullName.position)) chosen.push(fullName);
  }
  // "What figures do the reports give …?": each other piece's own answer, though it adds no new word.
  if (asked.joinsPieces && typed) {
    // …about the same thing: a name the best answer itself gives ("China"), not another deal of that piece.
    for (const candidate of candidates) {
      const source = passages[candidate.passage].source;
      if (
        candidate.answers &&
        candidate.score >= PART_ANSWER_SHARE * best.score &&
        aboutBestsSubject(candidate) &&
        !chosen.some((c) => passages[c.passage].source === source)
      ) {
        chosen.push(candidate);
      }
    }
  }
  // "What titles is he given in the two reports?": each other title, though it adds no new word.
  if (shape.kind === "office" && (asked.joinsPieces || /\b(?:titles|designations|offices)\b/i.test(question))) {
    const titlesOf = (c: Candidate) => shape.names.flatMap((name) => titlesBefore(c.text, name));
    const given = new Set(chosen.flatMap(titlesOf));
    for (const candidate of candidates) {
      if (chosen.length >= MAX_SENTENCES) break;
      const titles = candidate.answers ? titlesOf(candidate) : [];
      if (titles.some((title) => !given.has(title))) {
        chosen.push(candidate);
        titles.forEach((title) => given.add(title));
      }
    }
  }
  // The best answer leads; the rest keep document order so the quote reads naturally.
  chosen.sort((a, b) => Number(b === best) - Number(a === best) || a.passage - b.passage || a.position - b.position);
  return chosen.map((c) => withMarker(c.text, c.passage + 1)).join(" ");
}

function rankSentences(passages: Passage[], queryTerms: WeightedTerm[], shape: QuestionShape, asked: AskedAs): Candidate[] {
  const wantsNumber = NUMBER_OR_TIME_KINDS.has(shape.kind);
  const name = mostSpecificName(shape, queryTerms);
  // A misspelt or shortened name is looked for as the corpus spells it too.
  const formsOf = (term: string) => [term, ...(queryTerms.find((t) => t.term === term)?.corrections ?? [])];
  const nameForms = name ? formsOf(name) : [];
  // …or by the initials of the name it is part of, exactly: "fund" of "International Monetary Fund" is in "IMF".
  const nameInitials = name ? shape.nameGroups.filter((words) => words.length >= 2 && words.includes(name)).map(initialsOf) : [];
  // …or written out, where the name is initials: "BRI" is the "Belt and Road Initiative" of the sentence before.
  const nameWrittenOut = name ? asked.writtenOut(name.toUpperCase()) : [];
  // A name given in full ("Amir Khan Muttaqi", not "Kabul") must be in the file: one about someone else does not answer.
  const fullNames = shape.nameGroups.filter((words) => words.length >= 2 && !words.some((w) => shape.sourceNames.includes(w)));
  const questionTerms = new Set([...queryTerms.map((t) => t.term), ...asked.spelledOut]);
  // Who wrote or published a piece is said in a byline or credit line, outside its prose.
  const creditLine = creditLineFor(shape.kind);
  // A source the corpus never names ("the Arab News report") cannot tell files apart; of pieces joined, each names its own.
  const sources = shape.sourceNames.filter((source) => queryTerms.find((t) => t.term === source)?.inCorpus !== false);
  // …as the corpus spells it: "the china-pak op-ed" is the one naming Pakistan.
  const namesSource = (passage: Passage, source: string) => formsOf(source).some((form) => mentionsName(passage.fileTerms, form));
  const fromSource = (passage: Passage) =>
    asked.joinsPieces && sources.length > 0
      ? sources.some((source) => namesSource(passage, source))
      : sources.every((source) => namesSource(passage, source));
  // The words asking for a sum or a purpose rank nothing: "How much is CPEC worth?" is not answered by another deal
  // "worth" $4 billion, "What is the end goal of …?" by a sentence about other goals.
  const askingWords = ASKING_WORDS.get(shape.kind);
  // …nor do the words telling which piece to read ("According to the May 21 report datelined Beijing, …"): they say where, not what.
  // …nor how many answers it asks for ("which three sectors" is not answered by a "three-day visit").
  const rankedTerms = queryTerms.filter(
    (t) => !askingWords?.has(t.term) && !asked.describesPiece.has(t.term) && !shape.answerCounts?.includes(t.term),
  );
  const domainsAsked = shape.kind === "which" && shape.several === true ? shape.focus.filter((term) => DOMAIN_KINDS.has(term)) : [];
  // A kind of thing names are given for (WordNet's "country", "city", "organization"), not "sectors".
  const kindAsked = shape.kind === "which" && shape.focus.some((f) => asked.kindsOfName.namedKinds?.has(f));
  const candidates: Candidate[] = [];
  passages.forEach((passage, passageIndex) => {
    // Words the passage capitalises inside a sentence are names, wherever else they stand ("China proposed …").
    // …on the same line: a heading's last word does not make the next line's first word a name.
    const namedMidSentence = new Set([...passage.text.matchAll(/(?<=[\p{L}\d,;][ \t]+)\p{Lu}[\p{L}'’-]*/gu)].map(([word]) => word));
    // "Which premier met Sharif in Beijing and also spoke in Shanghai?" joins two pieces: each name is in one of them.
    const namesFiles = asked.joinsPieces ? passages : [passage];
    for (const { text, position, present, soFar, near, next, section, heading } of readSentences(passage)) {
      const byline = creditLine?.(text) ?? false;
      // A credit line may be short ("Copyright Business Recorder, 2025") and share no word with the question.
      if (text.split(/\s+/).length < MIN_WORDS && !byline) continue;
      // "What does ETIM stand for?": the name written out, whatever else the sentence is about.
      const expands = shape.kind === "expansion" && spellsOut(text, shape.initials ?? "");
      const spelledOut = asked.namesByInitials.filter(({ initials }) => initials.test(text)).map(({ name }) => name);
      // "Which sectors …?" is answered by a list of them ("cooperation in agriculture, industry, and investment"), the word for them unsaid.
      const listsDomains = domainsAsked.length > 0 && DOMAINS_LISTED.test(text);
      const sentenceCoverage = coverage([text, ...spelledOut, ...(listsDomains ? domainsAsked : [])].join(" "), rankedTerms);
      if (sentenceCoverage === 0 && !byline && !expands) continue;
      // Rank breaks near-ties in favour of passages retrieval trusted more.
      let score = sentenceCoverage + 0.05 / (1 + passageIndex);
      // Questions asking "when" or "how many" are answered by sentences with a date or number.
      if (wantsNumber && (hasNumber(text) || hasTime(text))) score += ANSWER_TYPE_BONUS;
      // …and "which countries" by a sentence naming some ("the United States and Iran"), over one saying "both countries".
      if (kindAsked && otherNames(text, questionTerms).some((n) => isOfKind(n, shape.focus, queryTerms, asked.kindsOfName))) {
        score += ANSWER_TYPE_BONUS;
      }
      if (byline || expands) score += ANSWER_TYPE_BONUS;
      // Headings and captions (no closing punctuation) rarely answer anything by themselves.
      if (heading) score -= HEADING_PENALTY;
      // Words the question quotes are the text's own: "described as a 'done deal'" points at where it says so.
      if (asked.quoted.some((phrase) => plainText(text).includes(phrase))) score += QUOTED_BONUS;
      // What the sentence is about: its own words, the sentence before, the opening of its article or section.
      // A thing may be named before the name it answers for ("China was the first country … Several other
      // states, including the UAE, followed"); a figure belongs to its own sentence's subject, not the next one's.
      const context = new Set([...near, ...(wantsNumber ? [] : next), ...section, ...passage.openingTerms]);
      // "since the end of March 2025": "since the end of March" says it in a piece of that year, whatever other year it names.
      const monthOfItsYear = (figure: string) => {
        const month = asked.monthOfYear.get(figure);
        return month !== undefined && present.has(month) && passage.fileTerms.has(figure);
      };
      const answers = shape.kind === "expansion" ? expands && fromSource(passage) :
        // "Who wrote the op-ed on Pakistan's AI policy?": the names say what the piece is about, anywhere in it.
        // Of pieces joined ("The CISS article and Arab News both give …"), the name may be another piece's.
        (!name ||
          (asked.joinsPieces ? namesFiles.map((p) => p.fileTerms) : [creditLine ? passage.fileTerms : context]).some(
            (said) =>
              nameForms.some((form) => mentionsName(said, form)) ||
              nameInitials.some((initials) => said.has(initials)) ||
              (nameWrittenOut.length > 0 && nameWrittenOut.every((term) => said.has(term))),
          )) &&
        fullNames.every(
          (words) =>
            words.every((word) => formsOf(word).some((form) => namesFiles.some((p) => mentionsName(p.fileTerms, form)))) ||
            // …or by its initials: "International Monetary Fund" is the "IMF" of the text.
            namesFiles.some((p) => p.fileTerms.has(initialsOf(words))),
        ) &&
        fromSource(passage) &&
        // "He holds a Ph.D. …" is about whoever was named just before it, not any person of the section.
        // (By surname: "Dr" is anyone's.)
        (!/^(?:He|She)\b/.test(text) || fullNames.every((words) => formsOf(words.at(-1)!).some((form) => mentionsName(near, form)))) &&
        // "Was it first proposed in 2021?" is answered by the year it was, if another.
        shape.numbers.every(
          (figure) =>
            mentionsFigure(soFar, figure) || (asked.yearsHappened.includes(figure) && namesOtherYear(text, [figure])) || monthOfItsYear(figure),
        ) &&
        // "How many JF-17 fighters …?" is not answered by a count of Karakoram-8 aircraft.
        (!COUNTING_KINDS.has(shape.kind) || shape.models.every((term) => present.has(term))) &&
        !namesOtherYear(text, shape.numbers.filter((figure) => !asked.yearsHappened.includes(figure) && !monthOfItsYear(figure))) &&
        // "Is the meeting going to be held in Beijing?" is answered by where it will be held, if elsewhere.
        (asked.yesNo || !placedElsewhere(text, present, asked)) &&
        // "How long did the prime minister spend in Beijing?" is not answered by the deputy prime minister's visit.
        !(asked.office.length > 0 && onlyAnotherOffice(text, asked.office, questionTerms)) &&
        // A heading ("CPEC 2.0 — Open for Business, Including Third Parties") names a topic; it gives no answer of a kind.
        !(heading && shape.kind !== null && !creditLine) &&
        givesKind(text, present, shape, queryTerms, questionTerms, context, [near, next], asked.kindsOfName, namedMidSentence);
      candidates.push({ passage: passageIndex, position, text, terms: present, score, answers });
    }
  });
  return candidates.sort((a, b) => b.score - a.score);
}

/**
 * Words that stand for one another where WordNet does not link them: being in charge ("Who runs the
 * embassies?" — "they are led by charge d'affaires"), dying ("how many died" — "had killed at least 46"),
 * going somewhere ("how long was the trip" — "a four-day visit").
 */
const FAMILIES = [
  new Set(terms("lead leads head heads run runs chair chairs command commands manage manages direct directs helm")),
  new Set(terms("die died dies dead death deaths kill killed kills killing fatalities casualties")),
  new Set(terms("trip trips visit visits tour tours journey journeys travel stay stays stayed")),
  new Set(terms("back backs backed backing support supports supported endorse endorses endorsed endorsement")),
  new Set(terms("work works worked serve serves served employ employed")),
  new Set(terms("choose chose chosen select selected pick picked decide decided")),
  // A degree is earned, then held: "Where did she earn her doctorate?" — "She holds a Ph.D. from …".
  new Set(terms("earn earns earned obtain obtains obtained hold holds possess possesses")),
];

/** Announcing is saying ("Who announced …?" — "…, Wang said"); "say" itself is a stopword, so it is read from the text. */
const SAYING_WORDS = new Set(
  terms("announce announced announcement declare declared describe described call called term termed dub dubbed label labelled hail hailed"),
);
const SAYS = /\b(?:said|says|say|told|tells|stated|announced|declared|described|describing|termed|terming|called|calling|dubbed|hailed)\b/i;

function inFamily(term: string, present: ReadonlySet<string>): boolean {
  return FAMILIES.some((family) => family.has(term) && [...family].some((word) => present.has(word)));
}

/** Words saying a sentence goes on with what the one before said: "Several other states … followed". */
const FOLLOWS_ON = /\b(?:followed(?: suit)?|likewise|did (?:the same|so))\b/i;

/** The initials of a name's words, as a term: "imf" for "intern monetari fund". */
function initialsOf(words: readonly string[]): string {
  return words.map((word) => word[0]).join("");
}

/** A subject that refers back to those just named: "Both countries", "The two sides", "They". */
const REFERS_BACK_SUBJECT =
  /^(?:(?:Additionally|Moreover|Furthermore|Also|In addition|Meanwhile|Separately|Likewise|Similarly),\s+)?(?:[Bb]oth (?:countries|sides|leaders|ministers|nations|governments)|[Tt]he two (?:countries|sides|leaders|ministers|nations|governments)|[Tt]hey|[Hh]e|[Ss]he)\b/;

/** What the question's wording says beyond its shape. */
interface AskedAs {
  /** It joins what two pieces say ("… and also …"): a name it gives may be in either. */
  joinsPieces: boolean;
  /** Terms only of the clause saying which piece to read, none the question asks about. */
  describesPiece: ReadonlySet<string>;
  /** Terms of the names its initials stand for in the passages ("artifici", "intellig" for "AI"): the question's own words. */
  spelledOut: string[];
  /** The terms of the passages' name that initials stand for ("BRI"), if any. */
  writtenOut: (initials: string) => string[];
  /** And, from the corpus, what a name is (its WordNet hypernyms' terms), where known. */
  kindsOfName: KindsOfName;
  /** The places it says something happened in ("killed in Afghanistan"): countries and cities. */
  places: { term: string; kind: "city" | "country" }[];
  /** The office it names ("prime" of "prime minister"): a sentence naming only another one (a deputy's) is about someone else. */
  office: string[];
  /** The names it spells out, by their initials: a sentence writing "CPEC" has the words of "China-Pakistan Economic Corridor". */
  namesByInitials: { name: string; initials: RegExp }[];
  /** Whether it asks yes or no ("Is the meeting to be held in Beijing?"): a sentence saying otherwise answers too. */
  yesNo: boolean;
  /** Of a yes-or-no question, the years it says something happened in ("… proposed in 2021?"): another year says otherwise. */
  yearsHappened: string[];
  /** The years it writes after a month ("since the end of March 2025"), each with that month's term. */
  monthOfYear: ReadonlyMap<string, string>;
  /** The words it quotes ("a 'done deal'"), as `plainText` writes them. */
  quoted: string[];
}

/** "in Afghanistan", "in the Gulf": where something is said to happen. */
const IN_PLACE = /\bin\s+(?:the\s+)?(\p{Lu}[\p{L}-]*)/gu;

/** What kind of place a name is, where WordNet knows it: a capital is a city, though also an "area, country". */
function placeKind(name: string, kindsOfName: KindsOfName): "city" | "country" | null {
  const kinds = kindsOfName(name) ?? [];
  if (kinds.includes(CITY_TERM)) return "city";
  return kinds.includes(COUNTRY_TERM) ? "country" : null;
}
const CITY_TERM = terms("city")[0];
const COUNTRY_TERM = terms("country")[0];

function placesIn(text: string, kindsOfName: KindsOfName): { term: string; kind: "city" | "country" }[] {
  // Kinds are known by the name as written ("beijing"), matched by its term ("beij").
  return [...text.matchAll(IN_PLACE)].flatMap(([, name]) => {
    const kind = placeKind(name.toLowerCase(), kindsOfName);
    return kind ? terms(name).map((term) => ({ term, kind })) : [];
  });
}

/**
 * Whether the sentence puts what it tells in another place of the same kind than the question, which it
 * never names: "20 Chinese nationals have been killed in Pakistan" does not say how many were in Afghanistan.
 */
function placedElsewhere(text: string, present: ReadonlySet<string>, asked: AskedAs): boolean {
  const askedPlaces = asked.places.filter(({ term }) => !mentionsName(present, term));
  if (askedPlaces.length === 0) return false;
  const kinds = new Set(askedPlaces.map(({ kind }) => kind));
  return placesIn(text, asked.kindsOfName).some(({ term, kind }) => kinds.has(kind) && !asked.places.some((place) => place.term === term));
}

const INITIALS = /\b\p{Lu}{2,6}\b/gu;

/**
 * The terms of the passages' names by their initials, indexed on first use: "BRI" → "Belt and Road Initiative",
 * "AI" → "Artificial Intelligence" within "World Artificial Intelligence Cooperation Organization".
 */
function namesWrittenOut(passages: Passage[]): (initials: string) => string[] {
  let index: Map<string, string[]> | undefined;
  const build = () => {
    const found = new Map<string, string[]>();
    for (const passage of passages) {
      for (const [run] of passage.text.matchAll(CAPITALISED_WORDS)) {
        const words = run.split(/\s+/).filter((word) => /^\p{Lu}/u.test(word));
        // Any stretch of the run: "Artificial Intelligence" within "World Artificial Intelligence Cooperation".
        for (let from = 0; from < words.length; from++) {
          for (let to = from + 2; to <= words.length && to - from <= 6; to++) {
            const initials = words.slice(from, to).map((word) => word[0]).join("");
            if (!found.has(initials)) found.set(initials, []);
            found.get(initials)!.push(...terms(words.slice(from, to).join(" ")));
          }
        }
      }
    }
    return new Map([...found].map(([initials, words]) => [initials, [...new Set(words)]]));
  };
  return (initials) => (index ??= build()).get(initials) ?? [];
}

/** The question's names of three or more capitalised words, each with the pattern of its initials: "China-Pakistan Economic Corridor", /\bCPEC\b/. */
function namesByInitials(question: string): AskedAs["namesByInitials"] {
  return namesWithInitials(question).flatMap(({ name, initials, words }) => (words >= 3 ? [{ name, initials: new RegExp(`\\b${initials}\\b`) }] : []));
}

/** A person named by title and surname alone: "Dr. Zubair", not "Dr. Bilal Zubair". */
const SURNAME_ONLY = /\b(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+(\p{Lu}[\p{L}'’-]+)\b(?!\s+\p{Lu})/gu;

/** The passage's first sentence naming in full someone the sentence names by title and surname alone. */
function sentenceNamingInFull(sentence: Candidate, passage: Passage): Candidate | null {
  const all = sentences(passage.text);
  for (const [, surname] of sentence.text.matchAll(SURNAME_ONLY)) {
    const inFull = new RegExp(`\\b(?!(?:Dr|Mr|Ms|Mrs|Prof)\\b)\\p{Lu}[\\p{L}'’-]+\\s+${surname}\\b`, "u");
    const position = all.findIndex((text) => inFull.test(text) && text.split(/\s+/).length >= MIN_WORDS);
    if (position >= 0 && position !== sentence.position) {
      return { passage: sentence.passage, position, text: all[position], terms: new Set(terms(all[position])), score: 0, answers: false };
    }
  }
  return null;
}

/** A length written before the noun it measures: "a three-day | visit", "a 900-km | highway". */
const LENGTH_OF = new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS.join("|")})-(?:day|week|month|year|hour|minute|km|kilometre|kilometer|mile)\\s+(?:long\\s+)?(\\p{L}+)`, "giu");
/** What a stay is measured by: "a three-day visit" says how long someone was somewhere. */
const STAYS = new Set(terms("visit trip stay tour"));
/** …or by itself: "lasted three days", "for two weeks". */
const LENGTH_ALONE = new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS.join("|")})\\s+(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilomet\\w+|miles?)\\b`, "i");

/** How many things the question asks for: 4 in "What four priorities …?", null if it does not say. */
function itemsAsked(question: string): number | null {
  const word = question.match(/\b(?:what|which|the)\s+(three|four|five|six|seven|eight|nine|ten|\d+)\s+\p{L}/iu)?.[1].toLowerCase();
  if (!word) return null;
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word);
}

interface SentenceInContext {
  text: string;
  position: number;
  heading: boolean;
  /** The sentence's terms; irregular verbs in their base form too ("held" answers "When did they hold talks?"). */
  present: Set<string>;
  /**
   * Terms of everything up to the sentence, from the text before the passage on: a figure may be
   * named earlier ("The deal …" after "… a deal worth $1.5 billion").
   */
  soFar: Set<string>;
  /**
   * Terms of the sentence and the one before. A name is the sentence's subject if it is here
   * ("It was a done deal," after "… jets to Sudan") or in the opening of the article or section;
   * further back it is another's ("… talks with Bangladesh on a defense deal" two sentences up).
   */
  near: Set<string>;
  /** Terms of the sentence after: a thing may be named before the name it answers for. */
  next: Set<string>;
  /** Terms of the headings and lede of the section the sentence is in, if it starts in the passage. */
  section: Set<string>;
}

/** The passage's sentences with what comes before each. */
function* readSentences(passage: Passage): Generator<SentenceInContext> {
  const soFar = new Set(termsWithBaseForms(passage.leadIn));
  let previous = new Set<string>();
  let previousNear = previous;
  // Whom the last "Both countries …" or "The two sides …" meant: the next such subject means them too, a
  // sentence on something else between ("Both countries … The proposed extension … Additionally, the two sides …").
  let referent = new Set<string>();
  const goOn = (text: string, present: Set<string>): Set<string> => {
    const refersBack = REFERS_BACK_SUBJECT.test(text);
    const near = new Set([...previous, ...present, ...(refersBack ? [...previousNear, ...referent] : [])]);
    if (refersBack) referent = near;
    previousNear = near;
    previous = present;
    return near;
  };
  // The lead-in's sentences are read alike, so a passage opening on "Both countries …" knows whom they are.
  for (const text of sentences(passage.leadIn)) goOn(text, new Set(termsWithBaseForms(text)));
  let section = new Set<string>();
  let inHeadings = false;
  let ledeLeft = 0;
  const all = sentences(passage.text);
  for (const [position, text] of all.entries()) {
    const present = new Set(termsWithBaseForms(text));
    const next = termsWithBaseForms(all[position + 1] ?? "");
    present.forEach((term) => soFar.add(term));
    // (A line ending in a link is a sentence: "This article was published in another form at https://…".)
    const heading = !/[.!?…]["'”’)\]]*$/.test(text) && !/\bhttps?:\/\/\S+$/.test(text);
    // A run of headings (headline, date line, bullets) and the sentences after it open a section.
    // (…and ends whom "they" or "she" were: the next section is about someone else.)
    if (heading && !inHeadings) {
      section = new Set();
      referent = new Set();
    }
    if (heading || ledeLeft > 0) present.forEach((term) => section.add(term));
    ledeLeft = heading ? LEDE_SENTENCES : Math.max(0, ledeLeft - 1);
    inHeadings = heading;
    // "Both countries expressed satisfaction …" goes on with whoever the sentences before were about.
    const near = goOn(text, present);
    yield { text, position, heading, present, soFar: new Set(soFar), near, next: new Set(next), section: new Set(section) };
  }
}

/**
 * The name that most narrows the question: one the corpus never uses (and is no slip of a word
 * it uses), else the rarest.
 * "Libyan" in "How many drones are in Pakistan's deal with the Libyan National Army?". A name
 * most passages mention ("China" in a corpus about China) narrows nothing, so none is returned.
 */
function mostSpecificName(shape: QuestionShape, queryTerms: WeightedTerm[]): string | null {
  let best: { term: string; rank: number } | null = null;
  for (const name of shape.names.filter((n) => !shape.sourceNames.includes(n))) {
    const t = queryTerms.find((q) => q.term === name);
    const rank = !t ? 0 : t.inCorpus || t.corrections?.length ? t.weight : Infinity;
    if (!best || rank > best.rank) best = { term: name, rank };
  }
  return best && best.rank >= IN_HALF_THE_CHUNKS ? best.term : null;
}

/**
 * For the words of `focus` the documents never use ("body"), the corpus terms WordNet (or everyday
 * usage) gives as their synonyms ("organisation"): not mere relatives, nor a slip's correction.
 */
function synonymsOf(focus: readonly string[], queryTerms: WeightedTerm[]): string[] {
  return focus.flatMap((term) => {
    const t = queryTerms.find((q) => q.term === term);
    if (!t || t.inCorpus) return [];
    return t.alternatives.filter((a) => a.weight >= SYNONYM_WEIGHT && !t.corrections?.includes(a.term)).map((a) => a.term);
  });
}

/** An owner written with "'s" ("which city's farmers" asks the owner's kind). */
const OWNER = /(?<!\b(?:which|what)\s+(?:\p{L}+\s+)?)\b(\p{L}+)['’]s\b(?=\s)/giu;

/** Whether the question names an owner the corpus has no word for, nor a slip of one, nor a relative. */
function ownerUnknown(question: string, queryTerms: WeightedTerm[]): boolean {
  return [...question.matchAll(OWNER)].some((m) =>
    terms(m[1]).some((term) => queryTerms.some((t) => t.term === term && !t.inCorpus && !t.corrections?.length && t.alternatives.length === 0)),
  );
}

/** Whether the sentence has the kind of answer asked for: a number, a time, a named role holder. */
function givesKind(
  written: string,
  present: ReadonlySet<string>,
  shape: QuestionShape,
  queryTerms: WeightedTerm[],
  questionTerms: ReadonlySet<string>,
  context: ReadonlySet<string>,
  /** The sentence's terms and its neighbours': where a name qualifying the kind asked must stand. */
  around: readonly ReadonlySet<string>[],
  kindsOfName: AskedAs["kindsOfName"],
  /** Words the passage capitalises inside sentences: names, also where they open one. */
  namedMidSentence: ReadonlySet<string> = new Set(),
): boolean {
  // A link's parts ("…/2025/08/01/beijing-trilateral…") give no date, figure or name; it may say where a piece was published.
  const text = shape.kind === "place" ? written : written.replace(WEB_ADDRESS, " ");
  const creditLine = creditLineFor(shape.kind);
  if (creditLine) return creditLine(text);
  const match = (term: string) => matchIn(present, term, queryTerms);
  const mentions = (term: string) => match(term) >= SYNONYM_MATCH;
  // A topic word must appear itself (or in another form, or one of its family): its WordNet synonyms are too loose ("last" for "live").
  // …or its derivation: "expulsion" for "expel".
  const mentionsTopic = (term: string) => match(term) >= DERIVED_MATCH || inFamily(term, present) || (SAYING_WORDS.has(term) && SAYS.test(text));
  // The focus ties the sentence to the question; without one, another of its words must.
  // "Which port …?" is answered by "Gwadar Port" or by a name: "Which country …?" by "… following China".
  // A name alone must be about what is asked: "Which company operates Gwadar Port?" is not answered by "Khunjerab Pass".
  if (shape.kind === "which") {
    const ofKind = (term: string) => kindMatch(term, shape.focus, queryTerms);
    // A name's head may be the kind one level up: "Gwadar Port" for "which seaport".
    const ofKindInName = (term: string) => ofKind(term) || (Math.max(0, ...shape.focus.map((f) => relatedMatch(term, f, queryTerms))) >= BROADER_KIND_MATCH ? BROADER_KIND_MATCH : 0);
    const qualifiedAsAsked =
      // "Which Indian minister …?" is not answered beside "foreign ministers of Pakistan", whatever other name is there.
      !kindQualifiedOtherwise(text, ofKind, shape.focusModifiers) &&
      // …and one qualified by a name ("Indian minister", "Central Asian state") is that name's: it stands close by.
      shape.nameGroups
        .filter((group) => group.some((word) => shape.focusModifiers.includes(word)))
        // …written out or by its initials ("United Nations", "UN").
        .every(
          (group) =>
            group.every((word) => around.some((said) => mentionsName(said, word))) ||
            (group.length > 1 && around.some((said) => said.has(group.map((word) => word[0]).join("")))) ||
            // …or initials written out: "AI body" — "a World Artificial Intelligence Cooperation Organisation".
            (group.length === 1 && /^[a-z]{2,5}$/.test(group[0]) && writesOutInitials(text, group[0])),
        );
    return (
      (namesWhich(text, ofKind, questionTerms, shape.focusModifiers, shape.another, ofKindInName) && qualifiedAsAsked) ||
      // "What years does the plan cover?" is answered by the years ("a 2025-2029 action plan").
      (shape.focus.includes(YEAR_TERM) && hasYear(text, shape.numbers) && shape.topic.filter((t) => !ROLE_TENSE.has(t)).every(mentionsTopic)) ||
      // A name WordNet knows must be of the kind asked: "China" is no ministry, "Beijing" no minister.
      // A person is no place: "President Xi Jinping" does not answer "which city".
      // …nor are initials WordNet does not know ("TTP") a city (a country may be: "UAE").
      // …also one opening the sentence, where the passage writes it as a name mid-sentence too ("China was the first country …").
      (([...otherNames(text, questionTerms), ...openingName(text, namedMidSentence, questionTerms)].some(
        (name) =>
          !(shape.focus.some((f) => PLACE_KINDS.has(f)) && titledPerson(text, name)) &&
          !(shape.focus.some((f) => LOCALITY_KINDS.has(f)) && unknownInitials(text, name, kindsOfName)) &&
          isOfKind(name, shape.focus, queryTerms, kindsOfName),
      ) ||
        (shape.several === true && enumerates(text, questionTerms, { lowercase: shape.focus.some((f) => SECTOR_KINDS.has(f)) })) ||
        // "Which Chinese leader …?": "Premier Li Qiang" is someone, whatever WordNet knows of him.
        (shape.focus.some((f) => SOMEONE_KINDS.has(f)) && hasTitledName(text, questionTerms))) &&
        (shape.topic.length === 0 ||
          shape.topic.some(mentionsTopic) ||
          // "China was the first country to accept … Several other states, including the UAE, followed": the deed was said before.
          (FOLLOWS_ON.test(text) && shape.topic.some((term) => matchIn(around[0], term, queryTerms) >= PREFIX_MATCH))) &&
        qualifiedAsAsked)
    );
  }
  // The name pins the office down; the question's other words say where it was read ("in the two reports").
  // "Dar's other title besides FM": an office with a word the question does not give, nor stand for.
  if (shape.kind === "office") {
    const inQuestion = (term: string) => questionTerms.has(term) || queryTerms.some((t) => relatedMatch(term, t.term, queryTerms) > 0);
    const titles = shape.names.flatMap((name) => titlesBefore(text, name));
    return shape.another ? titles.some((title) => title.split(" ").some((term) => !inQuestion(term))) : titles.length > 0;
  }
  if (shape.focus.length > 0) {
    // People counted may be named otherwise ("IT professionals" for "IT workers"): `countsPeople` below holds them to a number.
    if (!matchesFocus(shape, (term) => mentions(term) || (shape.kind === "count" && namesPeopleAlike(present, term)))) return false;
  } else if (DATE_KINDS.has(shape.kind)) {
    if (!aboutTheEvent(present, context, shape, queryTerms)) return false;
  } else if (shape.kind && shape.topic.length > 0 && !shape.topic.some(mentionsTopic)) {
    // A figure or date is pinned by names as well; a deed ("Who leads …?") is not.
    if (!NUMBER_OR_TIME_KINDS.has(shape.kind) || !pinnedByNames(present, shape)) return false;
  }
  // "When will Sudan get the jets?" is not answered by what was done "last year".
  if (shape.future && !SPEAKS_OF_FUTURE.test(text)) return false;
  switch (shape.kind) {
    case "count":
      // "How many … have been injured?" is not answered by how many were killed.
      if (shape.deed?.length && !shape.deed.every(mentions)) return false;
      // …nor "How many were killed in the Vala storm?" by a toll of something else.
      if (shape.deedWhere?.length && !shape.deedWhere.some((term) => mentionsTopic(term) || mentionsName(present, term))) return false;
      // "How many people went to the conference?" is not answered by "13 concrete … measures".
      if (shape.people && !countsSomePeople(text, shape.numbers)) return false;
      return (
        hasCount(text, shape.numbers, shape.focus.length > 0 ? (term, beforeNumber) => countsFocus(term, beforeNumber, shape, queryTerms) : undefined) ||
        shape.focus.some((counted) => countsPeople(text, counted, questionTerms, shape.numbers))
      );
    case "quantity":
      return hasQuantity(text, shape.numbers);
    case "percentage":
      return hasPercentage(text);
    case "extent": {
      if (!hasExtent(text, shape.numbers)) return false;
      // "How long did the meeting last?" is not answered by "a three-day visit": a length written before a
      // noun measures that noun, which must be what is asked about.
      const measured = [...text.matchAll(LENGTH_OF)].map((m) => terms(m[1])[0]).filter(Boolean);
      const ofAsked = (noun: string) =>
        (shape.stay === true && STAYS.has(noun)) || shape.topic.some((t) => matchIn(new Set([noun]), t, queryTerms) >= DERIVED_MATCH || inFamily(t, new Set([noun])));
      // (A question naming only its subject, "How long is the KKH?", has no other word to hold the noun to.)
      return measured.length === 0 || shape.topic.length === 0 || LENGTH_ALONE.test(text.replace(LENGTH_OF, " ")) || measured.some(ofAsked);
    }
    case "age":
      return hasAge(text);
    case "reason":
      return hasReason(text) || (shape.significance === true && weighsSignificance(text));
    case "purpose":
      return hasPurpose(text);
    case "statement":
      return saidBy(text, shape.speakers ?? []);
    case "list":
      return hasList(text);
    case "place":
      return hasPlace(text, questionTerms);
    case "date":
      return shape.month ? hasMonth(text) : hasTime(text, questionTerms);
    case "year":
      return hasYear(text, shape.numbers);
    case "day":
      return hasDay(text);
    case "person":
      // The office must be the one asked after: "President Xi Jinping of China" is no president of Pakistan.
      if (shape.owners?.length && officeOfAnother(text, shape.focus, shape.owners)) return false;
      return hasPersonName(text, questionTerms) && !onlyAnotherOffice(text, shape.focus, questionTerms);
    case "name":
      // "the name of the international body" — "a World AI Cooperation Organization": beside the thing or a synonym of it.
      return hasNameBeside(text, [...shape.focus, ...synonymsOf(shape.focus, queryTerms)], questionTerms);
    case "money":
      return hasMoney(text, shape.numbers);
    case "agent":
      // …and about what was done: "Who proposed the peace initiative?" is not answered by "China's proposal to set up an organisation".
      if (shape.deed?.length) {
        const object = shape.topic.filter((t) => !shape.deed!.includes(t));
        // …in its own words: a "proposal … backed" is not the initiative "that they supported".
        if (object.filter((term) => match(term) >= DERIVED_MATCH).length < AGENT_OBJECT_SHARE * object.length) return false;
      }
      // "Who founded the centre?" is not answered by "He can be found on Twitter": the doer is named, or their office.
      if (!namesDoer(text, present, questionTerms, namedMidSentence)) return false;
      return (shape.deed ?? []).every(mentionsTopic);
    default:
      // "Who came up with the initiative?" is not answered by who supported it, nor "Did India react to the plan?"
      // by what India did otherwise: the deed itself, a close synonym or one of its family ("who runs" — "led by").
      return (shape.deed ?? []).every(mentionsTopic);
  }
}

/**
 * Whether a sentence giving a time is about the event asked after: a date sits beside many
 * events ("Last month, Islamabad struck a deal …" does not say when jets will be delivered),
 * so every word of the event must appear, in the sentence, the one before it or the opening of its
 * article or section; further back, a word may belong to another event. A question naming two
 * or more things in four or more words ("When did Xi Jinping put forward the Global AI
 * Governance Initiative?") is pinned down by the names alone when the sentence has them all:
 * its verb may be paraphrased ("proposed"). "The Taliban" and "Kabul" pin down nothing.
 */
function aboutTheEvent(
  present: ReadonlySet<string>,
  context: ReadonlySet<string>,
  shape: QuestionShape,
  queryTerms: WeightedTerm[],
): boolean {
  // The start or end itself must be said: WordNet's relatives of "end" are too loose ("default").
  const said = (term: string) =>
    PHASE_WORDS.has(term)
      ? matchIn(context, term, queryTerms) >= PREFIX_MATCH || [...phaseFamily(term)].some((word) => context.has(word))
      : matchIn(context, term, queryTerms) >= SYNONYM_MATCH;
  // Names pin down the thing, not when it ends or begins: "When will the highway realignment be completed?"
  // is not answered by the plan's years unless the sentence speaks of completing it.
  const phase = shape.topic.filter((term) => PHASE_WORDS.has(term));
  return (pinnedByNames(present, shape) && phase.every(said)) || shape.topic.every(said);
}

/** Words for the start or end of something, which a date answers only when the sentence speaks of them. */
const START_WORDS = new Set(terms("begin begins began begun beginning start starts started onset launch launched commence commenced inception outset"));
const END_WORDS = new Set(terms("finish finished complete completed completion end ends ended expire expires conclude concludes concluded"));
const PHASE_WORDS = new Set([...START_WORDS, ...END_WORDS]);
/** The words saying the same phase: "the onset of the programme in November 2023" says when it started. */
const phaseFamily = (term: string): Set<string> => (START_WORDS.has(term) ? START_WORDS : END_WORDS);

/**
 * Whether a word beside a number names what is counted: the counted noun, or a word qualifying
 * it ("Chinese"), which stands after the number ("20 Chinese nationals", not "Afghanistan put two states").
 */
function countsFocus(term: string, beforeNumber: boolean, shape: QuestionShape, queryTerms: WeightedTerm[]): boolean {
  const word = new Set([term]);
  // With qualifying words to go by, a loose synonym is not enough: "two states" are not "Chinese nationals".
  const threshold = shape.focusModifiers.length > 0 ? PREFIX_MATCH : SYNONYM_MATCH;
  return (
    shape.focus.some((focus) => matchIn(word, focus, queryTerms) >= threshold) ||
    (!beforeNumber && shape.focusModifiers.some((modifier) => matchIn(word, modifier, queryTerms) >= SYNONYM_MATCH))
  );
}

/**
 * Whether the sentence has every name of a question naming two or more things in four or more
 * words, or in three with a person's or place's full name among them: "the Afghan Taliban",
 * "Pakistani" and "Paktika" pin down the strike whatever its verb, "Shehbaz Sharif" and "Beijing"
 * the visit; "Pakistan", "Afghanistan" and "Beijing" do not.
 */
function pinnedByNames(present: ReadonlySet<string>, shape: QuestionShape): boolean {
  // Who said it ("as the Consul General describes it") is said in the byline, not beside the figure: it pins down nothing.
  const groups = shape.nameGroups.filter((group) => !group.every((name) => shape.sourceNames.includes(name)));
  const names = shape.names.filter((name) => !shape.sourceNames.includes(name));
  const fullName = groups.some((group) => group.length >= 2);
  const enoughNames = groups.length >= 2 && names.length >= MIN_PINNING_NAME_WORDS - (fullName ? 1 : 0);
  return enoughNames && names.every((name) => mentionsName(present, name));
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

/** 1 when `term` is the word asked for, less for a WordNet relative, 0 for any other word. */
/**
 * Whether a name may be of the kind asked: WordNet does not know it, or knows it as one ("Uzbekistan"
 * is a country). Only for kinds some name of the corpus is known to be ("country", "city"): anything
 * may stand for an abstract kind ("Taiwan" for an interest).
 */
function isOfKind(name: string, focus: readonly string[], queryTerms: WeightedTerm[], kindsOfName: AskedAs["kindsOfName"]): boolean {
  // Sectors and fields are named by common nouns ("agriculture"): "Afghanistan" or "Belt and Road Initiative" is none.
  if (focus.some((f) => SECTOR_KINDS.has(f))) return false;
  const kinds = kindsOfName(name);
  const asksPerson = focus.some((f) => PERSON_ROLES.has(f));
  // "Which Indian official …?" is not answered by a country or a city, whatever names the corpus knows as officials,
  // nor by anything else WordNet knows that is no person ("the Gulf"), nor by a model's name ("JF-17s").
  if (asksPerson && ((kinds && (kinds.includes(LOCATION_TERM) || !kinds.includes(PERSON_TERM))) || /\d/.test(name))) return false;
  // A name WordNet does not know may say its kind in its last word: a "… Cooperation Organisation" is no province.
  // (Only for places: what a "body" or "group" is, is too loose to tell.)
  const head = name.includes(" ") ? terms(name.split(" ").at(-1)!)[0] : undefined;
  if (!kinds && head && focus.some((f) => PLACE_KINDS.has(f)) && kindsOfName.namedKinds?.has(head) && !PLACE_KINDS.has(head)) {
    return kindMatch(head, focus, queryTerms) > 0;
  }
  // …nor one whose last word is an English noun of another kind: "Global AI Governance Initiative", "Islamabad Talks".
  if (!kinds && head && focus.some((f) => PLACE_KINDS.has(f)) && !PLACE_KINDS.has(head) && isEnglishWord(name.split(" ").at(-1)!)) return false;
  // "Which body …?" likewise: the "Global AI Governance Initiative" is no body, the "… Cooperation Organisation" is one.
  // (A person's name, "Xi Jinping", is none either.)
  if (!kinds && head && focus.some((f) => BODY_KINDS.has(f))) {
    return kindMatch(head, focus, queryTerms) > 0 || (isEnglishWord(name.split(" ").at(-1)!) && !NOT_BODIES.has(head));
  }
  // "Which premier …?" is not answered by the "High-Level Meeting" or the "World … Conference (WAIC)": a name
  // WordNet does not know is someone only if none of its words is an English word ("Li Qiang", "Aamir Masood").
  if (!kinds && asksPerson && name.split(" ").some(isEnglishWord)) return false;
  if (!kinds || !focus.some((f) => kindsOfName.namedKinds?.has(f))) return true;
  // A city is no country, though WordNet's kinds of both reach "area": "Kabul" does not answer "which countries".
  const place = placeKind(name, kindsOfName);
  const placeAsked = focus.includes(CITY_TERM) ? "city" : focus.includes(COUNTRY_TERM) ? "country" : null;
  if (place && placeAsked && place !== placeAsked) return false;
  return kinds.some((kind) => focus.includes(kind) || kindMatch(kind, focus, queryTerms) > 0);
}

/** "Body" asks for an organised one, named as such ("… Cooperation Organisation"); other kinds' names vary too much ("… Strategic Studies"). */
const BODY_KINDS = new Set(terms("body bodies"));
/** What names of plans and events end in: "… Governance Initiative", "… Action Plan", "… Islamabad Talks". */
const NOT_BODIES = new Set(terms("initiative plan policy programme program project strategy framework conference meeting summit talks dialogue corridor agreement deal statement declaration"));
const LOCATION_TERM = terms("location")[0];
const PERSON_TERM = terms("person")[0];
/** Whether a sentence names someone the question does not, or an office: "Vala proposed it", "led by a charge d'affaires". */
function namesDoer(text: string, present: ReadonlySet<string>, questionTerms: ReadonlySet<string>, namedMidSentence: ReadonlySet<string>): boolean {
  return (
    openingName(text, namedMidSentence, questionTerms).length > 0 ||
    hasOtherName(text, questionTerms) ||
    hasPersonName(text, questionTerms) ||
    [...present].some((t) => PERSON_ROLES.has(t)) ||
    // "The lamp is lit by the keeper": a passive names its doer.
    PASSIVE_DOER.test(text)
  );
}
const PASSIVE_DOER = /\b(?:is|are|was|were|been|being)\s+(?:\p{L}+\s+){1,3}by\s+(?!far\b)(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?\p{L}/iu;

/** Kinds of place a "which" question may ask for. */
const PLACE_KINDS = new Set(terms("province city town village country state nation region district area territory capital port"));

/** Kinds of person a "which" question may ask for. */
const PERSON_ROLES = new Set(
  terms(
    // "affaires" of "charge d'affaires", whose "charge" is also an accusation.
    "official officer minister leader diplomat envoy ambassador affaires spokesman spokesperson spokeswoman general commander president premier chief representative negotiator analyst author writer journalist researcher expert person politician",
  ),
);

/**
 * Whether every mention of the office in the sentence is another's: "President Xi Jinping of China",
 * "Chinese Premier Li Qiang" for an office of Pakistan. An office named without its owner may be anyone's.
 */
function officeOfAnother(text: string, office: readonly string[], owners: readonly string[]): boolean {
  const tokens = text.split(/\s+/);
  const role = office.at(-1);
  const ownerOf = (token: string | undefined) => (token && /^\p{Lu}/u.test(token) ? terms(token.replace(/['’]s?$/, ""))[0] : undefined);
  const isOwner = (term: string | undefined) => !!term && owners.some((owner) => term === owner || term.startsWith(owner.slice(0, 5)) || owner.startsWith(term.slice(0, 5)));
  const mentions = tokens.flatMap((token, i) => (terms(token)[0] === role ? [i] : []));
  if (mentions.length === 0) return false;
  return mentions.every((i) => {
    const before = ownerOf(tokens[i - 1]);
    const after = tokens.slice(i + 1, i + 5).findIndex((token) => /^of$/i.test(token));
    const ofWhom = after >= 0 ? ownerOf(tokens[i + 2 + after]) : undefined;
    const owner = before && !OFFICE_WORDS.has(before) ? before : ofWhom;
    return owner !== undefined && !isOwner(owner);
  });
}
/** Words of an office's own name ("Foreign Minister"), which name no owner. */
const OFFICE_WORDS = new Set(terms([...TITLES, "foreign", "interior", "deputy", "acting", "interim"].join(" ")));

/** The first word of an office the question names ("prime" in "… the prime minister spend …"), if any. */
function officeNamed(question: string): string[] {
  const office = terms(question).find((term) => OFFICE_TITLES.has(term));
  return office ? [office] : [];
}
const OFFICE_TITLES = new Set(terms(TITLES.filter((title) => !/^(?:Mr|Ms|Mrs|Dr|General|Chief)$/.test(title)).join(" ")));

/** A title ending the text: the name after it is a person's. */
const PERSON_TITLE = new RegExp(`\\b(?:${TITLES.join("|")})\\.?\\s+$`);

function titledPerson(text: string, name: string): boolean {
  const first = name.split(" ")[0];
  // The run may begin with the title itself: "president xi jinping".
  if (name.includes(" ") && PERSON_TITLE.test(`${first[0].toUpperCase()}${first.slice(1)} `)) return true;
  for (const m of text.matchAll(new RegExp(`\\b${first.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "giu"))) {
    if (PERSON_TITLE.test(text.slice(Math.max(0, m.index - 30), m.index))) return true;
  }
  return false;
}

/** The name a sentence opens with, lowercased, if the passage capitalises it mid-sentence and the question does not name it. */
function openingName(text: string, namedMidSentence: ReadonlySet<string>, questionTerms: ReadonlySet<string>): string[] {
  const opening = text.match(/^\p{Lu}[\p{L}'’-]*/u)?.[0];
  if (!opening || !namedMidSentence.has(opening) || terms(opening).every((term) => questionTerms.has(term))) return [];
  return [opening.toLowerCase()];
}

/**
 * A title and the words qualifying it, then up to three more words of the name: "Pakistani Deputy Prime Minister Ishaq | Dar",
 * "interim Foreign Minister Amir Khan | Muttaqi".
 */
const TITLE_THEN_NAME = new RegExp(`((?:\\p{L}+\\s+){0,3}(?:${TITLES.join("|")}))\\.?\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s+){0,3}$`, "u");

/** The titles the text gives someone named `name` (a term) before their name, as the terms of the office: "deputi prime minist". */
function titlesBefore(text: string, name: string): string[] {
  return [...text.matchAll(/\p{Lu}[\p{L}'’-]*/gu)].flatMap((m) => {
    const title = terms(m[0])[0] === name ? text.slice(Math.max(0, m.index - 80), m.index).match(TITLE_THEN_NAME)?.[1] : undefined;
    return title ? [terms(title).filter((term) => OFFICE_WORDS.has(term)).join(" ")] : [];
  });
}

/** Kinds any titled person is: "Which leader …?" is answered by "Premier Li Qiang". */
const SOMEONE_KINDS = new Set(terms("leader official person figure politician statesman dignitary individual"));
const TITLED_NAME = new RegExp(`\\b(?:${TITLES.join("|")})\\.?\\s+((?:\\p{Lu}[\\p{L}'’-]+\\s*){1,3})`, "gu");

/** Whether the sentence names someone by their title ("Premier Li Qiang") whom the question does not name. */
function hasTitledName(text: string, questionTerms: ReadonlySet<string>): boolean {
  return [...text.matchAll(TITLED_NAME)].some(([, name]) => !terms(name).every((term) => questionTerms.has(term)));
}

const LOCALITY_KINDS = new Set(terms("city town village capital province district"));

/** Whether the name is initials ("ttp", written "TTP") that WordNet does not know. */
function unknownInitials(text: string, name: string, kindsOfName: KindsOfName): boolean {
  return /^[a-z]{2,6}$/.test(name) && !kindsOfName(name) && new RegExp(`\\b${name.toUpperCase()}\\b`).test(text);
}

function kindMatch(term: string, focus: readonly string[], queryTerms: WeightedTerm[]): number {
  const match = Math.max(0, ...focus.map((f) => relatedMatch(term, f, queryTerms)));
  return match === 1 || match >= SYNONYM_MATCH ? match : 0;
}
