/**
 * Ingest end to end on temp corpora (never data/): chunk → line mapping, the local
 * embedder, incremental updates, atomic writes under failure, skipped files, the
 * OpenAI embedder over real HTTP (fake server), embedder mismatch and damaged builds.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig, type Config } from "@/lib/config";
import { embedderId, fitLocalStats, LocalEmbeddings, LOCAL_EMBEDDER_ID } from "@/lib/embedding";
import { LOCAL_DIMENSIONS } from "@/lib/embedding/local";
import { CorpusError, EmbedderMismatchError, IndexCorruptError } from "@/lib/errors";
import { loadIndex, MANIFEST_FILE, readCurrentBuildId, type LoadedIndex, type Manifest } from "@/lib/index-store";
import { indexIsStale, ingest, TEXT_ANALYSIS_VERSION } from "@/lib/indexing";
import { Pipeline } from "@/lib/pipeline";
import { nameKinds } from "@/lib/synonyms";
import { corpusNames } from "@/lib/text";
import { makePdf, makeTempDir, writeCorpus } from "./support/fixtures";
import { startFakeOpenAI, type FakeOpenAI } from "./support/openai-server";

const SEEDS_DIR = path.resolve(__dirname, "..", "seeds");
const roots: string[] = [];

afterAll(async () => {
  await Promise.all(roots.map((root) => fs.rm(root, { recursive: true, force: true })));
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface Workspace {
  root: string;
  corpusDir: string;
  indexDir: string;
  config: Config;
}

/** A temp folder with `corpus/` (holding `files`, plus a copy of seeds/ when asked) and an empty `index/`. */
async function workspace(
  files: Record<string, string | Buffer>,
  options: { seeds?: boolean; env?: Record<string, string>; overrides?: Partial<Config> } = {},
): Promise<Workspace> {
  const root = await makeTempDir("rag-ingest-test-");
  roots.push(root);
  const corpusDir = path.join(root, "corpus");
  const indexDir = path.join(root, "index");
  await fs.mkdir(corpusDir, { recursive: true });
  if (options.seeds) await fs.cp(SEEDS_DIR, path.join(corpusDir, "seeds"), { recursive: true });
  await writeCorpus(corpusDir, files);
  const config = loadConfig(options.env ?? {}, { corpusDir, indexDir, ...options.overrides });
  return { root, corpusDir, indexDir, config };
}

const sourcesOf = (index: LoadedIndex) => new Set(index.chunks.map((chunk) => chunk.metadata.source));
const chunksOf = (index: LoadedIndex, source: string) => index.chunks.filter((chunk) => chunk.metadata.source === source);

/** Alphanumeric tokens of a text (punctuation stripped), as the line-mapping checks compare them. */
const tokens = (text: string) => text.match(/[A-Za-z0-9]+/g) ?? [];

const oneSentence = (message: string) => {
  expect(message).not.toMatch(/\n/);
  expect(message.trim()).toMatch(/[.!?]$/);
  expect(message.trim().split(/(?<=[.!?])\s+(?=[A-Z])/)).toHaveLength(1);
};

// ---------------------------------------------------------------------------
// Synthetic documents whose words are unique per line, so an off-by-one line is detected.
// ---------------------------------------------------------------------------

/** Deterministic pseudo-words, never repeated within one generator. */
function wordSource(seed: number) {
  const syllables = ["ka", "lo", "mi", "ren", "tu", "vas", "qui", "dor", "bel", "nox", "pra", "sil", "gan", "hu", "zet", "fo"];
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const used = new Set<string>();
  return () => {
    for (;;) {
      const count = 2 + Math.floor(random() * 3);
      let word = "";
      for (let i = 0; i < count; i++) word += syllables[Math.floor(random() * syllables.length)];
      if (!used.has(word)) {
        used.add(word);
        return word;
      }
    }
  };
}

function sentenceLine(next: () => string, wordCount: number): string {
  const words = Array.from({ length: wordCount }, next);
  const sentences: string[] = [];
  for (let i = 0; i < words.length; i += 9) {
    const part = words.slice(i, i + 9);
    part[0] = part[0][0].toUpperCase() + part[0].slice(1);
    sentences.push(`${part.join(" ")}.`);
  }
  return sentences.join(" ");
}

