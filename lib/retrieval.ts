import { BaseRetriever } from "@langchain/core/retrievers";
import { Document } from "@langchain/core/documents";
import { BM25Index } from "./bm25";
import type { LoadedIndex } from "./index-store";
import {
  answerOfKind,
  askingPart,
  namesPeopleAlike,
  creditAsked,
  joinsPieces,
  matchesFocus,
  MEASURE_WORDS,
  mentionsName,
  PREPOSITIONS,
  quantityFocus,
  quantityModifiers,
  questionParts,
  questionShape,
  sourceNames,
} from "./question";
import { relatedTerms, type SynonymMap } from "./synonyms";
import englishWords from "wink-lexicon/src/lexicon.js";
import { corpusNames, isStopword, oneSlipApart, sentences, terms, words, type CorpusNames } from "./text";
import type { ChunkMetadata, LineRange } from "./types";

export type RetrieverMode = "hybrid" | "dense" | "bm25";

/** Whether an English dictionary (wink-lexicon) lists the word: "freed", "initiative", not "pak" or "Khunjerab". */
export function isEnglishWord(word: string): boolean {
  return Object.hasOwn(englishWords, word.toLowerCase());
}

/** A retrieved span of one file: neighbouring or overlapping chunks merged into one. */
export interface Passage {
  source: string;
  lines: LineRange;
  page?: number;
  text: string;
  /** Fused relevance (reciprocal rank fusion), higher is better. */
  score: number;
  /** Share of the question's informative terms found in this passage (0–1). */
  coverage: number;
  chunkIds: string[];
  /** The file's lines just before the passage (from the chunk before it): what its first sentences may refer back to. */
  leadIn: string;
  /**
   * Terms of the file's headline and lede, and of the heading and lede of the section the passage
   * starts in: the visit or deal all that follows is about.
   */
  openingTerms: ReadonlySet<string>;
  /** Terms of the whole file, byline included: a question may name its source ("the CISS piece"). */
  fileTerms: ReadonlySet<string>;
}

/** What a corpus name is, as terms of its WordNet hypernyms; `namedKinds`, every kind some corpus name is. */
export interface KindsOfName {
  (name: string): readonly string[] | undefined;
  namedKinds?: ReadonlySet<string>;
}

export interface RetrievalResult {
  passages: Passage[];
  /** Whether the best passage is relevant enough to answer from. */
  found: boolean;
  queryTerms: WeightedTerm[];
  /** What a corpus name is, as terms of its WordNet hypernyms, if known. */
  kindsOfName: KindsOfName;
}

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Whether the corpus uses the term at all. */
  inCorpus: boolean;
  /** Whether the corpus writes it as a name (capitalised mid-sentence, never in lowercase): "xi" in "xi jinping". */
  name?: boolean;
  /** Corpus terms the word may be a typing slip of ("huawei" for "huawie"); also among `alternatives`. */
  corrections?: string[];
  /** Related corpus terms (WordNet) that stand in for `term` at a fraction of its weight. */
  alternatives: { term: string; weight: number }[];
}

export interface RetrieverSettings {
  mode: RetrieverMode;
  /** Passages handed to the answerer. */
  topK: number;
  /** hnswlib's search breadth; LangChain leaves it at 10, which loses recall. */
  ef: number;
  minCoverage: number;
}

/** Passages beyond topK that a question joining several pieces may take, one from each piece not yet among them. */
const MORE_PIECES = 2;
/** Candidates taken from each ranked list before fusion. */
const CANDIDATES = 24;
/** An opening is the headline and the lede: the first paragraphs of prose, cut at a length. */
const OPENING_PARAGRAPHS = 2;
const OPENING_CHARS = 1000;
const CACHED_FILE_CONTEXTS = 64;
/** Words shorter than this are not corrected for slips. */
const MIN_SLIP_LENGTH = 5;
/** The longest name looked for in a query, in words ("Center for International Strategic Studies"). */
const MAX_NAME_WORDS = 6;
/** Small words inside a name, which its initials leave out: "Center for International Strategic Studies" is CISS. */
const NAME_CONNECTORS = new Set(["of", "for", "and", "the", "on", "in"]);
/** A capitalised word this long or longer may shorten a name the corpus spells out ("Lab"). */
const MIN_ABBREVIATION = 3;
/** How much rarer (in idf) a short form must be than the name it begins to stand for it: about three times. */
const FAR_MORE_OFTEN = Math.log(3);
const MAX_SHORT_FORM = 4;
/** The weight of a related word that stands for the question's word outright: a capital's country. */
const STANDS_FOR = 1;
/** The usual RRF constant: damps the influence of top ranks. */
const RRF_K = 60;
/** A related word is weaker evidence than the word itself. */
export const EXPANSION_DISCOUNT = 0.8;
/** Credit for a word that only shares its stem's prefix with the question's ("Afghan" for "Afghanistan"). */
export const PREFIX_MATCH = 0.8;
/** A question's word replaced by a WordNet synonym, not by a looser relative ("drone" → "talk"). */
export const SYNONYM_MATCH = 0.7;
const MIN_PREFIX = 5;
/**
 * A question word the corpus never uses is either a paraphrase ("upskilling" for "training")
 * or a concept the documents lack ("GDP"); words alone cannot tell which, so it weighs half
 * as much as the rarest word the corpus does use.
 */
