import { stemmer } from "stemmer";
// The table alone (435 forms), not the whole lexicon: loading that costs ~120 ms per process.
import irregularVerbs from "wink-lexicon/src/irregular-verbs.js";
import { eng as englishStopwords } from "stopword";

/**
 * Word-level text processing shared by the local embedder, BM25, sentence
 * selection and the not-found decision, so they all agree on what a "term" is.
 */

/** Words that carry no topic in a question ("what did the article say about…"). */
const QUESTION_WORDS = [
  "what", "whats", "who", "whom", "whose", "when", "where", "which", "why", "how",
  "does", "do", "did", "done", "is", "are", "was", "were", "will", "shall", "can", "could",
  "tell", "say", "says", "said", "mention", "mentioned", "describe", "explain", "according",
  "article", "articles", "document", "documents", "text", "report", "reports", "reported", "cite", "cites", "cited", "please",
  "give", "list", "name", "named", "there", "any", "kind", "type", "one", "two", "us", "me",
  "s", "t", "the", "a", "an", "of", "to", "in", "on", "for", "and", "or",
  // What is left of a contraction typed with its apostrophe ("I've", "they'll", "we're").
  "ve", "ll", "re",
];

/** Prefixes that hyphenation splits off as words of their own ("anti-terror", "non-state", "co-operation"). */
const BOUND_PREFIXES = ["anti", "non", "semi", "co", "multi", "pre", "neo", "pseudo", "quasi"];

/** Hedges and fillers of typed speech ("so what's CPEC supposedly worth", "which years does it actually cover"): no topic. */
const HEDGES = [
  "so", "just", "again", "actually", "really", "exactly", "precisely", "supposedly", "basically", "apparently",
  "literally", "anyway", "even", "lol", "ok", "okay", "thing", "things", "stuff",
  // …and degrees that qualify what is asked ("slightly different figures"), not what it is about.
  "slightly", "somewhat", "fairly", "quite", "truly", "merely",
];

const STOPWORDS = new Set([...englishStopwords, ...QUESTION_WORDS, ...BOUND_PREFIXES, ...HEDGES, "its", "it's", "not", "no", "yes"]);