/** A title, blank lines, then paragraphs of short and long (> chunk size) lines separated by blank lines. */
function multiParagraphText(): string {
  const next = wordSource(7);
  const lines = [sentenceLine(next, 4), "", ""];
  const shapes = [[6, 12, 9], [60], [10, 8], [14, 11, 7, 13], [75, 9], [8], [12, 16, 10]];
  for (const shape of shapes) {
    for (const count of shape) lines.push(sentenceLine(next, count));
    lines.push("");
  }
  return lines.join("\n");
}

function pdfPages(): string[][] {
  const next = wordSource(11);
  return [0, 1, 2].map(() => Array.from({ length: 9 }, () => sentenceLine(next, 7)));
}

// ---------------------------------------------------------------------------

const TEXT = multiParagraphText();
const PAGES = pdfPages();
let mappedBuild: Promise<Workspace> | undefined;

/** One local-embedder build of a txt and a PDF, shared by the line-mapping, mismatch and damage tests. */
function mappedWorkspace(): Promise<Workspace> {
  mappedBuild ??= (async () => {
    const ws = await workspace(
      { "notes/long.txt": TEXT, "report.pdf": makePdf(PAGES) },
      { overrides: { chunkSize: 300, chunkOverlap: 60 } },
    );
    await ingest({ config: ws.config });
    return ws;
  })();
  return mappedBuild;
}

describe("chunk metadata maps back to the original lines", () => {
  let index: LoadedIndex;

  beforeAll(async () => {
    index = await loadIndex((await mappedWorkspace()).config);
  });

  it("txt: every chunk's first and last words are on lines.from and lines.to, and its text is that span", () => {
    const original = TEXT.split("\n");
    const chunks = chunksOf(index, "notes/long.txt");
    expect(chunks.length).toBeGreaterThan(5);
    // Long lines are split mid-line and chunks span several lines: both cases occur.
    expect(chunks.some((c) => c.metadata.lines.from === c.metadata.lines.to)).toBe(true);
    expect(chunks.some((c) => c.metadata.lines.to > c.metadata.lines.from)).toBe(true);
    for (const chunk of chunks) {
      const { from, to } = chunk.metadata.lines;
      const words = tokens(chunk.pageContent);
      expect(from, chunk.pageContent).toBeGreaterThanOrEqual(1);
      expect(to).toBeLessThanOrEqual(original.length);
      expect(tokens(original[from - 1]), `first word of chunk ${chunk.metadata.chunkIndex}`).toContain(words[0]);
      expect(tokens(original[to - 1]), `last word of chunk ${chunk.metadata.chunkIndex}`).toContain(words.at(-1));
      expect(original.slice(from - 1, to).join("\n")).toContain(chunk.pageContent);
      expect(chunk.metadata.page).toBeUndefined();
    }
    // Chunk indices are 0..n-1 in file order.
    expect(chunks.map((c) => c.metadata.chunkIndex).sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i));
  });

  it("pdf: every chunk's first and last words are on lines.from and lines.to of its page", () => {
    const chunks = chunksOf(index, "report.pdf");
    expect(new Set(chunks.map((c) => c.metadata.page))).toEqual(new Set([1, 2, 3]));
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      const page = PAGES[chunk.metadata.page! - 1];
      const { from, to } = chunk.metadata.lines;
      const words = tokens(chunk.pageContent);
      expect(tokens(page[from - 1]), `first word, page ${chunk.metadata.page}`).toContain(words[0]);
      expect(tokens(page[to - 1]), `last word, page ${chunk.metadata.page}`).toContain(words.at(-1));
    }
  });

  it("the manifest lists every chunk id of each file", () => {
    const manifest = index.manifest;
    for (const source of ["notes/long.txt", "report.pdf"]) {
      expect(new Set(manifest.files[source].chunkIds)).toEqual(new Set(chunksOf(index, source).map((c) => c.metadata.id)));
    }
    expect(manifest.counts.chunks).toBe(index.chunks.length);
  });

  it("stores how the corpus writes names, so the first question need not read the whole corpus", () => {
    const texts = index.chunks.map((chunk) => chunk.pageContent);
    expect(index.names).toEqual(corpusNames(texts, nameKinds));
  });
});