const UNKNOWN_WORD_SCALE = 0.5;

/**
 * Hybrid dense + BM25 retrieval over one loaded index, fused with reciprocal
 * rank fusion. Exposed to LangChain as a `BaseRetriever`.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["cited-rag", "retrievers"];
  private readonly bm25: BM25Index;
  private readonly synonyms: SynonymMap;
  /** Chunk labels of each file; built at the first retrieval. */
  private chunksOf?: Map<string, number[]>;
  /** Contexts of recently retrieved files, built on demand: a large corpus cannot hold them all. */
  private readonly fileContexts = new Map<string, FileContext>();
  /** How the corpus writes names: stored with the index, or found at the first retrieval. */
  private names?: CorpusNames;
  private kinds?: KindsOfName;
  /** The corpus's words of MIN_SLIP_LENGTH letters or more, as written (lowercased); built at the first slip. */
  private longWords?: Set<string>;
  private acronyms?: Set<string>;

  constructor(
    private readonly index: LoadedIndex,
    private readonly settings: RetrieverSettings,
  ) {
    super();
    this.bm25 = new BM25Index(index.chunks.map((chunk) => chunk.pageContent));
    this.synonyms = index.synonyms ?? new Map();
    index.store.index.setEf(Math.max(settings.ef, CANDIDATES));
  }

  async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { passages } = await this.retrieve(query);
    return passages.map(
      (passage) =>
        new Document({
          pageContent: passage.text,
          metadata: { source: passage.source, lines: passage.lines, page: passage.page, score: passage.score },
        }),
    );
  }

  async retrieve(query: string): Promise<RetrievalResult> {
    // Read with the corpus's names, as the answerer reads it: "cpec value: what figures …?" typed in lowercase names CPEC.
    const names = this.nameTerms(query);
    const shape = questionShape(query, (term) => names.has(term));
    const queryTerms = this.weightedTerms(query, shape, names);
    const ranked = await this.rankChunks(query, shape, queryTerms);
    const top = ranked.slice(0, this.settings.topK + 4);
    const merged = mergeNeighbours(top.map(({ label, score }) => ({ chunk: this.index.chunks[label], score }))).slice(0, this.settings.topK);
    // "What figures do the reports give …?": each piece's best passage, though others of one piece rank higher.
    // …one giving the kind of answer asked where there is one ("$60 billion"), though another passage of that piece ranks in.
    if (joinsPieces(query)) {
      const givesAnswer = answerOfKind(shape);
      // …about what the question names: the Sudan deal's "$1.5 billion" is no figure for CPEC.
      const named = queryTerms.filter((t) => t.name).map((t) => t.term);
      const aboutNames = (sentence: string) => named.length === 0 || named.some((name) => mentionsName(new Set(terms(sentence)), name));
      const answersIn = (text: string) => !givesAnswer || sentences(text).some((sentence) => givesAnswer(sentence) && aboutNames(sentence));
      for (const { label, score } of ranked) {
        const chunk = this.index.chunks[label];
        if (merged.length >= this.settings.topK + MORE_PIECES) break;
        if (!merged.some((p) => p.source === chunk.metadata.source && answersIn(p.text)) && answersIn(chunk.pageContent)) {
          top.push({ label, score });
          merged.push(...mergeNeighbours([{ chunk, score }]));
        }
      }
    }
    // "What other title does Dar hold, and what was the operation called?": each part's best passage, which the
    // whole question's ranking may leave out.
    const parts = questionParts(query);
    if (parts.length > 1) {
      for (const part of parts) {
        const [best] = await this.rankChunks(part);
        const chunk = best && this.index.chunks[best.label];
        if (!chunk || merged.some((p) => p.chunkIds.includes(chunk.metadata.id))) continue;
        if (merged.length >= this.settings.topK + MORE_PIECES) break;
        top.push(best);
        merged.push(...mergeNeighbours([{ chunk, score: best.score }]));
      }
    }
    // "Who wrote the op-ed on …?": the byline is rarely near the prose that matched; bring the best file's.
    const credit = creditAsked(query);
    if (credit && merged.length > 0) {
      const best = merged[0];
      this.fileContext(best.source);
      // Bylines and credit lines close a piece: the last chunk with one.
      const label = this.chunksOf!.get(best.source)?.findLast((l) => this.index.chunks[l].pageContent.split("\n").some(credit));
      if (label !== undefined && !merged.some((p) => p.chunkIds.includes(this.index.chunks[label].metadata.id))) {
        top.push({ label, score: best.score });
        merged.splice(this.settings.topK - 1, merged.length, ...mergeNeighbours([{ chunk: this.index.chunks[label], score: best.score }]));
      }
    }
    const labelOf = new Map(top.map(({ label }) => [this.index.chunks[label].metadata.id, label]));
    // A source the question names ("the CISS piece") counts as found if its file names it, in a byline perhaps.
    const sources = sourceNames(query);
    const termsOf = merged.map((passage) => {
      const present = new Set(terms(passage.text));
      const fileTerms = sources.length > 0 ? this.fileContext(passage.source).fileTerms : present;
      for (const source of sources) if (fileTerms.has(source)) present.add(source);
      return present;
    });
    // "ETIM full name", "What does TTP stand for?": the words asking for the name in full are no topic either.
    // "What figures do the trilateral analysis piece and the Arab News report each use for CPEC?": which pieces, and how
    // they put it, are no topic when comparing pieces; what they speak of is.
    const about = joinsPieces(query)
      ? new Set(
          [...shape.topic, ...shape.names, ...shape.focus, ...shape.focusModifiers, ...shape.numbers].filter(
            (term) => !shape.sourceNames.includes(term),
          ),
        )
      : null;
    const topical = queryTerms.filter(
      (t) => !MEASURE_WORDS.has(t.term) && !(shape.kind === "expansion" && EXPANSION_WORDS.has(t.term)) && (!about || about.has(t.term)),
    );
    const passages = merged.map((passage, i) => ({
      ...passage,
      // Words of measure ("value", "how long") say how to answer, not what about: the text may give the figure without them.
      coverage: coverageOf(termsOf[i], topical.length > 0 ? topical : queryTerms),
      leadIn: this.leadIn(labelOf.get(passage.chunkIds[0])!, passage.lines.from),
      openingTerms: this.fileContext(passage.source).openingAt(this.index.chunks[labelOf.get(passage.chunkIds[0])!].metadata.chunkIndex),
      fileTerms: this.fileContext(passage.source).fileTerms,
    }));
    // A question asking for a quantity ("how many kilometres", "the budget of") is answered only
    // by a passage that names that quantity; otherwise a nearby figure would be quoted instead.
    const asked = askingPart(query);
    const focus = quantityFocus(asked);
    // …and one qualified by a word the corpus never uses ("GDP growth rate") asks for a figure it lacks.
    const unknownQualifier = quantityModifiers(asked).some(
      (term) => !this.bm25.has(term) && !queryTerms.find((t) => t.term === term)?.alternatives.length,
    );
    const found =
      queryTerms.length > 0 &&
      !unknownQualifier &&
      passages.some(
        (p, i) =>
          p.coverage >= this.settings.minCoverage &&
          corroborates(termsOf[i], topical.length > 0 ? topical : queryTerms) &&
          (!focus ||
            matchesFocus(
              { focus: [focus.term], focusModifiers: focus.modifiers },
              // What is counted may be a close synonym ("measures" for "steps"), as the answerer takes it; a sum's noun may not ("worth" is no unit price).
              // …and people may be named otherwise ("IT professionals" for "IT workers").
              (term) =>
                matchIn(termsOf[i], term, queryTerms) >= (shape.kind === "count" ? SYNONYM_MATCH : PREFIX_MATCH) ||
                (shape.kind === "count" && namesPeopleAlike(termsOf[i], term)),
            )),
      );
    return { passages, found, queryTerms, kindsOfName: this.kindsOfName() };
  }

  private fileContext(source: string): FileContext {
    let context = this.fileContexts.get(source);
    if (!context) {
      if (!this.chunksOf) {
        const chunksOf = new Map<string, number[]>();
        this.index.chunks.forEach((chunk, label) => {
          const labels = chunksOf.get(chunk.metadata.source);
          if (labels) labels.push(label);
          else chunksOf.set(chunk.metadata.source, [label]);
        });
        this.chunksOf = chunksOf;
      }
      context = fileContext((this.chunksOf.get(source) ?? []).map((label) => this.index.chunks[label]));
      if (this.fileContexts.size >= CACHED_FILE_CONTEXTS) this.fileContexts.delete(this.fileContexts.keys().next().value!);
      this.fileContexts.set(source, context);
    }
    return context;
  }

  /** The lines of the chunk before chunk `label` (same file) that precede line `from`. */
  private leadIn(label: number, from: number): string {
    const { chunks } = this.index;
    const first = chunks[label].metadata;
    const before = chunks[label - 1]?.metadata.source === first.source ? chunks[label - 1] : undefined;
    if (!before || before.metadata.chunkIndex !== first.chunkIndex - 1) return "";
    return before.pageContent.split("\n").slice(0, Math.max(0, from - before.metadata.lines.from)).join("\n");
  }

  /** Chunk labels ranked by the configured mode, best first. */
  async rankChunks(query: string, shape = questionShape(query), queryTerms = this.weightedTerms(query, shape)): Promise<{ label: number; score: number }[]> {
    const lists: number[][] = [];
    if (this.settings.mode !== "bm25") {
      const vector = await this.index.embeddings.embedQuery(query);
      const k = Math.min(CANDIDATES, this.index.chunks.length);
      const { neighbors } = this.index.store.index.searchKnn(vector, k);
      lists.push(neighbors);
    }
    if (this.settings.mode !== "dense") {
      // BM25 also searches the related terms, so paraphrased questions reach their passage.
      const weighted = queryTerms.flatMap((t) => [
        { term: t.term, weight: 1 },
        ...t.alternatives.map((alt) => ({ term: alt.term, weight: alt.weight * EXPANSION_DISCOUNT })),
      ]);
      lists.push(this.bm25.searchTerms(weighted, CANDIDATES).map(([label]) => label));
    }
    // "Who described the deal as a 'done deal'?": the passages holding the words quoted.
    const quoted = quotedPhrases(query);
    if (quoted.length > 0) {
      const holding = reciprocalRankFusion(lists)
        .map(({ label }) => label)
        .filter((label) => quoted.some((phrase) => plainText(this.index.chunks[label].pageContent).includes(phrase)));
      if (holding.length > 0) lists.push(holding);
    }
    const fused = reciprocalRankFusion(lists);
    // "How much is CPEC worth?": of the candidates, those with a sentence giving a figure on the question's
    // words rank higher; the passage with "$60 billion" otherwise trails ones that only talk about CPEC.
    const givesAnswer = answerOfKind(shape);
    if (!givesAnswer) return fused;
    const typed = fused
      .slice(0, CANDIDATES)
      .map(({ label }) => ({
        label,
        score: Math.max(0, ...sentences(this.index.chunks[label].pageContent).filter(givesAnswer).map((sentence) => coverage(sentence, queryTerms))),
      }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score || a.label - b.label);
    return reciprocalRankFusion([...lists, typed.map(({ label }) => label)]);
  }

  /** How the corpus writes names (from the build; found from the chunks for builds made without it). */
  private corpusNames(): CorpusNames {
    this.names ??= this.index.names ?? corpusNames(this.index.chunks.map((chunk) => chunk.pageContent));
    return this.names;
  }

  private kindsOfName(): KindsOfName {
    if (!this.kinds) {
      const { kinds } = this.corpusNames();
      const lookup: KindsOfName = (name) => kinds.get(name);
      lookup.namedKinds = new Set([...kinds.values()].flat());
      this.kinds = lookup;
    }
    return this.kinds;
  }

  /** The question's distinct content terms, weighted by how rare they are in the corpus. */
  weightedTerms(query: string, shape = questionShape(query), names = this.nameTerms(query)): WeightedTerm[] {
    const related = relatedTerms(this.synonyms, words(query));
    const corrected = this.correctedSpellings(query, related);
    for (const [term, initials] of this.initialsOfSpelledOutNames(query)) corrected.set(term, [initials]);
    // "across", "besides": a preposition the stopword list lacks is no topic, and unknown to the corpus it would weigh the most.
    const asked = [...new Set(terms(query))];
    // Nor is how many answers it asks for: "which three sectors" is not about a "three-day" visit.
    const topical = asked.filter((term) => !PREPOSITIONS.has(term) && !shape.answerCounts?.includes(term));
    return (topical.length > 0 ? topical : asked).map((term) => {
      const inCorpus = this.bm25.has(term);
      // A capital the corpus never names stands for its country ("Khartoum" for Sudan); one it names is read as written.
      const standsFor = (related.get(term) ?? []).filter((alt) => alt.weight >= STANDS_FOR && this.bm25.has(alt.term));
      const fixes = [...(corrected.get(term) ?? []), ...(inCorpus ? [] : standsFor.map((alt) => alt.term))];
      return {
        term,
        // A slip weighs what the word meant does; so does a short form the corpus itself uses now and then ("Pak").
        weight: Math.max(inCorpus && fixes.length > 0 ? 0 : this.termWeight(term), ...fixes.map((fixed) => this.termWeight(fixed))),
        inCorpus,
        name: names.has(term),
        corrections: fixes,
        alternatives: [
          ...(related.get(term) ?? []).filter((alt) => alt.weight < STANDS_FOR && this.bm25.has(alt.term)),
          ...fixes.map((fixed) => ({ term: fixed, weight: 1 })),
        ],
      };
    });
  }

  /**
   * The question with its slips spelt as the corpus spells them ("who is the writter" → "writer"), so
   * reading what it asks sees the word meant. Only a word no dictionary lists, and only where one
   * corpus word is a slip away. A name's other form is no slip ("Libya" for "Libyan"); nor is a word
   * typed with a capital, which may be a name the corpus lacks (a misspelt one is matched as the corpus spells it anyway).
   */
  spelledAsCorpus(query: string): string {
    const related = relatedTerms(this.synonyms, words(query));
    const names = this.corpusNames();
    return query.replace(/(?<![\p{L}'’])\p{Ll}+(?![\p{L}'’])/gu, (word) => {
      const [term] = terms(word);
      if (word.length < MIN_SLIP_LENGTH || !term || this.bm25.has(term) || related.has(term) || isEnglishWord(word)) return word;
      const fixes = this.slipsOf(word);
      if (fixes.length !== 1) return word;
      const [fix] = fixes;
      return names.words.has(fix) && (fix.startsWith(word) || word.startsWith(fix)) ? word : fix;
    });
  }

  /** The corpus words one slip away from `word` (same first letter). */
  private slipsOf(word: string): string[] {
    return [...this.corpusLongWords()].filter((known) => known[0] === word[0] && oneSlipApart(known, word));
  }

  private corpusLongWords(): Set<string> {
    this.longWords ??= new Set(this.index.chunks.flatMap((chunk) => words(chunk.pageContent).filter((w) => w.length >= MIN_SLIP_LENGTH)));
    return this.longWords;
  }

  /**
   * For each of the query's terms the corpus lacks, the terms of corpus words it may stand for:
   * initials of a name ("PM"), a shortened name ("Lab"), or a slip ("huawie" for "Huawei"). For
   * slips, whole words are compared, not stems, and short words and first letters are left alone:
   * there a slip is more often another word ("common" is not "commun-ity"). A word WordNet knows
   * is no slip ("centre" is linked to "center" as a spelling already).
   */
  private correctedSpellings(query: string, related: ReadonlyMap<string, unknown[]>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const typed of query.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []) {
      const word = typed.toLowerCase();
      const [term] = terms(word);
      if (!term || out.has(term)) continue;
      // A name cut short in chat ("pak" for "Pakistan"), though the corpus may use the short form now and then ("Pak-Afghan").
      const lengthened = related.has(term) ? [] : this.lengthenedNames(word);
      if (lengthened.length > 0) {
        out.set(term, lengthened);
        continue;
      }
      if (this.bm25.has(term)) continue;
      // Initials stand for the name they begin: "PM" for "Prime Minister", and typed in lowercase, "fm" or "fms".
      const initials = /^\p{Lu}{2,6}$/u.test(typed) ? typed : /^\p{Ll}{2,3}$/u.test(typed) ? typed.replace(/(?<=..)s$/, "") : null;
      const spelled = initials ? this.spelledOut(initials) : [];
      if (/^\p{Lu}{2,6}$/u.test(typed) || spelled.length > 0) {
        out.set(term, spelled);
        continue;
      }
      // A capitalised word may shorten a name: "Lab" for "Laboratory".
      const abbreviation = /^\p{Lu}\p{Ll}/u.test(typed) && word.length >= MIN_ABBREVIATION;
      const slip = word.length >= MIN_SLIP_LENGTH && !related.has(term);
      if (!abbreviation && !slip) continue;
      const fixes = slip ? this.slipsOf(word) : [];
      if (fixes.length === 0 && abbreviation) {
        for (const known of this.corpusLongWords()) if (known.startsWith(word)) fixes.push(known);
      }
      out.set(term, [...new Set(fixes.flatMap((known) => terms(known)))].filter((fixed) => this.bm25.has(fixed)));
    }
    return out;
  }

  /**
   * Terms of the corpus's name words that `word` begins and that the corpus uses far more than
   * `word` itself: "pakistan" for "pak", "afghanistan" and "afghan" for "afg". Three letters at least.
   */
  private lengthenedNames(word: string): string[] {
    // Short forms are short; a longer word or an English one ("freed", "ban") is itself, not a name cut short.
    if (word.length < MIN_ABBREVIATION || word.length > MAX_SHORT_FORM || isStopword(word) || isEnglishWord(word)) return [];
    if (!/^\p{L}+$/u.test(word)) return [];
    const [term] = terms(word);
    const rarity = this.bm25.has(term) ? this.bm25.idf(term) : Infinity;
    const found = [...this.names!.words].filter((name) => name.length > word.length + 1 && name.startsWith(word));
    return [...new Set(found.flatMap((name) => terms(name)))].filter(
      (name) => this.bm25.has(name) && rarity - this.bm25.idf(name) >= FAR_MORE_OFTEN,
    );
  }

  /** The query's terms that are names: written in a form the corpus uses as a name, alone or within a longer name. */
  private nameTerms(query: string): Set<string> {
    this.corpusNames();
    const queryWords = words(query);
    return new Set([
      ...queryWords.filter((word) => this.names!.words.has(word)).flatMap((word) => terms(word)),
      ...this.phrasesIn(queryWords).flatMap((phrase) => terms(phrase)),
    ]);
  }

  /** The corpus's names of several words that the query's words contain, in any case: "global ai governance initiative". */
  private phrasesIn(queryWords: string[]): string[] {
    const found: string[] = [];
    for (let length = 2; length <= MAX_NAME_WORDS; length++) {
      for (let i = 0; i + length <= queryWords.length; i++) {
        const phrase = queryWords.slice(i, i + length).join(" ");
        if (this.names!.phrases.has(phrase)) found.push(phrase);
      }
    }
    return found;
  }

  /**
   * The query's names spelled out where the corpus only gives their initials: "International Monetary
   * Fund" is the corpus's "IMF", "united arab emirates" its "UAE". Each word of the name stands for the
   * initials. Typed in lowercase, only initials of three letters or more count: two are met by chance.
   */
  private initialsOfSpelledOutNames(query: string): Map<string, string> {
    this.acronyms ??= new Set(this.index.chunks.flatMap((chunk) => (chunk.pageContent.match(/\b\p{Lu}{2,6}\b/gu) ?? []).map((a) => a.toLowerCase())));
    const typed = query.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];
    const out = new Map<string, string>();
    for (let from = 0; from < typed.length; from++) {
      for (let to = from + 2; to <= typed.length && to - from <= MAX_NAME_WORDS; to++) {
        const run = typed.slice(from, to);
        if (NAME_CONNECTORS.has(run[0].toLowerCase()) || NAME_CONNECTORS.has(run.at(-1)!.toLowerCase())) continue;
        const named = run.filter((word) => !NAME_CONNECTORS.has(word.toLowerCase()));
        if (named.length < 2 || named.some((word) => isStopword(word.toLowerCase()))) continue;
        const initials = named.map((word) => word[0].toLowerCase()).join("");
        const capitalised = named.every((word) => /^\p{Lu}/u.test(word));
        if (!this.acronyms.has(initials) || (!capitalised && initials.length < 3)) continue;
        // A name the corpus spells out itself is matched word for word.
        if (this.names!.phrases.has(run.join(" ").toLowerCase())) continue;
        for (const word of named) for (const term of terms(word)) out.set(term, initials);
      }
    }
    return out;
  }

  /** The terms of the corpus's names whose initials `initials` are: "prime", "minist" for "PM". */
  private spelledOut(initials: string): string[] {
    const wanted = initials.toLowerCase();
    const found = [...this.names!.phrases].filter(
      (phrase) => phrase.split(" ").filter((word) => !NAME_CONNECTORS.has(word)).map((word) => word[0]).join("") === wanted,
    );
    return [...new Set(found.flatMap((phrase) => terms(phrase)))];
  }

  private termWeight(term: string): number {
    return this.bm25.has(term) ? this.bm25.idf(term) : UNKNOWN_WORD_SCALE * Math.log(1 + this.bm25.size);
  }
}