const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu;
const CURRENCY_WORDS: Record<string, string> = { $: "dollar", "€": "euro", "£": "pound", "¥": "yen" };
const CURRENCY = /[$€£¥]/g;
const stemCache = new Map<string, string>();
const NEGATED_CONTRACTION = /\b(\p{L}+?)n['’]t\b/giu;
/** "won't" and "can't" are "will" and "can" not, whatever their spelling. */
const IRREGULAR_NEGATIONS: Record<string, string> = { wo: "will", ca: "can", sha: "shall" };

/** Lowercased words (numbers keep their decimal point: "2.0", "1.5"). */
export function words(typed: string): string[] {
  // A currency sign is a word: "$60 billion" is a dollar figure.
  const text = typed
    .normalize("NFKC")
    .replace(CURRENCY, (sign) => ` ${CURRENCY_WORDS[sign]} `)
    // A negation is "not", a stopword: "don't" would leave "don", a topic word no document has.
    .replace(NEGATED_CONTRACTION, (_, head: string) => `${IRREGULAR_NEGATIONS[head.toLowerCase()] ?? head} not`);
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    let word = match[0];
    // Possessives ("Pakistan’s") are matched as two words; drop the trailing "s".
    if (word === "s" && out.length > 0 && /['’]$/.test(text.slice(0, match.index!))) continue;
    word = word.replace(/,/g, "");
    out.push(word);
  }
  return out;
}

/**
 * British spellings folded into American ones before stemming, since the articles mix them
 * ("Defence" and "defense", "Organisation" and "Organization") and so do the people asking.
 */
const BRITISH_SPELLINGS: [RegExp, string][] = [
  [/gramme(s?)$/, "gram$1"],
  [/(colo|favo|hono|labo|neighbo|behavio|harbo|endeavo|rumo|humo|vigo|armo|savo|flavo)ur/, "$1r"],
  [/(defen|offen|preten|licen)ce(s?)$/, "$1se$2"],
  [/^(cent|met|lit|theat|fib|calib|somb|spect)re(s|d)?$/, "$1er$2"],
  [/(dialo|catalo|analo)gue(s?)$/, "$1g$2"],
  [/^(travel|cancel|label|model|fuel|signal|channel|level|total|dial|equal|counsel|marshal|tunnel)l(ed|ing|er|ers)$/, "$1$2"],
  [/ys(e|ed|es|ing)$/, "yz$1"],
  // -ise → -ize only after the endings that -ize verbs have ("organise", "realise", "recognise"),
  // so "advise", "exercise" and "promise" stay as they are.
  [/^(\p{L}{2,}(?:al|an|ar|er|or|on|en|il|gn|ic|ol|ul|im|rn|og|it|rd|as))is(e|ed|es|ing|ation|ations|er|ers)$/u, "$1iz$2"],
];

export function americanSpelling(word: string): string {
  for (const [british, american] of BRITISH_SPELLINGS) {
    if (british.test(word)) return word.replace(british, american);
  }
  return word;
}

export function stem(word: string): string {
  let cached = stemCache.get(word);
  if (cached === undefined) {
    // The stemmer cuts the "s" of "focus" and "status" but keeps it in "focuses", "focused": keep it always.
    cached = /\p{N}/u.test(word) ? word : /[^o]us$/.test(word) ? word : stemmer(americanSpelling(word));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, cached);
  }
  return cached;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Stemmed content terms: the unit of BM25, coverage and sentence scoring. */
export function terms(text: string): string[] {
  return words(text).filter(isContentWord).map(stem);
}

function isContentWord(word: string): boolean {
  return (word.length >= 2 || /\p{N}/u.test(word)) && !STOPWORDS.has(word);
}

/**
 * `terms`, plus the base form of each irregular verb ("held" → "hold", "met" → "meet"), which
 * no stemmer reaches: for matching the verb of a question against a text in another tense.
 */
export function termsWithBaseForms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (isContentWord(word)) out.push(stem(word));
    const base = irregularVerbs[word];
    if (base) out.push(stem(base));
  }
  return out;
}

/** The base form of an irregular verb's form ("sent" → "send"), if it is one. */
export function irregularBase(word: string): string | undefined {
  return irregularVerbs[word.toLowerCase()];
}

/** Whether the word is a form of an irregular verb other than its base ("met", "led", "held"). */
export function isIrregularVerbForm(word: string): boolean {
  const base = irregularBase(word);
  return base !== undefined && base !== word.toLowerCase();
}

/** `terms`, with each irregular verb in its base form instead ("held" → "hold"). */
export function baseTerms(text: string): string[] {
  return words(text)
    .filter(isContentWord)
    .map((word) => stem(irregularVerbs[word] ?? word));
}

/**
 * Terms that occur in lowercase somewhere in `texts`: common words, as opposed to names
 * and months ("Gwadar", "March") that a WordNet relation must not lead to.
 */
export function commonTerms(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.normalize("NFKC").matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}]*/gu)) {
      const [term] = terms(word);
      if (term) out.add(term);
    }
  }
  return out;
}