describe("local embedder", () => {
  let passages: string[];

  beforeAll(async () => {
    const names = (await fs.readdir(SEEDS_DIR)).sort();
    const texts = await Promise.all(names.map((name) => fs.readFile(path.join(SEEDS_DIR, name), "utf8")));
    passages = texts.flatMap((text) => text.split("\n")).filter((line) => line.length > 200);
  });

  const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);

  it("is deterministic: two instances fitted on the same texts give identical vectors", async () => {
    const first = new LocalEmbeddings(fitLocalStats(passages));
    const second = new LocalEmbeddings(fitLocalStats(passages));
    const text = passages[3];
    const a = await first.embedQuery(text);
    const b = await second.embedQuery(text);
    expect(a).toHaveLength(LOCAL_DIMENSIONS);
    expect(b).toEqual(a);
    expect(await second.embedDocuments([text, passages[4]])).toEqual([a, await first.embedQuery(passages[4])]);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    // Different text, different vector (the equality above is not vacuous).
    expect(await first.embedQuery(passages[4])).not.toEqual(a);
  });

  it("ranks the passage a sentence was taken from above unrelated text", async () => {
    const embeddings = new LocalEmbeddings(fitLocalStats(passages));
    const vectors = await embeddings.embedDocuments(passages);
    const unrelated = await embeddings.embedQuery(
      "Knead the sourdough for ten minutes, let it rise overnight and bake it in a very hot oven.",
    );
    for (const index of [0, Math.floor(passages.length / 2), passages.length - 1]) {
      const sentence = passages[index].split(/(?<=[.!?])\s+/).find((s) => s.length > 60)!;
      const query = await embeddings.embedQuery(sentence);
      const scores = vectors.map((vector) => cosine(query, vector));
      const best = scores.indexOf(Math.max(...scores));
      expect(passages[best], sentence).toBe(passages[index]);
      expect(scores[index]).toBeGreaterThan(cosine(query, unrelated));
    }
  });
});

