/**
 * Quantity questions are answered only by passages that name the quantity asked
 * for; a nearby figure about something else is not an answer.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { Pipeline } from "@/lib/pipeline";
import { quantityFocus, quantityModifiers } from "@/lib/question";
import { terms } from "@/lib/text";
import { makeTempDir, writeCorpus } from "./support/fixtures";

let root: string;
let pipeline: Pipeline;

beforeAll(async () => {
  root = await makeTempDir("rag-quantity-");
  const corpusDir = path.join(root, "corpus");
  await writeCorpus(corpusDir, {
    "bridge.txt":
      "The Harbour Bridge opened to traffic in 2019 after six years of construction.\n" +
      "The Harbour Bridge carries about 40,000 cars every day between the two districts.\n" +
      "Its capacity is 50,000 cars a day.\n",
    "market.md": "# Market\n\nThe old fish market closed in 1998 and reopened as a food hall with 60 stalls.\n",
    "tunnel.txt": "KVT, a flagship project of 3 billion dollar, will link the two valleys by 2030.\n",
  });
  const config = loadConfig({}, { corpusDir, indexDir: path.join(root, "index") });
  await ingest({ config });
  pipeline = await Pipeline.open({ config });
});

afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("quantity questions", () => {
  it("finds what a quantity question counts or measures", () => {
    expect(quantityFocus("How many kilometres long is the bridge?")?.term).toBe("kilometr");
    expect(quantityFocus("What is the budget of the programme?")?.term).toBe("budget");
    expect(quantityFocus("Who opened the bridge?")).toBeNull();
    expect(quantityFocus("What was the district's population in 2020?")?.term).toBe("popul");
    expect(quantityFocus("How many armed river boats does the navy have?")).toEqual({ term: "boat", modifiers: terms("armed river") });
  });

  it("finds the words qualifying a measured quantity", () => {
    expect(quantityModifiers("What was the bridge's toll revenue last year?")).toEqual(["toll"]);
    expect(quantityModifiers("What is the average daily traffic rate on the bridge?")).toEqual(["daili", "traffic"]);
    expect(quantityModifiers("What is the budget of the programme?")).toEqual([]);
    expect(quantityModifiers("Who opened the bridge?")).toEqual([]);
  });

  it("reads 'how much money … worth' as asking for a sum, whatever word the documents use for money", async () => {
    // "money" is no topic the passage must share with the question: only "KVT" is.
    const worth = await pipeline.ask("How much money is KVT worth?");
    expect(worth.found).toBe(true);
    expect(worth.answer).toContain("3 billion dollar");
  });

  it("answers a quantity the documents state, and refuses one qualified by a word they never use", async () => {
    const stated = await pipeline.ask("What is the Harbour Bridge's capacity?");
    expect(stated.found).toBe(true);
    expect(stated.answer).toContain("50,000");
    // "capacity" is there; "freight capacity" is not.
    const qualified = await pipeline.ask("What is the Harbour Bridge's freight capacity?");
    expect(qualified.found).toBe(false);
    expect(qualified.citations).toEqual([]);
  });

  it("answers when a passage names the counted thing", async () => {
    const result = await pipeline.ask("How many cars does the Harbour Bridge carry every day?");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("40,000");
    expect(result.citations[0].source).toBe("bridge.txt");
  });

  it("refuses when the documents give other figures but not the one asked for", async () => {
    for (const question of [
      "How many kilometres long is the Harbour Bridge?",
      "What was the cost of the Harbour Bridge construction?",
    ]) {
      const result = await pipeline.ask(question);
      expect(result.found, question).toBe(false);
      expect(result.citations).toEqual([]);
    }
  });
});