/** A line of prose ends in a stop; headlines, in title case, do not, and show nothing of what is a name. */
const PROSE_LINE = /[.!?…]["'”’)\]]*\s*$/;

/**
 * Words the texts write as names, lowercased: capitalised after another word ("in Gwadar", "Xi
 * Jinping's") and never in lowercase, in any form of the word ("Organisation" is no name where
 * "organisations" appears). A capital that only opens sentences ("Moreover") or is in a headline
 * ("The Broader Signal") makes no name. Words, not stems: "Public" is a name, "publication" not.
 */
export function nameWords(texts: Iterable<string>): Set<string> {
  // Words first, terms at the end: each distinct word is stemmed once.
  const capitalised = new Set<string>();
  const lowercase = new Set<string>();
  for (const text of texts) {
    for (const line of text.normalize("NFKC").split("\n")) {
      if (!PROSE_LINE.test(line)) continue;
      for (const match of line.matchAll(/(?<![\p{L}\p{N}])\p{L}[\p{L}\p{N}]*/gu)) {
        const word = match[0];
        if (/^\p{Ll}/u.test(word)) lowercase.add(word);
        else if (/[\p{L}\p{N},;]\s$/u.test(line.slice(Math.max(0, match.index - 2), match.index))) capitalised.add(word.toLowerCase());
      }
    }
  }
  const lowercaseTerms = new Set([...lowercase].flatMap((word) => terms(word)));
  return new Set([...capitalised].filter((word) => !terms(word).some((term) => lowercaseTerms.has(term))));
}

/**
 * Names of several words the texts write capitalised, lowercased as `words` gives them: "global ai
 * governance initiative", "center for international strategic studies". Headlines are left out.
 */
export function namePhrases(texts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  const run = /\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:(?:of|for|and|the|on|in)\s+)?\p{Lu}[\p{L}\p{N}'’-]*)+/gu;
  for (const text of texts) {
    for (const line of text.normalize("NFKC").split("\n")) {
      if (!PROSE_LINE.test(line)) continue;
      for (const [phrase] of line.matchAll(run)) {
        // Any part from one capitalised word to another: "xi jinping" in "President Xi Jinping".
        const tokens = phrase.split(/\s+/);
        tokens.forEach((first, i) => {
          if (!/^\p{Lu}/u.test(first)) return;
          for (let j = i + 1; j < tokens.length; j++) if (/^\p{Lu}/u.test(tokens[j])) out.add(words(tokens.slice(i, j + 1).join(" ")).join(" "));
        });
      }
    }
  }
  return out;
}

/** How the corpus writes names: words ("gwadar") and names of several words ("global ai governance initiative"). */
export interface CorpusNames {
  words: Set<string>;
  phrases: Set<string>;
  /** What the names WordNet knows are, as terms of their hypernyms ("beijing" → citi, …, locat). */
  kinds: Map<string, string[]>;
}

/** `kindsOf` tells what names are (WordNet at ingest); left out, nothing is known of them. */
export function corpusNames(texts: string[], kindsOf: (names: string[]) => Map<string, string[]> = () => new Map()): CorpusNames {
  const words = nameWords(texts);
  const phrases = namePhrases(texts);
  return { words, phrases, kinds: kindsOf([...words, ...phrases]) };
}

export function serializeNames(names: CorpusNames): string {
  return JSON.stringify({ words: [...names.words], phrases: [...names.phrases], kinds: Object.fromEntries(names.kinds) });
}

export function deserializeNames(json: string): CorpusNames {
  const stored = JSON.parse(json) as { words?: string[]; phrases?: string[]; kinds?: Record<string, string[]> };
  return { words: new Set(stored.words), phrases: new Set(stored.phrases), kinds: new Map(Object.entries(stored.kinds ?? {})) };
}

/** Splits prose into sentences, keeping abbreviations like "Mr." and numbers like "2.0" intact. */
export function sentences(text: string): string[] {
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    let carry = "";
    for (const { segment } of segmenter.segment(line)) {
      const piece = carry + segment;
      // Intl.Segmenter splits after titles such as "Mr." or "Dr."; glue them back.
      if (/\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|No|vs)\.\s*$/i.test(piece) || /\b\p{Lu}\.\s*$/u.test(piece)) {
        carry = piece;
        continue;
      }
      carry = "";
      const trimmed = piece.trim();
      if (trimmed) out.push(trimmed);
    }
    if (carry.trim()) out.push(carry.trim());
  }
  return out;
}

/**
 * Whether `b` is `a` with one typing slip: a letter added, dropped, changed, or two neighbours
 * swapped ("huawie" ~ "huawei", "profesion" ~ "profession").
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const restA = a.length - start - end;
  const restB = b.length - start - end;
  if (restA <= 1 && restB <= 1) return true;
  // Two neighbouring letters swapped: "ie" for "ei".
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}