describe("incremental ingest", () => {
  const ALPHA = [
    "The Quillfeather observatory sits on a basalt ridge above the valley.",
    "",
    "Its brass telescope was cast in a foundry that also made church bells.",
  ].join("\n");
  const BETA_OLD = "# Marrowdale orchard\n\nThe Marrowdale orchard grows forty varieties of pear on terraced slopes.\n";
  const BETA_NEW = "# Marrowdale orchard\n\nThe Marrowdale orchard replaced its pears with nine kinds of quince last winter.\n";
  const GAMMA = "<html><body><main><p>The Tessaract ferry crosses the lagoon every ninety minutes at low tide.</p></main></body></html>";
  const DELTA = "The Vellichor archive keeps handwritten maps of the northern salt marshes in cedar drawers.\n";

  let ws: Workspace;
  let firstIndex: LoadedIndex;

  beforeAll(async () => {
    ws = await workspace({ "alpha.txt": ALPHA, "beta.md": BETA_OLD, "gamma.html": GAMMA }, { seeds: true });
  });

  const passagesFor = async (question: string) => {
    const pipeline = await Pipeline.open({ config: ws.config });
    return pipeline.retrieve(question);
  };

  it("first run embeds every chunk", async () => {
    const summary = await ingest({ config: ws.config });
    firstIndex = await loadIndex(ws.config);
    expect(summary.unchanged).toBe(false);
    expect(summary.files).toBe(8);
    expect(summary.chunks).toBe(firstIndex.chunks.length);
    expect(summary.embedded).toBe(summary.chunks);
    expect(summary.reused).toBe(0);
    expect(summary.added).toHaveLength(8);
  });

  it("second run embeds nothing and reports unchanged", async () => {
    const summary = await ingest({ config: ws.config });
    expect(summary.unchanged).toBe(true);
    expect(summary.embedded).toBe(0);
    expect(summary.reused).toBe(firstIndex.chunks.length);
    expect(summary.buildId).toBe(firstIndex.buildId);
    expect(await readCurrentBuildId(ws.indexDir)).toBe(firstIndex.buildId);
  });

  it("re-embeds only the chunks of a changed file and reuses the rest", async () => {
    await writeCorpus(ws.corpusDir, { "beta.md": BETA_NEW });
    const summary = await ingest({ config: ws.config });
    const index = await loadIndex(ws.config);
    const betaChunks = chunksOf(index, "beta.md");
    expect(summary.unchanged).toBe(false);
    expect(summary.changed).toEqual(["beta.md"]);
    expect(summary.added).toEqual([]);
    expect(summary.removed).toEqual([]);
    expect(summary.fullRebuildReason).toBeUndefined();
    expect(betaChunks.length).toBeGreaterThan(0);
    expect(summary.embedded).toBe(betaChunks.length);
    expect(summary.reused).toBe(index.chunks.length - betaChunks.length);
    expect(index.manifest.counts).toMatchObject({ embedded: betaChunks.length, reused: summary.reused });
    // Unchanged files keep their chunks (same ids) and their stored vectors.
    const before = new Map(firstIndex.chunks.map((chunk, label) => [chunk.metadata.id, firstIndex.store.index.getPoint(label)]));
    index.chunks.forEach((chunk, label) => {
      if (chunk.metadata.source === "beta.md") return;
      expect(before.has(chunk.metadata.id), chunk.metadata.id).toBe(true);
      // hnswlib stores float32 and re-normalises on insert, so compare by cosine.
      const previous = before.get(chunk.metadata.id)!;
      const cos = index.store.index.getPoint(label).reduce((sum, x, i) => sum + x * previous[i], 0);
      expect(cos).toBeGreaterThan(0.9999);
    });
    expect(betaChunks.map((c) => c.pageContent).join("\n")).toContain("quince");
    expect(index.chunks.some((c) => c.pageContent.includes("forty varieties of pear"))).toBe(false);
    const passages = await passagesFor("Which fruit does the Marrowdale orchard grow now?");
    expect(passages[0].source).toBe("beta.md");
    expect(passages[0].text).toContain("quince");
  });

  it("drops a deleted file's chunks from the manifest and from search", async () => {
    const question = "How often does the Tessaract ferry cross the lagoon?";
    expect((await passagesFor(question))[0].source).toBe("gamma.html");
    await fs.rm(path.join(ws.corpusDir, "gamma.html"));
    const summary = await ingest({ config: ws.config });
    const index = await loadIndex(ws.config);
    expect(summary.removed).toEqual(["gamma.html"]);
    expect(summary.embedded).toBe(0);
    expect(summary.files).toBe(7);
    expect(index.manifest.files["gamma.html"]).toBeUndefined();
    expect(sourcesOf(index).has("gamma.html")).toBe(false);
    expect(index.chunks.some((c) => /Tessaract/.test(c.pageContent))).toBe(false);
    const dense = await index.store.similaritySearch("Tessaract ferry lagoon ninety minutes", 5);
    expect(dense.map((doc) => doc.metadata.source)).not.toContain("gamma.html");
    expect((await passagesFor(question)).map((p) => p.source)).not.toContain("gamma.html");
  });

  it("adds a new file, embedding only its chunks", async () => {
    await writeCorpus(ws.corpusDir, { "sub/delta.txt": DELTA });
    const summary = await ingest({ config: ws.config });
    const index = await loadIndex(ws.config);
    const deltaChunks = chunksOf(index, "sub/delta.txt");
    expect(summary.added).toEqual(["sub/delta.txt"]);
    expect(deltaChunks.length).toBeGreaterThan(0);
    expect(summary.embedded).toBe(deltaChunks.length);
    expect(summary.reused).toBe(index.chunks.length - deltaChunks.length);
    expect(index.manifest.files["sub/delta.txt"].chunkIds).toEqual(deltaChunks.map((c) => c.metadata.id));
    const passages = await passagesFor("Where does the Vellichor archive keep its maps of the salt marshes?");
    expect(passages[0].source).toBe("sub/delta.txt");
  });

  it("rebuild: true re-embeds everything", async () => {
    const summary = await ingest({ config: ws.config, rebuild: true });
    const index = await loadIndex(ws.config);
    expect(summary.unchanged).toBe(false);
    expect(summary.embedded).toBe(index.chunks.length);
    expect(summary.reused).toBe(0);
    expect(summary.fullRebuildReason).toBe("--rebuild");
    expect(index.manifest.counts).toMatchObject({ files: 8, chunks: index.chunks.length, embedded: index.chunks.length, reused: 0 });
  });

  it("an index from an older text analysis is stale and gets rebuilt, though no file changed", async () => {
    const before = await loadIndex(ws.config);
    // What a build from before the analysis was versioned looks like.
    const manifestFile = path.join(ws.indexDir, "builds", before.buildId, MANIFEST_FILE);
    const { textAnalysis, ...older } = JSON.parse(await fs.readFile(manifestFile, "utf8")) as Manifest;
    expect(textAnalysis).toBe(TEXT_ANALYSIS_VERSION);
    await fs.writeFile(manifestFile, JSON.stringify(older));
    expect(await indexIsStale(ws.config)).toEqual({ stale: true, reason: "the text analysis changed since it was built" });

    const summary = await ingest({ config: ws.config });
    expect(summary.unchanged).toBe(false);
    expect(summary.fullRebuildReason).toBe("the text analysis changed since the last build");
    expect(summary.embedded).toBe(before.chunks.length);
    expect((await loadIndex(ws.config)).manifest.textAnalysis).toBe(TEXT_ANALYSIS_VERSION);
    expect(await indexIsStale(ws.config)).toEqual({ stale: false, reason: "up to date" });
  });
});

