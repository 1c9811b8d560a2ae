/**
 * The local answerer quotes a sentence only when it gives what the question asks for: a
 * number for "how many", a time for "when", a named person for "who is the <role>", about the
 * thing the question names. Sentences that merely share the question's words are refused.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeExtractiveAnswer } from "@/lib/answering/extractive";
import { loadConfig } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { Pipeline } from "@/lib/pipeline";
import { DERIVATION_WEIGHT, SYNONYM_WEIGHT } from "@/lib/synonyms";
import {
  askingPart,
  hasByline,
  hasAge,
  hasCreditLine,
  hasCount,
  countsAlike,
  countsPeople,
  countsSomePeople,
  answerOfKind,
  hasDay,
  hasList,
  hasNameBeside,
  hasOtherName,
  hasNumber,
  hasPercentage,
  hasPersonName,
  hasPlace,
  hasReason,
  hasSpeech,
  namesWhich,
  otherNames,
  saidBy,
  hasQuantity,
  hasTime,
  hasYear,
  joinsPieces,
  mentionsName,
  namesOtherYear,
  pieceDescription,
  questionParts,
  questionShape,
  sourceNames,
  spellsOut,
  writesOutInitials,
  asDocumentsWrite,
} from "@/lib/question";
import { quotedPhrases, termMatch, type Passage, type WeightedTerm } from "@/lib/retrieval";
import { namePhrases, nameWords, oneSlipApart, terms } from "@/lib/text";
import { makeTempDir, writeCorpus } from "./support/fixtures";

describe("question shape", () => {
  it("reads the kind of answer asked for and the word it must contain", () => {
    expect(questionShape("How many patrol boats does the deal include?")).toMatchObject({
      kind: "count",
      focus: terms("boats"),
      focusModifiers: terms("patrol"),
    });
    expect(questionShape("How many people were hurt?")).toMatchObject({ kind: "count", focus: [] });
    // A verb straight after "how many" counts people; a participle before a noun qualifies it.
    expect(questionShape("In which town, and how many died?")).toMatchObject({ kind: "count", focus: [] });
    expect(questionShape("How many undocumented Afghans have left?")).toMatchObject({ focus: terms("Afghans") });
    expect(questionShape("What is the population of Valdoria?")).toMatchObject({ kind: "quantity", focus: ["popul"] });
    expect(questionShape("When did the talks begin?")).toMatchObject({ kind: "date", focus: [] });
    expect(questionShape("In which year was the port opened?")).toMatchObject({ kind: "year" });
    expect(questionShape("On what exact date was the port opened?")).toMatchObject({ kind: "day" });
    expect(questionShape("On what specific date will the port open?")).toMatchObject({ kind: "day" });
    expect(questionShape("On what calendar date did the Vala visit begin?")).toMatchObject({ kind: "day", topic: terms("visit begin") });
    expect(questionShape("On which calendar dates did the visit begin and end?")).toMatchObject({ kind: "day" });
    expect(questionShape(asDocumentsWrite("vala port visit exact dates"))).toMatchObject({ kind: "day" });
    expect(questionShape("By what percentage did exports grow?")).toMatchObject({ kind: "percentage" });
    expect(questionShape("By how much did exports grow?")).toMatchObject({ kind: "quantity" });
    expect(questionShape("Who is Ruritania's ambassador to Freedonia?")).toMatchObject({ kind: "person", focus: ["ambassador"] });
    expect(questionShape("Which port was chosen?")).toMatchObject({ kind: "which", focus: ["port"] });
    expect(questionShape("Which port also joined?")).toMatchObject({ kind: "which", focus: ["port"] });
    expect(questionShape("Which Ruritanian army general signed the deal?")).toMatchObject({ kind: "which", focus: terms("general") });
    expect(questionShape("How much will the canal cost?")).toMatchObject({ kind: "money", focus: [] });
    expect(questionShape("What did Freedonia pay for the boats?").kind).toBe("money");
    // A sum supposed: "What would … be worth?".
    expect(questionShape("What would a Vala-Kesk ferry deal be worth?").kind).toBe("money");
    expect(questionShape("what might the kesk canal be worth").kind).toBe("money");
    expect(questionShape("How long is the canal?").kind).toBe("extent");
    expect(questionShape("How old is Anna Berg?").kind).toBe("age");
    expect(questionShape("Who founded the institute?").kind).toBe("agent");
    // A currency sign is a word: "$60 billion" answers a "dollar figure".
    expect(terms("over $60 billion")).toContain(terms("dollar")[0]);
    // "exactly" hedges a list question; it is not its topic.
    expect(questionShape("What exactly are the five points of the Vala plan?")).toMatchObject({ kind: "list" });
    expect(questionShape("Roughly how many boats does the deal include?").topic).not.toContain("roughli");
    // Typed without its apostrophe, "whats" asks what "what's" does.
    expect(questionShape("Whats the population of Valdoria?")).toMatchObject({ kind: "quantity", focus: ["popul"] });
  });

  it("keeps the word that makes a role a different office, not words of rank or time", () => {
    expect(questionShape("Who is the prime minister of Ruritania?").focus).toEqual(terms("prime minister"));
    expect(questionShape("Who was the foreign minister at the time?").focus).toEqual(terms("foreign minister"));
    expect(questionShape("Who is Ruritania's current foreign minister?").focus).toEqual(terms("foreign minister"));
    expect(questionShape("Who was Ruritania's top diplomat at the talks?").focus).toEqual(terms("diplomat"));
    // After "the", a capitalised role is a title, and "the name of" asks who holds it.
    expect(questionShape("Who is the Consul General in Valdoria?")).toMatchObject({ kind: "person", focus: terms("Consul General") });
    expect(questionShape("What is the name of the harbour master?")).toMatchObject({ kind: "name", focus: terms("harbour master") });
    // A name or a participle after the role starts a clause about it.
    expect(questionShape("What was the name of the operation Ruritania launched in May?")).toMatchObject({
      kind: "name",
      focus: terms("operation"),
    });
    expect(questionShape("What is the name of the tech firm training Valdorian engineers?").focus).toEqual(terms("tech firm"));
    expect(questionShape("Who has been appointed as Ruritania's new ambassador?")).toMatchObject({ kind: "person", focus: terms("ambassador") });
    expect(questionShape("Who has Freedonia nominated as its envoy to Valdoria?")).toMatchObject({ kind: "person", focus: terms("envoy") });
    expect(questionShape("Who has been Ruritania's foreign minister since 2022?")).toMatchObject({ kind: "person" });
    // Who is to hold a role, or was picked for it, is asked for as its holder, not as a doer.
    expect(questionShape("Who will be Ruritania's new ambassador to Vala?")).toMatchObject({ kind: "person", focus: ["ambassador"] });
    expect(questionShape("Who has Ruritania picked to be its ambassador in Vala?")).toMatchObject({ kind: "person", focus: ["ambassador"] });
    expect(questionShape("who's ruritania's ambassador to vala")).toMatchObject({ kind: "person", focus: ["ambassador"] });
  });

  it("reads the speaker and subject of a statement, and the question's own figures", () => {
    expect(questionShape("What did Ruritania's harbour master say about the storm?").focus).toEqual(terms("master storm"));
    expect(questionShape("What did Anna Berg say about the storm?").focus).toEqual(terms("storm"));
    expect(questionShape("Where was the 5th summit held in 2024?")).toMatchObject({ numbers: ["5th", "2024"], topic: terms("summit hold") });
    expect(questionShape("How much money did Freedonia raise?").kind).toBe("money");
    expect(questionShape("What's the canal worth?").kind).toBe("money");
    expect(questionShape("What budget has Ruritania set aside for the canal?").kind).toBe("money");
  });

  it("reads the counted noun at the end of its phrase, not a verb after it", () => {
    expect(questionShape("How many undocumented refugees have returned?")).toMatchObject({
      focus: terms("refugees"),
      focusModifiers: terms("undocumented"),
    });
    expect(questionShape("How many soldiers died in the attack?").focus).toEqual(terms("soldiers"));
    expect(questionShape("How many aircraft crashed last year?").focus).toEqual(terms("aircraft"));
    expect(questionShape("How many Valdorian refugees live in Ruritania?").focus).toEqual(terms("refugees"));
    expect(questionShape("How much will the canal cost?").focus).toEqual([]);
  });

  it("does not mistake a name, a verb or an adjective for a role", () => {
    expect(questionShape("Who is Anna Berg?").kind).toBeNull();
    expect(questionShape("Who is the army fighting?").kind).toBeNull();
    expect(questionShape("Who was killed in the attack?").kind).toBeNull();
    expect(questionShape("Who is responsible for the attacks?").kind).toBeNull();
  });

  it("takes the names from capitalised words after the first, and the topic from the rest", () => {
    const shape = questionShape("When did Ruritania open its embassy in Freedonia?");
    expect(shape.names).toEqual(["ruritania", "freedonia"]);
    expect(shape.topic).toEqual(terms("open embassy"));
    // Words of measure say how to answer, not what about.
    expect(questionShape("How long was the visit to Valdoria?").topic).toEqual(terms("visit"));
  });
});

describe("reading what a question asks", () => {
  it("reads the kind from the asking clause, not a clause or sentence set before it", () => {
    expect(askingPart("When Berg met Lund, which port did they choose?")).toBe("which port did they choose?");
    expect(askingPart("Before joining Kesk, where did Anna Berg work?")).toBe("where did Anna Berg work?");
    // "Name the two …" asks which two.
    expect(questionShape("Name the two Valan leaders Anna Berg met in Kesk.")).toMatchObject({ kind: "which", focus: terms("leaders"), several: true });
    expect(questionShape("When Berg met Lund, which port did they choose?").kind).toBe("which");
    expect(questionShape("I'm writing about how many ports there are. Which port did Ruritania choose?").kind).toBe("which");
    expect(questionShape("Who wrote the op-ed? I need the writer's post.").kind).toBe("author");
    expect(questionShape("what is the job of the person who wrote the vala harbour op ed").kind).toBe("author");
    expect(questionShape("what is the job of the person who runs the vala harbour").kind).not.toBe("author");
    expect(questionShape("vala harbour op ed writer whats their post").kind).toBe("author");
    expect(questionShape("who write the article about vala harbour, what is his post?").kind).toBe("author");
    // The name of whoever wrote it is a name, not a byline's post.
    expect(questionShape("What is the name of the consul who wrote the op-ed?").kind).not.toBe("author");
    // Initials do not end the question, and "When did …, and who …" asks when.
    expect(askingPart("When did the U.S. Embassy in Valdoria open?")).toBe("When did the U.S. Embassy in Valdoria open?");
    expect(questionShape("When did Ruritania open the canal, and who built it?").kind).toBe("date");
  });

  it("splits two question words that share one clause", () => {
    expect(questionParts("When and in which city was the summit held?")).toEqual([
      "When was the summit held?",
      "in which city was the summit held?",
    ]);
    expect(questionParts("When and where did the talks take place?")).toEqual(["When did the talks take place?", "where did the talks take place?"]);
    // Keywords joined by a plus ask each alone; a semicolon in prose joins clauses of one question.
    expect(questionParts("vala strike death toll + provinces hit hardest")).toEqual(["vala strike death toll", "provinces hit hardest"]);
    // A hedge may stand between "and" and the second question word.
    expect(questionParts("How many ships has Vala sent since March and roughly how many since May?")).toEqual([
      "How many ships has Vala sent since March",
      "how many since May?",
    ]);
    // A subject, then what is asked of it, each asked of the subject.
    expect(questionParts("Vala ferry deal: total value, how many boats, and how many tugs?")).toEqual([
      "Vala ferry deal total value",
      "how many boats in the Vala ferry deal?",
      "how many tugs in the Vala ferry deal?",
    ]);
    // …not a request or an aside before the question.
    expect(questionParts("Compare the boat numbers: how many since 2021, and how many since March?")[0]).toMatch(/^Compare/);
    expect(questionParts("Quick one: the Vala ferry deal, how much was it worth?")).toHaveLength(1);
    // Keywords asking "numbers?" ask how many of each.
    expect(questionParts("boats seized since 2021 and sailors freed since march — numbers?")).toEqual([
      "how many boats seized since 2021",
      "how many sailors freed since march?",
    ]);
    expect(questionShape("vala ferry total value, crew count").kind).not.toBe("count");
    // A possessive ends its name: "Anna Berg's Kesk visit" names Anna Berg and Kesk.
    expect(questionShape("How long was Anna Berg's Kesk visit?").nameGroups).toEqual([terms("Anna Berg"), terms("Kesk")]);
    expect(questionParts("Anna Berg's Kesk visit vs Jon Vale's Vala trip — how many days was each?")).toEqual([
      "how many days was Anna Berg's Kesk visit?",
      "how many days was Jon Vale's Vala trip?",
    ]);
    expect(questionParts("Vala mentions a canal; which city is it in?")).toEqual(["Vala mentions a canal; which city is it in?"]);
    expect(questionParts("In which city and starting on what date was the summit held?")).toEqual([
      "In which city was the summit held?",
      "starting on what date was the summit held?",
    ]);
  });

  it("splits a question that asks two things", () => {
    expect(questionParts("What is the deal worth, and how many boats does it include?")).toEqual([
      "What is the deal worth",
      "how many boats does it include?",
    ]);
    // …also after a preposition, where the second part names what it asks about.
    expect(questionParts("What is the name of the Vala port plan, and on how many pillars is it built?")).toEqual([
      "What is the name of the Vala port plan",
      "on how many pillars is it built?",
    ]);
    expect(questionParts("Which post does the Vala envoy hold, and in which city?")).toEqual(["Which post does the Vala envoy hold, and in which city?"]);
    expect(questionParts("What is the deal worth, and how many boats does it include?")).toEqual([
      "What is the deal worth",
      "how many boats does it include?",
    ]);
    // A part with nothing of its own is no question.
    expect(questionParts("Where, and when exactly?")).toEqual(["Where, and when exactly?"]);
  });

  it("asks about a named person, a count, a source and joined names", () => {
    expect(questionShape("Who is Anna Berg, the woman who chaired the talks?").kind).toBeNull();
    expect(questionShape("What was the total number of attacks in 2024?")).toMatchObject({ kind: "count", focus: terms("attacks") });
    expect(questionShape("How many boats were sold, according to the Valdoria Times?").sourceNames).toEqual(terms("Valdoria Times"));
    expect(questionShape("What does the Freedonia Herald piece say about boats?").sourceNames).toEqual(terms("Freedonia Herald"));
    expect(questionShape("What did the Ruritania-Freedonia statement say?").nameGroups).toEqual([["ruritania"], ["freedonia"]]);
  });
});

describe("reading a question as the documents write it", () => {
  it("asks for the name of what a question asks is called", () => {
    expect(asDocumentsWrite("What is Vala's new canal plan called?")).toBe("what is the name of Vala's new canal plan?");
    expect(asDocumentsWrite("Which port did Kesk pick, and whats the Vala plan called")).toBe("Which port did Kesk pick, and what is the name of the Vala plan");
    expect(asDocumentsWrite("What was the operation known as, and who led it?")).toBe("what is the name of the operation, and who led it?");
    // "What is it called?" asks of what was said before; "called Kesk a partner" is what someone said.
    expect(asDocumentsWrite("Vala has a new body. What is it called?")).toBe("Vala has a new body. What is it called?");
    expect(asDocumentsWrite("What plan called Kesk a partner?")).toBe("What plan called Kesk a partner?");
    // The name's kind is the noun the description ends in, past a participle after an adverb.
    expect(questionShape(asDocumentsWrite("What is Vala's own recently unveiled canal plan called?"))).toMatchObject({ kind: "name", focus: terms("canal plan") });
  });

  it("writes out chat shorthand", () => {
    expect(asDocumentsWrite("how many ppl did the govt send b/w 2020 and 2024?")).toBe(
      "how many people did the government send between 2020 and 2024?",
    );
    // Only whole words: "bn" in "Bnei" or "ppl" in "apple" stay.
    expect(asDocumentsWrite("Bnei Brak apples")).toBe("Bnei Brak apples");
    expect(asDocumentsWrite("vala hwy plan acc to the govts w/o org info")).toBe(
      "vala highway plan according to the governments without organization information",
    );
    expect(asDocumentsWrite("the hwyman's organ")).toBe("the hwyman's organ");
    expect(asDocumentsWrite("howmany ships docked acording to the vala times")).toBe("how many ships docked according to the vala times");
    // Country codes and clippings of the news's words.
    expect(asDocumentsWrite("PK-China: anniv framing in Sharif stmt")).toBe("Pakistan-China: anniversary framing in Sharif statement");
    expect(asDocumentsWrite("PK UNSC seat type")).toBe("Pakistan UN Security Council seat type");
    expect(asDocumentsWrite("truce between USA and Vala")).toBe("truce between United States and Vala");
    // "America" and "the US" are the United States; "South America", "Americans" and "us" are not.
    expect(asDocumentsWrite("truce between America and Vala, per the US and U.S. envoys")).toBe(
      "truce between United States and Vala, per the United States and United States envoys",
    );
    expect(asDocumentsWrite("South America, Americans and us")).toBe("South America, Americans and us");
    expect(asDocumentsWrite("no. of drones in the vala deal, # of jets")).toBe("number of drones in the vala deal, number of jets");
    // "no." only before "of", and its dot is a dot: "nox of" stays.
    expect(asDocumentsWrite("nox of drones, no deal")).toBe("nox of drones, no deal");
    // "op" is an operation, but not in "op-ed" or "op ed".
    expect(asDocumentsWrite("name of the naval op vala ran vs kesk")).toBe("name of the naval operation vala ran vs kesk");
    expect(asDocumentsWrite("who wrote the vala op ed, and the op-ed on ports?")).toBe("who wrote the vala article, and the article on ports?");
    expect(asDocumentsWrite("how many ships docked since nov 2023")).toBe("how many ships docked since November 2023");
    // A remark typed after the question, and hedges, are no topic.
    expect(asDocumentsWrite("how long was the vala trip? these guys practically live there")).toBe("how long was the vala trip?");
    expect(asDocumentsWrite("Who wrote it? I need the role.")).toBe("Who wrote it? I need the role.");
    // …but a request for several answers is kept, and two question marks ask as one does.
    expect(asDocumentsWrite("vala canal value?? one piece says one figure, the other another, give both")).toBe(
      "vala canal value? one piece says one figure, the other another, give both",
    );
    expect(asDocumentsWrite("which ports did kesk pick? tell me all three")).toBe("which ports did kesk pick? tell me all three");
    expect(terms("so what's the canal supposedly worth, actually?")).toEqual(terms("what's the canal worth?"));
    expect(terms("the reports give slightly different figures")).toEqual(terms("the reports give different figures"));
    // A negation is "not", no "don" or "isn" for a topic; "reports" and "cites" are talk of the text, as "report" is.
    expect(terms("haven't, won't, can't, isn't")).toEqual([]);
    expect(terms("the reports don't cite the same canal figure")).toEqual(terms("the same canal figure"));
    // Pieces that "put different price tags" on a thing, or "seem to give" figures, are talk of the text.
    expect(questionShape("Two of the pieces put different price tags on the VTA. What are the two figures?").topic).toEqual([]);
    expect(questionShape("how big is the vta in money? articles seem to give different numbers, list both").topic).toEqual(terms("vta"));
    // Initials introducing the question name what it is about: "VTA value: what figure …?".
    expect(questionShape("VTA value: what figure does the Kesk report give?").topic).toContain("vta");
    // A question mark ends a lowercase sentence: the one with a question word asks.
    expect(askingPart("vala is still on imf support right? how big is the program?")).toBe("how big is the program?");
    // Courtesies and honorifics ask and name nothing.
    expect(asDocumentsWrite("Might you remind me when His Excellency President Vale arrived?")).toBe("when President Vale arrived?");
    expect(asDocumentsWrite("Could you please tell me, may I ask, how long the bridge is?")).toBe("how long the bridge is?");
  });

  it("reads what a comma-less 'beside X' sets aside, and a plural after 'which' as the kind", () => {
    expect(questionShape("beside vala and kesk which other ports reopen to trade?")).toMatchObject({ kind: "which", focus: terms("ports"), another: true });
    expect(questionShape("beside vala and kesk which other ports reopen to trade?").topic).not.toContain("vala");
  });

  it("reads 'lost their lives' and 'passed away' as dying, and adjectives joined before the counted noun", () => {
    expect(asDocumentsWrite("how many sailors lost their lives at Vala?")).toBe("how many sailors died at Vala?");
    expect(asDocumentsWrite("has the harbour master passed away?")).toBe("has the harbour master died?");
    expect(asDocumentsWrite("did Vala lose the election?")).toBe("did Vala lose the election?");
    expect(questionShape("How many concrete and actionable measures does the plan list?")).toMatchObject({
      kind: "count",
      focus: terms("measures"),
      focusModifiers: terms("concrete actionable"),
    });
    expect(questionShape("How many drones and jets are in the deal?")).toMatchObject({ focus: terms("drones") });
    // "How large is the X …?" measures X.
    expect(questionShape("How large is the special harbour force Vala has pledged?")).toMatchObject({
      kind: "quantity",
      focus: terms("force"),
      focusModifiers: terms("special harbour"),
    });
    expect(questionShape("How big is the deal?")).toMatchObject({ kind: "quantity", focus: terms("deal") });
  });

  it("reads the doer's deed after an auxiliary: 'who will head', but not 'who did Vale meet'", () => {
    expect(questionShape("Who will head the Vala port authority?")).toMatchObject({ kind: "agent", deed: terms("head") });
    expect(questionShape("Who has been appointed to the Vala board?")).toMatchObject({ kind: "agent", deed: terms("appointed") });
    expect(questionShape("Who did Vale meet in Kesk?")).toMatchObject({ kind: "agent", deed: [] });
    expect(questionShape("Who did the minister meet in Kesk?")).toMatchObject({ kind: "agent", deed: [] });
  });

  it("reads the asking clause after an introduction of several commas, and what 'beyond' sets aside", () => {
    const question = "When Vale met Kesk in Osterlich, beyond the Sylvania Phase-II port and its railway, in which three areas did they agree to work?";
    expect(askingPart(question)).toBe("which three areas did they agree to work?");
    expect(questionShape(question)).toMatchObject({ kind: "which", focus: terms("areas"), several: true });
    expect(questionShape(question).names).not.toContain("ii");
    // "beyond" opening no clause sets nothing aside.
    expect(questionShape("Will the Vala railway extend beyond Kesk, and when?").names).toContain("kesk");
  });

  it("takes no sentence's opening word and no 'Valan-made' for a name", () => {
    expect(questionShape("The Vala Times gives figures for the port. Roughly how many ships docked in March?").names).toEqual(
      terms("Vala Times March"),
    );
    expect(questionShape("Which Valan-made patrol boats did Kesk buy?").names).toEqual(terms("Kesk"));
    // …unless the corpus writes it as a name.
    expect(questionShape("It rained. Vala ships docked, how many?", (term) => term === "vala").names).toEqual(["vala"]);
  });

  it("reads the kind after a count of answers: 'which two Ruritanian leaders'", () => {
    expect(questionShape("Which two Ruritanian leaders did Vale meet?")).toMatchObject({ kind: "which", focus: terms("leaders"), several: true });
  });

  it("reads a source named in any case before a colon or dash, or after 'in' or 'per'", () => {
    expect(sourceNames("Vala Times piece - how many ships docked?")).toEqual(terms("Vala Times"));
    expect(sourceNames("when did it open, per the vala times article")).toEqual(terms("vala times"));
    expect(sourceNames("vala herald op ed: when was it held")).toEqual(terms("vala herald"));
    // A paper asked what it says, by a name ending as papers' do; a country asked what it said is no source.
    expect(sourceNames("What figure does Vala News give for the canal?")).toEqual(terms("Vala News"));
    expect(sourceNames("How many ships does the Kesk Daily Herald say docked?")).toEqual(terms("Kesk Daily Herald"));
    expect(sourceNames("What did Ruritania say about the canal?")).toEqual([]);
    // "the Vala Office-based report" is based on the Vala Office.
    expect(sourceNames("What is the goal, according to the Vala Office-based report?")).toEqual(terms("Vala Office"));
    // …and "the Kesk-sourced news report" on Kesk. Its words say where to look, not what about.
    expect(sourceNames("What do the Vala Herald analysis and the Kesk-sourced news report each say?")).toEqual(terms("Vala Herald Kesk"));
    const piece = pieceDescription("What value do the Vala Herald analysis and the Kesk-sourced news report each put on the canal?");
    expect([...piece]).toEqual(expect.arrayContaining(terms("Herald analysis Kesk sourced")));
    expect([...piece]).not.toContain(terms("canal")[0]);
    // Not the words before an op-ed's author or a byline's noun.
    expect(sourceNames("Who authored the op-ed on ships?")).toEqual([]);
    expect(sourceNames("vala port op ed writer whats their post")).toEqual([]);
  });

  it("reads who wrote the piece as its source: 'according to the article by Vala's Consul in Kesk'", () => {
    expect(sourceNames("Which ports reopened, according to the article by Vala's Consul in Kesk?")).toEqual(terms("Vala's Consul in Kesk"));
    expect(sourceNames("What does the op-ed written by the Harbour Master say?")).toEqual(terms("Harbour Master"));
    // Not "by" after something that is no piece.
    expect(sourceNames("Which ports were reopened by the Vala Navy?")).toEqual([]);
  });

  it("reads an introduction saying who tells it as the source: 'Vala Radio notes that …', 'writing in the Kesk Herald'", () => {
    expect(sourceNames("Vala Radio notes that the port reopened. Which ship docked first?")).toEqual(terms("Vala Radio"));
    expect(sourceNames("The harbour master writing in the Kesk Herald praises a new crane. Which firm built it?")).toEqual(terms("Kesk Herald"));
    expect(sourceNames("The Kesk Herald op-ed by Vala's Consul in Lahore describes a plan. How many steps does it have?")).toEqual(
      terms("Kesk Herald Vala's Consul Lahore"),
    );
    // A wire credited for its input.
    expect(sourceNames("Per the report that carried Kesk Wire inputs, which port reopened?")).toEqual(terms("Kesk Wire"));
    expect(sourceNames("Which port reopened, in the story with input from Kesk Wire?")).toEqual(terms("Kesk Wire"));
    // A name doing something else is no source.
    expect(sourceNames("Which port did Vala Radio buy?")).toEqual([]);
  });

  it("reads a source's name with its small words: 'published by the Center for Harbour Studies'", () => {
    expect(sourceNames("According to the analysis published by the Center for Harbour Studies, what is the canal worth?")).toEqual(
      terms("Center for Harbour Studies"),
    );
    expect(sourceNames("How many ships docked, according to the Institute of Vala Shipping?")).toEqual(terms("Institute of Vala Shipping"));
  });

  it("takes a name joined to a named source as a source too: 'The Vala Herald article and Ruritania Today both give …'", () => {
    expect(sourceNames("The Vala Herald article and Ruritania Today both give a figure")).toEqual(terms("Vala Herald Ruritania Today"));
    expect(sourceNames("The Vala Herald article and Ruritania agree")).toEqual(terms("Vala Herald"));
  });

  it("does not count with a number word inside a name", () => {
    expect(hasNumber("The canal, also known as the One Sea One Shore route, links the ports.")).toBe(false);
    expect(hasNumber("Two Ruritanian ships docked.")).toBe(true);
  });

  it("reads who describes what the question asks about as where it is written", () => {
    expect(questionShape("In what year was the plan, which the Vala Herald describes as bold, first made?").sourceNames).toEqual(terms("Vala Herald"));
    expect(questionShape("How many pillars, as the Vala Herald in Lahore puts it, does the plan have?").sourceNames).toEqual(terms("Vala Herald Lahore"));
    const cited = questionShape("In which year was the plan that the Vala Consul in Kesk cites as a blueprint made?");
    expect(cited.sourceNames).toEqual(terms("Vala Consul Kesk"));
    expect(cited.topic).not.toContain(terms("cites")[0]);
  });

  it("reads keywords typed with the question word last as the question they ask", () => {
    expect(questionShape("vala harbour opening when").kind).toBe("date");
    expect(questionShape("vala harbour deal done by when").kind).toBe("date");
    expect(questionShape("ruritania strikes which district")).toMatchObject({ kind: "which", focus: terms("district") });
    expect(questionShape("vala bridge realignment cost").kind).toBe("money");
    expect(questionShape("vala summit date").kind).toBe("date");
    expect(questionShape("rebel leader name")).toMatchObject({ kind: "name", focus: terms("rebel leader") });
    // "killed how many?" counts no noun of its keywords.
    expect(questionShape("the rebels said the raid killed how many?")).toMatchObject({ kind: "count", focus: [] });
    // A short introduction before a comma or colon is no part of what is asked, nor of its topic.
    expect(askingPart("For the segment, when and where was the vala summit held?")).toBe("when and where was the vala summit held?");
    expect(questionShape("For the segment, when was the vala summit held?").topic).not.toContain("segment");
    // One naming something keeps its names: "On Vala, how many …".
    expect(askingPart("On Vala, how many ships docked?")).toBe("On Vala, how many ships docked?");
    // "Who was the Ruritanian foreign minister Vale met?" asks for the minister.
    expect(questionShape("Who was the Ruritanian foreign minister Vale sat down with?").focus).toEqual(terms("foreign minister"));
    // A model named in the plural is the model.
    expect(asDocumentsWrite("how many Vala-8s were sold?")).toBe("how many Vala-8 were sold?");
    // "On what dates and in what city was it held?" asks two things of one clause.
    expect(questionParts("On what dates and in what city was the Vala summit held?")).toEqual([
      "On what dates was the Vala summit held?",
      "in what city was the Vala summit held?",
    ]);
    // A capitalised word before a noun qualifies it: the name of an organisation is asked, not of an "international".
    expect(questionShape("What is the name of the new international AI organization that Vala wants?").focus).toEqual(terms("organization"));
    expect(questionShape("Who are the ambassadors Vala and Kesk named?").focus).toEqual(terms("ambassadors"));
    // A filler before the question word: "so when …", "and who …".
    expect(questionShape("so when exactly is the vala summit happening?").kind).toBe("day");
    // "Name the leader of …" asks for a name; "how many of the dead were children" counts children.
    expect(questionShape("Name the leader of the Vala rebels.")).toMatchObject({ kind: "name", focus: terms("leader") });
    // A count, then the variants asked of it: each is the count asked again.
    expect(questionParts("How many ships has Vala sent back: the total since May 2023, and the number since the end of March?")).toEqual([
      "How many ships has Vala sent back since May 2023?",
      "How many ships has Vala sent back since the end of March?",
    ]);
    // "Which date … will …?" asks for a date to come; "length of …" how long it is.
    expect(questionShape("Which date will Vala and Kesk exchange envoys?")).toMatchObject({ kind: "day", future: true });
    expect(questionShape("length of the Vala railway line in km")).toMatchObject({ kind: "extent" });
    // A set-aside clause running to the end sets aside the names only: the deed is still asked.
    const besides = questionShape("Which ports besides Vala and Kesk took the grain shipments? Name them.");
    expect(besides.topic).toEqual(expect.arrayContaining(terms("grain shipments")));
    expect(besides.names).not.toContain("vala");
    // A sum the question states is what it knows when it asks for a sum; not a part of it, nor a name ("the $7-billion program").
    expect(questionShape("One report puts the canal at 62 billion dollars; how much does the other say Vala pledged?").numbers).toEqual([]);
    expect(questionShape("How much of the $7 billion has Vala received?").numbers).toEqual(["7"]);
    expect(questionShape("How much has Vala disbursed under the $7-billion program?").numbers).toEqual(["7"]);
    // "last year" says when relative to today, no topic the text repeats; for "when" it says which meeting.
    expect(questionShape("What was the value of Vala-Kesk trade last year?").topic).not.toContain("last");
    expect(questionShape("On which date did Vale and Berg meet in Kesk last month?").topic).toContain("last");
    // A noun before a preposition of place is the kind: "which city in Vala …", not a word after the place.
    expect(questionShape("Which city in Vala hosts the fair?")).toMatchObject({ kind: "which", focus: terms("city") });
    expect(questionShape("Which milestone in Vala-Kesk ties was marked at the fair?")).toMatchObject({ kind: "which", focus: terms("milestone") });
    expect(questionShape("which sea port in vala kesk want make a hub?")).toMatchObject({ kind: "which", focus: terms("port") });
    // …a measure is no kind: "which number in the series" asks for a figure.
    expect(questionShape("which number in the series would the Kesk meeting be?").focus).not.toContain("number");
    // A mountain pass is a place with a name ("Vala Pass"), asked as "which pass" asks: "mountain" need not be said.
    expect(questionShape("Name the mountain pass singled out as the new corridor.")).toMatchObject({ kind: "which", focus: terms("pass") });
    expect(questionShape("Give the name of the ambassador Vala chose.")).toMatchObject({ kind: "name", focus: terms("ambassador") });
    expect(questionShape("how many of the people killed in the raid were children?")).toMatchObject({ kind: "count", focus: ["children"] });
    // A measure word before more words qualifies what is counted: "how many high performance computing clusters".
    expect(questionShape("how many high performance computing clusters will vala build")).toMatchObject({ focus: terms("clusters") });
    // The asker's guess is no figure to find; quoted words are counted all the same.
    expect(questionShape("how big is the vala loan, 3 billion or so?").numbers).toEqual([]);
    expect(questionShape("how many 'concrete measures' are in the plan, like 5?")).toMatchObject({ kind: "count", focus: terms("measures"), numbers: [] });
    expect(questionShape("how many ships docked in 2023?").numbers).toEqual(["2023"]);
    // "the retired air force guy" is a person, whatever the text calls him.
    expect(questionShape("who's the retired air force guy calling the deal done?")).toMatchObject({ kind: "person", focus: [] });
    expect(questionParts("how long was vala's trip vs kesk's trip?")).toEqual(["how long was vala's trip", "how long kesk's trip?"]);
    expect(questionShape("who actually wrote the vala op-ed?").kind).toBe("author");
    // Who carried out a raid is its doer, not a publisher; its verb with a particle may be written otherwise.
    expect(questionShape("and who carried it out?")).toMatchObject({ kind: "agent", deed: [] });
    // …"in" ending the verb is its particle ("stepped in with"), one before a place is not ("lives in Kesk").
    expect(questionShape("Who stepped in with loans so Vala could pay?")).toMatchObject({ kind: "agent", deed: [] });
    expect(questionShape("Who lives in Kesk?")).toMatchObject({ kind: "agent", deed: terms("lives") });
    // A light verb says little beside its noun ("gave the speech" is "delivered" it); "makes" may be "manufactures".
    expect(questionShape("Who gave the big speech at the Vala fair?")).toMatchObject({ kind: "agent", deed: [] });
    expect(questionShape("who makes the drones going to Vala")).toMatchObject({ kind: "agent", deed: terms("makes") });
    // A two-word name may qualify the plural kind: "Which United States and Vala officials …".
    expect(questionShape("Which United States and Vala officials took part in the talks?")).toMatchObject({ kind: "which", focus: terms("officials") });
    expect(questionShape("who carried the vala story?").kind).toBe("publisher");
    // "A how many days vs B": the second asks the same of its own keywords.
    expect(questionParts("vala trip how many days vs kesk trip")).toEqual(["how many days vala trip", "how many days kesk trip?"]);
    // Two asks share the keywords: "how much and what planes".
    expect(questionParts(asDocumentsWrite("vala jet deal how much n what planes"))).toEqual(["how much: vala jet deal", "what planes vala jet deal?"]);
    // A question word further back opens a clause, and a request keeps its own shape.
    expect(questionShape("the harbour in the city where the rebels fought last winter").kind).toBeNull();
    expect(askingPart("name the port where the ships dock")).toBe("what is the name of the port where the ships dock");
    // "total value and how many drones?" asks two things; a colon only introduces the question.
    expect(askingPart("arms deal: total value and how many drones?")).toBe("arms deal: total value and how many drones?");
    expect(askingPart("Quick one: when and where was it held?")).toBe("when and where was it held?");
  });

  it("does not take words about what the texts say, or which pieces say it, for the topic", () => {
    const shape = questionShape("The canal's cost is reported differently in the coverage of the Kesk summit — what figures are given?");
    expect(shape.kind).toBe("money");
    expect(shape.topic).toEqual(terms("canal"));
    expect(questionShape("What dates are quoted in two different pieces on the Kesk summit?").topic).toEqual([]);
    // What the question asks about stays: "the canal" is not a piece.
    expect(questionShape("How much did the canal cost, as given in the Kesk report?").topic).toContain(terms("canal")[0]);
  });

  it("reads a sum or a date asked by keywords around the question's subject", () => {
    expect(questionShape("vala railway cost estimate").kind).toBe("money");
    expect(questionShape("estimated cost of the vala railway?").kind).toBe("money");
    expect(questionShape("budget for the vala farming lab?").kind).toBe("money");
    expect(questionShape("date of the 6th vala summit?").kind).toBe("date");
    // "exact … date of" asks the day.
    expect(questionShape("exact start date of operation vala shield").kind).toBe("day");
    // "Delivery date for …": when.
    expect(questionShape("Delivery date for the Kesk ferry deal?").kind).toBe("date");
    // Asked of no particular event, "day" is still a time: "day pakistan took up its seat".
    expect(questionShape("day vala took up its seat").kind).toBe("date");
    // …or after it: a deadline, a timeline, a date agreed, a year; and who did it, "by whom".
    expect(questionShape("vala truce - date agreed").kind).toBe("date");
    expect(questionShape("vala port training - completion deadline").kind).toBe("date");
    expect(questionShape("kesk boat delivery timeline").kind).toBe("date");
    expect(questionShape(asDocumentsWrite("vala farming lab launch yr")).kind).toBe("year");
    expect(questionShape("vala peace plan - proposed by whom")).toMatchObject({ kind: "agent", topic: expect.arrayContaining(terms("proposed")) });
  });

  it("asks the same of each owner joined: 'How long were Vale's and Kesk's trips?'", () => {
    expect(questionParts("How long were Vale's and Kesk's trips to Ruritania?")).toEqual([
      "How long were Vale's trips to Ruritania?",
      "How long were Kesk's trips to Ruritania?",
    ]);
    expect(questionParts("how long was vale's vs kesk's visit")).toEqual(["how long was vale's visit", "how long was kesk's visit"]);
    // Owners of several words, and "respective" saying each has their own.
    expect(questionParts("How long were Anna Vale's and Tomas Kesk's respective visits?")).toEqual([
      "How long were Anna Vale's visits?",
      "How long were Tomas Kesk's visits?",
    ]);
  });

  it("asks each clause holding its own question word and words: 'X was how many days, and Y how many days?'", () => {
    expect(questionParts("the vala trip was how many days, and the ruritania tour how many days?")).toEqual([
      "the vala trip was how many days",
      "the ruritania tour how many days?",
    ]);
    // "in which city?" says too little to be asked alone.
    expect(questionParts("What does the author of the vala op-ed do, and in which city?")).toHaveLength(1);
  });

  it("reads a question typed in lowercase but for its initials as typed in lowercase", () => {
    const isName = (term: string) => terms("vala harbour").includes(term);
    expect(questionShape("where will the vala AI harbour authority be based?", isName).nameGroups).toEqual([terms("vala ai harbour")]);
    // One capitalised word after the first says the asker capitalises names.
    expect(questionShape("where will the vala AI Harbour be based?", isName).nameGroups).toEqual([terms("ai harbour")]);
  });

  it("groups names typed in lowercase only where the text writes them together", () => {
    const isName = (term: string) => terms("vala harbour ruritania").includes(term);
    const together = (words: string) => words === "vala harbour";
    expect(questionShape("vala harbour ruritania trip how long", isName, together).nameGroups).toEqual([terms("vala harbour"), terms("ruritania")]);
    // Typed with capitals, a run of names is the asker's own.
    expect(questionShape("How long was the Vala Ruritania trip?", isName, together).nameGroups).toEqual([terms("vala ruritania")]);
  });

  it("reads 'which 2 provinces' at the end of a question as the kind, and its number as no figure to find", () => {
    expect(questionShape("raids mostly hit which 2 provinces")).toMatchObject({ kind: "which", focus: terms("provinces"), numbers: [] });
    expect(questionShape("raids mostly hit which 2 provinces").topic).not.toContain("2");
  });

  it("asks for the thing before 'of': a stage, not the corridor", () => {
    expect(questionShape("Which stage of the corridor did they praise?")).toMatchObject({ kind: "which", focus: ["stage"] });
    expect(questionShape("Which of Ruritania's harbours did they choose?")).toMatchObject({ focus: [] });
    // "What" before a plural asks as "which" does; before a singular it may ask anything.
    expect(questionShape("What conditions did the bank attach to the loan?")).toMatchObject({ kind: "which", focus: terms("conditions") });
    expect(questionShape("What role did the bank play?").kind).toBeNull();
    // A verb may follow the thing asked for, before its object's name.
    expect(questionShape("Which shipping company operates Port Vala?")).toMatchObject({ focus: terms("company"), topic: terms("shipping operates") });
  });

  it("takes for names the words the documents only write capitalised mid-sentence", () => {
    const names = nameWords([
      "Talks with Anna Berg were held in Valdoria. Moreover, the harbours were opened. Ships use the Harbour daily.\nThe Broader Signal\n",
      "Another harbour may open in Valdoria. The Public Harbour Office signs its reports.",
    ]);
    expect([...names].sort()).toEqual(["anna", "berg", "office", "public", "valdoria"]);
  });

  it("collects names of several words from prose, not headlines", () => {
    const phrases = namePhrases(["Talks at the Center for Maritime Studies in Valdoria ended.\nThe Broader Signal\n"]);
    expect(phrases).toContain("center for maritime studies in valdoria");
    expect(phrases).toContain("maritime studies");
    expect(phrases).not.toContain("talks at the center");
    expect(phrases).not.toContain("the broader signal");
  });

  it("reads a question typed in lowercase as the documents write its names", () => {
    const isName = (term: string) => terms("Anna Berg Valdoria May").includes(term);
    expect(questionShape("when did anna berg open the harbour in valdoria", isName)).toMatchObject({
      kind: "date",
      nameGroups: [terms("Anna Berg"), terms("Valdoria")],
      topic: terms("open harbour"),
    });
    // A question with capitals is read as typed; a month may be a verb.
    expect(questionShape("Who is the Prime Minister of valdoria?", isName).names).toEqual(terms("Prime Minister"));
    expect(questionShape("what may anna berg sign", isName).names).toEqual(terms("Anna Berg"));
    // The first word is a name if the documents write it so.
    expect(questionShape("Valdoria harbour?", isName).names).toEqual(terms("Valdoria"));
    expect(questionShape("Valdoria harbour?").names).toEqual([]);
  });

  it("does not ask about what it sets aside, or its source", () => {
    expect(questionShape("Besides Valdoria, which harbours did Ruritania open?")).toMatchObject({
      names: terms("Ruritania"),
      topic: terms("open"),
    });
    expect(questionShape("Apart from fishing, what did Ruritania agree on?").topic).toEqual(terms("agree"));
    // Nor about where it was published, or what that source was on.
    expect(questionShape("When did the talks end, according to the Valdoria Times piece?")).toMatchObject({
      sourceNames: terms("Valdoria Times"),
      topic: terms("talks end"),
    });
    expect(questionShape("What's the canal worth, according to the Valdoria Times piece on the Sylvania summit?")).toMatchObject({
      sourceNames: terms("Valdoria Times"),
      topic: terms("canal"),
    });
  });

  it("asks 'where' for a place, and does not make 'take place', 'happen' or 'host' its topic", () => {
    expect(questionShape("Where will the summit take place?")).toMatchObject({ kind: "place", topic: terms("summit") });
    expect(questionShape("Where did the attack happen?")).toMatchObject({ kind: "place", topic: terms("attack") });
    expect(questionShape("Where is the summit supposed to be held?")).toMatchObject({ kind: "place", topic: terms("summit hold") });
    // To host an event is only to hold it: "Shanghai hosted" and "held … in Shanghai" say the same.
    expect(questionShape("Which city hosted the summit?")).toMatchObject({ kind: "which", topic: terms("summit") });
    // Nor a preposition, or the words of a time span.
    expect(questionShape("What time period does the plan agreed during the visit cover?")).toMatchObject({
      kind: "date",
      topic: terms("plan agreed visit"),
    });
    expect(questionShape("Where is the institute based?")).toMatchObject({ kind: "place", topic: terms("institute") });
  });
});

describe("answer evidence", () => {
  it("counts numbers but not the digits of model names", () => {
    expect(hasNumber("The deal includes 12 patrol boats.")).toBe(true);
    expect(hasNumber("It was a three-day visit.")).toBe(true);
    expect(hasNumber("Perhaps some coveted JF-17 fighters, without giving figures.")).toBe(false);
    expect(hasNumber("The Karakoram-8 jets were mentioned.")).toBe(false);
    // The question's own figures are not an answer to it.
    expect(hasNumber("The CPEC 2.0 plan was signed.", questionShape("How many projects are in CPEC 2.0?").numbers)).toBe(false);
    expect(hasNumber("It trains 200,000 people.", questionShape("Who trains the 200,000 people?").numbers)).toBe(false);
    expect(hasNumber("It trains 200,000 people in 3 cities.", questionShape("Who trains the 200,000 people?").numbers)).toBe(true);
  });

  it("recognises times", () => {
    expect(hasTime("The talks began in March 2024.")).toBe(true);
    expect(hasTime("They met last month in Valdoria.")).toBe(true);
    expect(hasTime("Talks were held on Tuesday.")).toBe(true);
    // "before" a body is in front of it, at no time.
    expect(hasTime("Vala argues its case before the Kesk Security Council, where it holds a seat.")).toBe(false);
    expect(hasTime("Vala argued its case before the vote.")).toBe(true);
    expect(hasTime("The mirror is cleaned every spring by the staff.")).toBe(true);
    expect(hasTime("The dome opens at dusk.")).toBe(true);
    // Another event answers "when" too.
    expect(hasTime("The embassy opened after the border reopened.")).toBe(true);
    expect(hasTime("The embassy opened with a small staff.")).toBe(false);
    // The verbs "may" and "march" are not months.
    expect(hasTime("The deal may include drones.")).toBe(false);
    expect(hasTime("The talks began in May.")).toBe(true);
    // "Recently" does not say when; nor does the year in the question's own name.
    expect(hasTime("Ruritania has recently unveiled its policy.")).toBe(false);
    expect(hasTime("Ruritania unveiled its Policy 2025.", new Set(["2025"]))).toBe(false);
    expect(hasTime("Ruritania unveiled its Policy 2025 in 2024.", new Set(["2025"]))).toBe(true);
  });

  it("tells a count from a share or a sum, a year or a day from a month", () => {
    expect(hasCount("Valdoria saw 120 attacks.")).toBe(true);
    expect(hasCount("Attacks rose 70 percent.")).toBe(false);
    expect(hasCount("Attacks rose 12.5% in a year.")).toBe(false);
    expect(hasCount("The deal is worth more than $4 billion.")).toBe(false);
    expect(hasPercentage("Attacks rose 70 percent.")).toBe(true);
    expect(hasPercentage("Attacks rose by 70.")).toBe(false);
    expect(hasYear("As early as 2023, the plan was proposed.")).toBe(true);
    expect(hasYear("The plan was proposed last month.")).toBe(false);
    expect(hasYear("It trains 200,000 people.")).toBe(false);
    expect(hasDay("They met on May 21, 2025.")).toBe(true);
    expect(hasDay("They met on 21st May.")).toBe(true);
    expect(hasDay("They met on Wednesday.")).toBe(true);
    expect(hasDay("They met in May 2025.")).toBe(false);
    expect(hasCount("The fair was held from July 26 to 28, 2025.")).toBe(false);
    // A name is capitalised: after "By" in a byline, after "courtesy of" in a credit, before an age.
    expect(hasByline("By Jon Vale")).toBe(true);
    expect(hasByline("By formally briefing Kesk, Vala strengthens its position.")).toBe(false);
    expect(hasCreditLine("Photo courtesy of Vala Radio")).toBe(true);
    expect(hasCreditLine("Vala thanked Kesk for its courtesy of spirit.")).toBe(false);
    expect(hasAge("Jon Vale, 45, said the harbour would open.")).toBe(true);
    expect(hasAge("Among the dead, 46, most were children.")).toBe(false);
  });

  it("counts the thing asked about only beside its number", () => {
    const isAttack = (term: string) => term === terms("attacks")[0];
    expect(hasCount("Officials recorded 20 attacks this year.", [], isAttack)).toBe(true);
    expect(hasCount("The plan lists 13 concrete and actionable attacks.", [], isAttack)).toBe(true);
    expect(hasCount("20 Ruritanian nationals were killed in these attacks.", [], isAttack)).toBe(false);
  });

  it("takes a word qualifying the counted noun only after the number", () => {
    const isCounted = (term: string, beforeNumber: boolean) =>
      term === terms("refugees")[0] || (!beforeNumber && term === terms("Ruritanian")[0]);
    expect(hasCount("Talks between Freedonia and Ruritania put two states at odds.", [], isCounted)).toBe(false);
    expect(hasCount("Freedonia sent back 900 Ruritanian citizens.", [], isCounted)).toBe(true);
    expect(hasCount("Of the refugees, 900 went home.", [], isCounted)).toBe(true);
  });

  it("finds no new quantity in a date or in the question's own sum", () => {
    expect(hasQuantity("Ruritania is now in a $7-billion IMF program since 2023.", ["7"])).toBe(false);
    expect(hasQuantity("Ruritania has drawn $2 billion of the $7 billion so far.", ["7"])).toBe(true);
    expect(hasNumber("Ruritania is now in a $7-billion IMF program.", ["7"])).toBe(false);
  });

  it("tells a sentence that lists from one that mentions how many there are", () => {
    expect(questionShape("What are the five points of the peace plan?")).toMatchObject({ kind: "list" });
    expect(questionShape("What are the points of the peace plan?").kind).toBeNull();
    expect(questionShape("Can you list the five points of the peace plan?").kind).toBe("list");
    expect(questionShape("Could you name the first three measures?").kind).toBe("list");
    // Two are named in any sentence joining them: "the TTP and the ETIM".
    expect(questionShape("Name the two groups the plan bans.").kind).not.toBe("list");
    expect(hasList("The plan rests on five points: a ceasefire, talks, aid, trade and open borders.")).toBe(true);
    expect(hasList("Second is to open the borders to trade.")).toBe(true);
    expect(hasList("Both sides backed a five-point peace plan for the region, and pledged aid.")).toBe(false);
    expect(hasList("The plan, including a ceasefire, was backed.")).toBe(false);
  });

  it("says where with a name or a place after a preposition, not the question's own", () => {
    const asked = new Set(terms("Where does the Oberon archive keep the master key?"));
    expect(hasPlace("The Oberon archive keeps the master key in vault seven.", asked)).toBe(true);
    expect(hasPlace("The Oberon archive keeps the master key, officials said.", asked)).toBe(false);
    expect(hasPlace("The master key is kept by the Oberon archive.", asked)).toBe(false);
    expect(hasPlace("The Oberon archive moved the master key to Valdoria.", asked)).toBe(true);
    // A link says where; a time after "at" or "in" does not.
    expect(hasPlace("For the Oberon archive's master key see [the register](https://example.org/keys).", asked)).toBe(true);
    expect(hasPlace("The Oberon archive checks the master key at dawn.", asked)).toBe(false);
    expect(hasPlace("The Oberon archive replaced the master key in March.", asked)).toBe(false);
    // Nor does an activity after "in".
    expect(hasPlace("The Oberon archive will help in further protecting the master key.", asked)).toBe(false);
    expect(hasPlace("The Oberon archive keeps the master key in the reading room.", asked)).toBe(true);
  });

  it("tells a sentence dated to another year", () => {
    expect(namesOtherYear("Since 2021, 20 nationals were killed.", ["2024"])).toBe(true);
    expect(namesOtherYear("In 2024, 20 nationals were killed.", ["2024"])).toBe(false);
    expect(namesOtherYear("20 nationals were killed.", ["2024"])).toBe(false);
    expect(namesOtherYear("Since 2021, 20 nationals were killed.", [])).toBe(false);
  });

  it("recognises a byline and a typing slip", () => {
    expect(hasByline("The writer is Consul General of Ruritania in Valdoria")).toBe(true);
    expect(hasByline("By Anna Berg")).toBe(true);
    expect(hasByline("The consul wrote to Valdoria.")).toBe(false);
    expect(oneSlipApart("huawie", "huawei")).toBe(true);
    expect(oneSlipApart("profesionals", "professionals")).toBe(true);
    expect(oneSlipApart("recieve", "receive")).toBe(true);
    expect(oneSlipApart("huawei", "hawaii")).toBe(false);
    expect(oneSlipApart("abcdef", "abcfed")).toBe(false);
  });

  it("finds a name beside the thing it names", () => {
    const own = new Set(terms("What was the name of the operation Ruritania launched?"));
    const focus = terms("operation");
    expect(hasNameBeside("In May, Ruritania launched Operation Sea Shield.", focus, own)).toBe(true);
    expect(hasNameBeside("The tech firm Valtec trains engineers.", terms("tech firm"), own)).toBe(true);
    expect(hasNameBeside("Ruritania launched an operation in May, Foreign Minister Anna Berg said.", focus, own)).toBe(false);
    // …or given as an example of it.
    expect(hasNameBeside("Vala's stance on issues such as Sylvania was backed.", terms("issues"), own)).toBe(true);
    expect(hasNameBeside("The issues of trade and farming were raised by Sylvania.", terms("issues"), own)).toBe(false);
    // The number of one in a series is a name of its own; another word hyphenated to a question's word is not.
    const phase = new Set(terms("Which phase of the Vala canal were they satisfied with?"));
    expect(hasNameBeside("They were satisfied with progress in Vala Phase-II.", terms("phase"), phase)).toBe(true);
    expect(hasNameBeside("They were satisfied with the Vala-led phase.", terms("phase"), phase)).toBe(false);
    // A name set in apposition before the thing: "Anna Berg, a retired Ruritanian harbour master".
    const master = terms("harbour master");
    expect(hasNameBeside("It was settled, said Anna Berg, a retired Ruritanian harbour master who is still briefed.", master, own)).toBe(true);
    expect(hasNameBeside("Anna Berg said it was settled by a retired Ruritanian harbour master.", master, own)).toBe(false);
  });

  it("finds a person's name that is not the question's own words", () => {
    const own = new Set(terms("Who is Ruritania's foreign minister?"));
    expect(hasPersonName("The talks were chaired by Ruritania's Foreign Minister Anna Berg.", own)).toBe(true);
    expect(hasPersonName("Ruritania has an embassy in Freedonia, but no ambassador.", own)).toBe(false);
    // A meeting, a body or a port has a name too, but it is no one's.
    expect(hasPersonName("The officials will hold the 6th Harbour Meeting in Valdoria at a later date.", own)).toBe(false);
    expect(hasPersonName("Freedonia's navy is fighting the Coastal Support Forces.", own)).toBe(false);
    // "Name the … guy who …": someone, whatever the text calls him.
    expect(questionShape("Name the retired navy guy who said the Vala deal was done.").kind).toBe("person");
    // …unless the office is said after "as": then its holder is asked for.
    expect(questionShape("Name the person Vala picked as its new envoy to Kesk.")).toMatchObject({ kind: "name", focus: terms("envoy") });
    expect(answer("Name the retired navy guy who said the Vala deal was done.", passage("The Vala sale was a done deal, said Anna Berg, a retired Ruritanian admiral."))).toContain("Anna Berg");
  });

  it("matches a name's other forms", () => {
    expect(mentionsName(new Set(terms("Chinese officials")), terms("China")[0])).toBe(true);
    expect(mentionsName(new Set(terms("Iranian diplomats")), terms("Iran")[0])).toBe(true);
    expect(mentionsName(new Set(terms("Iraqi diplomats")), terms("Iran")[0])).toBe(false);
    expect(mentionsName(new Set(terms("a retired air marshal")), terms("Marsoos")[0])).toBe(false);
  });
});

/** Every question term found in the corpus, with equal weight and no related words. */
const queryTerms = (question: string): WeightedTerm[] =>
  [...new Set(terms(question))].map((term) => ({ term, weight: 1, inCorpus: true, alternatives: [] }));
