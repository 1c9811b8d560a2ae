import { isStopword, terms } from "./text";

/**
 * What a question asks for, read from its wording alone: the kind of answer ("how many" wants
 * a number, "when" a time, "who is the minister" a name), the word the answer must contain,
 * and the names that pin down what it is about. A quoting answerer uses this to tell a
 * sentence that answers from one that merely shares the question's words.
 */
export interface QuestionShape {
  kind: "quantity" | "date" | "person" | null;
  /** A term the answering sentence must contain: the counted thing ("drones"), the measured noun ("budget"), the role ("ambassador"). */
  focus: string | null;
  /** Terms of the capitalised words after the first: the names the question is about. */
  names: string[];
  /**
   * The question's other content terms, less words of measure ("worth", "long"): for a typed
   * question, the answering sentence must share at least one ("launched" in "When did Pakistan
   * launch …?"), or it is a date or figure about something else.
   */
  topic: string[];
}

/** `\b(a|b|c)\b` from a list of words. */
const anyWord = (words: string, flags = "i") => new RegExp(`\\b(${words.trim().split(/\s+/).join("|")})\\b`, flags);

/** Nouns that make "what is the …" a quantity question ("What is the budget of …?"). */
const QUANTITY_NOUNS = anyWord(`
  budget cost costs price prices rate percentage population salary revenue length distance
  capacity volume speed age height width depth weight area`);
const ASKS_AMOUNT = /\b(how much|what (is|was|are|were|will be))\b/i;
const ASKS_QUANTITY =
  /\bhow (many|much|long|far|old|fast|big|large|high|tall|wide|heavy)\b|\bwhat (percentage|number|amount|share|proportion)\b/i;
const ASKS_DATE = /^\s*(when|since when)\b|\b(what|which) (year|date|day|month|time)\b/i;
const ASKS_WHO_IS = /^\s*who (?:is|was|are|were)\s+(.+)$/i;
/** Up to two words right before a quantity noun ("GDP growth" rate). */
const QUALIFIED_QUANTITY = new RegExp(`((?:[\\p{L}\\p{N}-]+\\s+){1,2})${QUANTITY_NOUNS.source}`, "iu");
/** Counted nouns any count answers: "how many people" is answered by "200,000 IT professionals". */
const GENERIC_COUNTS = new Set(terms("people person individual times thing"));
/** Question words that say how to measure, not what about ("How long …", "… worth?"). */
const MEASURE_WORDS = new Set(
  terms(`long old far fast big large high tall wide heavy worth cost price value amount number total
    percentage share proportion size year date day month time`),
);

const NUMBER = anyWord(`
  \\d+ one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
  hundreds? thousands? millions? billions? dozens? half double twice several few`);
const TIME = new RegExp(
  [
    anyWord(`(?:1[89]|20)\\d\\d ago recently soon annually yesterday today tomorrow`).source,
    anyWord(`January February March April May June July August September October November December
      Monday Tuesday Wednesday Thursday Friday Saturday Sunday`).source,
    anyWord(`spring summer autumn winter daily weekly monthly yearly nightly dawn dusk noon midnight
      morning afternoon evening night o'clock`).source,
    /\b\d{1,2}:\d\d\b|\b\d{1,2} ?[ap]\.?m\b/.source,
    /\b(last|this|next|earlier|later|recent|past|previous|same|coming|every|each) (week|month|year|decade|century)s?\b/.source,
    // …or by another event: "after the border reopened", "during the talks".
    anyWord(`after before following during until since once whenever`).source,
  ].join("|"),
  "i",
);

