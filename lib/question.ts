import { baseTerms, isIrregularVerbForm, isStopword, terms, words } from "./text";

/**
 * What a question asks for, read from its wording alone: the kind of answer ("how many" wants
 * a number, "when" a time, "who is the minister" a name), the word the answer must contain,
 * and the names that pin down what it is about. A quoting answerer uses this to tell a
 * sentence that answers from one that merely shares the question's words.
 */
export interface QuestionShape {
  /**
   * What the answer must contain: a number, a sum of money, a percentage, a number with its unit,
   * an age, a time (a year for "in what year", a day for "on what date"), a person's name, the
   * name of the thing asked about ("What was the name of the operation?"). "agent" ("Who founded
   * …?") asks only that the sentence be about the deed. "statement" ("What did the minister say …?") asks for words said. "author" ("Who wrote the op-ed?") asks for a byline.
   * "office" ("What title is Ishaq Dar given?") asks for the title written before the person's name.
   * "publisher" ("Which outlet published the piece?") asks for a credit line ("Copyright Business Recorder").
   * "list" ("What are the six pillars of …?") asks for the items, not a mention of their number.
   * "which" ("Which port was …?") asks for the thing named, or for a name. "place" ("Where is …
   * based?") asks for a name the question lacks, in a sentence about what it asks.
   */
  kind:
    | "count"
    | "quantity"
    | "money"
    | "percentage"
    | "extent"
    | "age"
    | "date"
    | "year"
    | "day"
    | "person"
    | "name"
    | "agent"
    | "statement"
    | "reason"
    | "purpose"
    | "author"
    | "publisher"
    | "which"
    | "place"
    | "expansion"
    | "list"
    | "office"
    | null;
  /**
   * Terms the answering sentence must all contain: the counted thing ("drones"), the measured
   * noun ("budget"), the role ("prime minister"), the speaker ("What did the army chief say?").
   */
  focus: string[];
  /**
   * The words before a counted noun ("Chinese" in "how many Chinese citizens"): when the text
   * counts with another noun ("20 Chinese nationals"), these must all appear instead.
   */
  focusModifiers: string[];
  /** Terms of the capitalised words after the first: the names the question is about. */
  names: string[];
  /**
   * Names that say where the answer was published or who claims it ("the CISS piece", "according
   * to the Afghan Taliban"): the file must name them, perhaps only in its byline, not the sentence.
   */
  sourceNames: string[];
  /** The same names, one list per run of capitalised words: "Xi Jinping" is one name, "Pakistan, China" two. */
  nameGroups: string[][];
  /** The question's own figures ("5th", "2023"): the answer must be about the same ones. */
  numbers: string[];
  /** How many answers it asks for ("three" in "which three sectors"): no word of the answer. */
  answerCounts?: string[];
  /** Terms of the models the asking part names ("JF-17", "Karakoram-8"): a count of them must name them. */
  models: string[];
  /** Names of who is asked to have said something ("india" in "How did India react …?"): the sentence must have them speak. */
  speakers?: string[];
  /** Whose office "who is" asks after ("pakistan" in "Who is the President of Pakistan?"): another's office does not answer. */
  owners?: string[];
  /** Whether a "which" question asks for several ("In which areas …?"): a list of things may answer it. */
  several?: boolean;
  /** For "who" asking the doer ("Who proposed the plan?"), the deed's verb: the sentence must say it, not only name its object. */
  deed?: string[];
  /** For "How many people …?", that people are counted: "13 measures" counts none. */
  people?: boolean;
  /** For "How many were killed in the Vala storm?", where or in what it was done: a toll of something else does not answer. */
  deedWhere?: string[];
  /** For "When will …?", that the date is still to come: a sentence telling what was done does not answer. */
  future?: boolean;
  /** For "How long was Dar in China?", that a stay is measured: "a three-day visit" says how long. */
  stay?: boolean;
  /** For "In which month …?", that only a month's name answers: "has recently unveiled its … Policy 2025" does not. */
  month?: boolean;
  /** For "What does ETIM stand for?", the initials ("ETIM") whose name in full is asked. */
  initials?: string;
  /** Whether "why" asks what makes something matter ("Why is the realignment considered important?"): a sentence weighing it answers. */
  significance?: boolean;
  /** Whether a "which" question asks for another than those it names ("Besides China, which other country …?"): a name must answer. */
  another?: boolean;
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
  capacity volume speed age height width depth weight area altitude elevation output production target tally`);
/** "what's", "whats" (typed without the apostrophe), "what is", "what will be", "what would the deal be (worth)" … */
const WHAT_IS = "\\bwhat(?:['’]?s\\b|\\s+(?:is|was|are|were|will be)\\b|\\s+(?:would|could|might|will)\\b(?=[^?]*\\bbe\\b))";
// "What annual trade target …": up to two words before the quantity.
const ASKS_AMOUNT = new RegExp(`\\bhow much\\b|${WHAT_IS}|\\bwhat(?=(?:\\s+[a-z-]+){0,2}?\\s+${QUANTITY_NOUNS.source})`, "i");
/** "What figures …", "What are the two numbers …": figures asked for. */
const WHAT_FIGURES = String.raw`\bwhat (?:(?:are|were) the (?:two |both |different )?)?`;
const ASKS_QUANTITY = new RegExp(
  String.raw`\bhow (many|much|long|far|old|fast|big|large|high|tall|wide|heavy)\b|${WHAT_FIGURES}(numbers?|amounts?|figures?|share|proportion)\b|\bnumber of\b|\bwhat(?:['’]s|\s+(?:is|was|were|are))?(?:\s+the)?\s+(?:death |casualty )?(?:toll|tally)\b`,
  "i",
);
const ASKS_FIGURES = new RegExp(String.raw`${WHAT_FIGURES}(?:figures?|numbers)\b`, "i");
/** "What are the five points of …?": a list of so many items (two are named in any sentence joining them). */
const ASKS_LIST =
  /(?:^\s*(?:what|which)\s+(?:exactly\s+|precisely\s+)?(?:are|were)(?:\s+(?:exactly|precisely))?|\b(?:list|name|give|enumerate))\s+the\s+(?:first\s+|main\s+)?(?:three|four|five|six|seven|eight|nine|ten|[3-9]|\d\d+)\b/iu;
/** A sentence that lists: "six pillars: fostering …, talent …, security …", "namely A, B and C", or one item of "First …, Second …". */
const LIST_START = /(?::|\bnamely\b|\bincluding\b|\bsuch as\b)(.*)$/s;
const ORDINAL_ITEM = /^\s*(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:ly)?\b/i;
const MIN_LISTED = 3;
const ASKS_PLACE = /^\s*(?:(?:in|at|from|to)\s+)?where\b/i;
const ASKS_DATE =
  /^\s*((?:since|by|until|till) )?when\b|\b(what|which) (?:(?:exact|specific|precise|calendar|particular)\s+)?(year|date|day|month|time)\b|\bwhat(?:['’]?s| is| was)\s+the\s+(?:\S+\s+)?(?:schedule|timeline|timetable)\b/i;
/** "How many …" is answered by a count, not a share ("a 70 percent hike"); "by how much" by either. */
const ASKS_COUNT = /\bhow many\b|\bnumber of\b/i;
/** "In what year …?" is not answered by "last month"; "On what date …?" not by "in December". */
const ASKS_YEAR = /\b(what|which) year\b/i;
/** "What was the date of …?" and "When exactly …?" ask for the day too: "last month" does not say it. */
const ASKS_DAY =
  /\b(what|which) (?:(?:exact|specific|precise|calendar|particular)\s+)?(date|day)s?\b|\b(?:exact|specific|precise|calendar) (?:date|day)s?\b|\bwhat(?:['’]?s| is| was| were) the (?:(?:exact|actual|specific|precise|scheduled|planned|set)\s+)?dates? (?:of|for|when)\b|\bwhen exactly\b/i;
const ASKS_MONTH = /\b(?:what|which) month\b/i;
// "What interest rate …?" asks for a percentage too.
const ASKS_PERCENTAGE = /\b(what|which) (percentage|percent|share|proportion|fraction|portion)\b|\bhow many percent\b|\b(?:what|which)\s+(?:[a-z]+\s+)?rate\b/i;
/** "Who is the …", "Who has been appointed as …", "Who has Kabul named as …": all ask who holds a role. */
const ASKS_WHO_IS =
  /^\s*who(?:['’]?s|\s+(?:is|was|are|were|has been|have been|had been|(?:will|would|could|might) be|is (?:going|set|expected|due|likely) to be|(?:has|have|had|did|will)\s+.+?\s+(?:appoint|nominate|name|choose|chose|pick|select)\w*\s+(?:as|to be)))\s+(.+)$/i;
const ASKS_AGE = /\bhow old\b/i;
/** "Who wrote the op-ed?", "What position does the author hold?", "What post does its author hold?", "the writer's title": the answer is a byline. */
const ASKS_AUTHOR = /^\s*who (?:\p{L}+ly )?(?:wrote|writes?|authored|penned)\b|\b(?:the|its|op[- ]?ed|article|piece|column|commentary)(?:['’]s)? (?:author|writer)\b|\b(?:author|writer)['’]s (?:post|position|title|job|role|office)\b|\b(?:person|one|man|woman|guy|diplomat|official) (?:who|that) (?:wrote|writes|authored|penned)\b/iu;
/** "Which news outlet published …?", "Who published the article?": the answer is a credit line. */
const ASKS_PUBLISHER =
  /\b(?:which|what)\s+(?:news\s+|wire\s+|press\s+)?(?:outlet|newspaper|paper|publication|website|site|magazine|agency|broadcaster|channel|wire|(?<=(?:news|wire)\s+)service)\b|^\s*who (?:published|ran|carried)\b(?!(?:\s+\S+)?\s+out\b)/i;
const REPORTED_THAT = /\b(?:reported|said|announced|quoted|stated|claimed)\s+that\b/i;
/** A credit line: "Copyright Business Recorder, 2025", "With inputs from Reuters", "published … at https://…". */
const CREDIT_LINE = /\b[Cc]opyright\b|©|\b[Ii]nputs from\b|\b[Pp]ublished (?:in|at|by|on)\b|\b[Uu]pdates on\b|\b[Cc]ourtesy (?:of\s+)?\p{Lu}/u;
/**
 * A byline: "The writer is Consul General …", "By Jane Doe", "the author of …". (Without the "i" flag: with it,
 * \p{Lu} takes any letter, and "By formally briefing …" would be one.)
 */
const BYLINE = /\b(?:[Ww]riter|[Aa]uthor|[Cc]olumnist|[Cc]ontributor|[Cc]orrespondent)\b|^\s*By\s+\p{Lu}/u;
/** "How long is the highway?": a number with a unit of length, time or speed, not any figure. */
const ASKS_EXTENT = /\bhow (long|far|tall|high|fast|deep|wide)\b/i;
/** "How long was Dar in China?", "how long did Vale stay in Kesk": how long someone was somewhere. */
const ASKS_STAY =
  /\b[Hh]ow long\s+(?:was|were|is|will|did|does)\s+(?!(?:\S+\s+){0,4}?(?:meeting|talks|summit|conference|session|visit|trip|war|conflict|ceasefire|operation|deal|programm?e?|plan|stalemate|crisis)\b)(?:\S+\s+){1,5}?(?:(?:be|stay|stayed|remain|remained|spend|spent)\b|in\s+\p{Lu})/u;
/**
 * "Who claimed responsibility?", "Who lights the lamp?": the doer may be anyone ("the keeper"),
 * but the sentence must be about the deed or its object, not just the names around it.
 */
const ASKS_AGENT = /^\s*who\s+(?!(?:is|was|are|were|am)\b)\p{L}/iu;
/** Quantities paid in money: "How much is the deal worth?", "What is the cost of …?". */
const MONEY_WORDS = new Set(
  terms("money worth cost costs price prices value budget salary revenue pay paid spend spent fund funding invest investment loan fee"),
);
/** "What's the deal worth?", "What is the value of …?": a sum of money. */
const ASKS_VALUE = new RegExp(`${WHAT_IS}.*\\b(worth|value|cost|costs|price|prices|budget|salary|fees?)\\b`, "i");
/** "What dollar value do the reports put on …?", "What figures do they give for the value of …?", "CPEC price tag — what figures …?", "two values for …": sums of money. */
const ASKS_SUMS =
  /\b(?:dollar|dollars|rupee|rupees|yuan|euro|euros|money)\s+(?:values?|amounts?|figures?|sums?|terms|worth)\b|\b(?:figures?|amounts?|sums?|estimates?)\b[^?]*\b(?:value|worth|cost|price|size)\b|\b(?:value|worth|cost|price)\b[^?]*\b(?:figures|amounts|sums|estimates)\b|\b(?:info|information|details?|anything|figures?)\s+(?:on|about|regarding|for)\s+(?:the\s+|its\s+|their\s+)?(?:\S+\s+)?(?:budget|cost|price|funding|salary)\b|\b(?:values|valuations)\s+(?:for|of|on)\b/i;
/** "What titles is he given?", "Muttaqi's title", "both titles": someone's office, not a book's or a policy's title ("title of …"). */
const ASKS_TITLE =
  /(?:\b(?:what|which)\s+(?:\p{L}+\s+){0,3}?|['’]s\s+(?:\p{L}+\s+)?|\b(?:other|both|two|different)\s+(?:\p{L}+\s+)?)(?:titles?|designations?|offices)\b(?!\s+of\b)/iu;
/** "Which other country …", "Besides China, which …", "after china which …": not the one named. */
const ASKS_ANOTHER = /(?<!\beach )\b(?:other|else|another)\b|\b(?:besides?|apart from|aside from|other than|except|beyond)\s+\p{L}|^\s*after\s+\p{L}+\s+which\b/iu;
/** "What is the name of the Chinese consul general?" asks who holds a role. */
const ASKS_NAME_OF = /^\s*what(?:['’]?s| (?:is|was|are|were)) the names? of\s+(.+)$/i;
/** Words of a sum written out: "62 billion dollars". */
const SUM_WORDS = new Set(terms("dollar dollars rupees yuan euros"));
/** "What did the UAE pay for …?": a sum of money. */
/** "What annual return is the railway projected to generate?": a sum of money, however described. */
const ASKS_EARNINGS = /^\s*what\s+(?:\p{Ll}+\s+){0,2}(?:returns?|revenues?|income|profits?|earnings)\b/iu;
const ASKS_PAYMENT = /^\s*what (?:did|does|do|will|would)\b.*\b(pay|spend|charge|cost)\b/i;
const ASKS_EXPANSION = /\b(?:full\s+(?:form|name)|stands?\s+for|short\s+for|abbreviation\s+(?:of|for)|acronym\s+(?:of|for))\b/i;
/** "What did Pakistan's army chief say about …?": the speaker is the subject. */
/** "Why did …?", "For what reason …?": a cause or a purpose. */
const ASKS_WHY = /^\s*(?:why\b|for what reason\b|what (?:is|was) the reason\b)/i;
/**
 * A cause, a purpose or a means: "due to a surge in attacks", "following a series of attacks", "in
 * order to", "appreciation for its role", "by briefing China", "talks with India urged Beijing to act". Not "since 2021" (a time) nor "though" (a concession).
 */
const REASON =
  /\b(?:because|due to|owing to|thanks to|as a result|result(?:s|ed)? (?:of|from)|in order to|so as to|so that|aim(?:s|ed)? (?:at|to)|in (?:a )?bid to|in response to|in retaliation|amid|following|given (?:that|the)|(?:caused|marred|strained|fuell?ed|hampered|hit|hurt|triggered|sparked|undermined|plagued|driven|motivated|prompted) by|blamed? on|blames \S+ on|reasons?|since (?!\d|(?:the )?(?:start|end|beginning|onset)\b|(?:January|February|March|April|May|June|July|August|September|October|November|December|last|early|late)\b)|(?:appreciation|gratitude|thanks|praise|credit|blame) for|by (?:\p{Ll}+ly )?\p{Ll}+ing|accus(?:ed|ing) \S+ (?:of|for)|(?:urged|prompted|pushed|spurred|compelled|forced|drove|led)\s+(?:\S+\s+){1,3}?to\s+\p{Ll}+)\b/iu;

/** Whether the sentence gives a cause or a purpose. */
export function hasReason(sentence: string): boolean {
  return REASON.test(sentence);
}

/** "Why is X (considered) important?", "Why does X matter?": what makes it matter. */
const ASKS_SIGNIFICANCE =
  /\b(?:(?:is|are|was|were)\s+(?:.+?\s+)?(?:(?:considered|seen as|regarded as|viewed as|deemed|called|described as)\s+)?(?:so\s+)?(?:important|significant|crucial|critical|key|vital|essential|notable|strategic|pivotal)|(?:does|do|did)\s+.+?\s+matters?)\b/i;
/** A sentence weighing what it speaks of: "a critical bottleneck", "holds paramount significance". */
const SIGNIFICANCE =
  /\b(?:important|importance|significant|significance|crucial|critical|key|vital|essential|notable|strategic(?:ally)?|pivotal|paramount|landmark|milestone|bottleneck|cornerstone|flagship|lifeline|gateway)\b/i;

export function weighsSignificance(sentence: string): boolean {
  return SIGNIFICANCE.test(sentence);
}

/** "What is the end goal of the policy?", "the overall aim of …": what something is for. */
const ASKS_PURPOSE = /^\s*(?:what(?:['’]?s| (?:is|was|are|were))?|whats)\s+(?:(?:the|its|their|\S+['’]s?)\s+)?(?:(?:\p{Ll}+)\s+){0,3}?(?:goal|aim|objective|purpose)s?\b/iu;
/** The words asking what something is for: "end goal", "overarching aim", "is aiming for". */
const PURPOSE_ASKED =
  /\b(?:(?:end|ultimate|overall|overarching|main|final|chief|primary|core|stated|long-term)\s+)?(?:goal|aim|objective|purpose)s?\b|\baim(?:s|ed|ing)?\s+(?:for|at|to)\b/gi;
/** A purpose said: "with a view to achieving …", "aims at bridging …", "in order to", "designed to". */
const PURPOSE = /\b(?:with a view to|in order to|so as to|so that|aim(?:s|ed|ing)? (?:at|to)|in (?:a )?bid to|intended to|designed to|meant to|seek(?:s|ing)? to|goals?|objectives?|purpose)\b/i;

export function hasPurpose(sentence: string): boolean {
  return PURPOSE.test(sentence);
}

/** A speaker that is a text: "the Vostok document", "the joint statement", "the CISS piece". */
const WRITTEN_SOURCE = /\b(?:document|file|text|article|report|piece|op-?ed|statement|paper|study|analysis|commentary|story|column|editorial|page|book|letter)s?\s*$/i;
/** "What did the minister say …?", "How did India react …?": words said by someone. */
const ASKS_STATEMENT =
  /^\s*(?:what (?:did|does|do|has|have|will|would)\s+(.+?)\s+(?:say|said|tell|told|state|announce|claim|think)|how (?:did|does|do|has|have|will|would)\s+(.+?)\s+(?:react|respond|reply|view|receive))\b/i;
/** "How does compound interest work?": the thing whose workings are asked about is its first word. */
const ASKS_HOW_THING_WORKS = /^\s*[Hh]ow (?:do|does|did|can|could|will|would|should)\s+(?:(?:the|a|an|its|their)\s+)?(\p{Ll}[\p{Ll}-]*)/u;
const PRONOUNS = new Set(["i", "you", "we", "they", "it", "he", "she", "one", "people"]);
/** Words that date or rank a role rather than name it: "the current foreign minister", "top diplomat". */
export const ROLE_TENSE = new Set(
  terms("current new former present acting interim incumbent then next previous late top senior leading main highest"),
);
/** Up to two words right before a quantity noun ("GDP growth" rate). */
const QUALIFIED_QUANTITY = new RegExp(`((?:[\\p{L}\\p{N}-]+\\s+){1,2})${QUANTITY_NOUNS.source}`, "iu");
/** Counted nouns any count answers: "how many people" is answered by "200,000 IT professionals". */
const GENERIC_COUNTS = new Set(terms("people person individual times thing money"));
const GENERIC_PEOPLE = new Set(terms("people person individual"));
/** Question words that say how to measure, not what about ("How long …", "… worth?"), and hedges ("roughly", "exactly"). */
export const MEASURE_WORDS = new Set(
  terms(`long old far fast big large high tall wide heavy worth cost price tag value amount money number total figure
    percentage share proportion size year date day week month time period span cover based located situated
    exactly precisely actually really roughly approximately different various exact precise specific calendar headline`),
);
/** Prepositions the stopword list lacks: "during the visit" asks about the visit, not "during". */
export const PREPOSITIONS = new Set(
  terms("during until within among across despite toward towards via per amid upon throughout besides beside except regarding concerning versus vs"),
);
/** Verbs that say only that something happened: the sentence need not repeat them. */
const EVENT_WORDS = new Set(terms("happen happened occur occurred host hosted"));
/** A sum written out: "$60 billion", "62 billion dollar", "4bn"; not one naming a thing ("the $7-billion program"). */
const STATED_SUM = /(?:[$€£]\s?\d[\d,.]*(?:\s*(?:billion|million|trillion|bn|mn)\b)?|\b\d[\d,.]*\s*(?:billion|million|trillion|bn|mn)\b(?:\s*dollars?\b)?|\b\d[\d,.]*\s*dollars?\b)(?!-)/gi;
/** The asker's own guess ending the question: "how big is the program, 3 billion or so?", "how many measures, like 5?". */
const GUESSED_FIGURE =
  /(?:,\s*|\s+(?:like|maybe|perhaps|roughly)\s+)(?:(?:like|maybe|perhaps|about|around|roughly)\s+)?[$€£]?\d[\d,.]*\s*(?:billion|million|thousand|bn|mn|k)?\s*(?:or so|or something|ish)?\s*\??\s*$/i;
/**
 * "…, according to the CISS analysis of the Beijing trilateral": who says it, not what is asked
 * about. Its names still pin the event down ("according to the Afghan Taliban").
 */
const SOURCE_CLAUSE = /\b(?:according to|as reported by|reported by)\b[^,?]*/gi;
/** "According to the May 21 report datelined Beijing, | …" or "…, | according to the CISS piece?". */
const NAMING_A_PIECE = String.raw`(?:according to|per|in)\s+the\s+[^,?]*?\b(?:report|article|piece|analysis|op-?ed|story|commentary|coverage)\b[^,?]*`;
const PIECE_CLAUSE = new RegExp(String.raw`^\s*${NAMING_A_PIECE},|,\s*${NAMING_A_PIECE}\??\s*$`, "i");

/**
 * The terms only of the words saying which piece to read ("According to the May 21 report datelined
 * Beijing, …", "the Reuters-sourced news report"): they say where to look, not what about.
 */
export function pieceDescription(question: string): Set<string> {
  const pieces = [question.match(PIECE_CLAUSE)?.[0], ...[...question.matchAll(SOURCE_PHRASE)].map((m) => m[0])].filter((text) => text !== undefined);
  if (pieces.length === 0) return new Set();
  const rest = new Set(terms(pieces.reduce((left, piece) => left.replace(piece, " "), question)));
  return new Set(pieces.flatMap((piece) => terms(piece)).filter((term) => !rest.has(term)));
}
/**
 * Words about what the texts say, not what they say it of: "what figures are given", "reported
 * differently", and which pieces say it: "in the coverage of the Beijing trilateral", "in two
 * different pieces on …", where the asker met it: "I've seen …", "I read …", and how they seem: "articles seem to give …".
 */
const TALK_OF_THE_TEXT =
  /\b(?:(?:seem|seems|seemed|appear|appears|appeared)\s+to(?=\s+(?:give|put|say|report|differ|disagree|quote|cite|use|mention)\b)|(?:I|we)(?:['’]ve|\s+have|\s+had)?\s+(?:seen|heard|read|noticed|come across)\b|(?:is|are|was|were)\s+(?:given|quoted|reported|cited|mentioned|stated|listed)|(?:reported|quoted|given|stated|put|worded)\s+differently|(?:in|across)\s+(?:the\s+)?(?:two\s+|both\s+|different\s+|various\s+)*(?:coverage|reports?|articles?|pieces?|stories)\s+(?:of|on|about)\b[^,;:?—–]*|(?:two|both|different)\s+(?:news\s+)?(?:reports|articles|pieces|stories|accounts)\s+(?:of|on|about)\s+(?:\S+\s+){0,4}?\S+(?=\s+(?:give|put|say|report|differ|quote|cite|use|mention)s?\b)|\bthe\s+(?:two\s+|both\s+)?(?:news\s+)?(?:reports|articles|pieces|stories|write-?ups|accounts|coverage)\s+(?:give|put|say|report|differ|quote|cite|use|mention)s?\b|\b(?:given|reported|cited|stated|quoted)(?=\s+(?:in|by)\s+the\b)|\b(?:two|both)\s+of\s+the\s+(?:[\w-]+\s+)?(?:reports|articles|pieces|stories|write-?ups|accounts)\b|\b(?:put|puts|putting)\b(?=\s+(?:a\s+|an\s+|the\s+)?(?:different\s+|differing\s+|conflicting\s+)?(?:price|value|figure|number|cost))|\b(?:do|does|did)\s+(?:they|each(?:\s+(?:one|piece|report|article|story))?|(?:the\s+)?(?:two\s+|both\s+)?(?:reports|articles|pieces|stories))\s+(?:use|cite|give|quote|put|say|report|mention|state)\b)/gi;
/** "Apart from connectivity,", "besides CPEC", "…, beyond CPEC,": a clause naming what the question is not about. */
/** The question words that end a set-aside clause ("besides CPEC which …"). */
const ENDS_SET_ASIDE = String.raw`\b(?:which|what|who|whom|how|where|when)\b`;
const SET_ASIDE = new RegExp(
  String.raw`\b(?:apart from|aside from|besides?|other than|except(?: for)?|(?<=(?:^|,)\s*)beyond)\s+(?:(?!${ENDS_SET_ASIDE})[^,?])*,?`,
  "gi",
);
/** The clause's opening words and the names after them: "besides | Saudi Arabia |". */
const SET_ASIDE_NAMES = /^\S+(?:\s+(?:from|than|for))?\s+(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:and|&)\s+)?\p{Lu}[\p{L}'’.-]*)*/u;
const QUESTION_WORD_NEXT = new RegExp(String.raw`^\s*${ENDS_SET_ASIDE}`, "i");

/**
 * The question less what it sets aside. A clause ends at a comma or a question word ("besides CPEC, which …",
 * "beside vala and kesk which …"); one running on to the end sets aside only the names after its first words:
 * "Which Gulf states besides Saudi Arabia | gave Pakistan rollovers?" still asks who gave them.
 */
function withoutSetAside(question: string): string {
  return question.replace(SET_ASIDE, (clause: string, offset: number) => {
    if (clause.trimEnd().endsWith(",") || QUESTION_WORD_NEXT.test(question.slice(offset + clause.length))) return " ";
    const names = clause.match(SET_ASIDE_NAMES)?.[0];
    return names ? ` ${clause.slice(names.length)}` : " ";
  });
}
/** A light verb before its particle: "put forward", "set up", "carry out", "roll out". */
const LIGHT_VERB = /\b(?:put|puts|putting|set|sets|setting|carry|carries|carried|carrying|roll|rolls|rolled|rolling|lay|lays|laid|laying|bring|brings|brought|bringing)\s+(?:forward|up|out|about|down|off)\b/gi;
/** Adverbs that say which time, not what happened: "first", "initially", "originally". */
const WHICH_TIME = /\b(?:first|initially|originally|ever)\b/gi;
/** "last year", "this month": when, relative to today, which the text says otherwise ("in 2024") or not at all. */
const RELATIVE_TIME = /\b(?:last|next|past|previous|coming|this)\s+(?=(?:year|month|week|decade)s?\b)/gi;
/** "When will …?", "When is the next … scheduled?": a date still to come. */
const ASKS_FUTURE =
  /\b(?:when|(?:which|what)\s+(?:date|day|month|year))\s+(?:(?!(?:did|does|do|was|were|has|had)\b)\S+\s+){0,5}?(?:will|shall)\b|\bwhen\s+(?:is|are)\s+the\s+next\b|\bwhen\s+(?:is|are)\b.*\b(?:scheduled|due|expected|planned|slated)\b/i;
/** Words of a sentence speaking of what is still to come: "will", "is to", "plans to", "scheduled". */
export const SPEAKS_OF_FUTURE =
  /\b(?:will|would|shall|to be held|(?:is|are) to|to hold|scheduled|expected|planned|plans? to|set to|slated|due to|upcoming|next|soon|as soon as possible|mutually agreeable date)\b/i;
/** Of an event asked when, that it ran: "When did the summit run?". */
const RAN = /\b(?:run|runs|ran|running)\b/gi;
/** "take place", and the words that put a deed in the future: "is supposed to", "is expected to". */
const HAPPENS = /\b(?:(?:take|takes|took|taken|taking)\s+place|(?:supposed|expected|scheduled|slated|due|set|going)\s+to)\b/gi;
/** Words of wanting, which the text says in its own way ("vowed to", "focuses on"): "Which sectors does Vala want AI used in?". */
const WANTING = /\b(?:wants?|wanted|wanting|wish(?:es|ed)?|hopes?|hoped|intends?|intended|would like)\b(?:\s+to\b)?/gi;

const NUMBER = anyWord(`
  \\d+ one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
  hundreds? thousands? millions? billions? dozens? half double twice several few`);
/** Capitalised, so the verbs "may" and "march" are not months. */
const CALENDAR = anyWord(
  `January February March April May June July August September October November December
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday`,
  "",
);
const CALENDAR_WORD = new RegExp(`^${CALENDAR.source}$`);
const TIME = new RegExp(
  [
    // Not "recently" or "soon": they date nothing ("has recently unveiled" does not say when).
    anyWord(`(?:1[89]|20)\\d\\d ago annually yesterday today tomorrow`).source,
    anyWord(`spring summer autumn winter daily weekly monthly yearly nightly dawn dusk noon midnight
      morning afternoon evening night o'clock`).source,
    /\b\d{1,2}:\d\d\b|\b\d{1,2} ?[ap]\.?m\b/.source,
    /\b(last|this|next|earlier|later|recent|past|previous|same|coming|every|each) (week|month|year|decade|century)s?\b/.source,
  ].join("|"),
  "i",
);
/** A year: "in 2023", "2025-2029". */
const YEAR = /(?<![\d.,])(?:1[89]|20)\d\d(?![\d.,]*\d)/;
const YEARS = new RegExp(YEAR.source, "g");
const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)";
const MONTH_NAMED = new RegExp(`\\b${MONTH}(?![a-z])`);
/** A day: "May 21", "21st May", "21 of May", "on Wednesday", "26/07". */
const DAY = new RegExp(
  [
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![a-z])`,
    "\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b",
    "\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b",
  ].join("|"),
);
/** "70 percent", "12.5%", "ten per cent". */
const PERCENTAGE = /%|\bper\s?cent\b|\bpercentage points?\b|\b(?:half|one-third|two-thirds|one-quarter|three-quarters)\b/i;
/** A figure that is a share: "70 percent", "12.5%". */
const SHARE = new RegExp(`(?:\\d[\\d,.]*|${NUMBER.source})\\s*(?:%|per\\s?cent\\b)`, "gi");
/** …or another event: "after the border reopened", "during the talks". */
const EVENT_TIME = /\b(?:after|before|following|during|until|since|once|whenever)\s+((?:\S+\s+){0,5}\S+)/gi;
/** "54-year-old", "aged 54", "Anna Berg, 54, said". */
const AGE = /\b\d+[- ]years?[- ]old\b|\b[Aa]ged? \d+|\b[Aa]ge of \d+|\p{Lu}\p{L}+, \d{1,3},/u;
const EXTENT = new RegExp(
  `${NUMBER.source}[\\s-]+(?:km|kilomet\\w*|miles?|metres?|meters?|feet|foot|ft|mph|knots?|hours?|days?|weeks?|months?|years?|decades?)\\b`,
  "i",
);
/** A sum of money: "$1.5-billion", "62 billion dollar", "Rs 500", "40 million yuan". */
const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*(?:[\s-]+(?:thousand|million|billion|trillion))?[\s-]+(?:dollars?|rupees?|yuan|euros?|pounds?)\b|\b(?:USD|PKR|Rs\.?)\s?\d/i;
/** Figures of a date, which count nothing: "July 26 to 28, 2025", "21st May", "in 2023". */
const DATE_FIGURES = new RegExp(
  [
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*(?:to|-|–|and)\\s*\\d{1,2}(?:st|nd|rd|th)?)?`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s*(?:to|-|–|and)\\s*\\d{1,2}(?:st|nd|rd|th)?)?\\s+(?:of\\s+)?${MONTH}(?![a-z])`,
    YEAR.source,
  ].join("|"),
  "g",
);
/** A sum written with its currency: "$4 billion", "40 million yuan". */
const SUM = new RegExp(`[$€£¥]\\s?\\d[\\d,.]*(?:[\\s-]+(?:thousand|million|billion|trillion))?|${MONEY.source}`, "gi");
/** A model's designation: "JF-17", "Karakoram-8". */
const MODEL = /\b\p{L}+-\d+\b/gu;
/** The most answers a question names by count ("the names of the 3 ministers"); more is a figure of the text. */
const MAX_NAMED_ANSWERS = 10;
/** The kinds asking when: a date, a year or a day. */
export const DATE_KINDS = new Set<QuestionShape["kind"]>(["date", "year", "day"]);
/** Initials typed as a word: "CPEC", "TTP". */
const INITIALS = /\b\p{Lu}{2,6}\b/u;
/** "which three sectors", "what two titles": how many answers are asked, no figure of the text. */
const COUNTED_ANSWERS = /\b(?:which|what|(?:list|name|names? of)\s+the)\s+(two|three|four|five|six|seven|eight|nine|ten)\b/giu;
/** Figures written in the question: "5th", "2023", "$7", "fifth". */
const FIGURE = /(?<![\p{L}\p{N}.,-])\d[\d,.]*(?:st|nd|rd|th)?\b|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b/giu;
const ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/**
 * `isName` tells which terms the documents write as names: a question typed in lowercase
 * ("what year did xi jinping …") is read as if cased like them, and its first word may be a name.
 */
export function questionShape(
  typed: string,
  isName: (term: string) => boolean = () => false,
  /** Whether words the question typed in lowercase are written together as one name ("gwadar port"). */
  isOneName: (words: string) => boolean = () => true,
): QuestionShape {
  const question = withNameCasing(typed, isName);
  // "Besides CPEC, which sectors …?": what is set aside is not what the answer is about.
  // Typed in lowercase, names in a row are one name only where the text writes them so: "gwadar port", not "shehbaz beijing trip".
  const groups = nameGroups(withoutSetAside(question), isName, question !== typed ? isOneName : () => true);
  const names = [...new Set(groups.flat())];
  // "Besides A and B, what third area …?", "which 2 provinces": they count the answers, no figure to find.
  // …and "the names of the 3 ministers", "…, name 3" (up to ten, as words go). A list asked for ("List the 5
  // points") is the text's own list of that many, so its figure is found.
  const countsAnswers = (m: RegExpMatchArray) => {
    const before = question.slice(0, m.index);
    return (
      /\b(?:what|which)\s+$/i.test(before) ||
      (/(?:^|[,;:(]\s*)(?:name|list|give)\s+$/i.test(before) && Number(m[0]) <= MAX_NAMED_ANSWERS) ||
      (/\b(?:name|names? of)\s+the\s+$/i.test(before) && (Number(m[0]) <= MAX_NAMED_ANSWERS || ORDINALS.includes(m[0].toLowerCase())))
    );
  };
  const figures = [...question.replace(GUESSED_FIGURE, " ").matchAll(FIGURE)];
  const numbers = figures.filter((m) => !countsAnswers(m)).flatMap((m) => terms(m[0]));
  // …in words too: "which three sectors".
  const answerCounts = [...figures.filter(countsAnswers), ...question.matchAll(COUNTED_ANSWERS)].flatMap((m) => terms(m.at(-1)!));
  // ("How much of the $7 billion …?" asks for a part of it.)
  const statedSums = new Set(/\bhow much of\b/i.test(question) ? [] : [...question.matchAll(STATED_SUM)].flatMap((m) => terms(m[0])));
  // "For the segment, when …?": an introduction naming nothing is no topic.
  // The kind is read from the asking clause alone: "When Dar met Wang Yi, which interest …?" asks "which".
  const asked = askingPart(question);
  const introduction = question.endsWith(asked) ? question.slice(0, question.length - asked.length) : "";
  // …initials name something ("CPEC value: …"), wherever they stand.
  const aboutWhat =
    /[:,]\s*$/.test(introduction) && !terms(introduction).some((term) => names.includes(term) || isName(term)) && !INITIALS.test(introduction)
      ? asked
      : question;
  const shape = (kind: QuestionShape["kind"], focus: string[] = [], focusModifiers: string[] = []): QuestionShape => ({
    kind,
    focus,
    focusModifiers,
    names,
    sourceNames: sourceNames(question),
    nameGroups: groups,
    // "One article puts CPEC at 62 billion dollars; what does the other say?": a sum the question states is what it
    // knows, not one the answer must repeat, when it asks for a sum.
    numbers: kind === "money" || kind === "quantity" ? numbers.filter((term) => !statedSums.has(term)) : numbers,
    answerCounts,
    models: [...asked.matchAll(MODEL)].flatMap((m) => terms(m[0])),
    // What is checked otherwise (names, figures, the focus) or the kind demands ("people" in "how many people") is not topic.
    // Irregular verbs in their base form, as sentences' terms have them too ("held" matches "hold").
    topic: [
      ...new Set(
        // Nor is where the answer was published ("according to the CISS piece").
        baseTerms(
          withoutSetAside(
            aboutWhat
              .replace(GUESSED_FIGURE, " ")
              // "Compare the …", "List the …": the request is no topic.
              .replace(REQUEST_START, " ")
              .replace(HAPPENS, " ")
              .replace(WANTING, " "),
          )
            .replace(TALK_OF_THE_TEXT, " ")
            .replace(SOURCE_CLAUSE, " ")
            .replace(SOURCE_PHRASE, " ")
            // "put forward" is one verb the text may write otherwise ("proposed"): its words need not be repeated.
            .replace(LIGHT_VERB, " ")
            // …but for "when", "the meeting last month" says which meeting, whose day is asked.
            .replace(DATE_KINDS.has(kind) ? /$^/ : RELATIVE_TIME, " ")
            // "When did Xi first propose …?": "first" says which time, the date says when.
            .replace(DATE_KINDS.has(kind) ? WHICH_TIME : /$^/, " ")
            // "When did the fair run?": that it ran is what the date says.
            .replace(DATE_KINDS.has(kind) ? RAN : /$^/, " ")
            // "What is the end goal of the policy?": the text says what it is for, not that it is a goal.
            .replace(kind === "purpose" ? PURPOSE_ASKED : /$^/, " "),
        )
          .filter(
            (term) =>
              !names.includes(term) &&
              !numbers.includes(term) &&
              !answerCounts.includes(term) &&
              !MEASURE_WORDS.has(term) &&
              !EVENT_WORDS.has(term) &&
              !PREPOSITIONS.has(term) &&
              !GENERIC_COUNTS.has(term) &&
              !focus.includes(term) &&
              !focusModifiers.includes(term),
          ),
      ),
    ],
  });
  // "What does ETIM stand for?", "ETIM full name": the name its initials stand for.
  const initials = asked.match(INITIALS)?.[0];
  if (initials && (ASKS_EXPANSION.test(asked) || new RegExp(`\\bname of (?:the )?${initials}\\s*\\??\\s*$`, "iu").test(asked))) {
    return { ...shape("expansion"), initials };
  }
  const credit = creditKind(asked);
  if (credit) return shape(credit);
  if (ASKS_AGE.test(asked)) return shape("age");
  if (ASKS_PERCENTAGE.test(asked)) return shape("percentage");
  if (ASKS_EXTENT.test(asked)) return ASKS_STAY.test(asked) ? { ...shape("extent"), stay: true } : shape("extent");
  if (ASKS_QUANTITY.test(asked) || (ASKS_AMOUNT.test(asked) && QUANTITY_NOUNS.test(asked))) {
    // Any sum of money answers "how much … cost" or "loan how big", whatever word the text uses for it.
    if ((ASKS_AMOUNT.test(asked) || /\bhow (?:big|large)\b/i.test(asked)) && terms(asked).some((term) => MONEY_WORDS.has(term))) return shape("money");
    // "What figures do the articles give for the value of CPEC?", "One puts it at 62 billion dollars; what figure …?": sums.
    if (ASKS_FIGURES.test(asked) && (ASKS_SUMS.test(asked) || terms(question).some((term) => MONEY_WORDS.has(term) || SUM_WORDS.has(term)))) return shape("money");
    const focus = quantityFocus(asked);
    const counted = shape(ASKS_COUNT.test(asked) ? "count" : "quantity", focus ? [focus.term] : [], focus?.modifiers);
    const deed = countedDeed(asked);
    const people = counted.kind === "count" && GENERIC_PEOPLE.has(countedPhrase(asked).at(-1) ?? "");
    // (Only of a deed: "included in the package" says where it is listed.)
    const where = deed.length ? deedSetting(asked) : [];
    return { ...counted, ...(deed.length ? { deed } : {}), ...(people ? { people } : {}), ...(where.length ? { deedWhere: where } : {}) };
  }
  if (ASKS_PAYMENT.test(asked) || ASKS_VALUE.test(asked) || ASKS_SUMS.test(asked) || ASKS_EARNINGS.test(asked)) return shape("money");
  // "When will Sudan get the jets?", "When is the next summit scheduled?": a date still to come.
  const dated = (kind: "year" | "day" | "date") => (ASKS_FUTURE.test(asked) ? { ...shape(kind), future: true } : shape(kind));
  if (ASKS_YEAR.test(asked)) return dated("year");
  if (ASKS_DAY.test(asked)) return dated("day");
  if (ASKS_DATE.test(asked)) return ASKS_MONTH.test(asked) ? { ...dated("date"), month: true } : dated("date");
  if (ASKS_PLACE.test(asked)) return shape("place");
  // "What title does the report give Ishaq Dar?": the office before a name the question gives.
  if (names.length > 0 && ASKS_TITLE.test(asked)) return { ...shape("office"), another: ASKS_ANOTHER.test(question) };
  // …and "What four priorities does the consul general set out?": what someone lists.
  if (ASKS_LIST.test(asked) || LISTED_BY.test(asked)) return shape("list");
  if (ASKS_WHY.test(asked)) return ASKS_SIGNIFICANCE.test(asked) ? { ...shape("reason"), significance: true } : shape("reason");
  if (ASKS_PURPOSE.test(asked)) return shape("purpose");
  const role = roleAsked(asked);
  // "Name the country that …", "What is the name of the city …": which country, which city (one; "the countries that …"
  // asks for names of several, beside the word).
  const place = role?.at(-1);
  if (place && PLACES_NAMED.has(place) && ONE_PLACE_NAMED.test(asked.match(ASKS_NAME_OF)?.[1] ?? "")) {
    return { ...shape("which", [place], kindQualifiers(withNameCasing(asked, isName), place)), several: false, another: false };
  }
  if (role) {
    const owners = roleOwners(asked, role);
    // "Name the retired air force guy who …": someone, so a person's name, whatever the text calls him.
    const holder = shape(ASKS_NAME_OF.test(asked) && role.length > 0 ? "name" : "person", role);
    return owners.length ? { ...holder, owners } : holder;
  }
  if (ASKS_AGENT.test(asked)) {
    // "Who heads the embassy as chargé d'affaires?" gives the office and asks for the person holding it.
    // …but "Who described the deal as a 'done deal'?" gives what it was called.
    const office = DESCRIBED_AS.test(asked) ? undefined : asked.replace(AS_MUCH_AS, "").match(OFFICE_GIVEN)?.[1];
    if (office) return shape("person", terms(office));
    const representative = asked.match(ASKS_REPRESENTATIVE);
    if (representative) return shape("person", representative[1] ? terms(representative[1]) : []);
    return { ...shape("agent"), deed: deedAsked(asked) };
  }
  const category = categoryAsked(asked);
  if (category) {
    return {
      ...shape("which", [category], kindQualifiers(withNameCasing(asked, isName), category)),
      several: typedAsPlural(asked, category),
      another: ASKS_ANOTHER.test(question),
    };
  }
  if (ASKS_STATEMENT.test(asked)) {
    const said = [...speakerAsked(asked), ...statementSubject(asked)];
    // "What does the document say about …?" asks what is written in it, not who said it.
    if (WRITTEN_SOURCE.test(asked.match(ASKS_STATEMENT)?.[1] ?? "")) return shape(null, said);
    return { ...shape("statement", said), speakers: speakerNames(asked, isName) };
  }
  // "Did India react to the plan?", "Has the agreement been signed?": the deed asked about must be said.
  return { ...shape(null, subjectAsked(asked)), deed: deedAskedWhether(asked) };
}

/** The words that ask: "how", "what", "which", … */
const ASKING_WORD = "(?:how|what|which|who|whom|where|when|why)";
const WH_WORD = "(?:which|what|who|whom|whose|where|why|how|when|did|does|do|is|are|was|were|has|have|had|can|could|will|would)";
/** Chat shorthand the documents spell out: "how many ppl …", "the govt's plan". */
const SHORTHAND: Record<string, string> = {
  ppl: "people",
  govt: "government",
  gov: "government",
  govts: "governments",
  intl: "international",
  natl: "national",
  org: "organization",
  orgs: "organizations",
  dept: "department",
  hwy: "highway",
  info: "information",
  pres: "president",
  // Country codes chat uses for a country: "PK-China ties". (A name cut short, "Pak", and initials, "FM", are found in the corpus.)
  pk: "Pakistan",
  prc: "China",
  ksa: "Saudi Arabia",
  uk: "United Kingdom",
  usa: "United States",
  // …and for other words of the news: "Sharif stmt", "UNSC seat".
  stmt: "statement",
  anniv: "anniversary",
  econ: "economic",
  admin: "administration",
  mtg: "meeting",
  conf: "conference",
  folks: "people",
  coop: "cooperation",
  fwd: "forward",
  grp: "group",
  grps: "groups",
  nums: "numbers",
  pts: "points",
  uav: "drone",
  uavs: "drones",
  cant: "cannot",
  // Places written short in Pakistani chat: "isb", "afg".
  isb: "Islamabad",
  afg: "Afghanistan",
  kkh: "Karakoram Highway",
  // "tl;dr": a request for brevity, no topic (its "dr" is no doctor).
  "tl;dr": "",
  tldr: "",
  amb: "ambassador",
  phd: "Ph.D.",
  mphil: "M.Phil.",
  msc: "M.Sc.",
  doctorate: "Ph.D.",
  // Initials in the plural, which the corpus never writes: "the 3 fms".
  fms: "foreign ministers",
  pms: "prime ministers",
  unsc: "UN Security Council",
  // Counts and amounts written short: "no. of jets", "# of drones", "drone qty".
  "no. of": "number of",
  "#": "number",
  qty: "quantity",
  amt: "amount",
  "acc to": "according to",
  acording: "according",
  accoring: "according",
  // Months written short ("since nov 2023"); not "mar" or "may", which are words.
  jan: "January",
  feb: "February",
  apr: "April",
  jun: "June",
  jul: "July",
  aug: "August",
  sept: "September",
  oct: "October",
  nov: "November",
  dec: "December",
  rn: "right now",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  uni: "university",
  univ: "university",
  diff: "different",
  howmany: "how many",
  howmuch: "how much",
  "w/o": "without",
  w: "with",
  // Honorifics name no one: "His Excellency President Xi" is "President Xi".
  "his excellency": "",
  "her excellency": "",
  "their excellencies": "",
  n: "and",
  hq: "headquarters",
  bc: "because",
  yr: "year",
  yrs: "years",
  approx: "approximately",
  abt: "about",
  bn: "billion",
  mn: "million",
  "b/w": "between",
  "w/": "with",
  // Question words typed in a hurry.
  wht: "what",
  wat: "what",
  whn: "when",
  whr: "where",
  wich: "which",
  whch: "which",
  hw: "how",
};
const SHORTHAND_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}/])(${Object.keys(SHORTHAND)
    .map((word) => word.replace(/\./g, "\\."))
    .join("|")})(?![\\p{L}\\p{N}/])`,
  "giu",
);
/** "America" and "the US" are the United States, as the news names it; "Latin America" and "us" are not. */
const AMERICA = /(?<!\b(?:Latin|South|North|Central)\s+)\b(?:America|US|U\.S\.)(?![\p{L}.])/gu;
/** A figure's scale written short: "$4bn", "2.5mn". */
const SHORT_SCALE = /(?<=\d)(bn|mn)\b/giu;
/** "(what was the) death toll from X", "X death toll": how many were killed in X. */
const DEATH_TOLL_OF = /^\s*(?:what(?:['’]s|\s+(?:is|was|were))\s+the\s+)?(?:death|casualty)\s+tolls?\s+(?:from|of|in)\s+(.+?)\s*\??\s*$/iu;
const DEATH_TOLL_LAST = /^\s*(?!.*\b(?:how|what|which|who|when|where|why)\b)(.+?)\s+(?:death|casualty)\s+tolls?\s*\??\s*$/iu;
/** "2 lakh" (100,000 each), "1.5 crore" (10 million each). */
const INDIAN_SCALE = /\b(\d+(?:\.\d+)?)\s*(lakhs?|lacs?|crores?)\b/giu;
const LAKH = 100_000;
const CRORE = 10_000_000;

/**
 * Courtesies that ask nothing themselves: "might you remind me", "could you tell me", "may I ask",
 * "I understand that". Their words would be looked for in the text ("remind") as if they were the topic.
 */
const COURTESY =
  /\b(?:(?:might|could|would|can|will) you (?:please |kindly )?(?:remind|tell|inform|advise|confirm for) me(?: of)?|^\s*(?:please\s+)?remind me(?: again)?(?: of)?,?|(?:may|might|can|could) I ask|I (?:would like|want|wish) to (?:know|ask|confirm)|I (?:understand|recall|gather|believe|seem to recall)(?: that)?|do you (?:happen to )?know|(?:please|kindly))\b,?/giu;

/** "True or false: X …", "Fact check: X …": whether X is so ("Fact check: what …?" is the question after it). */
const CHECK_REQUEST = new RegExp(`^\\s*(?:true or false|fact[- ]?check|yes or no|t\\/f|y\\/n)\\s*[:,?-]\\s*(${WH_WORD}\\b)?`, "iu");

/** "What is the plan called?", "…, and what was the operation called?" ("What is it called?" asks of what was said before.) */
const CALLED = /\bwhat(?:['’]?s|\s+(?:is|was|are|were))\s+(?!(?:it|they|this|that|these|those)\s)([^?,;]+?)\s+(?:called|named|known as|titled)(?=\s*(?:[?,;.]|$))/giu;

/**
 * A remark typed after the question, in lowercase: "…, and who exactly? | pakistan as peacemaker, lol ok".
 * A request for several answers is none: "…? one article says one number, the other another, give both".
 */
const TRAILING_REMARK = /(?<=\?)\s+(?![^?]*\b(?:both|each|all (?:two|three|four))\b)\p{Ll}[^?]*$/u;

/**
 * The question as the documents would write it: chat shorthand written out ("how many ppl" → "how many
 * people"), courtesies and a remark typed after the question left out; their words are no topic.
 */
export function asDocumentsWrite(question: string): string {
  return question
    // "cpec total value??": one mark asks as well as two.
    .replace(/([?!])[?!]+/g, "$1")
    .replace(TRAILING_REMARK, "")
    // A model named in the plural is the model: "how many Karakoram-8s" counts "Karakoram-8" aircraft.
    .replace(/(?<=\p{L}-\d+)s\b/gu, "")
    .replace(COURTESY, " ")
    // "True or false: X …", "Fact check: X …": whether X is so.
    .replace(CHECK_REQUEST, (_, questionWord?: string) => questionWord ?? "Is it true that ")
    .replace(SHORTHAND_WORD, (word) => SHORTHAND[word.toLowerCase()] ?? word)
    .replace(AMERICA, "United States")
    .replace(SHORT_SCALE, (scale) => ` ${SHORTHAND[scale.toLowerCase()]}`)
    // "2 lakh", "1.5 crore": South Asian counts, which the news writes in full ("200,000").
    .replace(INDIAN_SCALE, (_, figure: string, scale: string) =>
      (Number(figure) * (/^c/i.test(scale) ? CRORE : LAKH)).toLocaleString("en-US", { maximumFractionDigits: 0 }),
    )
    // "how much new $ …", "deal how much $$": money, where no figure follows the sign.
    .replace(/(?<![\p{L}\p{N}$])\$+(?![\p{L}\p{N}$])/gu, "money")
    // "spent 4 days", "the 5 points": a small count of things, which the news writes in words ("a four-day visit").
    .replace(SMALL_COUNT, (digits: string) => NUMBER_WORDS[Number(digits)])
    // "the diplomat's op-ed": an article; its halves are no words of the text.
    .replace(/\bop[\s-]?eds?\b/giu, (phrase) => (/s$/i.test(phrase) ? "articles" : "article"))
    // "the military op" is an operation; an "op-ed" or "op ed" is not.
    .replace(/\b(op)(s?)\b(?![\s-]*ed\b)/giu, (_, op: string, plural: string) => `${op[0]}peration${plural}`)
    // "lost their lives", "passed away": the news says they died or were killed.
    .replace(LOSING_LIFE, (_, verb: string) => DYING[verb.toLowerCase()] ?? verb)
    // "What is the new policy called?": its name, which the text gives without saying it is called so.
    .replace(CALLED, (_, what: string) => `what is the name of ${what}`)
    // "death toll from the Paktika raids?", "paktika raids death toll": the news says how many were killed.
    .replace(DEATH_TOLL_OF, (_, what: string) => `how many people were killed in ${what}?`)
    .replace(DEATH_TOLL_LAST, (_, what: string) => `how many people were killed in ${what}?`)
    // "how many dead", "how many deaths in …": how many were killed.
    .replace(/\bhow many\s+(?:people\s+)?(?:were\s+)?(?:dead|deaths|fatalities)\b/giu, "how many people were killed")
    // "the 3-way meeting": the news says trilateral.
    .replace(/\b(?:3|three)[\s-]way\b/giu, "trilateral")
    // "Sino-Pakistani": China's.
    .replace(/\bsino-(?=\p{L})/giu, "China-")
    // "blame 4 the attacks": "for" before an article or pronoun after a word.
    .replace(/(?<=\p{L}\s+)4(?=\s+(?:the|a|an|this|that|these|those|his|her|their|its|me|us|him|them)\b)/giu, "for")
    // "what r they": "are" after a question word.
    .replace(/\b(what|who|where|when|how|which)\s+r\b/giu, "$1 are")
    // "foreign min", "prime min": a minister after the word naming the ministry (elsewhere "min" may be a minute).
    .replace(/\b(foreign|prime|interior|finance|defen[cs]e|information|commerce|trade|deputy)\s+min(s?)\b(?!\.?\s*\d)/giu, (_, office: string, plural: string) => `${office} minister${plural}`)
    // A country's "top diplomat" is, in the news, its foreign minister.
    .replace(/\btop diplomats?\b/giu, (phrase) => (phrase.endsWith("s") ? "foreign ministers" : "foreign minister"))
    // "kicked off", "sent back": a verb and its particle mean one verb, which the news uses.
    .replace(PHRASAL_VERB, (phrase: string) => PHRASAL_VERBS.get(phrase.toLowerCase().replace(/\s+/g, " ")) ?? phrase)
    .replace(SPLIT_PHRASAL_VERB, (phrase: string, verb: string, object: string, particle: string) => {
      const single = PHRASAL_VERBS.get(`${verb} ${particle}`.toLowerCase());
      return single ? `${single} ${object.trim()}` : phrase;
    })
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** Counts as words, for figures a text or a question may write either way ("a three-day visit", "spent 4 days"). */
export const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
/**
 * A count of 2 to 9 before the things counted ("spent 4 days", "the 5 points"), which the news spells out (10 and up it
 * writes in digits): opening the question or after a word that leads a count, so not a model's number ("karakoram 8
 * planes"), a sum ("5 billion"), a unit's ("5 km") or a time ("at 5 pm").
 */
const SMALL_COUNT = new RegExp(
  String.raw`(?<=^|\(|\b(?:a|the|these|those|its|their|his|her|all|about|around|some|for|in|over|under|of|only|just|what|which|list|name|give|with|and|or|are|were|is|was|has|have|had|by|spent|spend|took|take|lasted|last|past|next|first)\s+)[2-9](?=[\s-]+(?!(?:billion|million|thousand|hundred|lakh|crore|percent|per|km|kilomet\p{L}*|miles?|kg|am|pm|or|to|and|x)\b)\p{L})`,
  "giu",
);

/** Verbs with a particle, each form with the one-word verb of the same form: [base, past, -s, -ing] each. */
const PHRASAL_VERBS = new Map<string, string>(
  (
    [
      [["kick off", "kicked off", "kicks off", "kicking off"], ["begin", "began", "begins", "beginning"]],
      [["roll out", "rolled out", "rolls out", "rolling out"], ["launch", "launched", "launches", "launching"]],
      [["send back", "sent back", "sends back", "sending back"], ["repatriate", "repatriated", "repatriates", "repatriating"]],
      [["send home", "sent home", "sends home", "sending home"], ["repatriate", "repatriated", "repatriates", "repatriating"]],
      [["kick out", "kicked out", "kicks out", "kicking out"], ["expel", "expelled", "expels", "expelling"]],
      [["sit down", "sat down", "sits down", "sitting down"], ["meet", "met", "meets", "meeting"]],
      [["stand with", "stood with", "stands with", "standing with"], ["support", "supported", "supports", "supporting"]],
      [["take in", "took in", "takes in", "taking in"], ["accept", "accepted", "accepts", "accepting"]],
      [["up against"], ["fighting against"]],
      [["step up", "stepped up", "steps up", "stepping up"], ["increase", "increased", "increases", "increasing"]],
      [["call off", "called off", "calls off", "calling off"], ["cancel", "cancelled", "cancels", "cancelling"]],
      [["turn down", "turned down", "turns down", "turning down"], ["reject", "rejected", "rejects", "rejecting"]],
      [["pull out", "pulled out", "pulls out", "pulling out"], ["withdraw", "withdrew", "withdraws", "withdrawing"]],
      [["come up with", "came up with", "comes up with", "coming up with"], ["propose", "proposed", "proposes", "proposing"]],
      [["put forward", "puts forward", "putting forward"], ["proposed", "proposes", "proposing"]],
      [["push out", "pushed out", "pushes out", "pushing out"], ["expel", "expelled", "expels", "expelling"]],
      [["beef up", "beefed up", "beefs up", "beefing up"], ["strengthen", "strengthened", "strengthens", "strengthening"]],
      [["own up to", "owned up to", "owns up to", "owning up to"], ["confirm", "confirmed", "confirms", "confirming"]],
      [["run out", "ran out", "runs out", "running out"], ["expire", "expired", "expires", "expiring"]],
      [["ramp up", "ramped up", "ramps up", "ramping up"], ["increase", "increased", "increases", "increasing"]],
      [["speed up", "sped up", "speeds up", "speeding up"], ["accelerate", "accelerated", "accelerates", "accelerating"]],
      [["set up", "sets up", "setting up"], ["establish", "establishes", "establishing"]],
    ] as const
  ).flatMap(([phrases, verbs]) => phrases.map((phrase, i) => [phrase, verbs[i]] as const)),
);
const PHRASAL_VERB = new RegExp(`\\b(?:${[...PHRASAL_VERBS.keys()].map((p) => p.replace(" ", "\\s+")).join("|")})\\b`, "giu");
/** …with its object between: "send undocumented Afghans back", "kick the talks off" (up to three plain words; "take part in" is no "take in"). */
const SPLIT_PHRASAL_VERB = new RegExp(
  `\\b(${[...new Set([...PHRASAL_VERBS.keys()].map((p) => p.split(" ")[0]))].join("|")})\\s+((?:(?!(?:to|in|on|at|for|with|from|of|and|or|by|part|place)\\b)\\p{L}+\\s+){1,3}?)(${[...new Set([...PHRASAL_VERBS.keys()].map((p) => p.split(" ")[1]))].join("|")})\\b`,
  "giu",
);

/** Ways of saying "died" that share no word with it. */
const LOSING_LIFE = /\b(lose|loses|losing|lost|pass|passes|passing|passed)\s+(?:(?:their|his|her|its|one's|our|your)\s+li(?:fe|ves)|away)\b/giu;
const DYING: Record<string, string> = {
  lose: "die", loses: "dies", losing: "dying", lost: "died",
  pass: "die", passes: "dies", passing: "dying", passed: "died",
};

/** A clause set before the question proper: "When Dar met Wang Yi, | which …", "Since 2023, roughly | how many …". */
const LEADING_CLAUSE = new RegExp(
  `^\\s*(?:when(?!\\s+${WH_WORD}\\b)|while|after|before|if|as|since|although|given that|now that|apart from|besides|beyond)\\b` +
    // …of several commas: "When Dar met Wang Yi, beyond CPEC and connectivity, in which areas …".
    // …the question word's own preposition ("in which"), not a question word ("where did").
    `(?:[^,?]*,\\s*)+?(?:(?!(?:and|or|but|${WH_WORD})\\b)\\p{L}+\\s+)?(?=${WH_WORD}\\b)`,
  "iu",
);

/**
 * "… both in X and in Y", "… and also …", "the reports", "different figures": a question joining what several pieces say.
 * "According to the articles, …" only says where to look.
 */
const JOINS_PIECES =
  /\bboth\b|\band also\b|\bas well as\b|(?<!\b(?:according to|in|per|from|across) )\bthe (?:reports|articles|pieces|stories|sources|write-?ups|accounts|op-?eds|analyses|commentaries)\b|\b(?:different|various|differ)\b|\b(?:two|both)\s+(?:of\s+(?:these|the)\s+)?(?:news\s+|[\w-]+\s+)?(?:reports|articles|pieces|stories|accounts)\b|\beach (?:one |piece |report |article )?(?:gives?|says?|puts?|reports?|states?|mentions?|uses?|cites?|quotes?)\b|\baccording to\b.*\baccording to\b/i;

export function joinsPieces(question: string): boolean {
  // "… in the CISS commentary, and what does the Arab News report say …": two pieces named.
  const named = new Set([...question.matchAll(SOURCE_PHRASE)].map((m) => terms(m.slice(1).find(Boolean) ?? "").join(" ")).filter(Boolean));
  return JOINS_PIECES.test(question) || named.size >= 2;
}

/** A short question about what was just said: "What are they?", "Who was it?", "When was that?". */
const REFERS_BACK = /^\s*(?:what|which|who|when|where|how much|how many)\s+(?:are|is|was|were)\s+(?:they|it|those|these|that|this)\s*\?\s*$/i;

/** Words of a short question that asks only for the figures or names just spoken of: "What are the two figures?". */
const SAID_BEFORE = new Set(terms("figure figures number numbers amount amounts sum sums value values name names title titles date dates two three both each one ones give gives say says"));
const MAX_BACK_WORDS = 8;

function asksOnlyForWhatWasSaid(asking: string): boolean {
  const words = terms(asking);
  return asking.split(/\s+/).length <= MAX_BACK_WORDS && words.length > 0 && words.every((term) => SAID_BEFORE.has(term));
}

/**
 * The sentence that asks, less any clause set before it: "I'm writing a briefing. What did …?"
 * asks "What did …?"; "Who wrote it? I need the role." asks "Who wrote it?".
 */
export function askingPart(question: string): string {
  // Sentences end at a stop before a capital, not at an initial ("the U.S. embassy", "P.R. China").
  // Typed in lowercase, a question mark ends a sentence too: "pakistan is on imf support right? how big is it?".
  const parts = question.split(/(?<=[?!]|(?<![\s.]\p{Lu})\.)\s+(?=\p{Lu})|(?<=\?)\s+(?=\p{Ll})/u);
  const asking = parts.find((part) => part.includes("?") && QUESTION_WORD_IN.test(part)) ?? parts.find((part) => part.includes("?")) ?? question;
  // "… give different dollar figures for CPEC. What are they?": a question about what was just said asks it.
  if (REFERS_BACK.test(asking) || asksOnlyForWhatWasSaid(asking)) {
    return parts.slice(0, parts.indexOf(asking) + 1).join(" ").replace(LEADING_CLAUSE, "").trim();
  }
  return questionWordFirst(asking.replace(LEADING_CLAUSE, "").trim());
}

const OPENS_WITH_QUESTION_WORD = new RegExp(`^\\s*${WH_WORD}\\b`, "iu");
/** Words that open a request rather than a topic: "name the port where …" is not asking "where". */
const REQUEST_START = /^\s*(?:name|list|give|tell|explain|describe|identify|mention|show|summari[sz]e|compare|please)\b/i;
const QUESTION_WORD_IN = new RegExp(`\\b${ASKING_WORD}\\b`, "i");
const QUESTION_WORD = new RegExp(`^(?:(?:by|since|until|till)\\s+)?(?:whose|${ASKING_WORD})$`, "i");
/** "For the segment, …", "Quick question, …": a few words before a comma that introduce the question. */
const MAX_PREAMBLE_WORDS = 4;
/** A question word this near the end asks; further back it opens a clause ("the city where the talks were held"). */
const MAX_TRAILING_WORDS = 4;
/** "Compare the | CPEC price tag | given in | the CISS commentary | with the one in | the news report." */
const COMPARE_GIVEN_IN =
  /^\s*compare\s+the\s+(.+?)\s+(?:given|reported|cited|stated|quoted|put)\s+(?:in|by)\s+(.+?)\s+(?:with|to|and)\s+(?:the\s+one|that|those)\s+(?:given\s+|reported\s+)?(?:in|by)\s+(.+?)[.?!]*\s*$/iu;
/** Keywords ending in the noun of what is asked: "thakot raikot realignment cost", "rsf leader name". */
const ASKED_NOUN_LAST: [RegExp, (rest: string, noun: string) => string][] = [
  // "exact dates" asks the days, not a month or a year.
  [/^(.+?)\s+(?:exact|precise|specific|calendar)\s+(?:date|dates)\s*\??$/iu, (rest) => `on what exact date ${rest}`],
  // "… date agreed", "… completion deadline", "… delivery timeline": when.
  [/^(.+?)\s+(?:start\s+|end\s+)?(?:date|dates|timing|deadline|timeline|timetable|schedule)(?:\s+(?:agreed|set|fixed|announced|planned|expected))?\s*\??$/iu, (rest) => `when ${rest}`],
  // "sudan deal delivery timeline for the jets": when, of the words either side.
  [/^(.+?)\s+(?:dates|timeline|timetable|schedule|deadline)\s+(?:for|of)\s+(.+?)\s*\??$/iu, (rest, of) => `when ${rest} ${of}`],
  // "ishaq dar official titles": the offices he is given.
  [/^(.+?)\s+(?:official\s+)?(titles|designations|offices)\s*\??$/iu, (rest, noun) => `what ${noun} is ${rest} given`],
  [/^(.+?)\s+(?:year|yr)\s*\??$/iu, (rest) => `what year ${rest}`],
  [/^(.+?)\s+(?:location|venue|whereabouts)\s*\??$/iu, (rest) => `where is ${rest}`],
  // "wacs headquarters city", "gwadar port province": which one of the kind.
  [/^(.+?)\s+(city|country|province|district|town)\s*\??$/iu, (rest, noun) => `which ${noun} ${rest}`],
  [/^(.+?)\s+(?:full\s+|official\s+)?(names?)\s*\??$/iu, (rest, noun) => `what is the ${noun} of ${rest}`],
  // "dar china visit length": how long it lasted; "khunjerab pass altitude", "… length in km": a measure of it.
  [/^(.+?)\s+(?:length|duration)\s*\??$/iu, (rest) => `how long is the ${rest}`],
  [
    /^(.+?)\s+(capacity|volume|altitude|elevation|height|size|area|population|distance|speed|weight|length|output|production)(?:\s+in\s+\p{L}+)?\s*\??$/iu,
    (rest, noun) => `what is the ${noun} of ${rest}`,
  ],
  // "… railway cost estimate": the sum, however qualified.
  [/^(.+?)\s+(cost|costs|value|worth|price|budget)(?:\s+(?:estimates?|figures?|tag|allocations?))?\s*\??$/iu, (rest, noun) => `what is the ${rest} ${noun}`],
  [/^(.+?)\s+(casualties|deaths|death toll|toll|fatalities)\s*\??$/iu, (rest) => `how many people were killed in ${rest}`],
  // "chinese killed since 2021 and afghans expelled since march — numbers?": how many of each.
  [
    /^(?!.*\b(?:how|what|which|who|whom|when|where|why)\b)(.+?)(?:\s*[,—–:]\s*|\s+)(?:the\s+)?(?:numbers|figures|stats)(?:\s+(?:pls|plz|please))?\s*\??$/iu,
    (rest) =>
      rest
        .split(/\s+(?:and|vs\.?|versus)\s+/i)
        .map((part) => `how many ${part}`)
        .join(", and "),
  ],
];

/**
 * A question typed as keywords, what is asked put last, reordered to ask first: "sudan jets
 * delivery when" → "when sudan jets delivery", "paktika strike which district" → "which district
 * paktika strike", "name of the op" → "what is the name of the op". Questions that already open
 * with a question word, an auxiliary or a request are left as they are.
 */
function questionWordFirst(typed: string): string {
  // "so when exactly is …", "and who …": a filler before the question word.
  const asking = typed.replace(new RegExp(`^\\s*(?:so|and|but|ok(?:ay)?|well|hey|also|then|oh|um|uh|right)\\b,?\\s+(?=${WH_WORD}\\b)`, "iu"), "");
  const named = asking.match(/^\s*(names? of\b.*)$/iu);
  if (named) return `what is the ${named[1]}`;
  // "Name the leader of …", "Give the name of the ambassador …", "Name Vala's envoy in Kesk": a request for one name
  // ("Name Vala's plan and the body it joined" asks two things).
  const request = asking.match(/^\s*(?:(?:please\s+)?name|(?:give|state|tell me|provide)\s+the\s+name\s+of)\s+((?:the\s+|\p{L}+['’]s\s+(?![^?]*\band\b))(?!(?:first\s+|main\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b).*)$/iu);
  if (request) return `what is the name of ${request[1]}`;
  // "Give the value of the deal …", "State the date of …": what it is.
  const given = asking.match(/^\s*(?:please\s+)?(?:give|state|provide|tell me)\s+(the\s+(?:value|cost|price|worth|amount|size|date|number|figure|total)\s+of\b.*)$/iu);
  if (given) return `what is ${given[1]}`;
  // "Name the two Chinese leaders Sharif met": which two, each a name of the kind.
  // …and "List the three sectors in which …", "List the three ministers who …": which three, each of the kind
  // (a list of other things keeps its own reading).
  const several =
    asking.match(/^\s*(?:please\s+)?name\s+the\s+((?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+.*)$/iu) ??
    asking.match(/^\s*(?:please\s+)?list\s+the\s+((?:two|three|four|five|six|\d+)\s+(?:\p{L}+\s+)?(?:sectors|fields|areas|domains|spheres|ministers|leaders|officials|countries)\b.*)$/iu);
  // "… the three sectors in which they agreed …": in which three sectors they agreed.
  // …and "… the three ministers who met …": which three ministers met.
  if (several) {
    return several[1]
      .replace(/^(.+?)\s+(?:in which|where)\s+/iu, "in which $1 ")
      .replace(/^((?:\S+\s+){1,3}?(?:ministers|leaders|officials|countries))\s+(?:who|that)\s+/iu, "$1 ")
      .replace(/^(?!in which )/iu, "which ");
  }
  // "shehbaz trip how many days vs dar trip", "how long was A's trip vs B's?": the second asks the same of its own words.
  const versus = asking.match(/^(.+?)\s+(?:vs\.?|versus)\s+(.+?)\s*\??$/iu);
  // …but "A's vs B's trip" names one thing of each (see questionParts).
  if (versus && !COORDINATED_OWNERS.test(asking)) {
    const first = questionWordFirst(versus[1]);
    const asked = first.match(/^(?:(?:by|since|until|till)\s+)?(?:how (?:many|much)(?:\s+\p{L}+)?|how \p{L}+|when|where|who|what)\b/iu)?.[0];
    if (asked) return `${first.replace(/\?$/, "")}, and ${asked} ${withOwnedThing(versus[2], first)}?`;
  }
  // "Compare the CPEC price tag given in A with the one in B": what each gives.
  const comparedPieces = asking.match(COMPARE_GIVEN_IN);
  if (comparedPieces) return `what are the ${comparedPieces[1].replace(/s$/i, "")}s given in ${comparedPieces[2]} and in ${comparedPieces[3]}?`;
  // "peace initiative - proposed by whom": who did it.
  const opensWithQuestionWord = OPENS_WITH_QUESTION_WORD.test(asking);
  const byWhom = asking.match(/^(.+?)\s+(\p{L}+ed)\s+by\s+whom\s*\??$/iu);
  if (byWhom && !opensWithQuestionWord) return `who ${byWhom[2]} ${byWhom[1]}?`;
  if (opensWithQuestionWord || REQUEST_START.test(asking)) return asking;
  const tokens = asking.split(/\s+/);
  const at = tokens.findIndex((token, i) => i > 0 && QUESTION_WORD.test(token.replace(/[?,]/g, "")));
  const opensAt = at > 0 && /^(?:by|since|until|till)$/i.test(tokens[at - 1]) ? at - 1 : at;
  if (opensAt > 0) {
    const before = tokens[opensAt - 1];
    // "total value and how many drones?": the words before ask too.
    if (/^(?:and|or|&)$/i.test(before)) return asking;
    // "… strikes which district" is read where it stands (see categoryAsked).
    if (/^which$/i.test(tokens[at])) return asking;
    // "Quick one for the segment: when and where …?": what comes before the colon only introduces it;
    // so does a short phrase before a comma ("For the segment, which …?"), the rest of the question keeping its names.
    const introduces = opensAt <= MAX_PREAMBLE_WORDS && !tokens.slice(1, opensAt).some((token) => /^\p{Lu}/u.test(token));
    if (before.endsWith(":") || (before.endsWith(",") && introduces)) return tokens.slice(opensAt).join(" ");
    // "On Vala, how many ships docked?": the question follows its subject.
    if (before.endsWith(",")) return asking;
    const trailing = tokens.slice(opensAt);
    // "sudan deal how much and what planes": each question word asks about the keywords before.
    const rest = tokens.slice(0, opensAt).join(" ").replace(/,$/, "");
    const asked = trailing.join(" ").replace(/\?\s*$/, "").split(SECOND_QUESTION);
    if (asked[0].split(/\s+/).length > MAX_TRAILING_WORDS) return asking;
    const short = (part: string) => part.split(/\s+/).length <= MAX_TRAILING_WORDS;
    // "… killed how many?" names no counted noun: the colon keeps the keywords from being taken for one.
    const withRest = (part: string) => (/^how (?:many|much)$/i.test(part) ? `${part}: ${rest}` : `${part} ${rest}`);
    return asked.map((part) => (short(part) ? withRest(part) : part)).join(", and ") + "?";
  }
  // "date pakistan took up its seat", "price per jet": what is asked comes first.
  // "estimated cost of the railway", "budget for the lab", "date of the next meeting", "exact start date of the operation".
  const askedFirst = asking.match(
    /^\s*(?:(?:the\s+)?(?:((?:exact|precise|specific)\s+)?(?:(?:start|starting|launch|end|completion|signing|delivery|handover)\s+)?(dates?|day)\s+((?:of|for)\s+)?|(?:estimated\s+|total\s+|overall\s+|money\s+|dollar\s+|unit\s+|per-unit\s+)?(price|cost|value|budget|worth)(?:\s+(?:est|estimates?|figures?|tag))?\s+(?:per|of|for)\s+))(.+)$/iu,
  );
  if (askedFirst) {
    const [, exact, time, of, sum, rest] = askedFirst;
    // "exact date" asks the day, not a month.
    if (time) return `${exact ? "on what exact date" : "when"} ${of ? "is " : ""}${rest}`;
    return `what is the ${sum} of ${rest}`;
  }
  // "length of the railway line in km": how long it is.
  const lengthFirst = asking.match(/^\s*(?:the\s+)?(?:total\s+|exact\s+)?(?:length|duration)\s+of\s+(.+?)(?:\s+in\s+\p{L}+)?\s*\??$/iu);
  if (lengthFirst) return `how long is ${lengthFirst[1]}?`;
  for (const [pattern, reorder] of ASKED_NOUN_LAST) {
    const m = asking.match(pattern);
    if (m) return `${reorder(m[1], m[2])}?`;
  }
  return asking;
}

/** "…, and roughly how many …": a hedge before the second question word. */
const HEDGE = "(?:roughly|about|around|approximately|approx|exactly|precisely|just|also)";
/** "What is the deal worth, and how many jets does it include?" asks two things. */
const SECOND_QUESTION = new RegExp(`,?\\s+and\\s+(?:${HEDGE}\\s+)?(?=${ASKING_WORD}\\b)`, "i");
/** …also after a preposition: "…, and on how many pillars is it built?"; or a request after a comma: "Name the operation …, and give the value of the deal …". */
const SECOND_PART = new RegExp(`,?\\s+and\\s+(?:${HEDGE}\\s+)?(?=(?:(?:in|on|at|from|to|for|by|since|until|with)\\s+)?${ASKING_WORD}\\b)|,\\s+and\\s+(?=(?:give|name|list|state|identify)\\s+the\\b)`, "i");
/** "When and in which city | did China host WAIC?", "In which city and starting on what date | was it held?": two question words sharing one clause. */
const JOINED_QUESTION_WORDS =
  /^\s*(when|where|why|how|who|(?:(?:in|at|on|from|to)\s+)?(?:which|what)\s+\p{L}+)\s+and\s+((?:\p{L}+ing\s+)?(?:(?:in|at|on|from|to)\s+)?(?:(?:which|what)\s+\p{L}+|where|when|why|who|how (?:many|much) \p{L}+))\s+((?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b.*)$/iu;
/** …and says enough of its own to be asked alone: "Might you remind me in which city, and …" does not. */
const MIN_CLAUSE_TERMS = 3;
/** "A vs B — how long was each?", "A and B: what figure does each give?", "A vs B, how many days each" */
const EACH_OF_TWO = /^(.+?)\s+(?:vs\.?|versus|and)\s+(.+?)\s*[—–:,]\s*(.*\beach(?: one)?\b.*)$/iu;
const EACH = /\beach(?: one)?\b/i;
/** "How long did A last | , compared with | B's visit?" */
const COMPARED_WITH = /^(.+?),?\s+(?:compared (?:with|to)|as opposed to|as against|versus|vs\.?)\s+(.+)$/i;
/** What the first half of a comparison asks, to ask it of the second: "How many days", "How long". */
const COMPARED_ASKING = /^\s*(?:how (?:many|much)(?:\s+(?!(?:did|does|do|was|were|is|are|has|have|had|will|would)\b)\p{L}+)?|how (?:long|far)|when|where|who|what|which)\b/iu;
/** "How long were | A's visit | and | B's trip | , respectively?" */
const RESPECTIVELY =
  /^\s*((?:how (?:many|much|long|far)|when|where|who|what|which)(?:\s+\p{L}+)?\s+(?:did|does|do|was|were|is|are|has|have|had))\s+(.+?)\s+and\s+(.+?),?\s+respectively\s*[?.!]*\s*$/iu;
/** "Compare the length of | A's visit | with the length of | B's trip": the same measure asked of each. */
const COMPARE_MEASURES = [
  // "Compare trip lengths: A's visit vs B's trip".
  /^\s*compare\s+(?:the\s+)?(?:\p{L}+\s+)?(length|duration|cost|value|price|size|number)s?\s*[:—–-]\s*(?!\s*(?:how|what|which|who|when|where)\b)(\S.*?)\s+(?:vs\.?|versus|with|against|and|to)\s+(.+?)[?.!]*\s*$/iu,
  /^\s*compare\s+the\s+(length|duration|cost|value|price|size|number)\s+of\s+(.+?)\s+(?:with|to|and|against)\s+(?:that|those|the\s+\1)\s+of\s+(.+?)[?.!]*\s*$/iu,
  // "… of A's visit to Kesk with B's": "with" parts them before "to" does.
  /^\s*compare\s+the\s+(length|duration|cost|value|price|size|number)\s+of\s+(.+?)\s+(?:with|against)\s+(.+?)[?.!]*\s*$/iu,
  /^\s*compare\s+the\s+(length|duration|cost|value|price|size|number)\s+of\s+(.+?)\s+(?:to|and)\s+(.+?)[?.!]*\s*$/iu,
];
const MEASURE_ASKED: Record<string, string> = {
  length: "how long was",
  duration: "how long was",
  cost: "what is the value of",
  value: "what is the value of",
  price: "what is the value of",
  size: "how big was",
  number: "how many",
};
/** "Sharif's | and | Dar's trips", "Shehbaz Sharif's and Ishaq Dar's respective visits". */
const OWNER = "((?:\\p{Lu}[\\p{L}-]*\\s+){0,2}\\p{L}[\\p{L}-]*['’]s)";
const COORDINATED_OWNERS = new RegExp(`\\b${OWNER}\\s+(?:and|&|vs\\.?|versus)\\s+${OWNER}(?:\\s+respective)?(?=\\s)`, "u");
/** "Name the A whose … | and | the B that …": the request word, then two things each told by a clause. */
const TWO_REQUESTED =
  /^\s*((what is the names? of|name|identify|give)\s+the\s+\p{L}+(?:\s+\p{L}+){0,2}\s+(?:that|which|who|whose|where)\b.+?),?\s+and\s+(the\s+\p{L}+(?:\s+\p{L}+){0,2}\s+(?:that|which|who|whose|where)\b.+)$/iu;
/** "city of A | and | city for B": one word asked of two things. */
const PARALLEL_KEYWORDS = /^\s*((\p{L}+)\s+(?:of|for|in|at|behind)\s+.+?)\s*,?\s+and\s+(?:the\s+)?(\2\s+(?:of|for|in|at|behind)\s+.+)$/iu;
/** A part shorter than this says nothing of its own: "Where, | and when exactly?". */
const MIN_PART_WORDS = 3;
/** "Sudan arms deal: total value, …": a few words of subject before a colon, and what is asked of it. */
const SUBJECT_THEN_ASKED = /^\s*([^:?,]{3,60}?)(?::|\s+[-–—])\s+(.+)$/u;
const MAX_LISTED_WORDS = 8;
/** "…, and on how many pillars is it built?" names enough to be asked alone; "…, and in which city?" does not. */
const MIN_PREPOSITION_PART_TERMS = 2;

/** The questions a question asks: "X, and how many Y?" is X and "how many Y?". */
export function questionParts(question: string): string[] {
  const asked = askingPart(question);
  // "When and in which city was it held?" asks "When was it held?" and "In which city was it held?".
  const joined = asked.match(JOINED_QUESTION_WORDS);
  if (joined) {
    const [, first, second, rest] = joined;
    // "Where and when was it held, and how many …?": a further question after the shared clause is its own.
    const [shared, ...further] = rest.split(SECOND_PART);
    return [withAsked(question, asked, `${first} ${shared}`), `${second} ${shared}`, ...further];
  }
  // "Sharif's Beijing visit vs Dar's China trip — how many days was each?": the question asked of each.
  const eachOf = asked.match(EACH_OF_TWO);
  if (eachOf) {
    const [, first, second, asking] = eachOf;
    return [withAsked(question, asked, asking.replace(EACH, first)), asking.replace(EACH, second)];
  }
  // "How long were Sharif's and Dar's trips?": the same asked of each.
  const owners = asked.match(COORDINATED_OWNERS);
  if (owners) {
    const [pair, first, second] = owners;
    return [withAsked(question, asked, asked.replace(pair, first)), asked.replace(pair, second)];
  }
  // "How long did A's visit last, compared with B's?": the same asked of B.
  const compared = asked.match(COMPARED_WITH);
  if (compared) {
    const [, first, second] = compared;
    const asking = first.match(COMPARED_ASKING)?.[0];
    if (asking) return [withAsked(question, asked, first), `${asking.trim()} ${withOwnedThing(second.replace(/[?.!]+\s*$/, ""), first)}?`];
  }
  // "How long were A's visit and B's trip, respectively?": the same asked of each.
  const respectively = asked.match(RESPECTIVELY);
  if (respectively) {
    const [, asking, first, second] = respectively;
    return [withAsked(question, asked, `${asking} ${first}?`), `${asking} ${second}?`];
  }
  // "Compare the length of Sharif's visit with the length of Dar's": how long each was.
  const measures = COMPARE_MEASURES.map((pattern) => asked.match(pattern)).find(Boolean);
  if (measures) {
    const [, measure, first, second] = measures;
    const asking = MEASURE_ASKED[measure.toLowerCase()];
    return [withAsked(question, asked, `${asking} ${first}?`), `${asking} ${second}?`];
  }
  // "Name the road whose … and the country that …": a request for two things, each with its own clause.
  const twoRequested = asked.match(TWO_REQUESTED);
  if (twoRequested) return [withAsked(question, asked, twoRequested[1]), `${twoRequested[2]} ${twoRequested[3]}`];
  // A subject, then what is asked of it: "Sudan arms deal: total value, how many jets, and how many drones?".
  const listed = asked.match(SUBJECT_THEN_ASKED);
  if (listed) {
    const [, subject, rest] = listed;
    const items = rest
      .replace(/[?.!]+\s*$/, "")
      .split(/\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:how|what|which|who|when|where|the\s+(?:number|total|count|figure)s?|number\s+of)\b)|\s+(?:vs\.?|versus)\s+/i);
    // …not a request or an aside before the question ("Compare the numbers: …", "Quick one: …").
    // "How many Afghans were sent back: the total since 2023, and the number since March?": the count, asked of each.
    const countAsked = /^\s*how (?:many|much)\s+\p{L}/iu.test(subject);
    const aside = REQUEST_START.test(subject) || /^\s*(?:quick|one more|question|q)\b/i.test(subject) || (QUESTION_WORD_IN.test(subject) && !countAsked);
    if (items.length >= 2 && items.every((item) => item.split(/\s+/).length <= MAX_LISTED_WORDS) && !aside) {
      // "afghan repatriation numbers: total since 2023 vs since march": how many of each.
      const counted = subject.match(/^(.+?)\s+(?:numbers|figures|stats|tallies|counts)$/iu)?.[1];
      // "afghans sent back - total number since 2023 and the number since march": how many, each time.
      const numberAsked = /^(?:the\s+)?(?:total\s+)?(?:number|count|figure|tally)s?\b\s*(?:only\s+|just\s+)?/iu;
      const ask = (item: string) => {
        if (countAsked) return `${subject} ${item.replace(numberAsked, "").replace(/^(?:the\s+)?total\b\s*/iu, "")}?`;
        if (OPENS_WITH_QUESTION_WORD.test(item)) return `${item} in the ${subject}?`;
        // "Vala plan: number of measures and number of principles?": how many of each in it.
        const numberOf = item.match(/^(?:the\s+)?number\s+of\s+(.+)$/iu)?.[1];
        if (numberOf) return `how many ${numberOf} in the ${subject}?`;
        if (counted) return `how many ${counted} ${item}?`;
        return numberAsked.test(item) ? `how many ${subject} ${item.replace(numberAsked, "")}?` : `${subject} ${item}`;
      };
      return [withAsked(question, asked, ask(items[0])), ...items.slice(1).map(ask)];
    }
  }
  // "city of waic 2025 and city for the 6th trilat fm mtg": the same thing asked of two.
  const parallel = asked.match(PARALLEL_KEYWORDS);
  if (parallel) return [withAsked(question, asked, parallel[1]), parallel[3]];
  // Keywords joined by a plus: "paktika strike toll + provinces hit hardest", each asked alone.
  const keywords = asked.split(/\s+\+\s+/);
  if (keywords.length > 1 && keywords.every((part) => part.trim().split(/\s+/).length >= MIN_PART_WORDS)) {
    return [withAsked(question, asked, keywords[0]), ...keywords.slice(1)];
  }
  // Each part must say what it asks about: "Where, and when exactly?" is one question.
  // "X was how many days, and Y how many days?": each clause holds its own question word.
  const clauses = asked.split(/,\s+and\s+/);
  const parts = clauses.length === 2 && clauses.every((clause) => QUESTION_WORD_IN.test(clause) && terms(clause).length >= MIN_CLAUSE_TERMS) ? clauses : asked.split(SECOND_PART);
  if (parts.some((part) => part.trim().split(/\s+/).length < MIN_PART_WORDS)) return [question];
  // "…, and in which city?" asks where the first part's subject is: a part after a preposition must name what it asks about.
  // …but "…, and in which month?" asks when: a time needs no more words.
  const asksTimeAlone = (part: string) => /^\s*(?:in|on)\s+(?:which|what)\s+(?:months?|years?|days?|dates?|weeks?)\s*\??\s*$/i.test(part);
  if (parts.some((part) => /^\s*(?:in|on|at|from|to|for|by|since|until|with)\s/i.test(part) && terms(part).length < MIN_PREPOSITION_PART_TERMS && !asksTimeAlone(part))) {
    return [question];
  }
  // The first part keeps the rest of the question (a preamble's names) for its names and topic.
  return parts.length > 1 ? [withAsked(question, asked, parts[0]), ...parts.slice(1)] : [question];
}

/** "… Sharif's China trip vs Dar's": an owner standing alone owns what the first half's owner did ("Dar's China trip"). */
function withOwnedThing(second: string, first: string): string {
  if (!/^\s*(?:\p{L}+\s+){0,2}\p{L}+['’]s\s*$/u.test(second)) return second;
  const owned = first.match(/['’]s\s+((?:\p{L}+\s+){0,2}?(?:trip|visit|tour|stay|deal|plan|policy|figure|estimate|number|total|share|role|position|statement|speech))\b/iu)?.[1];
  return owned ? `${second.trim()} ${owned}` : second;
}

/** The question with its asking part replaced, or the part alone where the asking part was reordered. */
function withAsked(question: string, asked: string, part: string): string {
  return question.includes(asked) ? question.replace(asked, part) : part;
}

/** The thing a quantity question counts or measures ("kilometr", "budget"), if it names one. */
/** "how big is the <thing>": the lowercase words of the thing, up to a name, a clause or the end. */
const SIZE_OF =
  /\b[Hh]ow (?:big|large|heavy|strong)\s+(?:is|was|are|were|will be|would be)\s+(?:the|a|an|its|their|this|that)\s+((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*)(?=\s+(?:that|which|who|whom|being|to|for|in|of|on|at|under|with|\p{Lu})|\s*[?,.]|\s*$)/u;

export function quantityFocus(question: string): { term: string; modifiers: string[] } | null {
  // "How many of the people killed were children?" counts children.
  const ofWhom = question.match(/\bhow many of (?:the|them|those|these)\b[^?]*?\b(?:were|are|was|is)\s+(\p{L}+)/iu);
  if (ofWhom && terms(ofWhom[1]).length > 0) return { term: terms(ofWhom[1])[0], modifiers: [] };
  const counted = countedPhrase(question);
  if (counted.length > 0) {
    const term = counted.at(-1)!;
    return GENERIC_COUNTS.has(term) ? null : { term, modifiers: counted.slice(0, -1) };
  }
  // "How large is the special security force …?" measures the force: a figure of something else does not answer.
  const sized = question.match(SIZE_OF)?.[1];
  const sizedTerms = sized ? terms(sized) : [];
  if (sizedTerms.length > 0 && !GENERIC_COUNTS.has(sizedTerms.at(-1)!)) return { term: sizedTerms.at(-1)!, modifiers: sizedTerms.slice(0, -1) };
  // "the price tags for CPEC": what the whole costs, given as a bare sum ("a project of 62 billion dollar").
  if (/\bprice[\s-]+tags?\b/i.test(question)) return null;
  const measured = ASKS_AMOUNT.test(question) ? question.match(QUANTITY_NOUNS)?.[1] : undefined;
  const term = measured ? terms(measured)[0] : undefined;
  return term && !GENERIC_COUNTS.has(term) ? { term, modifiers: [] } : null;
}

/** Whether `matches` accepts the counted noun, or else every word before it. */
export function matchesFocus(shape: Pick<QuestionShape, "focus" | "focusModifiers">, matches: (term: string) => boolean): boolean {
  return shape.focus.every(matches) || (shape.focusModifiers.length > 0 && shape.focusModifiers.every(matches));
}

/** Words that say how exactly to count, not what: "how many specific steps", "how many separate attacks". */
const HEDGES = new Set("specific particular separate distinct individual exact precise actual overall total altogether just only".split(" "));
/** Words that end the noun phrase after "how many": verbs of asking, prepositions, measures. */
const MEASURE_ADJECTIVES = new Set("long old far fast big large high tall wide heavy".split(" "));
const PHRASE_END = new Set([
  ...`and or did does do is are was were has have had will would can could should may might must
  of in on at for from to with by between among about under over during after before since per than according`.split(/\s+/),
  ...MEASURE_ADJECTIVES,
]);

/**
 * The terms of the counted phrase after "how many", its noun last ("Afghans" in "how many
 * undocumented Afghans have …"). "How much will it cost" counts nothing: the phrase is empty.
 * A verb ends it ("how many soldiers died"), or leaves it empty ("how many died").
 */
function countedPhrase(question: string): string[] {
  const after = question.match(/\b(?:how (?:many|much)|number of)\s+([^?.!;:,]*)/i)?.[1] ?? "";
  const phrase: string[] = [];
  // Quoted words are words: "how many 'concrete measures'".
  const words = after.split(/\s+/).slice(0, 5).map((word) => word.replace(/^['"‘“]+|['"’”]+$/gu, ""));
  for (const [i, word] of words.entries()) {
    // "how many concrete and actionable measures": adjectives joined before their noun.
    if (/^(?:and|or)$/i.test(word) && phrase.length > 0 && words[i + 1] && !PHRASE_END.has(words[i + 1].toLowerCase())) continue;
    // "how many high performance computing clusters": a measure word before more words qualifies the noun.
    const qualifies = i === 0 && MEASURE_ADJECTIVES.has(word.toLowerCase()) && words.length > 2;
    if (!/^\p{L}[\p{L}\d'’-]*$/u.test(word) || (PHRASE_END.has(word.toLowerCase()) && !qualifies)) break;
    // A past participle after the noun is a verb; so is one ending the phrase ("how many died",
    // "how many died in …"), not one before a noun ("how many undocumented Afghans").
    const endsPhrase = words[i + 1] === undefined || PHRASE_END.has(words[i + 1].toLowerCase());
    if ((/ed$/i.test(word) && (phrase.length > 0 || endsPhrase)) || isIrregularVerbForm(word)) break;
    // "how many specific steps": a hedge qualifies nothing.
    if (HEDGES.has(word.toLowerCase())) continue;
    phrase.push(word);
    // A plural ends the phrase: "how many Afghan refugees | live in Iran".
    if (/[^s]s$/i.test(word) || GENERIC_COUNTS.has(terms(word)[0] ?? "")) break;
  }
  return terms(phrase.join(" "));
}

/** The words qualifying a measured quantity: "GDP growth" in "what was Pakistan's GDP growth rate?". */
export function quantityModifiers(question: string): string[] {
  if (!ASKS_AMOUNT.test(question)) return [];
  const before = question.match(QUALIFIED_QUANTITY)?.[1];
  // "two different price tags": hedges qualify no figure.
  return before ? terms(before).filter((term) => !MEASURE_WORDS.has(term)) : [];
}

/**
 * The office closing a "who" question: "… as charge d'affaires?", "… as its ambassador?", "… as foreign
 * minister at the Beijing talks?" (where and when may follow it).
 */
const DESCRIBED_AS = /\b(?:describ|call|term|label|dub|regard|view|saw|see|characteri[sz])\w*\b.*\bas\b/i;
const OFFICE_GIVEN = /\bas\s+(?:(?:its|their|his|her|the|a|an)\s+)?(\p{Ll}[\p{Ll}'’ -]*?)\s*(?:\b(?:at|in|during|for|on)\s.*)?\??\s*$/u;
/** "as soon as possible", "as well as": a comparison, no office. */
const AS_MUCH_AS = /\bas\s+\p{L}+\s+as\b(?:\s+\p{L}+)?/giu;
/**
 * "Who represented Afghanistan at the talks?" asks who stood for it there: a person, whatever the text calls
 * the role, beside the one represented ("Afghanistan’s interim Foreign Minister Amir Khan Muttaqi").
 */
const ASKS_REPRESENTATIVE = /^\s*who\s+(?:(?:has|had|will|did)\s+)?represent(?:s|ed|ing)?\b(?:\s+(?:the\s+)?(\p{Lu}[\p{L}-]*))?/iu;

/** Verbs whose noun says what was done: "gave the speech", "took part", "had talks". */
const NOUN_CARRIED_VERBS = new Set("give gives gave giving take takes took taking have has had having".split(" "));

/** Words opening the subject of "Who did the minister meet?": what follows is not the deed. */
const SUBJECT_OPENING = /^(?:the|a|an|his|her|its|their|this|that|these|those|he|she|it|they|we|you|i)$/i;

/**
 * What befell the counted ones in "How many Chinese nationals have been killed …?" ("killed"): a figure of
 * those injured, employed or expected is no answer, though every other word matches.
 */
const COUNTED_DEED =
  /\bhow many\s+(?:[\p{L}\d'’-]+\s+){1,5}?(?:have|has|had|were|was|are|is|be|get|got)\s+(?:(?:been|being|already|now|\p{Ll}+ly)\s+)*(\p{Ll}{3,}(?:ed|en|wn))\b(?!\s+(?:back|out|up|off|away|home|down|over)\b)/iu;
/** Verbs that only say where a figure stands ("listed", "included", "reported"): no deed of the counted ones. */
const STATING_VERBS = new Set(
  baseTerms("listed included contained mentioned reported given stated recorded estimated cited named outlined planned proposed expected"),
);

/** "… killed in the Paktika air raids": the terms of what it was done in. */
function deedSetting(question: string): string[] {
  const setting = question.match(COUNTED_DEED_IN)?.[2];
  return setting ? terms(setting).filter((term) => !PREPOSITIONS.has(term)) : [];
}
const COUNTED_DEED_IN = new RegExp(`${COUNTED_DEED.source}\\s+(?:in|during|from|by)\\s+(?:the\\s+)?([^,?;]+)`, "iu");

function countedDeed(question: string): string[] {
  const verb = question.match(COUNTED_DEED)?.[1];
  return verb ? baseTerms(verb).filter((term) => !STATING_VERBS.has(term)) : [];
}

/** The verb of "Who proposed …?", "Who commands …?": the word after "who". */
function deedAsked(question: string): string[] {
  const after = question.replace(/^\s*who\s+/i, "").split(/\s+/);
  // "Who did Dar meet?" asks whom: the meeting may be a noun ("his meetings with …"), so only the doer's deed is asked after.
  // "Who will head …?", "Who has been appointed …?" ask the doer all the same: the verb follows the auxiliary.
  if (/^(?:did|does|do|has|have|had|will|would|can|could|should|might|may)$/i.test(after[0] ?? "")) {
    const verbAt = after.findIndex((word, i) => i > 0 && !/^(?:be|been|already|also|ever|currently|now|ly)$|ly$/i.test(word));
    const verb = after[verbAt] ?? "";
    return /^\p{Ll}[\p{Ll}-]*$/u.test(verb) && !SUBJECT_OPENING.test(verb) ? baseTerms(verb) : [];
  }
  // "Who currently runs …": the verb after its adverb. A verb with a particle ("put out", "came up with") is
  // written many other ways ("issued", "proposed"): no one word of it need be said.
  const at = after.findIndex((word) => !/ly$/i.test(word));
  // …"in" where it ends the verb, not a place: "stepped in with …", "weighed in?", not "lives in Kabul".
  const particle = (word = "", next = "") => /^(?:up|out|forward|about|down|off|over)\b/i.test(word) || (/^in\b/i.test(word) && (/[,?.!;:]$/.test(word) || /^(?:with|to|for|and|)$/i.test(next)));
  // …its object may stand between: "carried it out", "set them up".
  const pronoun = /^(?:it|them|this|that|these|those)$/i.test(after[at + 1] ?? "");
  if (at < 0 || particle(after[at + 1], after[at + 2]) || (pronoun && particle(after[at + 2], after[at + 3]))) return [];
  // A light verb says little beside its noun: "gave the speech" is "delivered" it, "took part" "participated"
  // ("made" may be "manufactured": "who makes the drones").
  if (NOUN_CARRIED_VERBS.has(after[at].toLowerCase())) return [];
  return baseTerms(after[at]);
}

/**
 * The verb of a yes/no question: "Did India | react | …?", "Has the agreement been | signed | …?". The
 * first lowercase word after the subject (capitalised words and a determiner's noun phrase); none for
 * "Is …?" questions, whose answer may be any statement about the subject.
 */
function deedAskedWhether(question: string): string[] | undefined {
  const opening = question.match(/^\s*(did|does|do|has|have|had|will|would|can|could)\s+(.*)$/i);
  if (!opening) return undefined;
  const tokens = opening[2].split(/\s+/);
  // Past the subject: names, "the …" and the noun after it, and "been".
  let i = 0;
  if (/^(?:the|a|an|any|its|their)$/i.test(tokens[0] ?? "")) i = 1;
  while (i < tokens.length && (/^\p{Lu}/u.test(tokens[i]) || /^(?:and|&)$/i.test(tokens[i]))) i++;
  if (i === 0 || /^(?:the|a|an|any|its|their)$/i.test(tokens[0] ?? "")) {
    // "the UAP railway framework agreement been signed": the subject runs to "been"; else "any Gulf states | …" to its noun.
    const been = tokens.findIndex((token) => /^been$/i.test(token));
    if (been >= 0) i = been + 1;
    else if (i > 0) i++;
    else return undefined;
  }
  while (/^(?:been|actually|ever|already|also|really|officially|formally|yet|first|initially|originally|previously|recently|finally|eventually|still|just|once)$/i.test(tokens[i] ?? "")) i++;
  const verb = tokens[i];
  return verb && /^\p{Ll}[\p{Ll}-]*$/u.test(verb) && !/^(?:up|out|with)$/i.test(tokens[i + 1] ?? "") ? baseTerms(verb) : undefined;
}

/** Places asked for by name, as "which" asks for them. */
const PLACE_WORDS = ["country", "city", "town", "province", "district", "port", "pass"];
const PLACES_NAMED = new Set(terms(PLACE_WORDS.join(" ")));
const ONE_PLACE_NAMED = new RegExp(`^(?:the\\s+)?(?:[\\p{L}-]+\\s+){0,2}?(?:${PLACE_WORDS.join("|")})\\b(?!['’])`, "iu");

/** Words for a person that name no role. */
const SOMEONE = new Set(["guy", "guys", "man", "men", "woman", "women", "person", "people", "fellow", "lady", "chap", "someone", "somebody", "individual"]);

/** The office someone was picked or named as: "… picked as its new ambassador to Kabul". */
const AS_OFFICE = /\b(?:picked|chosen|named|appointed|nominated|selected|tapped)\s+as\s+(?:(?:its|their|his|her|the|a|an)\s+)?(?:(?:new|next|first|top)\s+)?(\p{Ll}+)/u;

/**
 * The role in "Who is China's ambassador to Pakistan?" ("ambassador"), with the word that makes
 * it a different office ("prime minister", not any minister). A common noun, so not "Who is
 * Aamir Masood?" (a name), "Who is Sudan's army fighting?" or "Who was killed …?" (verbs).
 */
function roleAsked(question: string): string[] | null {
  const asked = question.match(ASKS_WHO_IS)?.[1] ?? question.match(ASKS_NAME_OF)?.[1];
  // "Who is currently serving as Pakistan's ambassador …?" asks for the office after "as"…
  // …and "Who is going to be …?" for the office after "to be".
  const rest = asked?.replace(/^(?:(?:now|currently)\s+)?(?:serving|acting|working)\s+as\s+|^(?:going|set|expected|due|likely)\s+to\s+be\s+/i, "");
  // …but "Who's running the embassies?" asks the doer of a deed, not the holder of an office.
  if (!rest || /^(?:actually\s+|really\s+|currently\s+)?\p{Ll}+ing\s/u.test(rest)) return null;
  const nounPhrase = rest
    // "Who is Aamir Masood, the man who …" asks about the name before the comma.
    .replace(/[?.!,].*$/s, "")
    // "… army chief right now": when is no part of the role.
    .replace(/\s+(?:right now|now|currently|today|at present|at the moment|these days|nowadays)\s*$/i, "")
    .split(/\s+(?:of|to|in|at|for|on|from|with|against|who|whose|whom|which|that|where|when|since|during|after|before|until|under|between)\s+/i)[0]
    // A participle with an object starts a clause: "the tech giant | training Pakistani IT staff"…
    // …but an office's own adjective ("the acting foreign minister") is none, nor is a past one after an adverb ("its recently unveiled AI policy").
    // "the three Foreign Ministers", "the third country": how many, or which of them, is no part of the role.
    .replace(/^(the|these|those)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+|first|second|third|fourth|fifth)\s+/i, "$1 ")
    .replace(/^(\S+\s+\S+.*?)\s+(?!(?:acting|ruling|leading|outgoing|incoming|visiting|serving|sitting|governing|founding|reigning|presiding|ranking)\s)(?:\p{Ll}+ing|(?<!\p{L}ly\s+)\p{Ll}+ed)\s.*$/u, "$1")
    .trim();
  // …and so does a name after a common noun.
  const phrase = clauseCut(nounPhrase);
  const [last = "", before = ""] = phrase.split(/\s+/).reverse();
  // After "the", a capitalised word is a title ("the Consul General"), not a name.
  // After "the" or a possessive ("China's"), a capitalised word is a title ("the Consul General"), not a name.
  const title = /^(?:the|\p{Lu}[\p{L}-]*['’]s)\s/iu.test(phrase) && /^\p{Lu}\p{Ll}/u.test(last);
  if ((!title && !/^\p{Ll}/u.test(last)) || /(ing|ed|ible|able)$/.test(last)) return null;
  // "the retired air force guy …" asks for a person, whatever the text calls him.
  // …unless it says the office after "as": "the person Vala picked as its ambassador" asks for the ambassador.
  if (SOMEONE.has(last.toLowerCase())) return terms(rest.match(AS_OFFICE)?.[1] ?? "");
  const role = terms(last);
  if (role.length === 0) return null;
  const modifier = /^\p{L}[\p{Ll}-]*$/u.test(before) && !/^the$/i.test(before) ? terms(before) : [];
  return modifier.length === 1 && !ROLE_TENSE.has(modifier[0]) ? [...modifier, ...role] : role;
}

/**
 * The name owning the office asked after: "Pakistan" in "Who is Pakistan's army chief?" and "Who is the
 * current President of Pakistan?". "President Xi Jinping of China" holds another country's office.
 */
function roleOwners(question: string, role: readonly string[]): string[] {
  const tokens = question.replace(/[?.!,]/g, " ").split(/\s+/).filter(Boolean);
  const at = tokens.findIndex((token) => terms(token)[0] === role.at(-1));
  if (at < 0) return [];
  const owners: string[] = [];
  // "Pakistan's [army] chief": a possessive name up to three words before the office.
  for (let i = Math.max(0, at - 4); i < at; i++) {
    const owner = tokens[i].match(/^(\p{Lu}[\p{L}-]*)['’]s?$/u)?.[1];
    if (owner) owners.push(...terms(owner));
  }
  // "the President of Pakistan".
  if (/^of$/i.test(tokens[at + 1] ?? "")) {
    const owner = (tokens[at + 2] ?? "").match(/^\p{Lu}[\p{L}-]*$/u)?.[0];
    if (owner) owners.push(...terms(owner));
  }
  return owners;
}

/** Words of a title before a name: "President Xi", "Dr. Zubair", "Consul General". */
export const TITLES = `President Premier Prime Minister Ambassador Secretary Consul General Chancellor Governor Chief Chairman
  Chairperson Mayor King Queen Prince Commander Director Envoy Speaker Senator Mr Ms Mrs Dr`.split(/\s+/);
const TITLE_WORD = new RegExp(`^(?:${TITLES.join("|")})$`);

/**
 * A name after a common noun starts a clause: "the military operation | Pakistan launched", "the global AI
 * organization | China wants to set up". A capitalised word before a noun qualifies it instead: "the new
 * international AI | organization".
 */
function clauseCut(phrase: string): string {
  const tokens = phrase.split(/\s+/);
  if (!/^(?:the|an?)$/i.test(tokens[0] ?? "")) return phrase;
  for (let i = 2; i < tokens.length; i++) {
    // A title is the role itself: "the current President".
    if (!/^\p{Lu}/u.test(tokens[i]) || TITLE_WORD.test(tokens[i]) || !/^\p{Ll}[\p{Ll}-]*$/u.test(tokens[i - 1])) continue;
    // "the AI strategy Pakistan | recently launched": an adverb may stand before the verb.
    const next = /ly$/.test(tokens[i + 1] ?? "") && tokens[i + 2] ? tokens[i + 2] : tokens[i + 1];
    if (next === undefined || /(?:ed|s)$|^(?:and|or|&)$/.test(next) || isIrregularVerbForm(next) || /^\p{Lu}/u.test(next)) {
      return tokens.slice(0, i).join(" ");
    }
  }
  return phrase;
}

/** Irregular verbs whose past is their base form: "Which country put forward …?". */
const UNCHANGED_PAST = new Set("put set cut hit let cost spread shut hurt cast split burst quit".split(" "));

/** Words between a kind and its verb that say how or how often, not what ("Which premier both met …"). */
const NOT_A_KIND = new Set(["also", "still", "already", "then", "now", "ever", "first", "later", "both", "each", "together", "just", "once"]);
/** Prepositions of place, which end the kind's phrase: "which city | in Vala hosts …". */
const PLACING = String.raw`(?:in|at|on|from|near|along|between|across|inside|within)\s`;
/** "Which <up to four words> <kind> [of] [adverb] <verb or name>": the kind ends the phrase. */
const WHICH_KIND_PHRASE = new RegExp(
  String.raw`\b[Ww]hich\s+((?:(?!${PLACING})[\p{L}\d-]+\s+){0,4}?)(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|and|or|the|a|an)\b|${PLACING}|\p{Ll}{3,}ed\s)(\p{Ll}[\p{Ll}-]*)\s+(?:of\s+)?` +
    String.raw`(?:(?:${[...NOT_A_KIND].join("|")}|\p{Ll}+ly)\s+)?` +
    String.raw`(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should|\p{Ll}[\p{Ll}-]*ed\b|\p{Ll}+s\s+\p{Lu}|\p{Lu})`,
  "u",
);

/**
 * The kind before the first irregular verb of "which …" ("minister" in "Indian minister met"), past an
 * adverb ("originally put"); with `lowercase`, only where every word before the verb is lowercase.
 */
function kindBeforeIrregularVerb(words: readonly string[], lowercase = false): string | null {
  const verb = words.findIndex((word, i) => i > 0 && (isIrregularVerbForm(word) || UNCHANGED_PAST.has(word)));
  const before = verb > 0 ? words.slice(0, verb) : [];
  // …after qualifiers that may be names: "Which Bangladeshi official held talks …".
  if (lowercase && !/^\p{Ll}[\p{Ll}-]*$/u.test(before.at(-1) ?? "")) return null;
  const kind = before.filter((word) => !/ly$/.test(word) && !NOT_A_KIND.has(word)).at(-1);
  return kind ? (terms(kind)[0] ?? null) : null;
}

/** "What <…> body/port/company did …?": singular kinds that are answered by a name (not "what role", "what level"). */
const WHAT_NAMED_THING =
  /^\s*(?:(?:in|on|at|for|to|from|with)\s+)?[Ww]hat\s+(?:[\p{L}-]+\s+){0,2}?(body|organi[sz]ation|agency|institution|company|firm|port|city|country|province|university|newspaper|outlet|publication)\s+(?:did|does|do|is|was|has|had|will|would|can|could)\b/u;

/**
 * "port" in "Which port was singled out …?", "provinc" in "In which two provinces …?", "compani"
 * in "Which company operates Gwadar Port?" (a verb before its object's name).
 */
function categoryAsked(question: string): string | null {
  const phrase = question.match(WHICH_KIND_PHRASE);
  // "What conditions did the IMF attach?" asks for conditions as "which conditions" does; "what" before a singular may ask anything ("What role …").
  const plural = question.match(
    /^\s*(?:(?:in|on|at|for|to|from|with)\s+)?[Ww]hat\s+(?:\p{Ll}+\s+)?(\p{Ll}+[^s\s]s)\s+(?:did|does|do|are|were|have|had|will|would|can|could|should)\b/u,
  );
  // "What global AI body did China propose?": a thing that has a name, asked as "which body" asks.
  const named = question.match(WHAT_NAMED_THING);
  if (!phrase && named) return terms(named[1])[0] ?? null;
  // "which other countries accept taliban ambassador", "Which Pakistani universities partner …": a plural after "which" is the kind, whatever follows.
  // …after qualifiers joined: "Which US and Iranian officials took part …".
  // …a name of two words among them: "Which United States and Iranian officials …".
  const pluralAfterWhich = question.match(/\b[Ww]hich\s+(?:other\s+|(?:\p{Lu}\p{L}+\s+)?\p{L}+\s+(?:(?:and|&)\s+\p{L}+\s+)?)?(\p{Ll}+[^s\s]s)\s+\p{Ll}/u);
  if (!phrase && pluralAfterWhich) return terms(pluralAfterWhich[1])[0] ?? null;
  // "… hit which 2 provinces": the kind may end the question.
  const last = question.match(/\b[Ww]hich\s+(?:[\p{L}\d-]+\s+){0,2}?(\p{Ll}[\p{Ll}-]*)\s*[?.!]*\s*$/u);
  if (!phrase) {
    // "Which company built the port?": an irregular verb after a lowercase kind ends it too.
    const kind = kindBeforeIrregularVerb(question.match(/\b[Ww]hich\s+(.*)$/)?.[1].split(/\s+/).slice(0, 4) ?? [], true);
    if (kind) return kind;
    // "which sea port in pakistan china want make a hub": a lowercase noun before a preposition is the kind.
    const beforePlace = question.match(new RegExp(String.raw`\b[Ww]hich\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}?(\p{Ll}[\p{Ll}-]*)\s+${PLACING}`, "u"));
    // …a kind of thing, not a measure: "which number in the series" asks for a figure.
    const placed = beforePlace && !NOT_A_KIND.has(beforePlace[1]) ? terms(beforePlace[1]).find((term) => !MEASURE_WORDS.has(term)) : undefined;
    return plural ? (terms(plural[1])[0] ?? null) : last ? (terms(last[1])[0] ?? null) : (placed ?? null);
  }
  // "Which Indian minister met (the Taliban) …": an irregular verb ends the phrase before it.
  const words = `${phrase[1]}${phrase[2]}`.trim().split(/\s+/);
  const kindBeforeVerb = kindBeforeIrregularVerb(words);
  if (kindBeforeVerb) return kindBeforeVerb;
  // "Which Pakistani universities partner with the China…": the phrase ran on to "the"; the plural is the kind.
  if (/^(?:the|a|an)$/.test(phrase[2]) && pluralAfterWhich) return terms(pluralAfterWhich[1])[0] ?? null;
  // "Which stage of the corridor …" asks for a stage; "Which of China's interests …" for an interest.
  const ofWhat = `${phrase[1]}${phrase[2]}`.split(/\s+of\s+/)[0].trim().split(/\s+/).pop();
  const noun = ofWhat && /^\p{Ll}/u.test(ofWhat) && ofWhat !== `${phrase[1]}${phrase[2]}`.trim() ? ofWhat : phrase[2];
  return terms(noun)[0] ?? null;
}

/** The names right before the kind asked about: "indian" in "Which Indian minister met …?". */
function kindQualifiers(question: string, kind: string): string[] {
  const words = question.match(/[\p{L}\d'’-]+/gu) ?? [];
  const at = words.findIndex((word, i) => i > 0 && terms(word)[0] === kind);
  const qualifiers: string[] = [];
  for (let i = at - 1; i > 0 && /^\p{Lu}/u.test(words[i]); i--) qualifiers.unshift(...terms(words[i]));
  return qualifiers;
}

/** Whether the question writes the word of `term` in the plural: "areas" in "In which areas …?". */
function typedAsPlural(question: string, term: string): boolean {
  return (question.match(/[\p{L}-]+/gu) ?? []).some((word) => /[^s'’]s$/i.test(word) && terms(word)[0] === term);
}

/**
 * The speaker in "What did Pakistan's army chief say about …?" ("chief"): a statement by
 * someone else does not answer. Names are checked as names, so only a common noun counts.
 */
function speakerAsked(question: string): string[] {
  const match = question.match(ASKS_STATEMENT);
  const speaker = (match?.[1] ?? match?.[2] ?? "").split(/\s+/).pop() ?? "";
  return /^\p{Ll}/u.test(speaker) ? terms(speaker) : [];
}

/** The names of who is asked to have spoken: "india" in "How did India's government react …?". */
function speakerNames(question: string, isName: (term: string) => boolean): string[] {
  const match = question.match(ASKS_STATEMENT);
  const speaker = withNameCasing(match?.[1] ?? match?.[2] ?? "", isName);
  return (speaker.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).flatMap((word) => terms(word.replace(/['’]s$/, "")));
}

/** How far before a verb of saying its speaker may stand ("Wang Yi, China's foreign minister, said"), and after it ("said Aamir Masood"). */
const SPEAKER_BEFORE = 8;
const SPEAKER_AFTER = 3;
const SAID = /^(?:says|said|told|added|noted|stated|according)$/i;
/** A view held, which answers what someone thinks as their words do: "Kabul considers repatriation an outcome of …". */
const VIEW = /^(?:considers?|considered|believes?|believed|thinks?|thought|views?|viewed|regards?|regarded|sees|saw|blames?|blamed|accuses?|accused)$/i;

/**
 * Whether the sentence has the asked speaker say it: one of the speaker's names near a verb of
 * saying, before it or, for "said", "told", just after ("…, said Aamir Masood"). "Taliban
 * government vowed …, terming India a power" is the Taliban speaking, not India.
 */
export function saidBy(sentence: string, speakers: readonly string[]): boolean {
  if (speakers.length === 0) return hasSpeech(sentence);
  const tokens = sentence.split(/\s+/);
  const names = (from: number, to: number) =>
    tokens.slice(Math.max(0, from), to).some((token) => terms(token.replace(/['’]s\W*$/, "")).some((term) => speakers.some((name) => mentionsName(new Set([term]), name))));
  return tokens.some((raw, i) => {
    const word = raw.replace(/^\W+|\W+$/g, "");
    if (!(SPEECH.test(word) || VIEW.test(word)) || /^[“"]/.test(raw)) return false;
    return names(i - SPEAKER_BEFORE, i) || (SAID.test(word) && names(i + 1, i + 1 + SPEAKER_AFTER));
  });
}

/**
 * "kashmir" in "What did Wang Yi say about Kashmir at the trilateral?": a statement on something
 * else does not answer. The last word of what the statement is about, before any place or time.
 */
function statementSubject(question: string): string[] {
  if (!ASKS_STATEMENT.test(question)) return [];
  const about = question.match(/\babout\s+(.+?)(?:\s+(?:at|in|on|during|with|to|for|after|before|when|since)\b|[,?.!]|$)/i)?.[1] ?? "";
  return terms(about).slice(-1);
}

/** "vaccin" in "How do vaccines train the immune system?": a sentence without it explains something else. */
function subjectAsked(question: string): string[] {
  const subject = question.match(ASKS_HOW_THING_WORKS)?.[1] ?? "";
  return PRONOUNS.has(subject) ? [] : terms(subject);
}

/** Capitalised words in a row: "Arab News", "Business Recorder". */
// "Center for International Strategic Studies": a name's small words between its capitalised ones.
const CAPITALISED_RUN = "((?:\\p{Lu}[\\p{L}\\d'’.-]*\\s+(?:(?:for|of|on)\\s+(?=\\p{Lu}))?){0,4}\\p{Lu}[\\p{L}\\d'’.-]*)";
/** The last word of a newspaper's or a magazine's name: "Arab News", "Business Recorder", "Modern Diplomacy". */
const PAPER = "(?:News|Times|Post|Tribune|Herald|Express|Journal|Recorder|Gazette|Daily|Today|Review|Monitor|Observer|Guardian|Telegraph|Chronicle|Diplomacy)";
/** "according to (the) X", "per the X report", "the X piece / op-ed": X names a source, not the subject. */
const SOURCE_KIND = "(?:news\\s+)?(?:piece|article|report|op[- ]?ed|analysis|commentary|story|column|editorial|interview|study)";
const SOURCE_PHRASE = new RegExp(
  `\\b(?:[Aa]ccording to|per|reported by)\\s+(?:the\\s+)?${CAPITALISED_RUN}(?:\\s+${SOURCE_KIND}\\b)?|` +
    // "The CISS article and Arab News both give …": what it is joined with is a source too.
    // …and its writer: "The Business Recorder op-ed by China's Consul General in Lahore".
    `\\b[Tt]he\\s+${CAPITALISED_RUN}\\s+${SOURCE_KIND}\\b(?:\\s+(?:written\\s+)?by\\s+(?:the\\s+)?${CAPITALISED_RUN}(?:\\s+in\\s+(\\p{Lu}\\p{L}+))?)?(?:\\s+and\\s+(?:the\\s+)?${CAPITALISED_RUN}(?=(?:\\s+${SOURCE_KIND})?\\s+(?:both|each|also|all)\\b))?|` +
    // Typed in any case: "Arab News piece - how many …", "per the modern diplomacy article", "in the arab news sudan story".
    `^\\s*(?:the\\s+)?((?:[\\p{L}\\d'’.-]+\\s+){0,2}[\\p{L}\\d'’.-]+)\\s+${SOURCE_KIND}\\s*(?:[-–—:,]|\\b(?:says?|said|reports?|writes?)\\b)|` +
    `\\b(?:in|per|from)\\s+(?:the\\s+)?((?:[\\p{L}\\d'’.-]+\\s+){0,2}[\\p{L}\\d'’.-]+)\\s+${SOURCE_KIND}\\b|` +
    // "according to the article by China's Consul General in Lahore", "the op-ed written by the Consul General".
    `\\b${SOURCE_KIND}\\s+(?:written\\s+)?(?:by|from)\\s+(?:the\\s+)?((?:\\p{Lu}[\\p{L}\\d'’.-]*\\s+){0,3}\\p{Lu}[\\p{L}\\d'’.-]*(?:\\s+in\\s+\\p{Lu}\\p{L}+)?)|` +
    // "…, which the Consul General describes as a blueprint", "as the Consul General puts it", "that the Consul General cites".
    `\\b(?:as|which|that)\\s+(?:the\\s+)?${CAPITALISED_RUN}(?:\\s+in\\s+(\\p{Lu}\\p{L}+))?\\s+(?:describes|calls|puts|terms|writes|says|notes|cites|mentions|highlights|quotes|praises|hails|lists)\\b|` +
    // An introduction saying who tells it: "GTV News notes that …", "The Consul General mentions …".
    `(?:^|[.!?;]\\s+)(?:[Tt]he\\s+)?${CAPITALISED_RUN}\\s+(?:notes|reports|writes|says|mentions|observes|argues|claims|states|describes|explains|highlights|points out)\\b|` +
    // A paper asked what it says: "what figure does Arab News give", "how many does the Daily Times say …".
    `\\b(?:does|did|do)\\s+(?:the\\s+)?((?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,3}${PAPER})\\s+(?=(?:say|give|put|report|state|cite|quote|mention|list|write|use)\\b)|` +
    // A wire credited for its input: "the report that carried Reuters inputs", "with input from Reuters".
    `\\b(?:carried|carrying|carries|with|citing|using)\\s+(?:the\\s+)?${CAPITALISED_RUN}\\s+(?:inputs?|reporting|material)\\b|` +
    `\\binputs?\\s+from\\s+(?:the\\s+)?${CAPITALISED_RUN}|` +
    // "The Chinese diplomat writing in Business Recorder …", "a piece published by Arab News".
    `\\b(?:writing|written|published|appearing)\\s+(?:in|for|by)\\s+(?:the\\s+)?${CAPITALISED_RUN}`,
  "gu",
);

/** The names of where the answer was published: "ciss" in "according to the CISS piece". */
/** "What … does | the Chinese consul general in Lahore | list …?": the one listing, writing or proposing things. */
const LISTED_BY = /^\s*(?:what|which)\s+(?:three|four|five|six|seven|eight|nine|ten|\d+|\p{Ll}+)?\s*\p{Ll}+[^s\s]s\s+(?:does|did|do)\s+(?:the\s+)?((?:[\p{L}'’-]+\s+){1,6}?)(?:list|set out|lay out|outline|propose|identify|recommend|suggest)\b/iu;
/** "does the Arab News report | say …": a report that says, gives or puts something is a piece. */
const REPORT_DOES = /^\s+(?:say|give|put|state|mention|claim|describe|note|quote|cite|list|call|estimate|attach|report|name)\b/i;

export function sourceNames(question: string): string[] {
  // "the Foreign Office-based report" is based on the Foreign Office; "the Reuters-sourced report" on Reuters.
  // "What four priorities does the Chinese consul general in Lahore set out …?": who lists them wrote the piece.
  const lister = question.match(LISTED_BY)?.[1];
  if (lister) return terms(lister);
  // "What did the Afghan Taliban report …?": after an auxiliary, "report" is what they did, not a piece.
  return [...question.matchAll(SOURCE_PHRASE)]
    .filter((m) => !(/\breport$/i.test(m[0]) && /\b(?:did|does|do|will|would|could|can|should|to)\s+$/i.test(question.slice(0, m.index)) && !REPORT_DOES.test(question.slice(m.index + m[0].length))))
    .flatMap((m) => m.slice(1).flatMap((run) => (run ? terms(run.replace(/-(?:based|sourced)\b/gi, "")) : [])));
}

/**
 * "xi jinping" → "Xi Jinping" when the documents write it so, in a question typed without
 * capitals; one that has them is read as typed ("the prime minister of India"). Months stay as
 * typed ("may" is a verb too).
 */
const VERB_MONTHS = new Set(["may", "march"]);

export function withNameCasing(question: string, isName: (term: string) => boolean): string {
  // A capitalised word after the first says the asker capitalises names; initials ("AI") do not.
  if (/(?<=[\p{L}\p{N},;]\s+)\p{Lu}\p{Ll}/u.test(question)) return question;
  return question.replace(/(?<![\p{L}\p{N}'’])\p{Ll}[\p{L}\p{N}]*/gu, (word) => {
    const [term] = terms(word);
    // Months are written as names too, but for "may" and "march", which are verbs as well.
    const month = CALENDAR_WORD.test(word.replace(/^./, (c) => c.toUpperCase()));
    return term && (isName(term) || month) && !(month && VERB_MONTHS.has(word))
      ? word[0].toUpperCase() + word.slice(1)
      : word;
  });
}

/**
 * The terms of the words capitalised after the first, one list per run of them ("Xi Jinping"):
 * the first too if the documents write it as a name ("Gwadar's role?").
 */
function nameGroups(question: string, isName: (term: string) => boolean, isOneName: (words: string) => boolean): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  const endGroup = () => {
    if (current.length > 0) groups.push(current);
    current = [];
  };
  const matches = [...question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)];
  let previous: string | null = null;
  for (const [i, match] of matches.entries()) {
    const token = match[0];
    // A sentence's first word is capitalised whatever it is ("Roughly how many …"): a name only if the corpus has it so.
    const opensSentence = i === 0 || /[.!?]["'”’)]*\s+$/u.test(question.slice(0, match.index));
    if (opensSentence && !(terms(token).length > 0 && terms(token).every(isName))) {
      endGroup();
      previous = null;
      continue;
    }
    // "Indian-administered Kashmir", "Taliban-run", "Pakistani-made": the name qualifies a deed, it is not what is asked about.
    if (!/^\p{Lu}/u.test(token) || /^\p{Lu}\p{L}*-(?:\p{Ll}+(?:ed|ing)|made|run|built|born|held|grown|known|won)$/u.test(token)) endGroup();
    else if (/^\p{Lu}[^-]*(?:-\p{Lu}[^-]*)+$/u.test(token)) {
      // Names joined by a hyphen are two names: "the Sharif-Xi statement", "China-Pakistan ties".
      endGroup();
      groups.push(...token.split("-").map((part) => terms(part)));
    } else {
      // "Sharif's Beijing visit": a possessive ends its name; so does a dash or a slash ("the Pakistan–Sudan deal").
      const apart = /[–—/]/u.test(question.slice(0, match.index).slice(-3));
      if (previous !== null && (!isOneName(`${previous} ${token}`.toLowerCase()) || /['’]s$/u.test(previous) || apart)) endGroup();
      current.push(...terms(token));
    }
    previous = current.length > 0 ? token : null;
  }
  endGroup();
  return groups.filter((g) => g.length > 0);
}

/** Model names such as "JF-17s" or "Karakoram-8": digits that count nothing. */
const MODEL_NAME = /\p{L}+-\d+s?\b/gu;

/** Whether the sentence's terms include the question's figure, in digits or in words ("5th" or "fifth"). */
export function mentionsFigure(present: ReadonlySet<string>, figure: string): boolean {
  const index = ORDINALS.indexOf(figure);
  const ordinal = Number.parseInt(figure, 10);
  const other = index >= 0 ? `${index + 2}th` : /^\d+th$/.test(figure) ? ORDINALS[ordinal - 2] : undefined;
  return present.has(figure) || (other !== undefined && present.has(other));
}

/** A figure other than the question's own and other than a date's: "in 2023" says not how much. */
export function hasQuantity(sentence: string, asked: readonly string[] = []): boolean {
  return hasNumber(sentence.replace(DATE_FIGURES, " ").replace(DURATION, " "), asked);
}

/** A length of time ("for more than 2-1/2 years", "a four-day visit"): how long, not how much of something. */
const DURATION = new RegExp(`(?:\\d[\\d,./-]*|${NUMBER.source})[\\s-]*(?:years?|months?|weeks?|days?|hours?)\\b`, "gi");

/** A web address written out: its digits are no figures, its words no names. */
export const WEB_ADDRESS = /\bhttps?:\/\/\S+/g;
/** Whether the sentence has a figure other than the question's own (`asked`: "in 2025" does not answer "how much … in 2025"). */
export function hasNumber(sentence: string, asked: readonly string[] = []): boolean {
  // A link's digits ("…/2025/08/01/…") count nothing.
  return NUMBER.test(withoutFigures(sentence.replace(WEB_ADDRESS, " ").replace(MODEL_NAME, "").replace(NUMBER_IN_NAME, " "), asked));
}
/** A number word capitalised mid-sentence before another capital is part of a name: "the One Belt One Road". */
const NUMBER_IN_NAME = /(?<=\S\s+)(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)(?=\s+\p{Lu})/gu;

/** How far a count may stand from its noun: "13 concrete and actionable measures", "attacks rose to 500". */
const COUNTED_NOUN_AFTER = 4;
const COUNTED_NOUN_BEFORE = 3;

/**
 * A count: a number that is not a share, a sum or a date ("a 70 percent hike", "$4 billion",
 * "July 26" say not how many). With `isCounted`, the number must stand beside a word it accepts:
 * "20 Chinese nationals … in these attacks" does not count attacks.
 */
export function hasCount(
  sentence: string,
  asked: readonly string[] = [],
  isCounted?: (term: string, beforeNumber: boolean) => boolean,
): boolean {
  const figures = withoutFigures(sentence.replace(SHARE, " ").replace(SUM, " ").replace(DATE_FIGURES, " "), asked);
  if (!isCounted) return NUMBER.test(figures.replace(MODEL_NAME, ""));
  // A model name ("Karakoram-8") counts nothing but may say what is counted: "10 Karakoram-8 aircraft".
  const tokens = figures.split(/\s+/);
  return tokens.some(
    (token, i) =>
      NUMBER.test(token.replace(MODEL_NAME, "")) &&
      (tokens.slice(Math.max(0, i - COUNTED_NOUN_BEFORE), i).some((word) => terms(word).some((term) => isCounted(term, true))) ||
        tokens.slice(i, i + 1 + COUNTED_NOUN_AFTER).some((word) => terms(word).some((term) => isCounted(term, false)))),
  );
}

/** Nouns that count people: "how many IT workers" is answered by "200,000 IT professionals". */
const PEOPLE = new Set(
  terms(`people persons individuals workers professionals staff personnel employees engineers technicians experts
    specialists students graduates trainees officials officers soldiers troops fighters militants civilians nationals
    citizens residents refugees migrants farmers children women men delegates participants visitors labourers laborers
    diplomats members passengers victims patients tourists journalists police policemen pilgrims guards attendees
    teachers doctors nurses scientists researchers lawmakers voters spectators athletes`),
);
/** How far after a number the people it counts may be named: "200,000 IT professionals". */
const PEOPLE_AFTER = 2;

/**
 * Whether the sentence counts people when the question counts a kind of people the text names
 * otherwise ("workers" for "professionals"): a number with people right after it, none of them named
 * otherwise than the question names them ("20 Chinese nationals" are no Afghan refugees), and the
 * question's own word not used for others in the sentence ("farmers" beside "200,000 IT professionals").
 */
export function countsPeople(sentence: string, counted: string, questionTerms: ReadonlySet<string>, asked: readonly string[] = []): boolean {
  if (!PEOPLE.has(counted) || terms(sentence).includes(counted)) return false;
  const tokens = withoutFigures(sentence.replace(SHARE, " ").replace(SUM, " ").replace(DATE_FIGURES, " "), asked).split(/\s+/);
  return tokens.some((token, i) => {
    if (!NUMBER.test(token.replace(MODEL_NAME, ""))) return false;
    const after = tokens.slice(i + 1, i + 1 + PEOPLE_AFTER);
    const noun = after.findIndex((word) => terms(word).some((term) => countsAlike(counted, term)));
    // Between the number and the noun, a name the question lacks says they are other people; initials ("IT") do not.
    return noun >= 0 && after.slice(0, noun).every((word) => !/^\p{Lu}\p{Ll}/u.test(word) || terms(word).every((term) => questionTerms.has(term)));
  });
}

/** People named by what they do, and by where they are from: one of each group may stand for another ("IT professionals" for "IT workers"). */
const WORKING = new Set(terms("workers professionals staff personnel employees engineers technicians experts specialists labourers laborers trainees graduates students"));
const BELONGING = new Set(terms("nationals citizens residents refugees migrants"));
const ARMED = new Set(terms("soldiers troops fighters militants guards police policemen"));

/**
 * Whether people named `term` may be the people counted as `counted`: "IT professionals" for "IT workers", but "20 Chinese
 * nationals" are no count of workers, and "46 people" or "thousands of Afghans" says not how many soldiers or militants.
 */
export function countsAlike(counted: string, term: string): boolean {
  const group = [WORKING, BELONGING, ARMED].find((kind) => kind.has(counted));
  return PEOPLE.has(counted) && (group ? group.has(term) : PEOPLE.has(term));
}

/** Whether `present` names people that may be the people counted as `counted` (see `countsAlike`). */
export function namesPeopleAlike(present: ReadonlySet<string>, counted: string): boolean {
  return PEOPLE.has(counted) && [...present].some((term) => countsAlike(counted, term));
}

/** How far a number may stand before the people it counts: "nearly one million illegal Afghan nationals". */
const SOME_PEOPLE_AFTER = 4;

/** Whether the sentence counts people of any kind: "200,000 IT professionals", "20 Chinese nationals", not "13 measures". */
export function countsSomePeople(sentence: string, asked: readonly string[] = []): boolean {
  const tokens = withoutFigures(sentence.replace(SHARE, " ").replace(SUM, " ").replace(DATE_FIGURES, " "), asked).split(/\s+/);
  return tokens.some(
    (token, i) =>
      NUMBER.test(token.replace(MODEL_NAME, "")) && tokens.slice(i + 1, i + 1 + SOME_PEOPLE_AFTER).some((word) => terms(word).some((term) => PEOPLE.has(term))),
  );
}

export function hasPercentage(sentence: string): boolean {
  return PERCENTAGE.test(sentence);
}

/**
 * Whether the sentence is dated to other years than the question's: "Since 2021, 20 nationals
 * were killed" does not say how many were killed in 2024.
 */
export function namesOtherYear(sentence: string, asked: readonly string[]): boolean {
  const askedYears = asked.filter((figure) => YEAR.test(figure));
  if (askedYears.length === 0) return false;
  const years = [...sentence.matchAll(YEARS)].map((m) => m[0]);
  return years.length > 0 && !years.some((year) => askedYears.includes(year));
}

export function hasYear(sentence: string, asked: readonly string[] = []): boolean {
  return YEAR.test(withoutFigures(sentence, asked));
}

/** A month and its year: "March 2025". */
const MONTH_YEAR = new RegExp(`\\b(${MONTH})\\s+((?:19|20)\\d\\d)\\b`, "gi");
/** The years a question writes after a month, each with the month's term: "since the end of March 2025" → 2025: "march". */
export function monthsOfYears(question: string): Map<string, string> {
  return new Map([...question.matchAll(MONTH_YEAR)].flatMap((m) => terms(m[1]).slice(0, 1).map((month) => [m[2], month] as const)));
}

/** Whether the sentence names a month: "in November 2023". */
export function hasMonth(sentence: string): boolean {
  return MONTH_NAMED.test(sentence);
}

export function hasDay(sentence: string): boolean {
  return DAY.test(sentence);
}

/** A number with its unit: "a 1,300-km highway", "a four-day visit". */
export function hasExtent(sentence: string, asked: readonly string[] = []): boolean {
  return EXTENT.test(withoutFigures(sentence, asked));
}

/** The sentence less the given figures (as `terms` writes them: "2.0", "200000"). */
function withoutFigures(sentence: string, figures: readonly string[]): string {
  return figures.reduce(
    // With its scale: the question's "$7 billion" is the text's "$7-billion", which gives no other figure.
    (text, figure) =>
      text.replace(new RegExp(`(?<![\\d.,])${escapeRegExp(figure)}(?![\\d.,]*\\d)(?:[\\s-]+(?:thousand|million|billion|trillion)\\b)?`, "g"), " "),
    sentence.replace(/(\d),(?=\d{3})/g, "$1"),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function hasMoney(sentence: string, asked: readonly string[] = []): boolean {
  return MONEY.test(withoutFigures(sentence, asked));
}

/**
 * Whether the sentence says when: a date or a time, or another event. An event made of the
 * question's own words (`asked`) is the event asked about: "since the return of the Taliban"
 * does not say when the Taliban returned.
 */
export function hasTime(sentence: string, asked: ReadonlySet<string> = new Set()): boolean {
  // The question's own year ("the National AI Policy 2025") dates nothing new.
  const dated = withoutFigures(sentence, [...asked].filter((term) => YEAR.test(term)));
  if (TIME.test(dated) || CALENDAR.test(dated)) return true;
  // "… its position before the UN Security Council" stands in front of a body, at no time.
  return [...sentence.matchAll(EVENT_TIME)].some((m) => !terms(m[1]).some((term) => asked.has(term)) && !BEFORE_A_BODY.test(m[0]));
}
const BEFORE_A_BODY = /^before\s+(?:the\s+)?(?:\S+\s+){0,3}(?:council|court|committee|parliament|assembly|tribunal|judge|panel|senate|congress|audience|cameras|press)\b/i;

/** Whether the sentence lists items (three or more after a colon, "namely", "such as") or is one of a numbered run ("Second is …"). */
/** Capitalised words in a row, with the small words a name's initials skip ("Center for International Strategic Studies"). */
export const CAPITALISED_WORDS = /\p{Lu}[\p{L}-]*(?:\s+(?:(?:of|for|and|the|on|in)\s+)?\p{Lu}[\p{L}-]*)+/gu;

/**
 * The names of several capitalised words in a text, each with its initials: "Eastern Turkistan Islamic
 * Movement" → "ETIM"; the capitalised parts of hyphenated words count ("Tehreek-e-Taliban Pakistan" → "TTP").
 */
export function namesWithInitials(text: string): { name: string; initials: string; words: number }[] {
  return [...text.matchAll(CAPITALISED_WORDS)].map(([name]) => {
    const words = name.split(/[\s-]+/).filter((word) => /^\p{Lu}/u.test(word));
    return { name, initials: words.map((word) => word[0]).join("").toUpperCase(), words: words.length };
  });
}

/** Whether the sentence writes out the name the initials stand for: "Eastern Turkistan Islamic Movement" for "ETIM". */
export function spellsOut(sentence: string, initials: string): boolean {
  return namesWithInitials(sentence).some((name) => name.initials === initials.toUpperCase());
}

/** Whether capitalised words in a row start with the initials: "AI" in "World Artificial Intelligence Cooperation Organisation". */
export function writesOutInitials(sentence: string, initials: string): boolean {
  const letters = initials.toUpperCase();
  const words = sentence.split(/[\s-]+/).map((word) => word.replace(/^[("“‘']+/u, ""));
  const startsWord = (word: string, letter: string) => word.startsWith(letter) && /^\p{Ll}/u.test(word.slice(letter.length));
  return words.some((_, at) => [...letters].every((letter, i) => startsWord(words[at + i] ?? "", letter)));
}

/** Whether the sentence is an item of an enumeration: "Second is to …", "Thirdly, …". */
export function isListItem(sentence: string): boolean {
  return ORDINAL_ITEM.test(sentence);
}

export function hasList(sentence: string): boolean {
  const listed = sentence.match(LIST_START)?.[1];
  return ORDINAL_ITEM.test(sentence) || (listed !== undefined && listed.split(/,|;|\band\b/).length >= MIN_LISTED);
}

/** "author" for "Who wrote …?", "publisher" for "Which outlet published …?", read from the asking clause. */
function creditKind(asked: string): "author" | "publisher" | null {
  if (ASKS_AUTHOR.test(asked)) return "author";
  // "Which broadcaster reported that …?" asks who said something the text reports, not who published the piece.
  return ASKS_PUBLISHER.test(asked) && !REPORTED_THAT.test(asked) ? "publisher" : null;
}

/**
 * For a question asking a figure, whether a sentence gives one of that kind at all
 * (not whether it is the one asked for); null for other questions.
 */
export function answerOfKind(shape: Pick<QuestionShape, "kind" | "numbers" | "focus" | "several" | "answerCounts">): ((sentence: string) => boolean) | null {
  switch (shape.kind) {
    // "Which sectors …?": a list of them ("cooperation in agriculture, industry, and investment"), the word "sectors" unsaid.
    case "which":
      // (…and "which three areas": areas listed in lowercase are no provinces.)
      return shape.several && shape.focus.some((f) => SECTOR_KINDS.has(f) || ((shape.answerCounts?.length ?? 0) > 0 && AREA_TERMS.has(f)))
        ? (sentence) => enumerates(sentence, new Set(), { lowercase: true })
        : null;
    case "count":
    case "quantity":
      return (sentence) => hasNumber(sentence, shape.numbers);
    case "money":
      return (sentence) => hasMoney(sentence, shape.numbers);
    default:
      // A date or a length of time sits beside many events: ranking by it brings up the wrong ones.
      return null;
  }
}

/** The line that answers a question of this kind: a byline for the author, a credit line for the publisher. */
export function creditLineFor(kind: QuestionShape["kind"]): ((sentence: string) => boolean) | null {
  if (kind === "author") return hasByline;
  return kind === "publisher" ? hasCreditLine : null;
}

/** Whether the question asks who wrote or published a piece, and so which credit line answers it. */
export function creditAsked(question: string): ((sentence: string) => boolean) | null {
  return creditLineFor(creditKind(askingPart(question)));
}

export function hasCreditLine(sentence: string): boolean {
  return CREDIT_LINE.test(sentence);
}

export function hasByline(sentence: string): boolean {
  return BYLINE.test(sentence);
}

/** Words said: a verb of saying ("said", "stressed", "termed") or a quotation. */
const SPEECH =
  /\b(?:says|said|tells|told|stated|stressed|emphasi[sz]ed|noted|added|urged|called (?:on|for)|described|termed|terming|expressed|warned|vowed|announced|claimed|declared|remarked|insisted|reiterated|affirmed|asserted|underscored|highlighted|acknowledged|welcomed|condemned|critici[sz]ed|denies|denied|rejects|rejected|dismissed|responded|replied|according to)\b|[“"]/i;

/** Whether the sentence reports words said: "…, Wang said", "Dar stressed that …", a quotation. */
export function hasSpeech(sentence: string): boolean {
  return SPEECH.test(sentence);
}

export function hasAge(sentence: string): boolean {
  return AGE.test(sentence);
}

/**
 * Whether the sentence names someone (or something): two capitalised words in a row, at least
 * one not the question's own ("Foreign Minister Wang", "Amir Khan Muttaqi", "Operation
 * Bunyan-un-Marsoos"). One word alone is too often a place or the start of a sentence.
 */
export function hasPersonName(sentence: string, questionTerms: ReadonlySet<string>): boolean {
  const tokens = sentence.split(/\s+/);
  // "the 6th Trilateral Meeting of Foreign Ministers" names a meeting, "Rapid Support Forces" a body: no one.
  return nameRuns(sentence, questionTerms).some(({ from, to }) => !tokens.slice(from, to + 1).some((token) => terms(token).some((term) => NOT_SOMEONE.has(term))));
}
/** Words ending the names of bodies, events and things, which no one's name has. */
const NOT_SOMEONE = new Set(
  terms(`meeting meetings conference summit talks organisation organization corridor initiative policy plan army forces council
    university institute center centre laboratory ministry movement party agency bank programme program project highway port pass
    statement agreement treaty network studies`),
);

/** Words that make a role another office: a deputy prime minister is not the prime minister. */
const OTHER_OFFICE = new Set(terms("deputy vice assistant junior associate former ex"));

/**
 * Whether every mention of the role in the sentence is of another office ("Deputy Prime Minister
 * Ishaq Dar" for "Who is the prime minister?"), unless the question asks for that office itself.
 */
export function onlyAnotherOffice(sentence: string, role: readonly string[], questionTerms: ReadonlySet<string>): boolean {
  const tokens = sentence.split(/[\s-]+/).map((token) => terms(token)[0] ?? "");
  const mentions = tokens.flatMap((term, i) => (role.length > 0 && term === role[0] ? [i] : []));
  return mentions.length > 0 && mentions.every((i) => OTHER_OFFICE.has(tokens[i - 1]) && !questionTerms.has(tokens[i - 1]));
}

/**
 * Whether the sentence names something the question does not, past its first word ("… following
 * China"). A name before a plural qualifies a kind of thing rather than naming one ("Central Asian
 * nations", "Chinese nationals"), and an owner names the owner: "Pakistan’s endorsement" says
 * nothing of where, "the Action Plan’s call" nothing of which company.
 */
export function hasOtherName(sentence: string, questionTerms: ReadonlySet<string>): boolean {
  return otherNames(sentence, questionTerms).length > 0;
}

/** The names `hasOtherName` finds, lowercased as `words` gives them: "khyber pakhtunkhwa". */
export function otherNames(sentence: string, questionTerms: ReadonlySet<string>): string[] {
  const tokens = sentence.split(/\s+/);
  return nameRuns(sentence, questionTerms, 1)
    .filter(({ from, to }) => from > 0 && !qualifiesPlural(tokens, to) && !/['’]s?\W*$/.test(tokens[to]))
    .map(({ from, to }) => words(tokens.slice(from, to + 1).join(" ")).join(" "));
}

/** Whether the name ending at token `to` stands before a plural common noun: "Gulf states", "Afghan refugees". */
function qualifiesPlural(tokens: readonly string[], to: number): boolean {
  if (/[,.;:!?)”"]$/.test(tokens[to])) return false;
  const next = tokens[to + 1]?.replace(/[)"”’',.;:!?\]]+$/g, "") ?? "";
  // A plural-looking word before a determiner is a verb: "the release in Shanghai marks another …".
  if (/^(?:the|a|an|another|its|their|his|her|this|these|those)$/i.test(tokens[to + 2] ?? "")) return false;
  return /^\p{Ll}[\p{Ll}-]*[^s'’]s$/u.test(next) && !isStopword(next);
}

/** How far from the word asked about a word telling which one may stand: "Gwadar Port", "sectors such as farming". */
const INSTANCE_BEFORE = 3;
const INSTANCE_AFTER = 3;

/**
 * Whether the sentence names the kind of thing asked about with a word telling which one: "Gwadar
 * Port", "the northern harbour", "sectors such as farming". The kind alone, or with the question's
 * own words, tells nothing: "a signal to Gulf states" does not say which Gulf states. Words are
 * looked for within the clause, so "Gulf states, Central Asian nations" names no Gulf state. `kindMatch` is 1 for the kind's own word
 * and less for a related one, which must come with a name: WordNet's relatives are loose ("land" for "state").
 */
export function namesWhich(
  sentence: string,
  kindMatch: (term: string) => number,
  questionTerms: ReadonlySet<string>,
  qualifiers: readonly string[] = [],
  /** Only a name tells which: "Which other country …?" is not answered by "the first country". */
  namesOnly = false,
  /** In a name, a looser kind will do: "Gwadar Port" is the "seaport" asked for. */
  nameKindMatch: (term: string) => number = kindMatch,
): boolean {
  const tokens = sentence.split(/\s+/);
  const endsClause = (raw: string) => /[,.;:!?)”"—–]$/.test(raw);
  return tokens.some((raw, i) => {
    const match = Math.max(0, ...terms(raw).map(/^\p{Lu}\p{Ll}/u.test(raw) && i > 0 ? nameKindMatch : kindMatch));
    // A kind is a noun: "formally" is no "official", whatever its adjective's synonyms.
    if (match === 0 || (match < 1 && /\p{Ll}ly\W*$/u.test(raw))) return false;
    if (qualifiedOtherwise(tokens, i, qualifiers)) return false;
    const fresh = (word: string) =>
      ((match === 1 && !namesOnly) || /^\p{Lu}|\d/u.test(word)) && terms(word).some((term) => !questionTerms.has(term) && kindMatch(term) === 0);
    if (fresh(raw)) return true;
    // Before a plural, a name makes a kind ("Central Asian nations"); a common word may still tell which ("international frameworks").
    // A capitalised plural is itself part of a name: "the Islamabad Talks".
    const plural = /[^s'’]s\W*$/.test(raw) && !/^\p{Lu}/u.test(raw);
    // Words before it tell which only as one run of modifiers: "the northern harbour", not "a signal to Gulf states".
    for (let j = i - 1; j >= Math.max(0, i - INSTANCE_BEFORE) && !endsClause(tokens[j]) && terms(tokens[j]).length > 0; j--) {
      if (fresh(tokens[j]) && !(plural && /^\p{Lu}/u.test(tokens[j]))) return true;
    }
    for (let j = i + 1; j <= i + INSTANCE_AFTER && j < tokens.length && !endsClause(tokens[j - 1]); j++) if (fresh(tokens[j])) return true;
    return false;
  });
}

/**
 * Whether the kind at token `at` is qualified by another name than the question's: "foreign
 * ministers of Pakistan" or "Pakistani ministers" are no Indian minister.
 */
/**
 * Whether every mention of the kind asked for is qualified by another name than the question's:
 * "foreign ministers of Pakistan, Afghanistan and China" names no Indian minister, whatever else it names.
 */
export function kindQualifiedOtherwise(sentence: string, kindMatch: (term: string) => number, qualifiers: readonly string[]): boolean {
  const tokens = sentence.split(/\s+/);
  const mentions = tokens.flatMap((raw, i) => (terms(raw).some((term) => kindMatch(term) > 0) ? [i] : []));
  // A name right before a singular kind is the instance's own ("Paktika province"), not another qualifier.
  const instance = (i: number) => !/[^s'’]s\W*$/.test(tokens[i]) && /^\p{Lu}/u.test(tokens[i - 1] ?? "") && !/^\p{Lu}/u.test(tokens[i]);
  return mentions.length > 0 && mentions.every((i) => !instance(i) && qualifiedOtherwise(tokens, i, qualifiers));
}

function qualifiedOtherwise(tokens: readonly string[], at: number, qualifiers: readonly string[]): boolean {
  if (qualifiers.length === 0) return false;
  const isName = (raw: string | undefined) => raw !== undefined && /^\p{Lu}\p{Ll}/u.test(raw.replace(/^\W+/, "")) && terms(raw).length > 0;
  const ours = (raw: string) => terms(raw.replace(/['’]s\W*$/, "")).some((term) => qualifiers.some((q) => mentionsName(new Set([term]), q)));
  // The names right before it qualify it together: "Chinese Foreign Minister" is a Chinese minister.
  const before: string[] = [];
  for (let j = at - 1; j >= 0 && isName(tokens[j]) && !/[,.;:!?]$/.test(tokens[j]); j--) before.push(tokens[j]);
  if (before.some(ours)) return false;
  // …written out, if the qualifier is initials: "World Artificial Intelligence Cooperation Organisation" is an AI body.
  if (qualifiers.some((q) => q.length <= 5 && writesOutInitials([...before].reverse().join(" "), q))) return false;
  const after = /^(?:of|from)$/i.test(tokens[at + 1] ?? "") && !/[,.;:!?]$/.test(tokens[at]) ? tokens[at + 2] : undefined;
  return before.length > 0 || (isName(after) && !ours(after!));
}

/** Kinds of thing named by common nouns in a list: "agriculture, industry, and investment" are sectors. */
export const SECTOR_KINDS = new Set(terms("sector sectors field fields domain domains sphere spheres"));
const AREA_TERMS = new Set(terms("area areas"));

/** Three or more items in a row: "agriculture, industry, and investment", "roads, rail and ports". */
const ENUMERATION = /(?:[\p{L}-]+\s+){0,1}[\p{L}-]+,\s+(?:[\p{L}-]+\s+){0,1}[\p{L}-]+,?\s+(?:and|or)\s+(?:[\p{L}-]+\s+){0,1}[\p{L}-]+/gu;

/** Whether the sentence lists three or more things, most of them not the question's own words ("Which areas …?"). */
export function enumerates(sentence: string, questionTerms: ReadonlySet<string>, { lowercase = false } = {}): boolean {
  return [...sentence.matchAll(ENUMERATION)].some((m) => {
    // Sectors are written in lowercase ("agriculture, industry, and investment"); "Pakistan, China and Afghanistan" are no sectors.
    if (lowercase && /\p{Lu}/u.test(m[0])) return false;
    const items = terms(m[0]);
    return items.filter((term) => !questionTerms.has(term)).length * 2 > items.length;
  });
}

/** A place said with a preposition: "in vault seven", "behind the copper door", "at the entrance". */
const LOCATIVE =
  /\b(?:in|at|inside|within|near|under|beneath|behind|beside|outside|across|along)\s+(?:(?:the|a|an|its|their|his|her)\s+)?((?:[\p{L}\p{N}'’-]+\s+){0,2}[\p{L}\p{N}'’-]+)/giu;

/** A link or an address: "see [the handbook](https://…)", "at www.example.org". */
const LINK = /\]\([^)]*\)|\bhttps?:\/\/|\bwww\./i;

/**
 * Whether the sentence says where: a name the question lacks (not an owner's: "Pakistan’s
 * endorsement" says nothing of where), a link, or a place after a preposition that is not the
 * question's own and not a time ("at dawn", "in March").
 */
export function hasPlace(sentence: string, questionTerms: ReadonlySet<string>): boolean {
  return (
    hasOtherName(sentence, questionTerms) ||
    LINK.test(sentence) ||
    [...sentence.matchAll(LOCATIVE)].some(
      (m) =>
        !TIME.test(m[1]) &&
        !CALENDAR.test(m[1]) &&
        // An activity is no place: "in further unleashing the dividends" (a room for reading is one).
        !/(?<!\p{L})\p{Ll}+ing\s+(?:the|a|an|its|their|his|her|\d)/u.test(m[0]) &&
        terms(m[1]).some((term) => !questionTerms.has(term)),
    )
  );
}

/** Words of an apposition up to the thing it names: "a retired Pakistani air marshal". */
const MAX_APPOSITION_WORDS = 5;

/**
 * Whether a name stands beside (or includes) a word of `focus`: "Operation Bunyan-un-Marsoos",
 * "harbour master Jon Hale". A name further off names something else.
 */
export function hasNameBeside(sentence: string, focus: readonly string[], questionTerms: ReadonlySet<string>): boolean {
  const tokens = sentence.split(/\s+/);
  const near = tokens.flatMap((raw, i) => (terms(raw).some((term) => focus.includes(term)) ? [i] : []));
  // Beside the thing it names, one word is a name ("tech giant Huawei"), unless it starts the sentence.
  // …or set in apposition before it: "Aamir Masood, a retired Pakistani air marshal".
  const inApposition = (to: number) => /,$/.test(tokens[to]) && /^(?:a|an|the)$/i.test(tokens[to + 1] ?? "");
  // …or given as an example of it: "issues such as Taiwan", "sectors including farming".
  const exampleOf = (from: number) => near.some((i) => i < from && EXAMPLE_OF.test(tokens.slice(i + 1, from).join(" ")));
  return nameRuns(sentence, questionTerms, 1).some(
    ({ from, to }) =>
      (from > 0 || to > 0) &&
      (near.some((i) => (i >= from - 2 && i <= to + 2) || (inApposition(to) && i > to && i <= to + 1 + MAX_APPOSITION_WORDS)) || exampleOf(from)),
  );
}

/** What stands between a kind of thing and an example of it: "issues | such as | Taiwan". */
const EXAMPLE_OF = /^(?:such as|including|like|namely|notably|especially)(?: the)?$/i;

const DOTTED_INITIALS = /^(?:\p{Lu}\.)+\p{Lu}?\.?$/u;
/** The number of a thing in a series: "II" of "Phase-II", "8" of "Karakoram-8". */
const NUMBERED = /^(?:\d[\d.]*|[ivx]{1,4})$/;

/**
 * Token spans of capitalised runs of `minLength` or more words, at least one not the question's
 * own. Months and weekdays ("May", "Tuesday") are dates, not names.
 */
function nameRuns(sentence: string, questionTerms: ReadonlySet<string>, minLength = 2): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  let run = 0;
  let fresh = false;
  sentence.split(/\s+/).forEach((raw, i) => {
    const token = raw.replace(/^[("“‘'[]+|[)"”’',.;:!?\]]+$/g, "");
    const parts = terms(token);
    const capitalised = /^\p{Lu}[\p{L}'’-]*$/u.test(token) && !isStopword(token.toLowerCase()) && !CALENDAR_WORD.test(token);
    if (!capitalised) {
      run = 0;
      fresh = false;
      return;
    }
    run++;
    // Another form of a question's name is no new name: "Organisation" for "Organization", "Chinese" for "China".
    // Dotted initials ("the P.R. China") belong to the name they stand before; they name no one themselves.
    // …or its number: "Phase-II" is a name of its own where the question asks which phase.
    fresh ||=
      !DOTTED_INITIALS.test(token) &&
      parts.some(
        (part, at) =>
          (at === 0 || NUMBERED.test(part)) && !questionTerms.has(part) && ![...questionTerms].some((asked) => mentionsName(new Set([part]), asked)),
      );
    if (run >= minLength && fresh) {
      const last = runs.at(-1);
      if (last && last.to === i - 1 && last.from === i - run + 1) last.to = i;
      else runs.push({ from: i - run + 1, to: i });
    }
    // A word ending the run ("Minister Dar," / "Kabul.") ends it after itself.
    if (/[,.;:!?)”"]$/.test(raw)) {
      run = 0;
      fresh = false;
    }
  });
  return runs;
}

/**
 * Whether `present` (a sentence's terms) mentions the name: the term itself, or a form that
 * shares all but its last letter ("chinese" ~ "china", "iranian" ~ "iran").
 */
export function mentionsName(present: ReadonlySet<string>, name: string): boolean {
  if (present.has(name)) return true;
  for (const term of present) {
    let shared = 0;
    while (shared < term.length && shared < name.length && term[shared] === name[shared]) shared++;
    // The shorter word may drop one final letter: "china" ~ "chinese", not "marsoos" ~ "marshal".
    if (shared >= 4 && shared >= Math.min(term.length, name.length) - 1) return true;
  }
  return false;
}