/** A retrieved passage; `elsewhere` is more of its file, outside the passage. */
const passage = (text: string, leadIn = "", opening = "", elsewhere = ""): Passage => ({
  source: "deal.txt",
  lines: { from: 3, to: 3 },
  text,
  score: 0.03,
  coverage: 1,
  chunkIds: ["deal.txt#1"],
  leadIn,
  openingTerms: new Set(terms(opening)),
  fileTerms: new Set(terms([opening, leadIn, text, elsewhere].join(" "))),
});
/** What WordNet would say each name is, and every kind some name is. */
const kindsFrom = (kinds: Record<string, string[]>) => Object.assign((name: string) => kinds[name], { namedKinds: new Set(Object.values(kinds).flat()) });
const answer = (question: string, p: Passage) => composeExtractiveAnswer([p], queryTerms(question), question);

describe("composing a quoted answer", () => {

  const refusesWithout = (question: string, refused: string, answered: string, terms = queryTerms(question)) => {
    expect(composeExtractiveAnswer([passage(refused)], terms, question), question).toBe("");
    expect(composeExtractiveAnswer([passage(answered)], terms, question), question).toContain(answered.slice(0, -1));
  };

  it("finds a name of pieces joined in any of them", () => {
    const question = "The Vala Herald article and the Ruritania Today give different figures for the canal. What are they?";
    const herald = { ...passage("The canal cost 5 billion dollars, officials said."), source: "herald.txt", fileTerms: new Set(terms("Vala Herald canal cost 5 billion dollars")) };
    const today = { ...passage("Officials put the canal at 6 billion dollars."), source: "today.txt", fileTerms: new Set(terms("Ruritania Today canal 6 billion dollars")) };
    const quoted = composeExtractiveAnswer([herald, today], queryTerms(question), question);
    expect(quoted).toContain("5 billion");
    expect(quoted).toContain("6 billion");
  });

  it("adds another piece's figure only about what the best answer names", () => {
    const question = "What dollar value do the Vala Herald analysis and the Kesk-sourced news report each put on the Tarn Canal?";
    const herald = {
      ...passage("The Tarn Canal is a flagship project of 5 billion dollars."),
      source: "herald.txt",
      fileTerms: new Set(terms("Vala Herald Tarn Canal flagship project 5 billion dollars")),
    };
    const wire = {
      ...passage("Kesk reports a 2 billion dollar arms deal for Ruritania. The Tarn Canal is a flagship under which Ruritania pledged over 6 billion dollars."),
      source: "wire.txt",
      fileTerms: new Set(terms("With input from Kesk arms deal Tarn Canal flagship 2 billion 6 billion dollars")),
    };
    const quoted = composeExtractiveAnswer([herald, wire], queryTerms(question), question);
    expect(quoted).toContain("5 billion");
    expect(quoted).toContain("6 billion");
    expect(quoted).not.toContain("arms deal");
  });

  it("answers the name of a thing the documents call by a synonym: an international 'body' is an organisation", () => {
    const question = "What is the name of the new international body that Vala proposed?";
    const text = "Vala plans to establish a Kesk Cooperation Organisation to share water data across international rivers.";
    const withSynonym = queryTerms(question).map((t) =>
      t.term === terms("body")[0] ? { ...t, inCorpus: false, alternatives: [{ term: terms("organisation")[0], weight: 0.9 }] } : t,
    );
    expect(composeExtractiveAnswer([passage(text)], withSynonym, question)).toContain("Kesk Cooperation Organisation");
    // A word the documents use is looked for as written: "countries" is not answered by "states".
    const countries = "What is the name of the country that joined?";
    const withRelative = queryTerms(countries).map((t) =>
      t.term === terms("country")[0] ? { ...t, alternatives: [{ term: terms("states")[0], weight: 0.9 }] } : t,
    );
    expect(composeExtractiveAnswer([passage("A signal went to Gulf states that joined early.")], withRelative, countries)).toBe("");
  });

  it("answers 'which sectors' with a list of what is done in them, the word for them unsaid", () => {
    const question = "Which sectors did the two sides agree to boost cooperation in?";
    const text =
      "Vala will boost research cooperation on livelihood sectors such as farming and schooling, the two sides said. " +
      "Additionally, the two sides agreed to boost cooperation in fishing, mining, and trade.";
    expect(composeExtractiveAnswer([passage(text)], queryTerms(question), question)).toMatch(/^Additionally, the two sides agreed/);
  });

  it("does not rank sentences by the words saying which piece to read", () => {
    const question = "According to the May 21 report datelined Kesk, what did Vale thank Ruritania for?";
    const text = "Kesk, May 21: Vale met officials in Kesk, the report datelined there said. Vale thanked Ruritania for its support of the canal.";
    expect(composeExtractiveAnswer([passage(text)], queryTerms(question), question)).toMatch(/^Vale thanked Ruritania/);
  });

  it("answers each owner asked about: 'How long were Vale's and Kesk's visits?'", () => {
    const question = "How long were Vale's and Kesk's visits to Ruritania?";
    const vale = { ...passage("A four-day visit by Minister Vale to Ruritania produced more than declarations."), source: "vale.txt" };
    const kesk = { ...passage("Minister Kesk was in Ruritania on a three-day visit for talks with the premier."), source: "kesk.txt" };
    const quoted = composeExtractiveAnswer([vale, kesk], queryTerms(question), question);
    expect(quoted).toContain("four-day");
    expect(quoted).toContain("three-day");
  });

  it("answers 'which other port' only with a name, and one the question does not set aside", () => {
    refusesWithout("Besides Vala, which other port reopened to trade?", "Vala was the first port to reopen to trade.", "Traders said the Kesk port reopened to trade.");
    // "… Several other ports, including Kesk, followed": the deed was said the sentence before.
    expect(
      answer("Apart from Vala, which other port reopened to trade?", passage("Vala was the first port to reopen to trade. Several other ports, including Kesk, followed.")),
    ).toContain("including Kesk");
  });

  it("answers who did a deed only with a sentence saying the deed", () => {
    const proposer = "Who proposed the Vala peace plan?";
    expect(answer(proposer, passage("Ruritania supported the Vala peace plan. Talks in Ruritania followed."))).toBe("");
    // A name opening the sentence is a name where the passage capitalises it elsewhere too.
    expect(answer(proposer, passage("Ruritania proposed the Vala peace plan. Talks in Ruritania followed."))).toContain("Ruritania proposed");
    // Who runs a thing is who leads it; a verb with a particle may be written otherwise.
    expect(answer("Who runs the Vala embassy?", passage("The Vala embassy is led by a charge d'affaires."))).toContain("led by");
    expect(answer("Who came up with the Vala peace plan?", passage("Ruritania proposed the Vala peace plan. Talks in Ruritania followed."))).toContain(
      "proposed",
    );
    // Calling something so is saying it.
    expect(answer('Who called the Vala arms sale a "done deal"?', passage('The Vala arms sale was a "done deal," said Anna Berg, a retired harbour master.'))).toContain(
      "Anna Berg",
    );
    expect(answer('Who hailed Kesk as a "great power"?', passage('Earlier, Vala vowed to deepen ties with Kesk, terming it a "great power".'))).toContain("Vala vowed");
    // Choosing is deciding: "chosen to host" — "decided to hold … in Kesk".
    const cities = kindsFrom({ kesk: terms("city") });
    const chosen = "Which city was chosen to host the Vala Summit?";
    expect(composeExtractiveAnswer([passage("The officials decided to hold the Vala Summit in Kesk.")], queryTerms(chosen), chosen, cities)).toContain("in Kesk");
    // Backing is support, and working somewhere serving there.
    expect(answer("What did Berg say Vala backs on Kesk?", passage("Berg reiterated Vala's firm support for Kesk's claim on the islands."))).toContain(
      "firm support",
    );
    expect(answer("Where did Anna Berg work before?", passage("Previously, Anna Berg served as an editor at the Vala Times."))).toContain("Vala Times");
  });

  it("answers how many suffered a deed only with a figure of those who suffered it", () => {
    refusesWithout(
      "How many Valdorian engineers have been injured in attacks in Ruritania since 2021?",
      "Since 2021, 20 Valdorian engineers have been killed in Ruritania.",
      "Since 2021, 35 Valdorian engineers have been injured in Ruritania.",
    );
    refusesWithout(
      "How many Valdorian engineers are employed on the Kesk canal?",
      "Since 2021, 20 Valdorian engineers working on the Kesk canal have been killed.",
      "Some 400 Valdorian engineers are employed on the Kesk canal.",
    );
    // Verbs that only say where the figure stands, and verbs with a particle, ask no deed of their own.
    expect(questionShape("How many measures are listed in the Vala plan?").deed).toBeUndefined();
    expect(questionShape("How many Kesk nationals had Vala sent back since March?").deed).toBeUndefined();
    expect(questionShape("How many people have been killed?").deed).toEqual(terms("killed"));
  });

  it("reads the kind asked past an adverb, a participle or a name opening a clause", () => {
    // "are currently employed": the deed after an adverb.
    expect(questionShape("How many Valdorian engineers are currently employed in Kesk?").deed).toEqual(terms("employed"));
    // "What interest rate …?" asks for a percentage.
    expect(questionShape("What interest rate does Vala charge on the Kesk loans?")).toMatchObject({ kind: "percentage" });
    // "the global AI organization | Kesk wants to set up": the name opens a clause, the noun before it is asked.
    expect(questionShape("What's the name of the global AI organization Kesk wants to set up?")).toMatchObject({ kind: "name", focus: terms("organization") });
    // …also with an adverb before its verb: "the AI strategy Kesk | recently launched".
    expect(questionShape("What is the name of the AI strategy Kesk recently launched?")).toMatchObject({ kind: "name", focus: terms("strategy") });
    // "retired" describes the kind; it is not the kind.
    expect(questionShape("Which retired Valdorian air force officer described the sale as finalised?")).toMatchObject({ kind: "which", focus: terms("officer") });
  });

  it("reads the office of 'who is' whole: a title, a time after it, and whose office it is", () => {
    expect(questionShape("Who is the current President of Ruritania?")).toMatchObject({ kind: "person", focus: terms("President"), owners: terms("Ruritania") });
    expect(questionShape("Who is Ruritania's army chief right now?")).toMatchObject({ kind: "person", focus: terms("army chief"), owners: terms("Ruritania") });
    // "serving as" gives the office; "Who's running …?" asks who does it, not who holds an office.
    expect(questionShape("Who is currently serving as Ruritania's ambassador to Kesk?")).toMatchObject({ kind: "person", focus: terms("ambassador") });
    expect(questionShape("who's running the Vala embassy right now?").kind).not.toBe("person");
    refusesWithout(
      "Who is the current President of Ruritania?",
      "As early as 2023, President Jon Vale of Valdoria proposed the Kesk initiative.",
      "As early as 2023, President Anna Berg of Ruritania proposed the Kesk initiative.",
    );
  });

  it("answers what something is for only with a sentence saying a purpose", () => {
    expect(questionShape("What's the big end goal of Ruritania's new canal policy?")).toMatchObject({ kind: "purpose" });
    refusesWithout(
      "What's the end goal of Ruritania's canal policy?",
      "Ruritania's canal policy is built on three pillars: dredging, tolls and pilots.",
      "Ruritania's canal policy is built on three pillars, with a view to achieving free navigation.",
    );
    // The words asking for the purpose rank nothing: a sentence about other goals does not outrank the policy's own.
    const quoted = answer(
      "What's the end goal of Ruritania's canal policy?",
      passage("Kesk's plan aims at development goals and ends the goal of tolls. Ruritania's canal policy is built on three pillars, with a view to achieving free navigation."),
    );
    expect(quoted).toContain("free navigation");
    expect(quoted).not.toContain("Kesk");
  });

  it("does not answer for an office with a sentence about another one (a deputy's)", () => {
    const question = "How long did the Ruritanian prime minister spend in Kesk on his latest trip?";
    const opening = "Ruritania and Kesk sign a joint statement";
    expect(answer(question, passage("Ruritanian Deputy Prime Minister Jon Vale was in Kesk on a three-day visit.", "", opening))).toBe("");
    expect(answer(question, passage("A four-day visit by Prime Minister Anna Berg to Kesk has produced more than declarations.", "", opening))).toContain(
      "four-day visit",
    );
  });

  it("reads the kind asked past 'both' and the role before a clause of 'whose', 'whom' or 'which'", () => {
    expect(questionShape("Which Valdorian premier both met Anna Berg in Kesk and opened the fair?")).toMatchObject({ kind: "which", focus: terms("premier") });
    // A plural kind before a bare verb, the phrase running on to a name: "Which Valdorian universities partner with the Kesk Lab?"
    expect(questionShape("Which Valdorian universities partner with the Kesk Lab?")).toMatchObject({ kind: "which", focus: terms("universities") });
    expect(questionShape("Name the road whose realignment is part of the Kesk plan")).toMatchObject({ kind: "name", focus: terms("road") });
    expect(questionShape("What is the name of the envoy whom Vala accepted?")).toMatchObject({ kind: "name", focus: terms("envoy") });
  });

  it("splits a request for two things each told by a clause", () => {
    expect(questionParts("Name the road whose realignment is part of the Kesk plan and the country that the Vala railway would link to.")).toEqual([
      "what is the name of the road whose realignment is part of the Kesk plan",
      "what is the name of the country that the Vala railway would link to.",
    ]);
    // One thing with a clause holding "and" stays one request.
    expect(questionParts("Name the port that Vala and Kesk share.")).toHaveLength(1);
  });

  it("takes a saying verb for announcing", () => {
    refusesWithout(
      "Who announced that Vala and Kesk had agreed to send envoys?",
      "Vala and Kesk had agreed to send envoys, in a move welcomed by Jon Vale.",
      "Vala and Kesk had agreed to send envoys, Jon Vale said after the talks.",
    );
  });

  it("answers why something matters with a sentence weighing it", () => {
    expect(questionShape("Why is the Kesk canal considered important?")).toMatchObject({ kind: "reason", significance: true });
    expect(questionShape("Why did Vala close the Kesk canal?").significance).toBeUndefined();
    refusesWithout(
      "Why is the realignment of the Kesk canal considered important?",
      "The realignment of the Kesk canal began in 2021.",
      "The realignment of the Kesk canal removes a critical bottleneck.",
    );
    // A plain "why" still wants a cause.
    expect(answer("Why was the realignment of the Kesk canal delayed?", passage("The realignment of the Kesk canal removes a critical bottleneck."))).toBe("");
  });

  it("reads a verb with its particle, and a top diplomat, as the news writes them", () => {
    expect(asDocumentsWrite("when did the Vala drive kick off")).toBe("when did the Vala drive begin");
    expect(asDocumentsWrite("How many were sent back since March?")).toBe("How many were repatriated since March?");
    expect(asDocumentsWrite("When did Kesk roll out its policy?")).toBe("When did Kesk launch its policy?");
    expect(asDocumentsWrite("who is Vala's top diplomat")).toBe("who is Vala's foreign minister");
    expect(asDocumentsWrite("vala's foreign min name?")).toBe("vala's foreign minister name?");
    // "came up with", "put forward": proposed, which a sentence saying who supported it does not answer.
    expect(asDocumentsWrite("Who came up with the Vala peace plan?")).toBe("Who proposed the Vala peace plan?");
    expect(asDocumentsWrite("Which country put the peace plan forward?")).toBe("Which country proposed the peace plan?");
    const backed = passage("Both countries supported early implementation of the Vala peace plan.");
    expect(answer(asDocumentsWrite("Who came up with the Vala peace plan?"), backed)).toBe("");
    // …but "10 min" is ten minutes.
    expect(asDocumentsWrite("a 10 min talk")).toBe("a 10 min talk");
    // …with its object between verb and particle, but not across a preposition.
    expect(asDocumentsWrite("When did Vala start to send undocumented traders back home?")).toBe("When did Vala start to repatriate undocumented traders home?");
    expect(asDocumentsWrite("they kicked the talks off in May")).toBe("they began the talks in May");
    expect(asDocumentsWrite("did they send envoys to Kesk back")).toBe("did they send envoys to Kesk back");
  });

  it("reads shares, earnings, values and measures asked by keywords as the kinds they are", () => {
    expect(questionShape("What share of Vala's canal budget goes to dredging?").kind).toBe("percentage");
    expect(questionShape("What annual economic return is the Kesk railway projected to generate?").kind).toBe("money");
    expect(questionShape("The reports give two different values for the Kesk canal. What are they?").kind).toBe("money");
    // A hyphenated past ends the kind as any other: "Which Valdorian firm co-developed …".
    expect(questionShape("Which Valdorian firm co-developed the KX-9 with Ruritania?")).toMatchObject({ kind: "which", focus: terms("firm") });
    // Keywords: the measure last, or the date and price first.
    expect(questionShape("Kesk Pass altitude")).toMatchObject({ kind: "quantity", focus: terms("altitude") });
    expect(questionShape("Vala canal realignment length in km?")).toMatchObject({ kind: "quantity", focus: terms("length") });
    expect(questionShape("Berg Kesk visit length").kind).toBe("extent");
    expect(questionShape("Date Vala took up its council seat").kind).toBe("date");
    expect(questionShape("Price per KX-9 aircraft").kind).toBe("money");
  });

  it("gives no length of time for how much of something there is", () => {
    refusesWithout(
      "How much grain does Vala produce a year?",
      "The war in Vala, a major grain producer, has lasted more than 2-1/2 years.",
      "Vala, a major grain producer, harvests 4 million tonnes of grain a year.",
    );
  });

  it("reads a name written by its initials as the name the question spells out", () => {
    const question = "The reports give two different values for the Kesk Valley Tunnel. What are they?";
    const herald = { ...passage("The Kesk Valley Tunnel is a flagship project of 6 billion dollar."), source: "herald.txt" };
    const today = { ...passage("KVT is a flagship under which Vala has pledged over 5 billion dollar."), source: "today.txt" };
    const quoted = composeExtractiveAnswer([herald, today], queryTerms(question), question);
    expect(quoted).toContain("6 billion");
    expect(quoted).toContain("5 billion");
  });

  it("adds a sentence of the best answer's own file for one more of the question's words, not another file's", () => {
    const question = "What deal did Vala sign with Ruritania in Geneva about the Kesk canal?";
    const text = "Vala signed a deal with Ruritania on the Kesk canal. Officials were pleased. The ceremony took place in Geneva.";
    expect(answer(question, passage(text))).toContain("in Geneva");
    const [deal, ceremony] = [passage("Vala signed a deal with Ruritania on the Kesk canal. Officials were pleased."), passage("The ceremony took place in Geneva.")];
    expect(composeExtractiveAnswer([deal, { ...ceremony, source: "other.txt" }], queryTerms(question), question)).not.toContain("Geneva");
  });

  it("answers 'which leader' with someone named by a title", () => {
    refusesWithout(
      "Which Valdorian leader opened the Kesk fair?",
      "The Kesk fair was opened with a speech on trade.",
      "Valdorian Premier Jon Vale opened the Kesk fair.",
    );
  });

  it("asks of the second thing compared what it asks of the first", () => {
    expect(questionParts("How long did Berg's visit to Kesk last, compared with Vale's visit to Vala?")).toEqual([
      "How long did Berg's visit to Kesk last",
      "How long Vale's visit to Vala?",
    ]);
  });

  it("reads 'which broadcaster reported that …' as asking who reported it, not who published the piece", () => {
    expect(questionShape("Which broadcaster reported that Vala and Kesk agreed to extend the canal?")).toMatchObject({ kind: "which", focus: terms("broadcaster") });
    expect(questionShape("Which broadcaster published the piece?").kind).toBe("publisher");
  });

  it("reads 'described as' as what it was called, and saying as describing", () => {
    expect(questionShape("Who described the Vala deal as a 'done deal'?")).toMatchObject({ kind: "agent", deed: terms("described") });
    expect(questionShape("Who heads the embassy as charge d'affaires?")).toMatchObject({ kind: "person" });
    expect(answer("Who described the Vala deal as a 'done deal'?", passage("It was a “done deal” on the Vala deal, said Jon Vale, a retired officer."))).toContain("Jon Vale");
  });

  it("ranks first the sentence holding the words the question quotes", () => {
    expect(quotedPhrases("Who called the Vala deal 'a done deal', and why?")).toEqual([" a done deal "]);
    // An apostrophe is no quote.
    expect(quotedPhrases("What is Vala's share of Kesk's trade?")).toEqual([]);
    // What something was described as is quoted, marks or none; how it was described is asked, not quoted.
    expect(quotedPhrases("Who described the Vala deal as a done deal?")).toEqual([" done deal "]);
    expect(quotedPhrases("Who is the retired officer who called the Vala arms sale a done deal?")).toEqual([" done deal "]);
    expect(quotedPhrases("How did both sides describe the ties?")).toEqual([]);
    expect(
      answer(
        "Who described the Vala deal as a done deal?",
        passage("Kesk is close to striking the Vala arms deal, sources said. It was a “done deal,” said Jon Vale, a retired officer."),
      ),
    ).toMatch(/^It was a “done deal,” said Jon Vale/);
    // Four sentences share more of the question's words; only three are quoted, yet the one with its quote is among them.
    const quoted = answer(
      "What did Jon Vale call the Vala deal, 'the best ever'?",
      passage(
        "Jon Vale called the Vala deal fair. Jon Vale called the Vala deal long. Jon Vale called the Vala deal costly. " +
          "Jon Vale called the Vala deal late. It was “the best ever,” he said.",
      ),
    );
    expect(quoted).toContain("the best ever");
  });

  it("adds where the passage names in full someone the answer calls by title and surname", () => {
    const quoted = answer(
      "Who is the author of the book Vala Rising?",
      passage("Dr. Anna Berg has worked at Kesk University for many years. Other staff teach there. Dr. Berg is author of the book Vala Rising."),
    );
    expect(quoted).toContain("Dr. Berg is author");
    expect(quoted).toContain("Anna Berg");
    expect(quoted).not.toContain("Other staff");
  });

  it("quotes at most four sentences", () => {
    const each = ["fair", "long", "costly", "late", "new", "old"].map((word) => `Jon Vale called the Vala deal ${word} in Kesk.`);
    expect(answer("What did Jon Vale call the Vala deal in Kesk?", passage(each.join(" "))).match(/\[1\]/g)).toHaveLength(4);
  });

  it("reads 'did X report' as what X did, a death toll as a figure, and 'and in which month' as a question of its own", () => {
    expect(sourceNames("What death toll did the Kesk Army report from the strikes?")).toEqual([]);
    expect(sourceNames("What does the Vala Times report say about the strikes?")).toEqual(terms("Vala Times"));
    expect(questionShape("What death toll did the Kesk Army report from the strikes?").kind).toBe("quantity");
    expect(questionParts("What death toll did the Kesk Army report from the strikes, and in which month?")).toHaveLength(2);
    // A place still needs words of its own: "…, and in which city?" asks where the first part's subject is.
    expect(questionParts("When did the Kesk Army strike, and in which city?")).toHaveLength(1);
  });

  it("takes a denial as a response", () => {
    refusesWithout(
      "How did Kesk respond to Vala's claim that militants attack from Kesk territory?",
      "Vala blames attacks on militants in Kesk territory.",
      "Vala blames attacks on militants in Kesk territory, a charge Kesk denies.",
    );
  });

  it("answers what initials stand for with the name written out", () => {
    expect(questionShape("What does KLF stand for?")).toMatchObject({ kind: "expansion", initials: "KLF" });
    expect(questionShape("KLF full name")).toMatchObject({ kind: "expansion", initials: "KLF" });
    expect(questionShape("What is the name of the KLF leader?").kind).toBe("name");
    expect(spellsOut("Both named the Kesk-e-Liberation Front as a threat.", "KLF")).toBe(true);
    expect(spellsOut("Both named the Kesk Front as a threat.", "KLF")).toBe(false);
    const quoted = answer("What does KLF stand for?", passage("KLF attacks rose in 2024. Both countries named the Kesk Liberation Front as a threat to trade."));
    expect(quoted).toContain("Kesk Liberation Front");
  });

  it("answers 'what four things does someone set out' with the whole enumeration, and its author from the byline", () => {
    const question = "What four priorities does the Valdorian envoy in Kesk set out for canal cooperation?";
    expect(questionShape(question)).toMatchObject({ kind: "list", sourceNames: terms("Valdorian envoy in Kesk") });
    const text =
      "Canal cooperation has grown. First is to dredge the canal. Second is to cut tolls on the canal. Third is to train pilots. Fourth is to share data on canal cooperation.";
    const envoy = passage(text, "", "", "The writer is the Valdorian envoy in Kesk");
    const quoted = answer(question, envoy);
    for (const item of ["First is", "Second is", "Third is", "Fourth is"]) expect(quoted).toContain(item);
    expect(quoted).not.toContain("has grown");
    // Asked for six, four items are another list.
    expect(answer("What six priorities does the Valdorian envoy in Kesk set out for canal cooperation?", envoy)).not.toContain("Third is");
  });

  it("answers a yes-or-no question about a place with a sentence placing it elsewhere", () => {
    const text = "The envoys decided to hold the 6th Canal Meeting in Kesk at a later date.";
    const kindsOfName = kindsFrom({ vala: terms("city"), kesk: terms("city") });
    const ask = (question: string) => composeExtractiveAnswer([passage(text)], queryTerms(question), question, kindsOfName);
    expect(ask("Is the 6th Canal Meeting going to be held in Vala?")).toContain("in Kesk");
    // Asked when it happens in Vala, a sentence placing it elsewhere is about another meeting.
    expect(ask("What date is the 6th Canal Meeting going to be held in Vala?")).toBe("");
    // …typed in lowercase too, where the documents write the place as a name.
    const named = (term: string) => ["vala", "kesk"].includes(term);
    const typed = "what date is the 6th canal meeting going to be held in vala?";
    const lowercase = queryTerms(typed).map((t) => ({ ...t, name: named(t.term) }));
    // (The article is about Vala: the name alone does not rule the sentence out.)
    const aboutVala = passage("The envoys will hold the 6th Canal Meeting in Kesk on May 3.", "", "Vala and the canal");
    expect(composeExtractiveAnswer([aboutVala], lowercase, typed.replace(" in vala", ""), kindsOfName)).toContain("May 3");
    expect(composeExtractiveAnswer([aboutVala], lowercase, typed, kindsOfName)).toBe("");
  });

  it("takes a name opening the sentence for a 'which' answer where the passage writes it as a name", () => {
    const text = "Vala was the first country to accept an envoy from the Kesk council. Officials in Vala said so.";
    expect(answer("Which country was the first to accept a Kesk envoy?", passage(text))).toContain("Vala was the first country");
  });

  it("reads a target, a schedule and a future office as the kinds they ask, and 'whos … rn' as typed", () => {
    expect(questionShape("What annual trade target did Vala and Kesk agree on?").kind).toBe("quantity");
    expect(questionShape("what is the delivery schedule for the KX-9s going to Vala").kind).toBe("date");
    expect(questionShape("who is going to be Vala's ambassador to Kesk")).toMatchObject({ kind: "person", focus: terms("ambassador") });
    expect(questionShape(asDocumentsWrite("whos Vala's ambassador to Kesk rn"))).toMatchObject({ kind: "person", focus: terms("ambassador") });
  });

  it("leads with the best answer, though a sentence quoted with it comes first in the text", () => {
    const quoted = answer("What did Jon Vale call the Vala deal?", passage("Officials in Kesk discussed the Vala deal. Jon Vale called the Vala deal fair."));
    expect(quoted).toMatch(/^Jon Vale called the Vala deal fair/);
    expect(quoted).toContain("Officials in Kesk");
  });

  it("ranks no sentence by the words asking for a sum", () => {
    // Both sentences stand in the KVT piece; only one gives KVT's sum.
    const quoted = answer(
      "How much is KVT worth?",
      passage("Last month, Vala struck a deal worth more than 4 billion dollar with Kesk. KVT, a flagship project of 6 billion dollar, links the two valleys.", "", "KVT report"),
    );
    expect(quoted).toContain("6 billion dollar");
    expect(quoted).not.toContain("4 billion");
  });

  it("reads 'who represented X' as asking for a person from X, and an office given with 'as'", () => {
    expect(questionShape("Who represented Ruritania at the Vala talks?")).toMatchObject({ kind: "person", focus: terms("Ruritania") });
    expect(questionShape("Who represented Ruritania as foreign minister at the Vala talks?")).toMatchObject({
      kind: "person",
      focus: terms("foreign minister"),
    });
    // "acting" is the office's own word, not a clause opening after it.
    expect(questionShape("Who is the Kesk government's acting foreign minister who met Anna Berg?")).toMatchObject({
      kind: "person",
      focus: terms("foreign minister"),
    });
    refusesWithout(
      "Who represented Ruritania at the Vala talks?",
      "The Vala talks were hosted by Kesk Foreign Minister Anna Berg.",
      "Ruritania’s interim Foreign Minister Jon Vale attended the Vala talks.",
    );
  });

  it("answers 'which city' with neither a person nor a name that says it is another thing", () => {
    const question = "In which city did Ruritania host the Vala summit in 2023?";
    expect(answer(question, passage("As early as 2023, President Jon Vale of Ruritania proposed the Vala summit."))).toBe("");
    expect(answer(question, passage("In 2023, Ruritania launched the Kesk Harbour Initiative for the Vala summit."))).toBe("");
    expect(answer(question, passage("In 2023, Ruritania hosted the Vala summit in Kesk."))).toContain("in Kesk");
    // Initials WordNet does not know are a group's, not a city's.
    expect(answer("In which city did the deadliest attack on Vala engineers happen?", passage("Since 2021, 20 Vala engineers have been killed, and groups including KLF have claimed the attacks."))).toBe("");
    // A lowercase kind before an irregular verb is what "which" asks for, past an adverb, and for a past like "put".
    expect(questionShape("Which company built the Vala port?")).toMatchObject({ kind: "which", focus: terms("company") });
    expect(questionShape("Which country originally put forward the Vala peace plan?")).toMatchObject({ kind: "which", focus: terms("country") });
  });

  it("is not pinned down to a figure by the names of who reports it", () => {
    // The source is named in the byline; a figure beside none of the question's words answers nothing.
    const question = "How many people died in harbour accidents in Vala in 2024, according to the Kesk Institute for Port Studies?";
    const byline = "Kesk Institute for Port Studies";
    expect(answer(question, passage("These two factors are major irritants for port studies in the region.", "", byline))).toBe("");
    expect(answer(question, passage("In 2024, 31 people died in harbour accidents in Vala.", "", byline))).toContain("31 people");
  });

  it("answers who did a deed only with a sentence naming the doer or their office", () => {
    refusesWithout("Who founded the Vala Institute?", "He can be found at the institute most days.", "The Vala Institute was founded by Anna Kesk in 1990.");
    expect(answer("Who runs the Vala embassy?", passage("The Vala embassy is run by a charge d'affaires."))).toContain("charge d'affaires");
    expect(answer("Who lights the Vala lamp?", passage("The Vala lamp is lit by the keeper at seven."))).toContain("keeper");
    // …and says what was done to what: a proposal of something else is no answer.
    const initiative = "Who proposed the five-point harbour peace initiative that Vala and Kesk supported in their joint statement?";
    const statement = "Vala and Kesk issue a joint statement";
    expect(answer(initiative, passage("The joint statement backed a proposal by Anna Berg to set up a shipping organisation.", "", statement))).toBe("");
    expect(answer(initiative, passage("The five-point harbour peace initiative was proposed by Anna Berg.", "", statement))).toContain("Anna Berg");
  });

  it("gives the first part of a two-part question its own answer when one sentence answers both", () => {
    const quoted = answer(
      "How many ships have docked at Vala since 2020, and how many since March?",
      passage("About 40 ships have docked at Vala since March, in a surge that began in 2020. Since the port opened in 2020, nearly 900 ships have docked at Vala."),
    );
    expect(quoted).toContain("About 40 ships");
    expect(quoted).toContain("nearly 900 ships");
  });

  it("takes words of one family for one another where WordNet does not: died and killed", () => {
    refusesWithout("how many people died in december?", "In December, rebels wounded at least 46 people.", "In December, rebels killed at least 46 people.");
    refusesWithout("How long was Vale's trip?", "Vale spent four days drafting the plan.", "Vale's four-day visit ended on Monday.");
  });

  it("answers a yes/no question only with a sentence saying its deed", () => {
    refusesWithout("Did Ruritania react to the Vala plan?", "Ruritania signed the Vala plan in May.", "Ruritania reacted angrily to the Vala plan.");
    expect(questionShape("Has the Vala harbour agreement been signed yet?").deed).toEqual(terms("sign"));
    expect(questionShape("Did any Gulf states actually sign up to the Vala plan?").deed).toBeUndefined();
    expect(questionShape("Is Vala on the council?").deed).toBeUndefined();
  });

  it("does not answer a typed question with a heading", () => {
    expect(answer("Which ports have joined the Vala plan?", passage("Vala Plan — Open to New Ports\nOfficials welcomed the plan on Monday."))).toBe("");
  });

  it("takes a name given in full for the initials the text writes it with", () => {
    refusesWithout(
      "How much is the Vala Lending Fund loan to Ruritania worth?",
      "Ruritania took a $3 billion loan from its neighbours.",
      "Ruritania took a $3 billion VLF loan.",
    );
  });

  it("refuses another office than the one asked about", () => {
    refusesWithout(
      "Who is the prime minister of Ruritania?",
      "The talks were chaired by Ruritania's Foreign Minister Anna Berg.",
      "Ruritania's Prime Minister Jon Vale opened the talks.",
    );
    // A deputy holds another office, unless the deputy is asked about.
    refusesWithout(
      "Who is the prime minister of Ruritania?",
      "Ruritania's Deputy Prime Minister Anna Berg opened the talks.",
      "Ruritania's Deputy Prime Minister Anna Berg met Prime Minister Jon Vale.",
    );
    expect(answer("Who is the deputy prime minister of Ruritania?", passage("Ruritania's Deputy Prime Minister Anna Berg opened the talks."))).toContain(
      "Anna Berg",
    );
  });

  it("does not take the event asked about for its own time", () => {
    refusesWithout(
      "When did the embassy in Freedonia reopen?",
      "Since the embassy in Freedonia reopened, visa requests have doubled.",
      "The embassy in Freedonia reopened after the border talks ended.",
    );
  });

  it("refuses a sentence about another figure than the question's", () => {
    refusesWithout("Where was the 5th harbour summit held?", "The 6th harbour summit was held in Valdoria.", "The 5th harbour summit was held in Valdoria.");
    // An ordinal counts in words or in digits.
    refusesWithout("Where was the fifth harbour summit held?", "The sixth harbour summit was held in Valdoria.", "The 5th harbour summit was held in Valdoria.");
    // …and does not take the question's own figure for the answer.
    refusesWithout("How many ports did Freedonia open in 2024?", "Freedonia unveiled its ports plan in 2024.", "In 2024, Freedonia opened 3 ports.");
  });

  it("wants a unit for a length, an age for 'how old', a sum for a price", () => {
    refusesWithout("How long is the Valdoria canal?", "The Valdoria canal was built under a 2010-2014 plan.", "The Valdoria canal is 45 km long.");
    refusesWithout("How old is Anna Berg?", "Anna Berg, one of three ministers, chaired the talks.", "Anna Berg, 54, chaired the talks.");
    refusesWithout(
      "What did Freedonia pay for the patrol boats?",
      "Freedonia bought 12 patrol boats from Ruritania.",
      "Freedonia paid $40 million for the patrol boats.",
    );
  });

  it("wants a count for 'how many', a share for 'what percentage', a year or a day when asked", () => {
    refusesWithout("How many attacks did Valdoria suffer in 2024?", "Attacks in Valdoria rose 70 percent in 2024.", "Valdoria suffered 120 attacks in 2024.");
    refusesWithout("By what percentage did Valdoria's exports grow?", "Valdoria's exports grew to 300 tonnes.", "Valdoria's exports grew by 12 percent.");
    refusesWithout("In what year did Ruritania open the canal?", "Ruritania opened the canal last month.", "Ruritania opened the canal in 2019.");
    refusesWithout("On what date did Ruritania open the canal?", "Ruritania opened the canal in March 2019.", "Ruritania opened the canal on March 3, 2019.");
    refusesWithout("What's the Valdoria canal worth?", "The Valdoria canal carries 300 ships a day.", "The Valdoria canal is worth $2 billion.");
  });

  it("counts with another noun when the words before it match", () => {
    refusesWithout(
      "How many Ruritanian citizens were evacuated from Valdoria?",
      "Valdoria evacuated 12 ships from the harbour.",
      "Valdoria evacuated 12 Ruritanian nationals.",
    );
  });

  it("counts people the text names otherwise, but not other people", () => {
    refusesWithout("How many Valdorian IT workers is Valtec training?", "In Valdoria, Valtec is training IT workers.", "In Valdoria, Valtec is training 5,000 IT professionals.");
    // People named otherwise than asked, or the asked ones standing elsewhere in the sentence, are others.
    expect(answer("How many Ruritanian refugees did Valdoria send back?", passage("Valdoria sent back 20 Freedonian nationals."))).toBe("");
    expect(answer("How many farmers does Valtec train in Valdoria?", passage("Valtec helps farmers in Valdoria and trains 5,000 IT professionals."))).toBe("");
    // …with or without a word before them to go by; but those named by where they are from are no count of workers.
    expect(answer("how many IT workers is valtec helping to train", passage("Valtec is assisting Valdoria in training 5,000 IT professionals."))).toContain("5,000 IT professionals");
    expect(countsAlike(terms("workers")[0], terms("professionals")[0])).toBe(true);
    expect(countsAlike(terms("workers")[0], terms("nationals")[0])).toBe(false);
    // Armed men are counted as such: a toll of people says not how many militants or soldiers.
    const toll = "Valdoria said raids by Ruritanian boats had killed at least 46 people, most of whom were children and women.";
    expect(countsPeople(toll, terms("militants")[0], new Set(terms("How many militants did Ruritania kill?")))).toBe(false);
    expect(countsPeople(toll, terms("victims")[0], new Set(terms("How many victims did Ruritania's raids claim?")))).toBe(true);
  });

  it("counts the thing asked about, not a date or another noun beside it", () => {
    refusesWithout("How many attacks were recorded in Valdoria?", "20 Ruritanian nationals were killed in these Valdoria attacks.", "Officials recorded 20 attacks in Valdoria.");
    refusesWithout("How many people attended the Valdoria fair?", "The Valdoria fair was held from July 26 to 28, 2025.", "About 5,000 people attended the Valdoria fair.");
  });

  it("refuses a figure dated to another year than the one asked about", () => {
    const question = "How many patrol boats were sold in 2024?";
    expect(answer(question, passage("Since 2021, 12 patrol boats have been sold.", "Boat sales rose in 2024."))).toBe("");
    expect(answer(question, passage("In 2024, 12 patrol boats were sold.", "Boat sales rose in 2024."))).toContain("12 patrol boats");
  });

  it("lets the names of a figure's event stand for its verb", () => {
    const question = "How many people died when Ruritanian ships struck Port Vala, according to the Valdoria Coast Guard?";
    const text = "The Valdoria Coast Guard said the raid by Ruritanian boats on Port Vala had killed 46 people.";
    expect(answer(question, passage(text))).toContain("46 people");
    // Names alone do not tie a deed to whoever is asked about.
    expect(answer("Who leads the Valdoria Coast Guard at Port Vala?", passage(text))).toBe("");
    // Three words do when one name is given in full; three single names do not.
    const visit = "A four-day visit by Anna Berg to Valdoria ended with a harbour deal.";
    expect(answer("How long did Anna Berg's trip to Valdoria last?", passage(visit))).toContain("four-day visit");
    const met = "Ruritania and Freedonia met in Valdoria on Tuesday to talk about ferries.";
    expect(answer("On what date did Ruritania and Freedonia exchange envoys in Valdoria?", passage(met))).toBe("");
  });

  it("answers a further part from another piece when that piece answers the part's own words", () => {
    const pieces = [
      { ...passage("Since the drive began in 2023, Ruritania has sent back nearly 900 Freedonians."), source: "one.txt" },
      { ...passage("Ruritania has sent back 80 Freedonians since the end of March."), source: "two.txt" },
    ];
    const question = "How many Freedonians has Ruritania sent back since the drive began in 2023, and how many since the end of March?";
    const answered = composeExtractiveAnswer(pieces, queryTerms(question), question);
    expect(answered).toContain("nearly 900");
    expect(answered).toContain("80 Freedonians");
  });

  it("answers each part of a question that asks two things", () => {
    const text = "The deal is worth $40 million, officials said. Markets rose on the news. The deal includes 12 patrol boats.";
    const quoted = answer("What is the deal worth, and how many patrol boats does it include?", passage(text));
    expect(quoted).toContain("$40 million");
    expect(quoted).toContain("12 patrol boats");
    expect(quoted).not.toContain("Markets rose");
    // A second part answered only in another file is left unanswered.
    const worth = passage("The deal is worth $40 million, officials said.");
    const elsewhere = { ...passage("Valdoria owns 30 patrol boats."), source: "navy.txt" };
    const question = "What is the deal worth, and how many patrol boats does it include?";
    expect(composeExtractiveAnswer([worth, elsewhere], queryTerms(question), question)).not.toContain("30 patrol boats");
    // A part of its own may be answered in another file by a sentence with half its words.
    const separate = "What is the deal worth, and how many patrol boats were sold to Freedonia last year?";
    const bought = { ...passage("Freedonia bought 30 patrol boats."), source: "navy.txt" };
    expect(composeExtractiveAnswer([worth, bought], queryTerms(separate), separate)).toContain("30 patrol boats");
  });

  it("wants the counted noun itself when the words before it would do", () => {
    const question = "How many Ruritanian nationals were hurt in Valdoria?";
    const withSynonym = queryTerms(question).map((t) =>
      t.term === terms("nationals")[0] ? { ...t, alternatives: [{ term: terms("states")[0], weight: 0.9 }] } : t,
    );
    refusesWithout(
      question,
      "Ruritanian aid finally reached the two states in Valdoria that were hurt.",
      "12 Ruritanian nationals were hurt in Valdoria.",
      withSynonym,
    );
  });

  it("answers 'which' with the thing named, or with a name", () => {
    refusesWithout("Which harbour did Ruritania choose for the fleet?", "Ruritania chose it for the fleet after long talks.", "Ruritania chose Port Vala for the fleet.");
    refusesWithout("Which harbour did Ruritania choose for the fleet?", "Ruritania chose it for the fleet after long talks.", "Ruritania chose the northern harbour for the fleet.");
    // A name must come with what is asked about it, not just stand in a sentence on the same thing.
    refusesWithout(
      "Which company runs Port Vala?",
      "Port Vala received new cranes, with the Sylvania Pass named a land route.",
      "Port Vala is run by Ruritania Shipping Lines.",
    );
    // A sentence without either may still complete the answer.
    const question = "In which sectors does Ruritania mostly apply AI?";
    const text = "Ruritania will apply AI to sectors such as farming. Ruritania mostly applies AI in farming, health and schools.";
    expect(answer(question, passage(text))).toContain("health and schools");
  });

  it("does not take the kind asked about, restated, for the one asked for", () => {
    // "Gulf states" says not which Gulf states; the items after a comma are other kinds.
    refusesWithout(
      "Which Gulf states have signed up to the Vala corridor?",
      "Third parties are welcome in the Vala corridor, a signal to Gulf states, Central Asian nations and others.",
      "Two Gulf states, Oman and Qatar, have signed up to the Vala corridor.",
    );
    // A name before a plural qualifies a kind of thing; it names none ("Valdorian ports").
    expect(hasOtherName("The corridor is open to Valdorian ports.", new Set(terms("Which ports joined the corridor?")))).toBe(false);
    expect(hasOtherName("The corridor is open to Valdoria now.", new Set(terms("Which ports joined the corridor?")))).toBe(true);
  });

  it("does not take an owner for the thing asked about", () => {
    refusesWithout(
      "Which company will build the Vala port cranes?",
      "Ruritania will build the Vala port cranes, following the Harbour Plan’s call for new berths.",
      "The Vala port cranes will be built by Valtec.",
    );
  });

  it("wants a name beside a loose relative of the kind asked about", () => {
    const question = "Which state has joined the Vala corridor?";
    // WordNet relates "state" to "land": a land route is no state, a named land is.
    const related = queryTerms(question).map((t) => (t.term === "state" ? { ...t, alternatives: [{ term: "land", weight: 0.9 }] } : t));
    refusesWithout(question, "The Vala corridor was joined by a strengthened land route.", "The Vala corridor was joined by the land of Ruritania.", related);
  });

  it("takes the thing asked for from the sentence before the name it answers for", () => {
    const question = "Which country did Freedonia follow in accepting the Valdorian envoy?";
    const text = "Ruritania was the first country to accept the Valdorian envoy. Several other states, including Freedonia, followed.";
    expect(answer(question, passage(text))).toContain("Ruritania was the first country");
    // A figure belongs to its own sentence, not to the name in the next one.
    const figure = "Last month, Ruritania struck a boat deal worth $4 billion. Talks with Freedonia are under way.";
    expect(answer("What is the value of the boat deal under talks with Freedonia?", passage(figure))).toBe("");
  });

  it("does not take an owner, or the question's own name written otherwise, for a place", () => {
    // "Ruritania's plan" says whose plan, not where; "Artificial Intelligence" is what "AI" stands for.
    const question = "Where will the World AI Harbour Organization be based?";
    const elsewhere = "AI is changing harbours.";
    expect(answer(question, passage("The talks endorsed Ruritania's plan for a World Artificial Intelligence Harbour Organisation.", "", "", elsewhere))).toBe("");
    expect(answer(question, passage("The World Artificial Intelligence Harbour Organisation will be based in Valdoria.", "", "", elsewhere))).toContain("Valdoria");
    expect(hasPlace("Ruritania’s plan was endorsed.", new Set(terms("Where is the plan based?")))).toBe(false);
    expect(hasPlace("The plan was endorsed in Ruritania.", new Set(terms("Where is the plan based?")))).toBe(true);
  });

  it("answers 'what did X say' with words said", () => {
    expect(questionShape("What did Ruritania's foreign minister say about the Vala talks?").kind).toBe("statement");
    refusesWithout(
      "What did Ruritania's foreign minister say about the Vala talks?",
      "Ruritania's foreign minister reviewed the current state of the Vala talks.",
      "Ruritania's foreign minister stressed that the Vala talks must go on.",
    );
    expect(hasSpeech("The talks will go on, the foreign minister said.")).toBe(true);
    expect(hasSpeech("“We will go on,” the minister told reporters.")).toBe(true);
    expect(hasSpeech("The minister reviewed the state of the talks.")).toBe(false);
  });

  it("does not take a name qualifying a deed for what the question is about", () => {
    // "Ruritanian-administered" says who runs the place; the sentence need not name Ruritania.
    expect(questionShape("Which raid in Ruritanian-administered Vala preceded the talks?").names).not.toContain("ruritanian");
    expect(answer("Which raid in Ruritanian-administered Vala preceded the talks?", passage("The talks followed the Osterlich raid on Vala."))).toContain(
      "Osterlich raid",
    );
  });

  it("dates the end or start of something only from a sentence that speaks of it", () => {
    // The names pin down the canal, not when its widening ends.
    const question = "When will the Vala Canal widening between Osterlich and Sylvania be completed?";
    refusesWithout(
      question,
      "A 2025-2029 plan covers the Vala Canal widening between Osterlich and Sylvania.",
      "The Vala Canal widening between Osterlich and Sylvania will be completed in 2029.",
    );
  });

  it("answers 'which day of the week' with the weekday, with no week in the sentence", () => {
    expect(answer("On which day of the week did Ruritania open the Vala canal?", passage("Ruritania opened the Vala canal on Wednesday."))).toContain("Wednesday");
  });

  it("hears the start or end of something in another word for it", () => {
    // "the onset of the programme" says when it started; a date beside the programme alone does not.
    refusesWithout(
      "When did the Vala harbour programme start?",
      "The Vala harbour programme was reviewed in March 2019.",
      "Since the onset of the Vala harbour programme in March 2019, ships have docked there.",
    );
  });

  it("takes an ordinal after 'which' for counting the answers, not for a figure to find", () => {
    expect(questionShape("Besides fishing and farming, what third trade did Vala agree to expand?").numbers).toEqual([]);
    expect(questionShape("Which second port did Vala open?").numbers).toEqual([]);
    expect(questionShape("Who finished third in the Vala race?").numbers).toEqual(terms("third"));
    expect(answer("Which third country would the Vala railway link?", passage("The Vala railway would link Ruritania, Osterlich and Sylvania."))).toContain(
      "Sylvania",
    );
  });

  it("does not need the words of a phrasal verb or of which time to date an event", () => {
    // "put forward" may be written "proposed"; "first" says which time.
    expect(questionShape("In what year did Anna Berg first put forward the harbour plan?").topic).toEqual(terms("harbour plan"));
    expect(answer("In what year did Anna Berg first put forward the harbour plan?", passage("In 2019, Anna Berg proposed the harbour plan."))).toContain("2019");
  });

  it("answers 'what years does it cover' with the years", () => {
    refusesWithout("What years does the new Vala harbour plan cover?", "The Vala harbour plan was praised.", "The Vala harbour plan runs over 2025-2029.");
  });

  it("asks for a title holder's name after a possessive, and takes no initials for it", () => {
    expect(questionShape("What's the name of Ruritania's Consul General in Vala?")).toMatchObject({ kind: "name" });
    refusesWithout(
      "What's the name of Ruritania's Consul General in Vala?",
      "The writer is Consul General of the P.R. Ruritania in Vala.",
      "The piece was written by Consul General Anna Berg of Ruritania in Vala.",
    );
  });

  it("answers 'why' with a cause, a purpose or a means", () => {
    expect(questionShape("Why did Ruritania close the Vala port?").kind).toBe("reason");
    refusesWithout(
      "Why did Ruritania close the Vala port?",
      "Ruritania was the first state to close the Vala port, though it still uses it.",
      "Ruritania closed the Vala port due to a surge in smuggling.",
    );
    expect(hasReason("By formally briefing Freedonia, Ruritania gains a vote.")).toBe(true);
    expect(hasReason("Since 2021, 20 boats have been seized.")).toBe(false);
    expect(hasReason("Ties have been marred by deep mistrust.")).toBe(true);
    // The cause as the subject of what it made someone do.
    expect(hasReason("Talks between Kesk and Osterlich urged Valdoria to broker a dialogue.")).toBe(true);
    expect(hasReason("Valdoria urged restraint.")).toBe(false);
  });

  it("reads what a document says as its content, not as someone's words", () => {
    expect(questionShape("What does the Vala report say about the harbour?").kind).toBeNull();
    expect(questionShape("What did the Vala minister say about the harbour?").kind).toBe("statement");
  });

  it("wants the kind asked about qualified as the question qualifies it", () => {
    // An irregular verb ends the kind: "Which Freedonian minister | met …".
    expect(questionShape("Which Freedonian minister met Ruritanian officials?")).toMatchObject({
      kind: "which",
      focus: terms("minister"),
      focusModifiers: terms("Freedonian"),
    });
    const own = new Set(terms("Which Freedonian minister met Ruritanian officials?"));
    const minister = (term: string) => (term === terms("minister")[0] ? 1 : 0);
    expect(namesWhich("The talks of the ministers of Valdoria went on.", minister, own, terms("Freedonian"))).toBe(false);
    expect(namesWhich("Valdorian ministers Anna and Jon met them.", minister, own, terms("Freedonian"))).toBe(false);
    expect(namesWhich("The ministers of Freedonia Anna Berg and Jon Vale met them.", minister, own, terms("Freedonian"))).toBe(true);
    // A capitalised plural is part of a name, so the name before it tells which: "the Vala Talks".
    const talks = (term: string) => (term === terms("talks")[0] ? 1 : 0);
    const askedTalks = new Set(terms("What talks did Ruritania host?"));
    expect(namesWhich("Ruritania hosted the Vala Talks.", talks, askedTalks)).toBe(true);
    expect(namesWhich("Ruritania hosted Vala talks.", talks, askedTalks)).toBe(false);
    // Names right before the kind qualify it together: a Freedonian Foreign Minister is a Freedonian minister.
    expect(namesWhich("Talks were held with Freedonian Foreign Minister Anna Berg.", minister, own, terms("Freedonian"))).toBe(true);
    // …and with the verb further on, the kind still ends before it.
    expect(questionShape("Which Freedonian minister met the Ruritanian officials?")).toMatchObject({ kind: "which", focus: terms("minister") });
  });

  it("does not answer a kind qualified by a name with a bare name from beside other instances of the kind", () => {
    const question = "Which Freedonian minister met Ruritanian officials in Vala?";
    // The piece opens on Freedonia, but other ministers, or no Freedonia close by, make another name no answer.
    const opening = "Freedonia and Ruritania held talks.";
    const named = queryTerms(question).map((t) => ({ ...t, name: terms("Freedonian Ruritanian Vala").includes(t.term) }));
    const inPiece = (text: string) => composeExtractiveAnswer([passage(text, "", opening)], named, question);
    expect(inPiece("The ministers of Valdoria and Osterlich met Ruritanian officials after talks in Sylvania.")).toBe("");
    expect(inPiece("Ruritanian officials met in Vala after talks in Sylvania.")).toBe("");
    expect(inPiece("Ruritanian officials met Anna Berg of Freedonia in Vala.")).toContain("Anna Berg");
    // A name right before a singular kind is the instance itself, and a qualifier may be given by its initials.
    const province = "In which Freedonian province did the raids kill 40 people?";
    const provinceTerms = queryTerms(province).map((t) => ({ ...t, name: t.term === terms("Freedonian")[0] }));
    expect(composeExtractiveAnswer([passage("The raids in Freedonia's eastern Vala province killed 40 people.")], provinceTerms, province)).toContain("Vala province");
    const body = "On which United Nations body does Ruritania sit as a non-permanent member?";
    const bodyTerms = queryTerms(body).map((t) => ({ ...t, name: terms("United Nations Ruritania").includes(t.term) }));
    const atTheUN = passage("Ruritania spoke before the UN Harbour Council, where it holds a non-permanent seat.", "", "Ruritania at the United Nations");
    expect(composeExtractiveAnswer([atTheUN], bodyTerms, body)).toContain(
      "UN Harbour Council",
    );
  });

  it("takes a bare name for the kind asked only if WordNet does not know it as something else", () => {
    const question = "Which province did the Vala canal reach?";
    const kinds: Record<string, string[]> = { beijing: terms("city municipality location"), sylvania: terms("province region location") };
    const kindsOfName = kindsFrom(kinds);
    const reached = (text: string) => composeExtractiveAnswer([passage(text)], queryTerms(question), question, kindsOfName);
    expect(reached("The Vala canal reached Beijing last year.")).toBe("");
    expect(reached("The Vala canal reached Sylvania last year.")).toContain("Sylvania");
    // A name WordNet does not know may be one.
    expect(reached("The Vala canal reached Osterlich last year.")).toContain("Osterlich");
    // …unless its last word says it is something other than a place: "the Harbour Cooperation Organisation".
    const withOrganisations = Object.assign((name: string) => kinds[name], { namedKinds: new Set([...Object.values(kinds).flat(), ...terms("organisation")]) });
    const reachedAmong = (text: string) => composeExtractiveAnswer([passage(text)], queryTerms(question), question, withOrganisations);
    expect(reachedAmong("The Vala canal reached the Harbour Cooperation Organisation last year.")).toBe("");
    expect(reachedAmong("The Vala canal reached Osterlich Province last year.")).toContain("Osterlich Province");
    // For a kind no corpus name is known to be ("interest"), any name may stand.
    const interest = "Which interest did the Vala canal reach?";
    expect(composeExtractiveAnswer([passage("The Vala canal reached Beijing last year.")], queryTerms(interest), interest, kindsOfName)).toContain("Beijing");
  });

  it("asks for the person holding an office the question gives: 'Who heads the embassy as consul?'", () => {
    expect(questionShape("Who heads Vala's embassy in Kesk as consul general?")).toMatchObject({ kind: "person", focus: terms("consul general") });
    refusesWithout(
      "Who heads Vala's embassy in Kesk as consul general?",
      "Vala and Kesk have embassies in each other's capitals, led by a consul general.",
      "Vala's embassy in Kesk is headed by consul general Anna Berg.",
    );
    // Without the office, who leads may be answered by the office ("led by a consul general").
    expect(questionShape("Who heads Vala's embassy in Kesk?").kind).toBe("agent");
  });

  it("takes a name whose last word is the kind one level up: 'Vala Port' for 'which seaport'", () => {
    const question = "Which seaport did the Kesk plan single out as a hub?";
    // WordNet: a seaport is a port (hypernym, 0.6).
    const related = queryTerms(question).map((t) => (t.term === terms("seaport")[0] ? { ...t, alternatives: [{ term: terms("port")[0], weight: 0.6 }] } : t));
    const ask = (text: string) => composeExtractiveAnswer([passage(text)], related, question);
    // The kind alone ties the name to the question here: the sentence says none of its other words.
    expect(ask("Under the Kesk scheme, Vala Port is the main gateway for trade.")).toContain("Vala Port");
    // A common word one level up names nothing: "a port" is not which.
    expect(ask("Under the Kesk scheme, a new port is the main gateway for trade.")).toBe("");
  });

  it("does not take a city for the country a 'which' question asks for", () => {
    const kinds: Record<string, string[]> = { kesk: terms("capital city area location"), sylvania: terms("country nation area location") };
    const kindsOfName = kindsFrom(kinds);
    const question = "Which countries have accepted a Valan ambassador?";
    // WordNet relates "country" to "area", a kind of both.
    const related = queryTerms(question).map((t) => (t.term === terms("countries")[0] ? { ...t, alternatives: [{ term: terms("area")[0], weight: 0.9 }] } : t));
    const ask = (text: string) => composeExtractiveAnswer([passage(text)], related, question, kindsOfName);
    expect(ask("An ambassador of Vala was accepted in Kesk last year.")).toBe("");
    expect(ask("An ambassador of Vala was accepted in Sylvania last year.")).toContain("Sylvania");
  });

  it("ranks a sentence naming things of the kind asked above one saying 'both countries'", () => {
    const kinds: Record<string, string[]> = { sylvania: terms("country nation location"), freedonia: terms("country nation location") };
    const kindsOfName = kindsFrom(kinds);
    const question = "Vala helped broker a truce between which two countries?";
    const both = "Both countries helped broker the truce, the talks, and the peace plan.";
    const named = "Vala helped broker the truce between Sylvania and Freedonia.";
    // Both have four of the question's five words; only the second names two countries.
    expect(composeExtractiveAnswer([passage(`${both} ${named}`)], queryTerms(question), question, kindsOfName)).toMatch(/^Vala helped broker the truce/);
  });

  it("does not take a place for the person a 'which' question asks for", () => {
    const kinds: Record<string, string[]> = { sylvania: terms("country nation location"), vala: terms("country nation location") };
    const kindsOfName = kindsFrom(kinds);
    const question = "Which Valan official met the Kesk envoys?";
    const ask = (text: string) => composeExtractiveAnswer([passage(text)], queryTerms(question), question, kindsOfName);
    expect(ask("Valan officials met the Kesk envoys in Sylvania.")).toBe("");
    expect(ask("Valan official Anna Berg met the Kesk envoys.")).toContain("Anna Berg");
  });

  it("counts a model only where the sentence names it: 'how many K-9 boats' is no count of K-7s", () => {
    const question = "How many K-9 patrol boats will Vala supply to Kesk?";
    expect(questionShape(question).models).toEqual(terms("K-9"));
    // The article names the K-9 elsewhere; the count is of another model.
    const elsewhere = passage("Vala will supply 10 K-7 patrol boats to Kesk.", "", "Vala's K-9 boats");
    expect(composeExtractiveAnswer([elsewhere], queryTerms(question), question)).toBe("");
    expect(answer(question, passage("Vala will supply 4 K-9 patrol boats to Kesk."))).toContain("4 K-9");
  });

  it("does not take what happened in another place of the same kind for what the question places elsewhere", () => {
    const kinds: Record<string, string[]> = {
      vala: terms("country nation location"),
      kesk: terms("country nation location"),
      harbourton: terms("capital city location country"),
    };
    const kindsOfName = kindsFrom(kinds);
    // The article is about both countries: the place asked about is named in its opening.
    const ask = (question: string, text: string) => composeExtractiveAnswer([passage(text, "", "Vala and Kesk")], queryTerms(question), question, kindsOfName);
    expect(ask("How many sailors have been killed in Kesk since 2021?", "Since 2021, 20 sailors have been killed in Vala.")).toBe("");
    expect(ask("How many sailors have been killed in Kesk since 2021?", "Since 2021, 20 sailors have been killed in Kesk.")).toContain("20 sailors");
    // A city is no other country: the question's country may hold it.
    expect(ask("How many sailors have been killed in Kesk since 2021?", "Since 2021, 20 sailors have been killed in Harbourton, Kesk.")).toContain("20 sailors");
    // Kinds are known by the name as written: "Valding" is a city though its term is "vald".
    const cityKinds = { valding: terms("city location"), harbourton: terms("capital city location country") };
    const byWord = Object.assign((name: string) => cityKinds[name as keyof typeof cityKinds], { namedKinds: new Set<string>() });
    const held = "How many days did the envoy spend in Harbourton?";
    expect(composeExtractiveAnswer([passage("The envoy spent three days in Valding.", "", "Harbourton")], queryTerms(held), held, byWord)).toBe("");
    const inCity = passage("Since 2021, 20 sailors have died in Harbourton.", "", "Vala's coast");
    expect(composeExtractiveAnswer([inCity], queryTerms("How many sailors have died in Vala since 2021?"), "How many sailors have died in Vala since 2021?", kindsOfName)).toContain(
      "20 sailors",
    );
  });

  it("reads a month typed in lowercase as the month, but not 'may' or 'march'", () => {
    expect(questionShape("who met the officials in june 2025", () => false).topic).not.toContain(terms("june")[0]);
    expect(questionShape("who may march on the capital", () => false).topic).toEqual(expect.arrayContaining(terms("march")));
  });

  it("answers 'how did X react' only with words X is said to have said", () => {
    const question = "How did Freedonia's government react to the Vala talks?";
    expect(questionShape(question)).toMatchObject({ kind: "statement", speakers: ["freedonia"] });
    refusesWithout(
      question,
      "Ruritania's government vowed to push the Vala talks on, terming Freedonia a partner.",
      "Freedonia's government welcomed the Vala talks, its spokesman said.",
    );
    // The speaker may stand well before the verb of saying, or just after "said".
    expect(saidBy("Freedonia has not confirmed the raid but said at the time it was hunting smugglers.", ["freedonia"])).toBe(true);
    expect(saidBy("It was a done deal, said Anna Berg, a retired admiral.", ["berg"])).toBe(true);
    expect(saidBy("The deal was agreed, three sources said, a boost for Freedonia's navy.", ["freedonia"])).toBe(false);
    // What someone thinks is answered by the view they hold, as by their words.
    expect(saidBy("Freedonia considers the expulsions an outcome of Vala's failing harbour economy.", ["freedonia"])).toBe(true);
    expect(saidBy("Vala considers the expulsions lawful.", ["freedonia"])).toBe(false);
  });

  it("reads a sum asked for in other words, and gives each piece's own", () => {
    expect(questionShape("What dollar value do the reports put on the Vala canal?").kind).toBe("money");
    expect(questionShape("What figures do the articles give for the value of the Vala canal?").kind).toBe("money");
    expect(questionShape("The reports say different money for the Vala canal. What are the two numbers they give?").kind).toBe("money");
    expect(questionShape("any info on the budget for the vala canal?").kind).toBe("money");
    expect(questionShape("any info on the route of the vala canal?").kind).toBe(null);
    // "What are they?" asks about the sentence before it.
    expect(askingPart("The two reports give different dollar figures for the canal. What are they?")).toContain("dollar figures");
    const pieces = [
      { ...passage("The Vala canal is a $40 billion project, officials said."), source: "one.txt" },
      { ...passage("Ruritania has pledged over $38 billion to the Vala canal."), source: "two.txt" },
    ];
    const question = "What figures do the different reports give for the value of the Vala canal?";
    const answered = composeExtractiveAnswer(pieces, queryTerms(question), question);
    expect(answered).toContain("$40 billion");
    expect(answered).toContain("$38 billion");
  });

  it("takes each piece's figure about the same thing, not another deal of that piece", () => {
    const pieces = [
      { ...passage("The report puts the value of the Vala canal at $40 billion."), source: "one.txt" },
      {
        ...passage("Officials put the value of last month's ferry deal at $4 billion, the report said. Ruritania has pledged over $38 billion to the Vala canal."),
        source: "two.txt",
      },
    ];
    const question = "What dollar value do the different reports put on the Vala canal?";
    const answered = composeExtractiveAnswer(pieces, queryTerms(question), question);
    expect(answered).toContain("$38 billion");
    expect(answered).not.toContain("ferry deal");
  });

  it("answers a part naming a piece of its own from that piece, though it refers back with 'it'", () => {
    const pieces = [
      { ...passage("The Vala canal is a $40 billion project, the Vala Times analysis says.", "", "Vala Times analysis"), source: "one.txt" },
      { ...passage("Ruritania has pledged over $38 billion under the canal plan.", "", "Harbour Post report"), source: "two.txt" },
    ];
    const question = "What value does the Vala Times analysis give for the canal, and what amount does the Harbour Post report say Ruritania has pledged under it?";
    expect(joinsPieces(question)).toBe(true);
    const answered = composeExtractiveAnswer(pieces, queryTerms(question), question);
    expect(answered).toContain("$40 billion");
    expect(answered).toContain("$38 billion");
  });

  it("reads 'What are the two figures?' as asking about the sentence before, from each piece it names", () => {
    const question = "The Vala Times analysis and the Harbour Post report each give a figure for the size of the canal. What are the two figures?";
    expect(askingPart(question)).toContain("size of the canal");
    expect(joinsPieces(question)).toBe(true);
    expect(joinsPieces("How big is the canal according to the Vala Times, and according to the Harbour Post?")).toBe(true);
    expect(joinsPieces("What sizes do the reports give for the canal?")).toBe(true);
    expect(joinsPieces("The write-ups on the Vala summit put a value on the canal. What figures do they give?")).toBe(true);
    expect(joinsPieces("How do the op-eds differ on the canal's cost? Give the figure each one uses.")).toBe(true);
    // "According to the articles" only says where to look: one piece must name what it answers about.
    expect(joinsPieces("According to the articles, how many people died in the Kesk incident?")).toBe(false);
    expect(joinsPieces("How big is the canal in the reports?")).toBe(false);
    expect(askingPart("The canal opened in May. Who built it?")).toBe("Who built it?");
    // "Harbour Post" is named nowhere in the documents, so it cannot tell the pieces apart; "Vala Times" can.
    const pieces = [
      { ...passage("The Vala canal is a $40 billion project.", "", "Vala Times analysis"), source: "one.txt" },
      { ...passage("Ruritania has pledged over $38 billion to the Vala canal."), source: "two.txt" },
    ];
    const known = queryTerms(question).map((t) => (["harbour", "post"].includes(t.term) ? { ...t, inCorpus: false } : t));
    const answered = composeExtractiveAnswer(pieces, known, question);
    expect(answered).toContain("$40 billion");
    expect(answered).toContain("$38 billion");
  });

  it("reads a money word before 'figures' as asking sums: 'canal price tag — what figures do the reports give?'", () => {
    expect(questionShape("Vala canal total value — the reports give two slightly different figures. What are they?").kind).toBe("money");
    expect(questionShape("vala canal price tag — what figures do the different reports give?").kind).toBe("money");
    // The asker's own reading ("I've seen") is no topic a sentence must share.
    const seen = questionShape("I've seen the Vala canal's cost quoted differently in two reports — what two figures are given?");
    expect(seen.kind).toBe("money");
    expect(seen.topic).not.toContain(terms("seen")[0]);
    expect(terms("I've seen it, they'll go, we're here")).toEqual(terms("seen go"));
    expect(joinsPieces("What titles do the two news reports give Jon Vale?")).toBe(true);
    expect(joinsPieces("Two of these pieces put a dollar figure on the Vala canal. What are the two numbers?")).toBe(true);
    // Which pieces say it is no topic: "Two reports on the Vala summit give …".
    expect(questionShape("Two reports on the Vala summit give slightly different values for the canal. What figure does each report give?").topic).not.toContain(
      terms("summit")[0],
    );
    expect(asDocumentsWrite("canal value articles give diff numbers what r they")).toBe("canal value articles give different numbers what are they");
    expect(asDocumentsWrite("the Sino-Valan canal")).toBe("the China-Valan canal");
    // "Which ones?" asks about what was just said.
    expect(questionShape("Jon Vale is given two different government titles in the reports. Which ones?").kind).toBe("office");
  });

  it("answers 'what title' with the office written before the person's name, each different one where several are asked", () => {
    const pieces = [
      { ...passage("Foreign Minister Jon Vale met Anna Berg in Kesk on Monday."), source: "one.txt" },
      { ...passage("Deputy Prime Minister Jon Vale arrived in Kesk for a three-day visit. Vale spoke about the canal in Kesk."), source: "two.txt" },
    ];
    expect(questionShape("What titles is Jon Vale given in the two reports?").kind).toBe("office");
    expect(questionShape("What is the title of the book Jon Vale wrote?").kind).not.toBe("office");
    const both = composeExtractiveAnswer(pieces, queryTerms("What titles is Jon Vale given in the two reports?"), "What titles is Jon Vale given in the two reports?");
    expect(both).toContain("Foreign Minister Jon Vale");
    expect(both).toContain("Deputy Prime Minister Jon Vale");
    // "Besides foreign minister": an office with a word the question does not give.
    const other = "What other title does Jon Vale hold besides foreign minister?";
    expect(composeExtractiveAnswer([pieces[0]], queryTerms(other), other)).toBe("");
    expect(composeExtractiveAnswer(pieces, queryTerms(other), other)).toMatch(/^Deputy Prime Minister Jon Vale/);
    // A sentence naming him without a title gives none.
    const untitled = { ...passage("Vale spoke about the canal in Kesk on Monday."), source: "three.txt" };
    expect(composeExtractiveAnswer([untitled, pieces[0]], queryTerms("What title does Jon Vale hold?"), "What title does Jon Vale hold?")).toMatch(/^Foreign Minister/);
  });

  it("finds the full names of a question joining two pieces in either piece", () => {
    const pieces = [
      { ...passage("Anna Berg met Minister Jon Vale in Valdoria."), source: "visit.txt" },
      { ...passage("Minister Jon Vale spoke at the Port Vala Forum on Tuesday."), source: "forum.txt" },
    ];
    const joined = "Which minister met Anna Berg in Valdoria and also spoke at the Port Vala Forum?";
    expect(composeExtractiveAnswer(pieces, queryTerms(joined), joined)).toContain("Jon Vale");
    // Without the join, a name from another piece is a mixed-up premise.
    const mixed = "Which minister met Anna Berg at the Port Vala Forum?";
    expect(composeExtractiveAnswer(pieces, queryTerms(mixed), mixed)).toBe("");
  });

  it("answers 'which' in the plural with a list, but not a singular 'which'", () => {
    refusesWithout(
      "In which areas did Ruritania and Freedonia agree to cooperate?",
      "Ruritania and Freedonia agreed to cooperate closely.",
      "Ruritania and Freedonia agreed to cooperate in farming, industry, and trade.",
    );
    expect(answer("Which company will build the Vala port?", passage("The Vala port plan rests on farming, industry, and trade."))).toBe("");
  });

  it("answers 'where' with a place, in a sentence about what is asked", () => {
    refusesWithout(
      "Where will the Valdoria Council be headquartered?",
      "Ruritania plans to set up the Valdoria Council in coming years.",
      "The Valdoria Council will be headquartered in Sylvania.",
    );
    refusesWithout("Where is the master key kept?", "The master key is kept safe by the staff.", "The master key is kept in vault seven.");
  });

  it("counts with a word qualifying the counted noun only after the number", () => {
    refusesWithout(
      "How many Ruritanian refugees did Freedonia send back?",
      "Freedonia sent back Ruritania's envoy, and two states cut ties.",
      "Freedonia sent back 900 Ruritanian refugees.",
    );
  });

  it("wants the name beside the thing asked about", () => {
    refusesWithout(
      "What was the name of the operation Ruritania launched in May?",
      "Ruritania launched an operation in May, Foreign Minister Anna Berg said.",
      "In May, Ruritania launched Operation Sea Shield.",
    );
  });

  it("dates the event asked about, not another one beside it", () => {
    refusesWithout(
      "When will Ruritania deliver the patrol boats to Freedonia?",
      "Last month, Ruritania agreed to sell patrol boats to Freedonia.",
      "Ruritania will deliver the patrol boats to Freedonia in June.",
    );
    // The event's words may be in the sentence before, not further back: there they tell of another event.
    const sale = "When will Ruritania sell the patrol boats?";
    const agreed = "Ruritania agreed to sell patrol boats to Freedonia.";
    expect(answer(sale, passage(`${agreed} The talks were long. Officials praised the navy. Last month, Ruritania signed a fuel deal.`))).toBe("");
    expect(answer(sale, passage(`${agreed} Ruritania will sell them next month.`))).toContain("Ruritania will sell them next month");
    // Two names in four or more words pin the event down: its verb may be paraphrased.
    refusesWithout(
      "When did Anna Berg put forward the Valdoria Harbour Plan?",
      "In 2019, Anna Berg visited the Valdoria harbour.",
      "In 2019, Anna Berg proposed the Valdoria Harbour Plan.",
    );
  });

  it("refuses someone else's statement, and a deed nobody is said to have done", () => {
    refusesWithout(
      "What did the harbour master say about the storm?",
      "The mayor said the storm closed the harbour for two days.",
      "The harbour master said the storm closed the port.",
    );
    refusesWithout(
      "Who founded the Valdoria Institute?",
      "The Valdoria Institute trains 200 engineers a year.",
      "The Valdoria Institute was founded by Anna Berg in 1990.",
    );
    // A statement on something else than what it is asked about.
    refusesWithout(
      "What did Anna Berg say about the canal at the Valdoria summit?",
      "Anna Berg spoke at the Valdoria summit on Tuesday.",
      "Anna Berg said the canal would reopen in spring.",
    );
  });

  it("refuses an explanation of something other than what is asked about", () => {
    refusesWithout(
      "How do vaccines train the immune system?",
      "Engineers train staff to run the port's control system.",
      "Vaccines train the immune system to spot a virus.",
    );
  });

  it("takes the question's verb in another part of speech as its own word: 'expulsion' for 'expel'", () => {
    const question = "Since the drive began, roughly how many have been expelled from Ruritania?";
    const related = (weight: number) =>
      queryTerms(question).map((t) => (t.term === terms("expelled")[0] ? { ...t, alternatives: [{ term: terms("expulsion")[0], weight }] } : t));
    const inRuritania = passage("Since the onset of the expulsion programme, nearly 900 Freedonians have left.", "", "Ruritania");
    expect(composeExtractiveAnswer([inRuritania], related(DERIVATION_WEIGHT), question)).toContain("nearly 900");
    // A synonym is weighed less, and is no proof of the deed.
    expect(composeExtractiveAnswer([inRuritania], related(0.9), question)).toBe("");
    // Nor is a model's number a figure of the question: "JF-17" asks for no "7".
    expect(questionShape("How much is the JF-17 deal worth?").numbers).toEqual([]);
  });

  it("needs a typed question's own word, not a loose synonym", () => {
    const question = "How many people live in Valdoria?";
    const withSynonym = queryTerms(question).map((t) => (t.term === terms("live")[0] ? { ...t, alternatives: [{ term: "last", weight: 0.9 }] } : t));
    refusesWithout(question, "Valdoria lost 300 jobs last year.", "About 300 people live in Valdoria.", withSynonym);
  });

  it("adds to a typed answer only sentences that also give what is asked", () => {
    const question = "How long was the visit to Valdoria?";
    const answer = composeExtractiveAnswer(
      [passage("The four-day visit to Valdoria ended on Friday. Valdoria's long-term plans were also discussed.")],
      queryTerms(question),
      question,
    );
    expect(answer).toContain("four-day visit");
    expect(answer).not.toContain("long-term plans");
  });

  it("does not demand a name that most of the corpus mentions", () => {
    const question = "Which harbour did the Ruritania-Freedonia statement single out?";
    const answered = "Port Vala was singled out as the main harbour in the statement.";
    const weighted = (nameWeight: number) =>
      queryTerms(question).map((t) => (terms("Ruritania Freedonia").includes(t.term) ? { ...t, weight: nameWeight } : t));
    // Rare names must be there; names in most passages narrow nothing.
    expect(composeExtractiveAnswer([passage(answered)], weighted(2), question)).toBe("");
    expect(composeExtractiveAnswer([passage(answered)], weighted(0.3), question)).toContain("Port Vala");
  });

  it("reads the name a sentence refers back to in the text before its passage", () => {
    const question = "How many patrol boats does Ruritania's deal with Freedonia include?";
    const text = "The deal includes 12 patrol boats and 3 harbour tugs, the officials said.";
    const withLeadIn = passage(text, "Ruritania is close to a deal to supply patrol boats to Freedonia.");
    expect(composeExtractiveAnswer([withLeadIn], queryTerms(question), question)).toContain("12 patrol boats");
    // Without it, nothing says which deal the figure belongs to.
    expect(composeExtractiveAnswer([passage(text)], queryTerms(question), question)).toBe("");
  });
});