export function questionShape(question: string): QuestionShape {
  const names = namesIn(question);
  const topic = [...new Set(terms(question))].filter((term) => !names.includes(term) && !MEASURE_WORDS.has(term));
  if (ASKS_QUANTITY.test(question) || (ASKS_AMOUNT.test(question) && QUANTITY_NOUNS.test(question))) {
    return { kind: "quantity", focus: quantityFocus(question), names, topic };
  }
  if (ASKS_DATE.test(question)) return { kind: "date", focus: null, names, topic };
  const role = roleAsked(question);
  if (role) return { kind: "person", focus: role, names, topic };
  return { kind: null, focus: null, names, topic };
}

/** The thing a quantity question counts or measures ("kilometr", "budget"), if it names one. */
export function quantityFocus(question: string): string | null {
  const counted = question.match(/\bhow many\s+([\p{L}][\p{L}-]*)/iu)?.[1];
  const measured = counted ?? (ASKS_AMOUNT.test(question) ? question.match(QUANTITY_NOUNS)?.[1] : undefined);
  const term = measured ? terms(measured)[0] : undefined;
  return term && !GENERIC_COUNTS.has(term) ? term : null;
}

/** The words qualifying a measured quantity: "GDP growth" in "what was Pakistan's GDP growth rate?". */
export function quantityModifiers(question: string): string[] {
  if (!ASKS_AMOUNT.test(question)) return [];
  const before = question.match(QUALIFIED_QUANTITY)?.[1];
  return before ? terms(before) : [];
}

/**
 * The role in "Who is China's ambassador to Pakistan?" ("ambassador"): a common noun, so not
 * "Who is Aamir Masood?" (a name), "Who is Sudan's army fighting?" or "Who was killed …?" (verbs).
 */
function roleAsked(question: string): string | null {
  const rest = question.match(ASKS_WHO_IS)?.[1];
  if (!rest) return null;
  const phrase = rest.replace(/[?.!].*$/s, "").split(/\s+(?:of|to|in|at|for|on|from|with|who|that)\s+/i)[0].trim();
  const last = phrase.split(/\s+/).pop() ?? "";
  if (!/^\p{Ll}/u.test(last) || /(ing|ed|ible|able)$/.test(last)) return null;
  return terms(last)[0] ?? null;
}

/** Terms of the words capitalised after the question's first word. */
function namesIn(question: string): string[] {
  const out = new Set<string>();
  const tokens = [...question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)].map((m) => m[0]);
  for (const token of tokens.slice(1)) {
    if (/^\p{Lu}/u.test(token)) for (const term of terms(token)) out.add(term);
  }
  return [...out];
}

/** Model names such as "JF-17s" or "Karakoram-8": digits that count nothing. */
const MODEL_NAME = /\p{L}+-\d+s?\b/gu;

export function hasNumber(sentence: string): boolean {
  return NUMBER.test(sentence.replace(MODEL_NAME, ""));
}

export function hasTime(sentence: string): boolean {
  return TIME.test(sentence);
}

/**
 * Whether the sentence names someone: two capitalised words in a row that are not the
 * question's own ("Foreign Minister Wang Yi", "Amir Khan Muttaqi").
 */
export function hasPersonName(sentence: string, questionTerms: ReadonlySet<string>): boolean {
  let run = 0;
  for (const raw of sentence.split(/\s+/)) {
    const token = raw.replace(/^[("“‘'[]+|[)"”’',.;:!?\]]+$/g, "");
    const term = terms(token)[0];
    const own = !term || questionTerms.has(term) || isStopword(token.toLowerCase());
    run = !own && /^\p{Lu}[\p{L}'’-]*$/u.test(token) ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}

/**
 * Whether `present` (a sentence's terms) mentions the name: the term itself, or a form that
 * shares all but its last letters ("chinese" ~ "china", "iranian" ~ "iran").
 */
export function mentionsName(present: ReadonlySet<string>, name: string): boolean {
  if (present.has(name)) return true;
  for (const term of present) {
    let shared = 0;
    while (shared < term.length && shared < name.length && term[shared] === name[shared]) shared++;
    if (shared >= 4 && shared >= Math.min(term.length, name.length) - 2) return true;
  }
  return false;
}
