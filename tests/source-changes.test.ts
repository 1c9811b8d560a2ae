/** The source viewer says when a file changed after indexing, since cited lines may be off. */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { Pipeline } from "@/lib/pipeline";
import { makeTempDir, writeCorpus } from "./support/fixtures";

let root: string;
afterAll(() => fs.rm(root, { recursive: true, force: true }));

it("flags a source file that changed since it was indexed", async () => {
  root = await makeTempDir("rag-source-changes-");
  const corpusDir = path.join(root, "corpus");
  await writeCorpus(corpusDir, { "notes.txt": "The archive opened in 1921.\nIt holds maps of the coast.\n" });
  const config = loadConfig({}, { corpusDir, indexDir: path.join(root, "index") });
  await ingest({ config });
  const pipeline = await Pipeline.open({ config });

  expect((await pipeline.readSource("notes.txt"))?.changedSinceIndexed).toBe(false);
  await fs.writeFile(path.join(corpusDir, "notes.txt"), "A new first line.\nThe archive opened in 1921.\n");
  const view = await pipeline.readSource("notes.txt");
  expect(view?.changedSinceIndexed).toBe(true);
  expect(view?.lines[0].text).toBe("A new first line.");
});