describe("where a sentence's names may come from", () => {
  const BOATS = "How many patrol boats are in Ruritania's deal with Sylvania?";

  it("takes a name from the sentence before, not from further back", () => {
    const near = "Ruritania also held talks with Sylvania on a boat deal.\nThe deal includes 12 patrol boats.";
    const far = "Ruritania also held talks with Sylvania on a fuel deal.\nThe talks were long and tense.\nThe deal includes 12 patrol boats.";
    expect(answer(BOATS, passage(near))).toContain("12 patrol boats");
    expect(answer(BOATS, passage(far))).toBe("");
  });

  it("takes a name from further back when the sentence refers back to it", () => {
    const question = "Which phase of the canal did Anna Berg say she was pleased with?";
    const text = "Anna Berg met the mayor. The mayor praised the weather. Both sides welcomed progress on the Vala canal Phase-II.";
    expect(answer(question, passage(text))).toContain("Phase-II");
    expect(answer(question, passage("Anna Berg met the mayor. The mayor praised the weather. Officials welcomed progress on the Vala canal Phase-II."))).toBe("");
    // …after a connective too: "Additionally, the two sides …".
    expect(answer(question, passage("Anna Berg met the mayor. The mayor praised the weather. Additionally, the two sides welcomed progress on the Vala canal Phase-II."))).toContain("Phase-II");
  });

  it("gives the first part its next answer where the second part took its best, though that answer shares fewer words", () => {
    const question = "How many boats has Vala seized overall since the renewed campaign began, and how many since the end of March?";
    const recent = { ...passage("Vala has seized more than 80 boats since the end of March as part of a renewed seizure campaign that began in 2023.", "", "Vala"), source: "b.txt" };
    const overall = { ...passage("Since the onset of the campaign in 2023, nearly 300 boats have been seized.", "", "Vala"), source: "a.txt" };
    const answered = composeExtractiveAnswer([recent, overall], queryTerms(question), question);
    expect(answered).toContain("80 boats");
    expect(answered).toContain("300 boats");
  });

  it("answers 'how long' with a length written before a noun only where that noun is what is asked about", () => {
    const visit = passage("Minister Jon Vale was in Kesk on a three-day visit for talks with Anna Berg.");
    expect(answer("How long did the meeting between Jon Vale and Anna Berg last?", visit)).toBe("");
    expect(answer("How long was Jon Vale's trip to Kesk?", visit)).toContain("three-day visit");
    expect(answer("How long did Jon Vale stay in Kesk?", visit)).toContain("three-day visit");
    // A question naming only its subject has no other word to hold the noun to.
    expect(answer("How long is the Vala Canal?", passage("The Vala Canal is a 300-km waterway built by Kesk."))).toContain("300-km");
    // A length by itself may measure anything the sentence is about.
    expect(answer("How long did the meeting between Jon Vale and Anna Berg last?", passage("The meeting between Jon Vale and Anna Berg lasted three hours."))).toContain(
      "three hours",
    );
  });

  it("finds a name given as initials written out in the sentence before", () => {
    const text = "The Vala Canal Initiative, also known as the Blue Road, is Kesk's largest project. It involves ports and roads in over 40 countries.";
    expect(answer("How many countries is the VCI in?", passage(text))).toContain("over 40 countries");
    expect(answer("How many countries is the VCI in?", passage(text.replace("The Vala Canal Initiative", "The plan")))).toBe("");
  });

  it("answers 'which sectors' with sectors listed in lowercase, not with names listed", () => {
    const question = "Which sectors did Vala and Kesk agree to cooperate more in?";
    const names = "Vala, Kesk and Osterlich agreed to deepen cooperation on the Canal Initiative.";
    expect(answer(question, passage(names))).toBe("");
    const both = answer(question, passage(`${names} Vala and Kesk agreed to cooperate in farming, fishing, and shipping.`));
    expect(both).toMatch(/^Vala and Kesk agreed to cooperate in farming/);
  });

  it("reads 'which three sectors' and 'List the three sectors in which …' as asking sectors, three of them being no topic", () => {
    const listed = questionShape("List the three sectors in which Vala and Kesk agreed to cooperate.");
    expect(listed).toMatchObject({ kind: "which", focus: terms("sectors"), several: true });
    expect(listed.topic).not.toContain(terms("three")[0]);
    expect(questionShape("In which three sectors did Vala and Kesk agree to cooperate?").answerCounts).toEqual(terms("three"));
    const text = "Vala and Kesk held a three-day meeting. Vala and Kesk agreed to cooperate in farming, fishing, and shipping.";
    expect(answer("In which three sectors did Vala and Kesk agree to cooperate?", passage(text))).toMatch(/^Vala and Kesk agreed to cooperate in farming/);
  });

  it("takes a name from the opening of the article or of the section", () => {
    const body = "Officials met on Monday.\nThe talks were long and tense.\nThe deal includes 12 patrol boats.";
    expect(answer(BOATS, passage(body, "", "Ruritania nears boat deal with Sylvania"))).toContain("12 patrol boats");
    const section = "Ruritania nears boat deal with Sylvania\nOfficials met on Monday.\nThe talks were long and tense.\nThe deal includes 12 patrol boats.";
    expect(answer(BOATS, passage(section))).toContain("12 patrol boats");
    // The same words as a sentence of prose, not a heading, open nothing.
    expect(answer(BOATS, passage(section.replace("Sylvania\n", "Sylvania.\n")))).toBe("");
    // The lede after a heading opens the section too.
    const lede = "Boat talks resume in Valdoria\nRuritania and Sylvania resumed talks on Monday.\nThe talks were long.\nMarkets were calm.\nThe deal includes 12 patrol boats.";
    expect(answer(BOATS, passage(lede))).toContain("12 patrol boats");
  });

  it("finds a source named in the question anywhere in its file", () => {
    const question = "How many patrol boats does the deal include, according to the Valdoria Times?";
    const text = "The deal includes 12 patrol boats, officials said.";
    expect(answer(question, passage(text, "", "", "Copyright Valdoria Times"))).toContain("12 patrol boats");
    expect(answer(question, passage(text))).toBe("");
  });

  it("wants every name given in full somewhere in the file", () => {
    const question = "What did Anna Berg and Ivo Lund agree on?";
    const text = "Anna Berg and the minister agreed on a new ferry line.";
    expect(answer(question, passage(text, "", "", "Ivo Lund arrived later."))).toContain("ferry line");
    expect(answer(question, passage(text))).toBe("");
  });

  it("looks for a misspelt name as the corpus spells it", () => {
    const question = "How many patrol boats are in the deal with Freedoina?";
    const weighted = [...new Set(terms(question))].map((term) =>
      term === "freedoina"
        ? { term, weight: 1, inCorpus: false, corrections: ["freedonia"], alternatives: [{ term: "freedonia", weight: 1 }] }
        : { term, weight: 1, inCorpus: true, alternatives: [] },
    );
    const text = "Ruritania's deal with Freedonia includes 12 patrol boats.";
    expect(composeExtractiveAnswer([passage(text)], weighted, question)).toContain("12 patrol boats");
  });

  it("answers 'who wrote' with the byline", () => {
    const question = "Who wrote the op-ed on ferry links?";
    const byline = "Ferry links matter to both nations and their ports.\nThe writer is Consul General of Ruritania in Valdoria";
    expect(answer(question, passage(byline))).toContain("The writer is Consul General");
    expect(answer(question, passage("Ferry links matter to both nations and their ports."))).toBe("");
  });

  it("finds the piece a 'who wrote' question names anywhere in its file", () => {
    const question = "Who wrote the op-ed on Sylvania's ferry links?";
    const byline = "Ports matter to both nations.\nThe writer is Consul General of Ruritania in Valdoria";
    expect(answer(question, passage(byline, "", "", "Sylvania's ferry links carry 2,000 people a day."))).toContain("The writer is");
    expect(answer(question, passage(byline, "", "", "Ferry links carry 2,000 people a day."))).toBe("");
  });

  it("answers 'which outlet published' with the credit line", () => {
    const question = "Which newspaper published the op-ed on ferry links?";
    const credited = "Ferry links matter to both nations and their ports.\nCopyright Valdoria Times, 2025";
    expect(answer(question, passage(credited))).toContain("Copyright Valdoria Times, 2025");
    expect(answer(question, passage("Ferry links matter to both nations and their ports."))).toBe("");
    expect(questionShape("Who published the report on ferry links?").kind).toBe("publisher");
  });
});