export function reciprocalRankFusion(lists: number[][]): { label: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((label, rank) => scores.set(label, (scores.get(label) ?? 0) + 1 / (RRF_K + rank + 1)));
  }
  return [...scores].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score || a.label - b.label);
}

/** How far `present` matches one query term: 1 for the term itself, less for a related term. */
export function termMatch(present: ReadonlySet<string>, t: WeightedTerm): number {
  // …or what it was put right to: a slip ("anniversery"), a short form ("pak"), initials ("PM").
  if (present.has(t.term) || t.corrections?.some((fixed) => present.has(fixed))) return 1;
  let best = 0;
  for (const alt of t.alternatives) if (present.has(alt.term)) best = Math.max(best, alt.weight * EXPANSION_DISCOUNT);
  if (best < PREFIX_MATCH && t.term.length >= MIN_PREFIX) {
    for (const term of present) if (sharesPrefix(term, t.term)) return PREFIX_MATCH;
  }
  return best;
}

/** How far the corpus term `candidate` is the question's `term` or a related word, without the looser prefix match ("statement" is no "state"). */
export function relatedMatch(candidate: string, term: string, queryTerms: WeightedTerm[]): number {
  if (candidate === term) return 1;
  const asked = queryTerms.find((t) => t.term === term);
  // A slip put right is the word itself: "anniversery" is the "anniversary" asked about.
  if (asked?.corrections?.includes(candidate)) return 1;
  const alternatives = asked?.alternatives ?? [];
  return Math.max(0, ...alternatives.filter((alt) => alt.term === candidate).map((alt) => alt.weight * EXPANSION_DISCOUNT));
}