describe("a failure while writing a build leaves the previous index live", () => {
  const OLD = "The Corvina lighthouse lamp is lit by the keeper at seven every evening.\n";
  const NEW = "The Corvina lighthouse lamp is now lit automatically by a timer at dusk.\n";
  const QUESTION = "Who lights the Corvina lighthouse lamp, and when?";
  let ws: Workspace;
  let oldBuild: string;

  beforeAll(async () => {
    ws = await workspace({
      "lighthouse.txt": OLD,
      "harbour.md": "# Harbour\n\nThe Corvina harbour master keeps the tide tables in a red ledger.\n",
      "boats.txt": "Fishing boats in Corvina are painted blue and yellow to honour the patron saint.\n",
    });
    oldBuild = (await ingest({ config: ws.config })).buildId;
  });

  const expectOldIndexAnswers = async (pipeline: Pipeline) => {
    const result = await pipeline.ask(QUESTION);
    expect(result.found).toBe(true);
    expect(result.citations[0].source).toBe("lighthouse.txt");
    expect(result.answer).toContain("keeper at seven");
  };

  it("HNSWLib.save writing part of the files then throwing", async () => {
    const openedBefore = await Pipeline.open({ config: ws.config });
    await writeCorpus(ws.corpusDir, { "lighthouse.txt": NEW });
    const save = vi.spyOn(HNSWLib.prototype, "save").mockImplementationOnce(async (directory: string) => {
      await fs.writeFile(path.join(directory, "hnswlib.index"), Buffer.alloc(64, 1));
      throw new Error("simulated: no space left on device");
    });

    await expect(ingest({ config: ws.config })).rejects.toThrow("simulated: no space left on device");
    expect(save).toHaveBeenCalledTimes(1);
    expect(await readCurrentBuildId(ws.indexDir)).toBe(oldBuild);
    await expect(fs.access(path.join(ws.indexDir, "ingest.lock"))).rejects.toThrow();
    expect((await loadIndex(ws.config)).buildId).toBe(oldBuild);
    await expectOldIndexAnswers(openedBefore);
    await expectOldIndexAnswers(await Pipeline.open({ config: ws.config }));
  });

  it("embeddings throwing midway (second batch)", async () => {
    // Enough new text for several embedding batches.
    const next = wordSource(3);
    const big = Array.from({ length: 400 }, () => sentenceLine(next, 60)).join("\n\n");
    await writeCorpus(ws.corpusDir, { "big.txt": big });
    const original = LocalEmbeddings.prototype.embedDocuments;
    let calls = 0;
    vi.spyOn(LocalEmbeddings.prototype, "embedDocuments").mockImplementation(async function (this: LocalEmbeddings, texts) {
      if (++calls === 2) throw new Error("simulated embedder crash");
      return original.call(this, texts);
    });
    await expect(ingest({ config: ws.config })).rejects.toThrow("simulated embedder crash");
    expect(calls).toBe(2);
    await fs.rm(path.join(ws.corpusDir, "big.txt"));
    expect(await readCurrentBuildId(ws.indexDir)).toBe(oldBuild);
    await expectOldIndexAnswers(await Pipeline.open({ config: ws.config }));
  });

  it("the next ingest completes, publishes the change and cleans up the partial build", async () => {
    const summary = await ingest({ config: ws.config });
    expect(summary.changed).toEqual(["lighthouse.txt"]);
    expect(summary.buildId).not.toBe(oldBuild);
    expect(await readCurrentBuildId(ws.indexDir)).toBe(summary.buildId);
    const builds = await fs.readdir(path.join(ws.indexDir, "builds"));
    expect(builds.filter((name) => name.endsWith(".partial"))).toEqual([]);
    const result = await (await Pipeline.open({ config: ws.config })).ask(QUESTION);
    expect(result.found).toBe(true);
    expect(result.answer).toContain("timer at dusk");
  });
});