/** A pipeline over a temporary corpus of `files`, built as ingest builds it; `root` is to remove afterwards. */
async function corpusPipeline(
  prefix: string,
  files: Record<string, string>,
  env: Record<string, string> = {},
  overrides: Partial<ReturnType<typeof loadConfig>> = {},
): Promise<{ root: string; pipeline: Pipeline }> {
  const root = await makeTempDir(prefix);
  const corpusDir = path.join(root, "corpus");
  await writeCorpus(corpusDir, files);
  const config = loadConfig(env, { corpusDir, indexDir: path.join(root, "index"), ...overrides });
  await ingest({ config });
  return { root, pipeline: await Pipeline.open({ config }) };
}

describe("refusing sentences that share the words but not the answer", () => {
  let root: string;
  let pipeline: Pipeline;

  beforeAll(async () => {
    ({ root, pipeline } = await corpusPipeline("rag-answer-kinds-", {
      "boats.txt":
        "Ruritania nears deal to sell patrol boats to Freedonia\n\n" +
        "VALDORIA: Ruritania is in the final stage of a deal to supply patrol boats and tugs to Freedonia, two officials said.\n\n" +
        "The deal includes 12 patrol boats and 3 harbour tugs, the officials said.\n\n" +
        "Last month, Ruritania signed a separate fuel deal with Sylvania worth 40 million crowns.\n",
      "talks.txt":
        "Freedonia and Ruritania held talks in Valdoria on Tuesday.\n\n" +
        "The talks were chaired by Ruritania's Foreign Minister Anna Berg.\n\n" +
        "Ruritania has an embassy in Freedonia, but it is led by a charge d'affaires, not an ambassador.\n\n" +
        "Ruritania opened the embassy in Freedonia with a staff of four diplomats.\n",
      "lab.txt":
        "The Valdoria Maritime Laboratory tracks storms for Ruritania's fleet from its base in Osterlich.\n\n" +
        "Its maritime crews sail daily, paid by the Public Harbour Board.\n",
    }));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("gives a question joining the pieces a passage of each piece", async () => {
    const config = loadConfig({}, { ...pipeline.config, topK: 1 });
    const narrow = await Pipeline.open({ config });
    const sources = async (question: string) => new Set((await narrow.retrieve(question)).map((p) => p.source));
    expect((await sources("What do Ruritania and Freedonia agree on?")).size).toBe(1);
    expect((await sources("What do the different reports say Ruritania and Freedonia agree on?")).size).toBeGreaterThan(1);
    await narrow.close();
  });

  it("gives each part of a two-part question its own best passage", async () => {
    const config = loadConfig({}, { ...pipeline.config, topK: 1 });
    const narrow = await Pipeline.open({ config });
    const sources = async (question: string) => new Set((await narrow.retrieve(question)).map((p) => p.source));
    // The whole question's words favour the boats piece; the second part's are the talks piece's.
    const question = "How many patrol boats and harbour tugs does the Ruritania deal with Freedonia include, and who chaired the talks in Valdoria?";
    expect(await sources("How many patrol boats and harbour tugs does the Ruritania deal with Freedonia include?")).toEqual(new Set(["boats.txt"]));
    expect(await sources(question)).toEqual(new Set(["boats.txt", "talks.txt"]));
    await narrow.close();
  });

  it("answers the part the documents answer when they do not answer the first", async () => {
    const answered = await pipeline.ask("What did the patrol boats cost, and who chaired the talks in Valdoria?");
    expect(answered.found).toBe(true);
    expect(answered.answer).toContain("Anna Berg");
    expect(answered.answer).not.toContain("patrol boats");
    // A part naming nothing ("who chaired them?") may be about the first part's unanswered subject.
    expect((await pipeline.ask("What did the patrol boats cost, and how many diplomats staff the embassy?")).found).toBe(false);
  });

  it("does not need the question's words of measure in the passage", async () => {
    // "figures" and "value" say how to answer; the passage gives the sum without them.
    const result = await pipeline.retrieveWithDecision("What figures and value for Sylvania?");
    expect(result.found).toBe(true);
  });

  it("reads the counted or priced noun of a question typed as keywords", async () => {
    // "Unit price of a patrol boat?" asks a price, which no passage gives: the deal's worth is no unit price.
    expect((await pipeline.retrieveWithDecision("Unit price of a patrol boat?")).found).toBe(false);
    // A price tag is what the whole costs; "different" qualifies no figure.
    expect((await pipeline.retrieveWithDecision("The pieces give two different price tags for the Sylvania fuel deal. What are they?")).found).toBe(true);
    // "how many specific boats": a hedge is no counted noun.
    expect((await pipeline.ask("How many specific patrol boats are in Ruritania's deal with Freedonia?")).answer).toContain("12 patrol boats");
    // What is counted may be a close synonym of the text's word, as the answerer takes it ("tugboats" for "tugs").
    expect((await pipeline.ask("How many tugboats are in Ruritania's deal with Freedonia?")).answer).toContain("3 harbour tugs");
  });

  it("answers what the documents state", async () => {
    for (const [question, fact] of [
      ["How many patrol boats are in Ruritania's deal with Freedonia?", "12 patrol boats"],
      ["Who is Ruritania's foreign minister?", "Anna Berg"],
      ["When did Freedonia and Ruritania hold talks?", "Tuesday"],
    ]) {
      const result = await pipeline.ask(question);
      expect(result.found, question).toBe(true);
      expect(result.answer, question).toContain(fact);
    }
  });

  it("refuses a figure that belongs to another name", async () => {
    // The boats are in the Freedonia deal; Sylvania is named only after them, in another deal.
    for (const question of [
      "How many patrol boats are in Ruritania's deal with Sylvania?",
      // Typed in lowercase, the names are known from how the documents write them.
      "how many patrol boats are in ruritania's deal with sylvania?",
    ]) {
      const result = await pipeline.ask(question);
      expect(result.found, question).toBe(false);
      expect(result.citations).toEqual([]);
    }
  });

  it("reads chat shorthand as the words it stands for", async () => {
    const result = await pipeline.ask("how many ppl staffed the embassy ruritania opened in freedonia");
    expect(result.answer).toContain("a staff of four diplomats");
  });

  it("knows a name of several words typed in lowercase, and its words elsewhere as common words", async () => {
    const named = async (question: string) =>
      (await pipeline.retrieveWithDecision(question)).queryTerms.find((t) => t.term === terms("maritime")[0])?.name;
    expect(await named("what does the valdoria maritime laboratory track?")).toBe(true);
    expect(await named("what do maritime crews do?")).toBe(false);
    // A name is known by the word, not its stem: "Public" is one, "publication" is not.
    const terms0 = (await pipeline.retrieveWithDecision("which publication pays the public harbour board?")).queryTerms;
    expect(terms0.filter((t) => t.name).map((t) => t.term)).toEqual(terms("public harbour board"));
    expect((await pipeline.retrieveWithDecision("which publication covers the crews?")).queryTerms.find((t) => t.term === terms("publication")[0])?.name).toBe(false);
  });

  it("reads initials as the name they begin", async () => {
    const { queryTerms } = await pipeline.retrieveWithDecision("Who chaired the talks for the FM of Ruritania?");
    expect(queryTerms.find((t) => t.term === "fm")?.corrections).toEqual(terms("Foreign Minister"));
    const result = await pipeline.ask("Who is Ruritania's FM?");
    expect(result.answer).toContain("Anna Berg");
  });

  it("reads a name cut short and initials typed in lowercase as the names they stand for", async () => {
    const result = await pipeline.ask("how many patrol boats are in rur's deal with freedonia");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("12 patrol boats");
    const { queryTerms } = await pipeline.retrieveWithDecision("who chaired the talks for the fm of ruritania?");
    expect(queryTerms.find((t) => t.term === "fm")?.corrections).toEqual(terms("Foreign Minister"));
  });

  it("reads a capitalised word as short for a name the documents spell out", async () => {
    const result = await pipeline.ask("Where is the Valdoria Maritime Lab based?");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("from its base in Osterlich");
    // Only as a name: a lowercase word is not taken for one.
    const { queryTerms } = await pipeline.retrieveWithDecision("Which harbour deals did freed officials sign?");
    expect(queryTerms.find((t) => t.term === "freed")?.corrections).toEqual([]);
  });

  it("reads past a typing slip in a word or a name", async () => {
    const result = await pipeline.ask("How many patrol baots are in Ruritania's deal with Freedoina?");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("12 patrol boats");
    const { queryTerms } = await pipeline.retrieveWithDecision("Who chaired the tlaks?");
    expect(queryTerms.find((t) => t.term === "tlak")?.alternatives).toContainEqual({ term: "talk", weight: 1 });
  });

  it("reads a typing slip as the word the documents use, but leaves names and dictionary words as typed", async () => {
    expect((await pipeline.ask("who chaired the tlaks in valdoria")).standaloneQuestion).toBe("who chaired the talks in valdoria");
    const result = await pipeline.ask("who is ruritania's foriegn minster?");
    expect(result.standaloneQuestion).toBe("who is ruritania's foreign minister?");
    expect(result.answer).toContain("Anna Berg");
    expect((await pipeline.ask("How many patrol boats are in Ruritania's deal with Freedoina?")).standaloneQuestion).toContain("Freedoina");
    expect((await pipeline.ask("which harbour deals did freed officials sign?")).standaloneQuestion).toContain("freed officials");
  });

  it("reads only what pieces are compared on as the topic: which pieces, and how each puts it, are not", async () => {
    const result = await pipeline.ask("The fuel deal's size is given differently in the trilateral analysis piece and the news wire report. What figures does each use?");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("40 million crowns");
  });

  it("refuses a role nobody is named in", async () => {
    const result = await pipeline.ask("Who is Ruritania's ambassador to Freedonia?");
    expect(result.found).toBe(false);
    expect(result.citations).toEqual([]);
  });

  it("refuses a when-question the documents give no time for", async () => {
    const result = await pipeline.ask("When did Ruritania open its embassy in Freedonia?");
    expect(result.found).toBe(false);
    expect(result.closestMatches.length).toBeGreaterThan(0);
  });
});

describe("a question joining pieces that each give a figure", () => {
  let root: string;
  let pipeline: Pipeline;

  beforeAll(async () => {
    // Many pieces talk about the canal's value; one gives it.
    const noise = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`talk-${i}.txt`, `Articles argued over the value of the Vala canal and gave different figures in round ${i}.\n`]),
    );
    const analysis = "Storms closed the harbour in Kesk.\n\nThe Vala canal is a flagship project of $40 billion.\n";
    ({ root, pipeline } = await corpusPipeline("rag-pieces-", { ...noise, "analysis.txt": analysis }, {}, { topK: 1 }));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("brings in another piece for a figure asked only where it gives one", async () => {
    const passages = await pipeline.retrieve("Vala canal value: the two articles give different figures. What are they?");
    expect(passages.map((p) => p.text).join(" ")).toContain("$40 billion");
    // The pieces that only talk about the value add nothing to quote.
    expect(passages.filter((p) => p.source.startsWith("talk-")).length).toBeLessThanOrEqual(1);
  });
});

describe("a lowercase question naming what it is about by the corpus's initials", () => {
  let root: string;
  let pipeline: Pipeline;

  beforeAll(async () => {
    const files = {
      "analysis.txt": "Storms closed the harbour in Kesk last winter.\n\nThe VCP is a flagship plan of $40 billion, the analysis says.\n",
      "report.txt": "Ferries resumed in Osterlich in spring.\n\nRuritania has pledged over $38 billion to the VCP in canals and ports.\n",
    };
    ({ root, pipeline } = await corpusPipeline("rag-lower-initials-", files));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("finds the figures for the name its introduction gives, as it would typed in capitals", async () => {
    for (const question of ["vcp value: what figures do the different articles give?", "VCP value: what figures do the different articles give?"]) {
      const result = await pipeline.ask(question);
      expect(result.found, question).toBe(true);
      expect(result.answer).toContain("$40 billion");
      expect(result.answer).toContain("$38 billion");
    }
  });
});

describe("a month the question dates with its year", () => {
  let root: string;
  let pipeline: Pipeline;

  beforeAll(async () => {
    const report =
      "KESK, June 2, 2031: Ferries resumed on the Vala canal.\n\n" +
      "Vala has deported more than 9,000 traders since the end of March, in a drive that began in 2029.\n";
    ({ root, pipeline } = await corpusPipeline("rag-month-year-", { "report.txt": report }));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("is answered by the month alone in a piece of that year, not of another", async () => {
    const dated = await pipeline.ask("How many traders has Vala deported since the end of March 2031?");
    expect(dated.found).toBe(true);
    expect(dated.answer).toContain("9,000");
    expect((await pipeline.ask("How many traders has Vala deported since the end of March 2030?")).found).toBe(false);
  });
});

describe("the text before a passage", () => {
  let root: string;
  let pipeline: Pipeline;
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) =>
      `Paragraph ${i + 1} reports on harbour works in district ${i + 1}, where crews repaired quay walls, ` +
      `dredged berths and replaced ${i + 3} cranes while the port authority kept the terminals open to traffic.`,
  );

  beforeAll(async () => {
    // One paragraph per chunk, so a passage can start after the file's first chunk.
    const env = { RAG_CHUNK_SIZE: "200", RAG_CHUNK_OVERLAP: "0", RAG_TOP_K: "1" };
    ({ root, pipeline } = await corpusPipeline("rag-lead-in-", { "harbour.txt": paragraphs.join("\n\n") + "\n" }, env));
  });

  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it("holds the lines of the chunk before the passage", async () => {
    const fileLines = (paragraphs.join("\n\n") + "\n").split("\n");
    const { passages } = await pipeline.retrieveWithDecision("How many cranes were replaced in district 9?");
    expect(passages[0].lines.from).toBeGreaterThan(1);
    const { from } = passages[0].lines;
    // The chunk before ends on the line before the blank line that separates paragraphs.
    expect(passages[0].leadIn.trim()).toBe(fileLines[from - 3]);
    expect(passages[0].text).not.toContain(passages[0].leadIn.trim());
  });
});

describe("chat shorthand, keyword questions and compared measures", () => {
  it("writes out the shorthand of hurried questions", () => {
    const written: [typed: string, asTheDocumentsWrite: string][] = [
      ["wat dates was the vala conf held", "what dates was the vala conference held"],
      ["anna & jon agreed to boost coop in which sectors", "anna & jon agreed to boost cooperation in which sectors"],
      ["flights from isb to afg", "flights from Islamabad to Afghanistan"],
      // "tl;dr" asks for brevity; its "dr" is no doctor.
      ["vala canal how it works tl;dr", "vala canal how it works"],
      // A dollar sign with no figure is money; with one it stays a sum.
      ["how much new $ did vala pledge", "how much new money did vala pledge"],
      ["vala deal how much $$", "vala deal how much money"],
      ["was it $4bn?", "was it $4 billion?"],
      // Verbs with a particle: "send home", "kick out", "sit down".
      ["When did Vala begin its drive to send migrants home?", "When did Vala begin its drive to repatriate migrants?"],
      ["when did vala start kicking out migrants", "when did vala start expelling migrants"],
      ["Who did Anna Berg sit down with in Kesk?", "Who did Anna Berg meet with in Kesk?"],
      // Plural initials, points, a highway's initials, more particles, checks of a claim, lakh and crore, PhD, tolls, UAVs.
      ["names of the 3 fms at the kesk summit", "names of the three foreign ministers at the kesk summit"],
      // A university, a day to come, "with", and degrees.
      ["which uni did vale study at w/ kesk, weather tmrw", "which university did vale study at with kesk, weather tomorrow"],
      ["who came up w the plan", "who proposed the plan"],
      ["vala storm: how many dead, and how many deaths in kesk", "vala storm: how many people were killed, and how many people were killed in kesk"],
      ["where did berg get her mphil and msc", "where did berg get her M.Phil. and M.Sc."],
      ["how many pts in the vala plan", "how many points in the vala plan"],
      ["kkh realignment from where to where", "Karakoram Highway realignment from where to where"],
      ["when did vala start pushing out migrants", "when did vala start expelling migrants"],
      ["did kesk beef up ties with vala", "did kesk strengthen ties with vala"],
      // "set up" is past and present alike; the stem is what a sentence must match.
      ["Who set up the Vala fund?", "Who establish the Vala fund?"],
      ["True or false: Anna Berg opened the canal in 2019.", "Is it true that Anna Berg opened the canal in 2019."],
      ["Fact-check: what did Vala pay for the boats?", "what did Vala pay for the boats?"],
      ["True or false: did Vala pay for the boats?", "did Vala pay for the boats?"],
      ["is vala training like 2 lakh nurses", "is vala training like 200,000 nurses"],
      ["a 1.5 crore budget", "a 15,000,000 budget"],
      ["where did anna berg get her phd", "where did anna berg get her Ph.D."],
      ["death toll from the Vala raids?", "how many people were killed in the Vala raids?"],
      ["what was the death toll of the vala storm", "how many people were killed in the vala storm?"],
      ["vala raid death toll", "how many people were killed in vala raid?"],
      ["how many uavs did vala buy", "how many drones did vala buy"],
    ];
    for (const [typed, asTheDocumentsWrite] of written) expect(asDocumentsWrite(typed), typed).toBe(asTheDocumentsWrite);
  });

  it("reads keywords around the noun of what is asked", () => {
    expect(questionShape(asDocumentsWrite("cost est for the vala canal realignment")).kind).toBe("money");
    expect(questionShape(asDocumentsWrite("$ value of the vala ferry deal")).kind).toBe("money");
    expect(questionShape(asDocumentsWrite("vala port budget allocation?")).kind).toBe("money");
    expect(questionShape(asDocumentsWrite("vala deal delivery timeline for the boats")).kind).toBe("date");
    expect(questionShape(asDocumentsWrite("exact dates of anna berg's kesk visit?")).kind).toBe("day");
    // "What numbers does each give?" asks for figures.
    expect(questionShape("Two reports give figures on boats seized — what numbers does each report?").kind).toBe("quantity");
    // "List the three ministers who …": which three, each a minister.
    expect(questionShape("List the three ministers who met in Vala.")).toMatchObject({ kind: "which", several: true, focus: terms("ministers") });
    // A dash between names parts them: "the Vala–Kesk deal" names both.
    expect(questionShape("What is the Vala–Kesk ferry deal worth?").nameGroups).toEqual([terms("Vala"), terms("Kesk")]);
  });

  it("asks each part of a compared measure and of figures set against each other", () => {
    const parts: [question: string, asked: string[]][] = [
      ["In which city was the Vala summit held, and on what dates?", ["In which city was the Vala summit held", "on what dates?"]],
      ["vala boat numbers: total since 2021 vs since end of march", ["how many vala boat total since 2021?", "how many vala boat since end of march?"]],
      [
        "Compare the length of Anna Berg's visit to Kesk with the length of Jon Vale's Vala trip.",
        ["how long was Anna Berg's visit to Kesk?", "how long was Jon Vale's Vala trip?"],
      ],
      ["compare the duration of Anna Berg's Kesk trip to that of Jon Vale's visit", ["how long was Anna Berg's Kesk trip?", "how long was Jon Vale's visit?"]],
      // The measure named before a colon, the two things after it.
      ["Compare trip lengths: Anna Berg's Kesk visit vs Jon Vale's Vala trip.", ["how long was Anna Berg's Kesk visit?", "how long was Jon Vale's Vala trip?"]],
      // …but questions after the colon ask for themselves.
      [
        "Compare the boat numbers: how many does Vala say it seized, versus how many Kesk says?",
        ["Compare the boat numbers: how many does Vala say it seized, versus how many Kesk says?"],
      ],
      // "A vs B, how many days each": the question asked of each.
      ["anna kesk trip vs jon vala trip, how many days each", ["how many days anna kesk trip", "how many days jon vala trip"]],
      // "How many days", not "How many": the counted noun goes with the question.
      [
        "How many days did Anna Berg's Kesk trip last, compared with Jon Vale's Vala visit?",
        ["How many days did Anna Berg's Kesk trip last", "How many days Jon Vale's Vala visit?"],
      ],
      // An owner standing alone owns what the first owner did.
      ["how long was anna's vala trip vs jon's", ["how long was anna's vala trip", "how long jon's vala trip?"]],
      ["How long did Berg's stay last compared to Vale's?", ["How long did Berg's stay last", "How long Vale's stay?"]],
      [
        "How long were Anna Berg's Kesk visit and Jon Vale's Vala trip, respectively?",
        ["How long were Anna Berg's Kesk visit?", "How long were Jon Vale's Vala trip?"],
      ],
      // The two things requested may be written in capitals and three words.
      [
        "Name the Valan premier who opened the fair in Kesk and the Valan foreign minister who hosted the talks.",
        ["what is the name of the Valan premier who opened the fair in Kesk", "what is the name of the Valan foreign minister who hosted the talks."],
      ],
      // One keyword asked of two things.
      ["city of the vala fair and city for the kesk summit", ["city of the vala fair", "city for the kesk summit"]],
    ];
    for (const [question, asked] of parts) expect(questionParts(question), question).toEqual(asked);
  });

  it("answers which premier or officer with a person's name, not an event's or a body's", () => {
    const question = "Which premier opened the Vala summit?";
    const event = "From May 2 to 4, Vala held the World Trade Summit (WTS) and High-Level Meeting on Global Trade in Kesk.";
    const kindsOfName = kindsFrom({ kesk: terms("city location"), vala: terms("country location") });
    const ask = (text: string) => composeExtractiveAnswer([passage(text)], queryTerms(question), question, kindsOfName);
    expect(ask(event)).toBe("");
    expect(ask("Premier Anna Berg attended the opening ceremony of the summit in Vala.")).toContain("Anna Berg");
  });
});

describe("counting people and other hurried wordings", () => {
  it("counts people only by a number of people", () => {
    const question = "How many people attended the Vala summit?";
    expect(questionShape(question)).toMatchObject({ kind: "count", people: true });
    expect(answer(question, passage("The Vala summit released a plan with 13 concrete measures."))).toBe("");
    expect(answer(question, passage("Some 4,000 foreign delegates attended the Vala summit."))).toContain("4,000");
    expect(countsSomePeople("nearly one million illegal Kesk nationals have left", [])).toBe(true);
    expect(countsSomePeople("a plan of 13 concrete and actionable measures", [])).toBe(false);
  });

  it("reads hurried wordings as the documents write them", () => {
    expect(asDocumentsWrite("how many IT folks is vala training")).toBe("how many IT people is vala training");
    expect(asDocumentsWrite("Which island did Anna Berg say Vala stands with Kesk on?")).toContain("Vala supports Kesk");
    expect(asDocumentsWrite("Who is Vala's army up against?")).toBe("Who is Vala's army fighting against?");
    expect(questionShape("What was the death toll of the Vala storm?").kind).toBe("quantity");
    // "The pieces give …" says where the figures are read, not what about.
    expect(questionShape("The pieces give two different figures for the Vala canal. What are they?").topic).not.toContain(terms("pieces")[0]);
    // "which three areas": areas listed in lowercase are ranked up, as sectors are.
    const listed = answerOfKind(questionShape("In which three areas did Vala and Kesk agree to strengthen cooperation?"));
    expect(listed?.("They agreed to strengthen cooperation in agriculture, industry, and investment.")).toBe(true);
  });
});

describe("naming a body", () => {
  it("asks 'what global AI body' as 'which body', answered by an organisation written out", () => {
    const question = "What global AI body did Vala propose?";
    expect(questionShape(question)).toMatchObject({ kind: "which", focus: terms("body") });
    // "What role …" keeps its own reading.
    expect(questionShape("What role did Vala play?").kind).not.toBe("which");
    expect(writesOutInitials("a World Artificial Intelligence Cooperation Organisation", "ai")).toBe(true);
    expect(writesOutInitials("a World Trade Organisation", "ai")).toBe(false);
    const body = "Kesk endorsed Vala's proposal to establish a World Artificial Intelligence Cooperation Organisation.";
    const initiative = "In 2023, President Jon Vale of Vala proposed the Global AI Governance Initiative.";
    const known = queryTerms(question).map((t) => (t.term === terms("body")[0] ? { ...t, alternatives: [{ term: terms("organisation")[0], weight: 1 }] } : t));
    expect(composeExtractiveAnswer([passage(body)], known, question)).toContain("Cooperation Organisation");
    // An initiative is no body, nor is a person.
    expect(composeExtractiveAnswer([passage(initiative)], known, question)).toBe("");
  });
});

describe("comparing what pieces give, and lines ending in a link", () => {
  it("reads 'Compare the X given in A with the one in B' as what each gives", () => {
    const question = "Compare the Vala canal price tag given in the Kesk Herald commentary with the one in the Vala Times report.";
    expect(askingPart(question)).toBe("what are the Vala canal price tags given in the Kesk Herald commentary and in the Vala Times report?");
    expect(questionShape(question)).toMatchObject({ kind: "money", topic: terms("canal") });
    // "took in an envoy" accepted one; "took part in" is no "took in".
    expect(asDocumentsWrite("Which country took in an envoy from Vala?")).toContain("accepted an envoy");
    expect(asDocumentsWrite("Which minister took part in the Vala talks?")).toContain("took part in");
  });

  it("quotes a line ending in a link as a sentence", () => {
    const question = "Where was the Vala commentary originally published?";
    expect(answer(question, passage("This article was published in another form at https://example.org/2025/vala-commentary/"))).toContain(
      "https://example.org/2025/vala-commentary/",
    );
  });
});

describe("figures asked of two pieces", () => {
  it("reads 'what figure(s)' as a figure, or a sum where money is spoken of", () => {
    expect(questionShape("Two reports count boats seized. What figures do they give?").kind).toBe("quantity");
    expect(questionShape("What figures do the articles give for the value of the Vala canal?").kind).toBe("money");
    expect(questionShape("One piece puts the canal at 5 billion dollars; what figure does the other give?").kind).toBe("money");
    // A link's digits count nothing.
    expect(hasNumber("This article was published in another form at https://example.org/2025/08/01/vala/")).toBe(false);
  });

  it("asks how many of each, after a dash or a colon", () => {
    expect(questionParts("vala boats seized - total number since november 2023 and the number only since end of march?")).toEqual([
      "how many vala boats seized since november 2023?",
      "how many vala boats seized since end of march?",
    ]);
  });

  it("reads the pieces and the coverage as where the figures are, not what about", () => {
    expect(joinsPieces("Two of the trilateral articles put a price tag on the canal. What figures do they give?")).toBe(true);
    expect(questionShape("Two of the trilateral articles put a price tag on the canal. What figures do they give?").topic).toEqual(terms("canal"));
    expect(questionShape("The coverage gives different headline values for the canal. What figure does each give?").topic).toEqual(terms("canal"));
    // "What two offices is he given?" asks each title.
    expect(questionShape("Anna Berg is described with different titles. What two offices is Anna Berg given?").kind).toBe("office");
  });
});

describe("whom 'the two sides' means, and hurried keywords", () => {
  it("reads 'the two sides' as whom the last 'Both countries' meant, a sentence on something else between", () => {
    const question = "Which sectors did Anna Berg and Jon Vale agree to strengthen cooperation in?";
    const text =
      "Anna Berg also held talks with Kesk's Foreign Minister Jon Vale. Both countries welcomed progress on the canal. " +
      "The canal aims to bring trade to the region. Additionally, the two sides agreed to strengthen cooperation in farming, fishing, and tourism.";
    expect(answer(question, passage(text))).toContain("farming, fishing, and tourism");
    // …which the passage's lead-in may say, before its first sentence.
    const leadIn = "Anna Berg also held talks with Kesk's Foreign Minister Jon Vale.";
    const rest = "Both countries welcomed progress on the canal. The canal aims to bring trade to the region. Additionally, the two sides agreed to strengthen cooperation in farming, fishing, and tourism.";
    expect(answer(question, passage(rest, leadIn))).toContain("farming, fishing, and tourism");
    // Without the two named, the sentence is someone else's.
    expect(answer(question, passage("Vala and Osterlich met. The canal aims to bring trade to the region. Additionally, the two sides agreed to strengthen cooperation in farming, fishing, and tourism."))).toBe("");
  });

  it("writes out hurried wordings and reads keywords ending in what is asked", () => {
    expect(asDocumentsWrite("how long was the 3-way meeting in Vala")).toBe("how long was the trilateral meeting in Vala");
    expect(asDocumentsWrite("Remind me which city hosted the Vala summit?")).toBe("which city hosted the Vala summit?");
    expect(questionShape(asDocumentsWrite("vala ferry delivery schedule")).kind).toBe("date");
    expect(questionShape("Anna Berg official titles")).toMatchObject({ kind: "office" });
    // A link's digits date nothing.
    expect(answer("When did the Vala canal open?", passage("This article on the Vala canal was published at https://example.org/2025/08/01/vala-canal/"))).toBe("");
  });
});

describe("two things asked alike, checks of a claim, and counted names", () => {
  it("places each requested thing where its own clause says", () => {
    const question = "Name the Valan premier who opened the fair in Kesk and the Valan foreign minister who hosted the talks.";
    const kindsOfName = (name: string) => (["kesk", "osterlich"].includes(name) ? terms("city") : undefined);
    const premier = passage("Valan Premier Anna Berg opened the fair in Kesk.");
    const minister = { ...passage("The talks in Osterlich were hosted by Valan Foreign Minister Jon Vale."), source: "talks.txt" };
    const answered = composeExtractiveAnswer([premier, minister], queryTerms(question), question, kindsOfName);
    expect(answered).toContain("Anna Berg");
    expect(answered).toContain("Jon Vale");
    // …while the first is still held to its place: a premier opening a fair in Osterlich is another's.
    expect(composeExtractiveAnswer([passage("Valan Premier Anna Berg opened the fair in Osterlich.")], queryTerms(question), question, kindsOfName)).toBe("");
  });

  it("reads 'as soon as possible' as no office, so 'Who said …' asks who did it", () => {
    const question = "Who said Vala and Kesk had agreed to send envoys as soon as possible?";
    expect(questionShape(question).kind).toBe("agent");
    expect(answer(question, passage("Vala and Kesk had agreed to send envoys as soon as possible, Jon Vale said after the talks."))).toContain("Jon Vale");
  });

  it("counts the names asked for, up to ten, and keeps a larger figure to find", () => {
    expect(questionShape("What are the names of the three Harbour Masters at the Kesk summit?")).toMatchObject({
      kind: "name",
      focus: terms("harbour masters"),
      answerCounts: terms("three"),
      numbers: [],
    });
    expect(questionShape("names of the 3 envoys at the kesk summit")).toMatchObject({ answerCounts: ["3"], numbers: [] });
    expect(questionShape("List the 13 measures in the Vala plan.")).toMatchObject({ answerCounts: [], numbers: ["13"] });
    expect(questionShape("list the 5 points of the Vala plan")).toMatchObject({ answerCounts: [], numbers: ["5"] });
  });


  it("answers whether something happened in a year with the year it did", () => {
    const proposed = passage("As early as 2019, Anna Berg proposed the harbour plan.");
    expect(answer(asDocumentsWrite("True or false: Anna Berg first put forward the harbour plan back in 2017."), proposed)).toContain("2019");
    expect(answer("Did Anna Berg first propose the harbour plan in 2017?", proposed)).toContain("2019");
    // A deadline is not when it happened, nor is a part of a span.
    expect(answer("Will the harbour plan be finished by 2027?", passage("The harbour plan runs from 2025 to 2029."))).toBe("");
    expect(answer("Were more than five boats seized in 2024 alone?", passage("Since 2021, 20 boats have been seized."))).toBe("");
  });
});

describe("wanting, counts to name, and kinds of person", () => {
  it("reads wanting as no topic and a trailing 'name 3' as how many to name", () => {
    expect(questionShape("Which sectors does Vala want AI used in?").topic).not.toContain(terms("want")[0]);
    expect(questionShape("When did Kesk say it wants to boost ties with Vala?").topic).toEqual(terms("boost ties"));
    expect(questionShape("which sectors vala wants ai used in, name 3")).toMatchObject({ kind: "which", answerCounts: ["3"], numbers: [] });
  });

  it("reads the kind after qualifiers that are names, or joined", () => {
    const kinds: [question: string, focus: string[]][] = [
      ["Which Valdorian official held talks with Kesk?", terms("official")],
      ["Which Valan and Keskan officials took part in the talks?", terms("officials")],
      ["Which US and Valan officials took part in the talks?", terms("officials")],
    ];
    for (const [question, focus] of kinds) expect(questionShape(question), question).toMatchObject({ kind: "which", focus });
    // Keywords ending in the kind of place asked: which one.
    expect(askingPart("vala fund headquarters city")).toBe("which city vala fund headquarters?");
  });

  it("answers a kind of person only with someone's name", () => {
    const question = "Which Valan official took part in the Kesk talks?";
    // As retrieval gives them: "formal" is a synonym of the adjective "official"; WordNet knows the Gulf as a body of water.
    const official = terms("official")[0];
    const related = queryTerms(question).map((t) => (t.term === official ? { ...t, alternatives: [{ term: terms("formal")[0], weight: SYNONYM_WEIGHT }] } : t));
    const kindsOfName = (name: string) => (name === "gulf" ? terms("water") : name === "vala" ? terms("country location") : undefined);
    const answered = (text: string) => composeExtractiveAnswer([passage(text)], related, question, kindsOfName);
    // "formally" is no official, and the Gulf or a model's name no person.
    expect(answered("Valan talks in Kesk formally elevated Vala's role.")).toBe("");
    expect(answered("Valan delegates took part in the Kesk talks, in the Gulf.")).toBe("");
    expect(answered("Valan KX-9s took part in the Kesk talks display.")).toBe("");
    expect(answered("Valan official Anna Berg took part in the Kesk talks.")).toContain("Anna Berg");
  });
});

describe("places asked by name", () => {
  it("asks 'name the country that …' as which country, and 'the third' as no figure", () => {
    expect(questionShape("Name the third country that the Vala railway would connect with Kesk.")).toMatchObject({ kind: "which", focus: terms("country"), numbers: [] });
    expect(questionShape("name the city where the 6th Vala summit will be held")).toMatchObject({ kind: "which", focus: terms("city") });
    expect(questionShape("Name the Valan city where the farm lab helps farmers.")).toMatchObject({ kind: "which", focus: terms("city"), focusModifiers: terms("Valan") });
    // Several are named beside the word.
    expect(questionShape("Name the countries that have joined the Vala railway.").kind).toBe("name");
    // What the thing was against is no part of its kind.
    expect(questionShape("What was the name of the Valan naval operation against Kesk shortly before the talks?").focus).toEqual(terms("naval operation"));
    const railway = passage("Vala and Kesk agreed to build a railway line connecting Osterlich, Kesk and Vala.");
    expect(answer("Name the third country that the Vala railway would connect with Kesk.", railway)).toContain("Osterlich");
  });
});

describe("wire services, slips put right, and owning up", () => {
  it("answers which wire service contributed with the credit line", () => {
    const credited = "Vala and Kesk agreed to upgrade ties at the talks.\nWith inputs from Valdoria Wire";
    for (const question of ["Which wire service contributed inputs to the story on Vala and Kesk?", "which news agency gave inputs to the Vala story", "Which press agency contributed to the Vala story?"]) {
      expect(questionShape(question).kind, question).toBe("publisher");
    }
    expect(answer("Which wire service contributed inputs to the story on Vala and Kesk?", passage(credited))).toContain("With inputs from Valdoria Wire");
    // A service of another kind is no publisher.
    expect(questionShape("Which service did the Vala army provide?").kind).toBe("which");
  });

  it("matches a slip put right as the word itself", () => {
    const question = "which anniversery did Vala and Kesk mark";
    const slip = terms("anniversery")[0];
    const fixed = terms("anniversary")[0];
    const asked = queryTerms(question).map((t) => (t.term === slip ? { ...t, corrections: [fixed], alternatives: [{ term: fixed, weight: 1 }] } : t));
    expect(termMatch(new Set([fixed]), asked.find((t) => t.term === slip)!)).toBe(1);
    expect(composeExtractiveAnswer([passage("The 75th anniversary of Vala and Kesk ties was marked in May.")], asked, question)).toContain("75th anniversary");
  });

  it("reads 'own up to' as confirming", () => {
    expect(asDocumentsWrite("did vala ever own up to the strikes")).toBe("did vala ever confirm the strikes");
  });
});

describe("when an event ran, questions after a shared clause, and tolls", () => {
  it("reads 'when did it run' as when it was held, and 'run out' as expiring", () => {
    expect(questionShape("When did the Vala fair run?").topic).toEqual(terms("fair"));
    expect(answer("When did the Vala fair run?", passage("From July 2 to 4, 2025, Kesk held the Vala fair in Osterlich."))).toContain("July 2 to 4");
    expect(asDocumentsWrite("when does vala's council seat run out?")).toBe("when does vala's council seat expire?");
  });

  it("asks a further question after two question words sharing a clause on its own", () => {
    expect(questionParts("Where and when was the Vala fair held, and how many stalls did it have?")).toEqual([
      "Where was the Vala fair held",
      "when was the Vala fair held",
      "how many stalls did it have?",
    ]);
  });

  it("answers a toll only of what it was in", () => {
    // A toll of something else does not answer.
    const raids = passage("Kesk said the raids on Vala had killed at least 46 people.");
    expect(answer("how many people were killed in the Vala raids?", raids)).toContain("46");
    expect(answer("how many people were killed in the Osterlich storm?", raids)).toBe("");
    // "included in" says where something is listed, no deed done in it.
    expect(questionShape("How many boats are included in the Vala package?").deedWhere).toBeUndefined();
  });
});

describe("dates still to come", () => {
  it("answers 'when will …' only with a sentence speaking of what is to come", () => {
    expect(questionShape("When will Kesk get the boats?")).toMatchObject({ kind: "date", future: true });
    expect(questionShape("When is the next Vala fair scheduled?").future).toBe(true);
    expect(questionShape("When did Kesk get the boats?").future).toBeUndefined();
    const question = "When will Kesk get the Valan boats?";
    expect(answer(question, passage("Kesk got its first Valan boats last year, in March 2024."))).toBe("");
    expect(answer(question, passage("Kesk will get the Valan boats in March 2026."))).toContain("March 2026");
  });
});

describe("the precision of a date asked", () => {
  it("measures how long someone was somewhere by the length of the visit, not of another thing", () => {
    const visit = passage("The announcement comes as Kesk's deputy prime minister Jon Vale was in Vala on a three-day visit for harbour talks.");
    expect(answer("How long was Kesk's deputy prime minister in Vala for the harbour talks?", visit)).toContain("three-day visit");
    expect(questionShape("How long was the meeting in Vala?").stay).toBeUndefined();
  });

  it("answers 'which month' only with a month, and 'what was the date of' or 'when exactly' only with a day", () => {
    expect(questionShape("Which month did Kesk release its Harbour Policy?")).toMatchObject({ kind: "date", month: true });
    const unveiled = passage("Kesk has recently unveiled its Harbour Policy 2025, which sets out six aims.");
    expect(answer("which month did kesk release its harbour policy", unveiled)).toBe("");
    expect(answer("Which month did Kesk release its Harbour Policy?", passage("Kesk released its Harbour Policy in March 2025."))).toContain("March 2025");
    const met = passage("Tensions eased after Vala met the Kesk envoy in Osterlich last month.");
    expect(questionShape("What was the date of Vala's meeting with the Kesk envoy?").kind).toBe("day");
    expect(answer("What was the date of Vala's meeting with the Kesk envoy?", met)).toBe("");
    expect(answer("When exactly did Vala meet the Kesk envoy?", met)).toBe("");
    expect(answer("When exactly did Vala meet the Kesk envoy?", passage("Vala met the Kesk envoy in Osterlich on May 21."))).toContain("May 21");
    // "whats the actual date for …": a day, which "at a mutually agreeable date" does not give.
    const agreed = passage("The officials decided to hold the 6th Harbour Meeting in Kesk at a mutually agreeable date.");
    expect(answer("so whats the actual date for the 6th harbour meeting in kesk", agreed)).toBe("");
  });
});

describe("parts asked of a subject or a piece", () => {
  it("asks 'number of X and number of Y' of the subject, and a part asking what a piece says ('does it say') on its own words", () => {
    expect(questionParts("Vala harbour plan: number of berths and number of cranes?")).toEqual([
      "how many berths in the Vala harbour plan?",
      "how many cranes in the Vala harbour plan?",
    ]);
    const question = "What dollar value does the Kesk analysis put on the harbour deal, and how many Valan workers does it say have been killed in Kesk since 2021?";
    const deal = { ...passage("The harbour deal is worth $4 billion to Kesk."), source: "deal.txt" };
    const toll = { ...passage("Since 2021, 20 Valan workers have been killed in Kesk, and rebels claimed the attacks."), source: "toll.txt", chunkIds: ["toll.txt#1"] };
    const answered = composeExtractiveAnswer([deal, toll], queryTerms(question), question);
    expect(answered).toContain("$4 billion");
    expect(answered).toContain("20 Valan workers");
  });

  it("reads a plural-looking word before a determiner as a verb, not a kind the name qualifies", () => {
    expect(otherNames("The release of the plan in Kesk marks another step for Vala.", new Set())).toContain("kesk");
    expect(otherNames("It was a signal to Gulf states and others.", new Set())).not.toContain("gulf");
  });
});

describe("who wrote a piece and what they are", () => {
  it("reads 'what post does its author hold' and 'the writer's title' as asking the byline", () => {
    expect(questionShape("The Vala op-ed: what official post does its author hold?").kind).toBe("author");
    expect(questionShape("What's the writer's title?").kind).toBe("author");
    expect(answer("The Vala op-ed: what official post does its author hold?", passage("The writer is Consul General of Vala in Kesk."))).toContain("Consul General");
  });
});

describe("degrees and the people who hold them", () => {
  it("reads a doctorate as the Ph.D. the text names, earned as it is held, by the person of its own section", () => {
    expect(asDocumentsWrite("Where did Anna Berg earn her doctorate?")).toBe("Where did Anna Berg earn her Ph.D.?");
    const bios = passage(
      [
        "Jon Vale",
        "Director",
        "Jon Vale is the director of the Vala Institute. He holds a Ph.D. from Kesk University.",
        "Anna Berg",
        "Research Officer",
        "Anna Berg is a research officer at the Vala Institute. She holds a Ph.D. from Osterlich University.",
      ].join("\n\n"),
    );
    const answered = answer(asDocumentsWrite("Where did Jon Vale earn his doctorate?"), bios);
    expect(answered).toContain("Kesk University");
    expect(answered).not.toContain("Osterlich");
    const hers = answer(asDocumentsWrite("Where did Anna Berg earn her doctorate?"), bios);
    expect(hers).toContain("Osterlich University");
    expect(hers).not.toContain("Kesk University");
  });
});

describe("requests and owners", () => {
  it("reads two requests joined after a comma, 'give the value of', 'how big' a loan and 'blame 4 the'", () => {
    expect(questionParts("Name the canal Vala opened in May, and give the value of the harbour deal Kesk signed.")).toEqual([
      "what is the name of the canal Vala opened in May",
      "give the value of the harbour deal Kesk signed.",
    ]);
    expect(questionShape("give the value of the harbour deal Kesk signed.").kind).toBe("money");
    expect(questionShape("vala loan how big").kind).toBe("money");
    expect(asDocumentsWrite("who does kesk blame 4 the jump in raids")).toBe("who does kesk blame for the jump in raids");
    expect(asDocumentsWrite("top 4 teams")).toBe("top 4 teams");
  });
});

describe("small counts, slips, aims and figures compared", () => {
  it("spells out a small count as the news does, but not a model's number, a sum, a unit's or a date's", () => {
    expect(asDocumentsWrite("who spent 4 days in kesk, and what are the 5 points of a 3-day plan?")).toBe(
      "who spent four days in kesk, and what are the five points of a three-day plan?",
    );
    for (const kept of ["how many vala 8 planes", "a $5 billion deal", "5 billion", "a May 5 meeting", "the 10 jets", "a 5 km road", "at 5 pm"]) {
      expect(asDocumentsWrite(kept)).toBe(kept);
    }
    expect(answer(asDocumentsWrite("name of the vala prime minister who spent 4 days in kesk?"), passage("A four-day visit by Prime Minister Jon Vale to Kesk ended on Friday."))).toContain(
      "Jon Vale",
    );
  });

  it("reads past the words asking an aim, and how each piece says it, and 'vs'", () => {
    expect(questionShape("whats the end goal vala's port policy is aiming for").topic).not.toEqual(expect.arrayContaining(terms("end goal aiming")));
    expect(answer("What's the overarching aim of Vala's port policy?", passage("Vala's port policy rests on three pillars, with a view to achieving trade sovereignty."))).toContain(
      "trade sovereignty",
    );
    expect(questionShape("The Times and the Post give different sizes for the canal. What figures does each use?").topic).not.toContain(terms("use")[0]);
    expect(questionShape("canal cost - what does the Vala Times say vs the Kesk Post").topic).not.toContain("vs");
  });

  it("reads 'Name Vala's envoy in Kesk' as asking a name, and 'Name Vala's plan and …' as asking two things", () => {
    expect(questionShape("Name Vala's envoy in Kesk.").kind).toBe("name");
    expect(questionShape("Name Vala's harbour plan and the body that Kesk joined.").kind).toBeNull();
    expect(answer("Name Vala's envoy in Kesk.", passage("Vala and Kesk have embassies in each other's capitals, led by envoys rather than ambassadors."))).toBe("");
  });

  it("refuses a question whose owner the documents never mention", () => {
    const visit = passage("A four-day visit by Prime Minister Jon Vale to Kesk has produced more than declarations.");
    const question = "who's ruritania's prime minister";
    const unknown = queryTerms(question).map((t) => (t.term === terms("ruritania")[0] ? { ...t, inCorpus: false } : t));
    expect(composeExtractiveAnswer([visit], queryTerms(question), question)).toContain("Jon Vale");
    expect(composeExtractiveAnswer([visit], unknown, question)).toBe("");
    expect(answer("Who is Vala's prime minister?", passage("Vala's prime minister is Jon Vale, who visited Kesk."))).toContain("Jon Vale");
  });
});