/** How far `present` matches the question's term `term`, with the related words found for it. */
export function matchIn(present: ReadonlySet<string>, term: string, queryTerms: WeightedTerm[]): number {
  return termMatch(present, queryTerms.find((t) => t.term === term) ?? { term, weight: 1, inCorpus: false, alternatives: [] });
}

/**
 * "afghan" ~ "afghanistan", "pakistani" ~ "pakistan": one word is the other plus a suffix;
 * "counterterrorism" ~ "terror": a closed compound whose prefix the question left off.
 */
function sharesPrefix(a: string, b: string): boolean {
  const bare = a.replace(COMPOUND_PREFIX, "");
  return (a.length >= MIN_PREFIX && suffixed(a, b)) || (bare !== a && bare.length >= MIN_PREFIX && suffixed(bare, b));
}

/** One word is the other plus a suffix no longer than itself: "photo" is not "photosynthesis". */
function suffixed(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && 2 * short.length >= long.length;
}

/** Prefixes that form closed compounds ("counterterrorism", "geopolitics", "interregional"). */
const COMPOUND_PREFIX = /^(?:counter|anti|cross|inter|trans|multi|geo|socio|non|post|pre|super|sub|over|under)(?=[a-z]{5})/;

/**
 * Whether a passage contains at least two of the question's own words (or its only one), or
 * words sharing their stem: one common word plus WordNet relatives ("side" and "issue" for "the
 * side effects of ibuprofen") is not evidence the passage is on topic.
 */