describe("unusable files and folders", () => {
  it("skips corrupt PDF, binary, empty and non-UTF-8 files with a reason", async () => {
    const ws = await workspace({
      "good.txt": "The Saffron canal is dredged every spring by volunteers from the nearby villages.\n",
      "broken.pdf": Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from("garbage \x00\x01\x02 not a pdf", "latin1")]),
      "image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
      "empty.md": "",
      "latin1.txt": Buffer.from("Le caf\xe9 cr\xe8me est tr\xe8s bon.\n", "latin1"),
    });
    const summary = await ingest({ config: ws.config });
    const reasons = Object.fromEntries(summary.skipped.map((s) => [s.source, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(["broken.pdf", "empty.md", "image.txt", "latin1.txt"]);
    expect(reasons["broken.pdf"]).toMatch(/PDF/);
    expect(reasons["image.txt"]).toMatch(/binary/);
    expect(reasons["empty.md"]).toMatch(/empty/);
    expect(reasons["latin1.txt"]).toMatch(/UTF-8/);
    expect(summary.files).toBe(1);
    const index = await loadIndex(ws.config);
    expect(Object.keys(index.manifest.files)).toEqual(["good.txt"]);
    expect(index.manifest.skipped.map((s) => s.source).sort()).toEqual(Object.keys(reasons).sort());
    expect(sourcesOf(index)).toEqual(new Set(["good.txt"]));
  });

  it("throws CorpusError for a folder with no supported files", async () => {
    const ws = await workspace({ "slides.pptx": "PK fake", "empty.txt": "", "data.csv": "a,b\n1,2\n" });
    const attempt = ingest({ config: ws.config });
    await expect(attempt).rejects.toBeInstanceOf(CorpusError);
    await expect(attempt).rejects.toThrow(/No supported documents/);
    expect(await readCurrentBuildId(ws.indexDir)).toBeNull();
  });

  it("throws a one-sentence CorpusError for a missing folder", async () => {
    const ws = await workspace({});
    const config = { ...ws.config, corpusDir: path.join(ws.root, "does-not-exist") };
    const error = await ingest({ config }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorpusError);
    const message = (error as Error).message;
    expect(message).toContain("does not exist");
    expect(message).toContain(config.corpusDir);
    oneSentence(message);
  });
});

describe("OpenAI embedder over HTTP, embedder mismatch and damaged builds", () => {
  const FILES = {
    "rivers.txt": [
      "The Oxbow river floods the meadow of Lindqvist every April after the snow melts.",
      "",
      "Ferrymen on the Oxbow river charge two copper coins for a crossing.",
    ].join("\n"),
    "mountains.md": "# Mountains\n\nThe Grauspitze summit is reached by a path of four hundred stone steps.\n",
  };
  let fake: FakeOpenAI;
  let local: Workspace;
  let remote: Workspace;
  const openaiEnv = () => ({
    RAG_EMBEDDER: "openai",
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "test-key",
    OPENAI_MAX_RETRIES: "0",
  });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    local = await mappedWorkspace();
  });

  afterAll(async () => {
    await fake?.close();
  });

  it("builds an index through /v1/embeddings and a pipeline answers from it", async () => {
    remote = await workspace(FILES, { env: openaiEnv() });
    const summary = await ingest({ config: remote.config });
    const embedRequests = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/embeddings");
    expect(embedRequests.length).toBeGreaterThan(0);
    const inputs = embedRequests.flatMap((r) => (Array.isArray(r.body.input) ? r.body.input : [r.body.input]));
    expect(inputs).toHaveLength(summary.chunks);
    expect(embedRequests[0].body.model).toBe("text-embedding-3-small");
    expect(embedRequests[0].headers.authorization).toBe("Bearer test-key");

    const index = await loadIndex(remote.config);
    expect(index.manifest.embedder.id).toBe(embedderId(remote.config));
    expect(index.manifest.embedder.id).toMatch(/^openai:/);
    expect(index.manifest.embedder.dimensions).toBe(16); // the fake server's vectors, not the local 1024

    const before = fake.requests.length;
    const pipeline = await Pipeline.open({ config: remote.config });
    const result = await pipeline.ask("How much do ferrymen on the Oxbow river charge for a crossing?");
    expect(fake.requests.slice(before).some((r) => r.path === "/v1/embeddings")).toBe(true); // the query was embedded remotely
    expect(result.found).toBe(true);
    expect(result.citations[0].source).toBe("rivers.txt");
    expect(result.answer).toContain("two copper coins");
  });

  it("refuses an index built with another embedder, naming both and how to re-ingest", async () => {
    const openaiConfig = loadConfig(openaiEnv(), { corpusDir: local.corpusDir, indexDir: local.indexDir });
    const requestsBefore = fake.requests.length;
    const error = await loadIndex(openaiConfig).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbedderMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(LOCAL_EMBEDDER_ID);
    expect(message).toContain(embedderId(openaiConfig));
    expect(message).toContain("npm run ingest -- --rebuild");
    await expect(Pipeline.open({ config: openaiConfig })).rejects.toBeInstanceOf(EmbedderMismatchError);
    expect(fake.requests.length).toBe(requestsBefore);

    // And the other way round: the OpenAI-built index loaded with the local embedder.
    const localConfig = loadConfig({}, { corpusDir: remote.corpusDir, indexDir: remote.indexDir });
    const reverse = loadIndex(localConfig);
    await expect(reverse).rejects.toBeInstanceOf(EmbedderMismatchError);
    await expect(reverse).rejects.toThrow(embedderId(remote.config));
  });

  for (const file of ["hnswlib.index", "docstore.json"]) {
    it(`a truncated ${file} in the live build gives IndexCorruptError mentioning re-ingest`, async () => {
      const copy = path.join(await makeTempDir("rag-corrupt-"), "index");
      roots.push(path.dirname(copy));
      await fs.cp(local.indexDir, copy, { recursive: true });
      const config = { ...local.config, indexDir: copy };
      const buildId = (await readCurrentBuildId(copy))!;
      const target = path.join(copy, "builds", buildId, file);
      const { size } = await fs.stat(target);
      await fs.truncate(target, Math.floor(size / 2));

      const error = await loadIndex(config).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IndexCorruptError);
      expect((error as Error).message).toMatch(/npm run ingest/);
      expect((error as Error).message).not.toMatch(/\n/);
      await expect(Pipeline.open({ config })).rejects.toBeInstanceOf(IndexCorruptError);

      if (file !== "hnswlib.index") return;
      // Ingest treats the damaged build as absent and rebuilds from scratch.
      const summary = await ingest({ config });
      expect(summary.embedded).toBe(summary.chunks);
      expect((await loadIndex(config)).chunks.length).toBe(summary.chunks);
    });
  }
});