function corroborates(present: ReadonlySet<string>, queryTerms: WeightedTerm[]): boolean {
  const needed = Math.min(2, queryTerms.length);
  return queryTerms.filter((t) => termMatch(present, t) >= PREFIX_MATCH).length >= needed;
}

/** Words asking for a name in full ("ETIM full name", "What does TTP stand for?"): no topic. */
const EXPANSION_WORDS = new Set(terms("full form name stand stands short abbreviation acronym"));

/** Words a question quotes ("described as a 'done deal'", “ironclad”), as `plainText` writes them. */
export function quotedPhrases(question: string): string[] {
  const quoted = [...question.matchAll(QUOTED)].map((m) => m[1]);
  // "Who described the deal as a done deal?" quotes without quotation marks: what it was called.
  const called = quoted.length === 0 ? (question.match(CALLED_AS) ?? question.match(CALLED_A))?.[1] : undefined;
  return [...quoted, ...(called ? [called] : [])].map(plainText).filter((phrase) => /\p{L}{3}/u.test(phrase));
}
/** "described … as a done deal", "labelled the ties as a strategic asset": the words after "as" (two to five of them). */
const CALLED_AS =
  /\b(?:describ|call|term|label|dub|brand|characteri[sz])\w*\b.*?\bas\s+(?:a\s+|an\s+|the\s+)?((?:[\p{L}'’-]+\s+){1,4}[\p{L}'’-]+)\s*[?.!]*\s*$/iu;
/** "called the Sudan arms sale a done deal": the words after "a" closing the question. */
const CALLED_A = /\bcall(?:ed|s|ing)?\s+(?:[\p{L}'’-]+\s+){1,5}?an?\s+((?:[\p{L}'’-]+\s+){1,3}[\p{L}'’-]+)\s*[?.!]*\s*$/iu;
const QUOTED = /(?:^|[\s(])["“‘']([^"“”‘’']{2,80}?)["”’'](?=[\s,.;:?!)]|$)/gu;

/** Lower case, words only, one space between: quotes and punctuation do not part a phrase from its text. */
export function plainText(text: string): string {
  return ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

/** Share of the weighted query terms that occur in `text` (related terms count partly). */
export function coverage(text: string, queryTerms: WeightedTerm[]): number {
  return coverageOf(new Set(terms(text)), queryTerms);
}

function coverageOf(present: ReadonlySet<string>, queryTerms: WeightedTerm[]): number {
  const total = queryTerms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  return queryTerms.reduce((sum, t) => sum + termMatch(present, t) * t.weight, 0) / total;
}

interface FileContext {
  fileTerms: Set<string>;
  /** Opening terms by chunk index: the file's headline and first paragraph, and those of the chunk's section. */
  openingAt: (chunkIndex: number) => Set<string>;
}

/** A headline or section heading: four or more words without closing punctuation. */
const HEADING = /^(?=(?:\S+\s+){3}\S)[^\n]*[^.!?:;,…"'”’)\]\s]\s*$/;
/** Lines before the first paragraph of prose: headings, date lines, bullets, blanks. */
const HEADING_OR_BLANK = /^(?:[^\n]*[^.!?…"'”’)\]\s])?$/;

/**
 * A file's terms, and the opening of each of its sections: a file may hold several articles
 * ("… deal to supply weapons, jets to Sudan" heads the one about Sudan).
 */
function fileContext(chunks: Document<ChunkMetadata>[]): FileContext {
  const list = [...chunks].sort((a, b) => a.metadata.chunkIndex - b.metadata.chunkIndex);
  const lines = list.map((c) => c.pageContent.split("\n"));
  // From line `j` of chunk `i`: the headings there and the first paragraphs of prose after them.
  const openingFrom = (i: number, j: number) => {
    let opening = "";
    let paragraphs = 0;
    for (let k = i, line = j; k < lines.length && paragraphs < OPENING_PARAGRAPHS && opening.length < OPENING_CHARS; k++, line = 0) {
      for (; line < lines[k].length && paragraphs < OPENING_PARAGRAPHS; line++) {
        opening += `${lines[k][line]}\n`;
        if (!HEADING_OR_BLANK.test(lines[k][line].trim())) paragraphs++;
      }
    }
    return new Set(terms(opening.slice(0, OPENING_CHARS)));
  };
  const fileOpening = lines.length > 0 ? openingFrom(0, 0) : new Set<string>();
  // The section each chunk starts in, by chunk index.
  const sectionOf = new Map<number, Set<string>>();
  let section = new Set<string>();
  lines.forEach((chunkLines, i) => {
    const { chunkIndex } = list[i].metadata;
    chunkLines.forEach((line, j) => {
      if ((i === 0 && j === 0) || !HEADING.test(line.trim())) return;
      // A chunk whose heading comes after its first line starts in the section before.
      if (j > 0 && !sectionOf.has(chunkIndex)) sectionOf.set(chunkIndex, section);
      section = openingFrom(i, j);
    });
    if (!sectionOf.has(chunkIndex)) sectionOf.set(chunkIndex, section);
  });
  return {
    fileTerms: new Set(terms(lines.flat().join("\n"))),
    openingAt: (chunkIndex) => new Set([...fileOpening, ...(sectionOf.get(chunkIndex) ?? [])]),
  };
}

/**
 * Merges chunks of the same file (and page) that overlap or touch into one passage,
 * keeping the rank of the best of them.
 */
export function mergeNeighbours(
  ranked: { chunk: Document<ChunkMetadata>; score: number }[],
): Omit<Passage, "coverage" | "leadIn" | "openingTerms" | "fileTerms">[] {
  const groups: { chunks: Document<ChunkMetadata>[]; score: number }[] = [];
  for (const { chunk, score } of ranked) {
    const meta = chunk.metadata;
    const group = groups.find((g) =>
      g.chunks.some(
        (other) =>
          other.metadata.source === meta.source &&
          other.metadata.page === meta.page &&
          (Math.abs(other.metadata.chunkIndex - meta.chunkIndex) === 1 ||
            (other.metadata.lines.from <= meta.lines.to + 1 && meta.lines.from <= other.metadata.lines.to + 1)),
      ),
    );
    if (group) group.chunks.push(chunk);
    else groups.push({ chunks: [chunk], score });
  }
  return groups.map(({ chunks, score }) => {
    const ordered = [...chunks].sort((a, b) => a.metadata.chunkIndex - b.metadata.chunkIndex);
    const first = ordered[0].metadata;
    return {
      source: first.source,
      page: first.page,
      lines: {
        from: Math.min(...ordered.map((c) => c.metadata.lines.from)),
        to: Math.max(...ordered.map((c) => c.metadata.lines.to)),
      },
      text: ordered.slice(1).reduce(
        (text, chunk, i) =>
          joinOverlapping(text, chunk.pageContent, chunk.metadata.lines.from - ordered[i].metadata.lines.to),
        ordered[0].pageContent,
      ),
      score,
      chunkIds: ordered.map((c) => c.metadata.id),
    };
  });
}

/**
 * Joins two consecutive chunks, dropping the text the splitter repeated as overlap.
 * Without overlap, `lineGap` (right's first line minus left's last) keeps the blank
 * lines between them, so the text's lines still match the original line numbers.
 */
export function joinOverlapping(left: string, right: string, lineGap = 1): string {
  const maxOverlap = Math.min(left.length, right.length);
  for (let size = maxOverlap; size >= 20; size--) {
    if (left.endsWith(right.slice(0, size))) return left + right.slice(size);
  }
  // Chunks that share a line can overlap by less than 20 characters: a short heading
  // ("The Broader Signal") repeated whole. Only whole lines count, so chance matches don't.
  if (lineGap <= 0) {
    for (let size = Math.min(maxOverlap, 19); size >= 1; size--) {
      const startsLine = size === left.length || left[left.length - size - 1] === "\n";
      const endsLine = size === right.length || right[size] === "\n";
      if (startsLine && endsLine && left.endsWith(right.slice(0, size))) return left + right.slice(size);
    }
  }
  return left + "\n".repeat(Math.max(1, lineGap)) + right;
}
