/**
 * The source viewer's lookup only serves files of the index that really live inside the
 * corpus: `..`, absolute paths, URL-encoded and double-encoded traversal, null bytes and
 * symlinks leaving the corpus are all refused (null → 404), at both layers:
 * `Pipeline.readSource(source)` and `lookupSource(segments)` (what the page calls).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pipeline } from "../../lib/pipeline";
import { lookupSource, sourceFromSegments } from "../../lib/sources";
import { buildIndexedCorpus } from "./helpers";

const SECRET = "TOP-SECRET-OUTSIDE-THE-CORPUS";
let root = "";
let corpusDir = "";
let outsideFile = "";
let pipeline: Pipeline;

beforeAll(async () => {
  const built = await buildIndexedCorpus({
    "guide.md": "# Guide\n\nThe harbour ferry leaves at nine every morning from pier four.\n",
    "docs/notes.txt": "Notes about the harbour ferry timetable and the pier.\n",
    "docs/later-swapped.txt": "This file is replaced by a symlink to a secret after indexing.\n",
    "docs/dir-swapped/inner.txt": "Its folder is replaced by a symlink to an outside folder after indexing.\n",
    ".hidden.txt": `Dot-files are not indexed: ${"TOP-SECRET-DOTFILE"}\n`,
    "docs/skipped.csv": "unsupported,type\n",
  });
  root = built.root;
  corpusDir = built.corpusDir;
  // A secret next to the corpus, and symlinks pointing at it.
  const outsideDir = path.join(root, "outside");
  await fs.mkdir(outsideDir, { recursive: true });
  outsideFile = path.join(outsideDir, "secret.txt");
  await fs.writeFile(outsideFile, `${SECRET}\n`);
  await fs.mkdir(path.join(outsideDir, "dir-swapped"), { recursive: true });
  await fs.writeFile(path.join(outsideDir, "dir-swapped", "inner.txt"), `${SECRET}\n`);
  await fs.writeFile(path.join(outsideDir, "inner.txt"), `${SECRET}\n`);

  pipeline = await Pipeline.open({ config: built.config });
  // Symlinks made after indexing: the names are in the manifest, the targets are outside.
  await fs.rm(path.join(corpusDir, "docs/later-swapped.txt"));
  await fs.symlink(outsideFile, path.join(corpusDir, "docs/later-swapped.txt"));
  await fs.rm(path.join(corpusDir, "docs/dir-swapped"), { recursive: true });
  await fs.symlink(outsideDir, path.join(corpusDir, "docs/dir-swapped"));
  // And one that was never indexed, and a file added after indexing.
  await fs.symlink(outsideFile, path.join(corpusDir, "docs/escape.txt"));
  await fs.writeFile(path.join(corpusDir, "docs/added-later.txt"), "Added after indexing: not in the index, not served.\n");
});

afterAll(async () => {
  await pipeline?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

const hostileSources = (): string[] => [
  "../outside/secret.txt",
  "docs/../../outside/secret.txt",
  "docs/../guide.md/../../outside/secret.txt",
  "./../outside/secret.txt",
  "..",
  "../",
  "..\\outside\\secret.txt",
  outsideFile, // absolute
  "/etc/passwd",
  "//etc/passwd",
  "file:///etc/passwd",
  "C:\\Windows\\win.ini",
  "%2e%2e/outside/secret.txt",
  "%2e%2e%2foutside%2fsecret.txt",
  "..%2foutside%2fsecret.txt",
  "%252e%252e%252foutside%252fsecret.txt",
  "%25252e%25252e/outside/secret.txt",
  "..%c0%afoutside/secret.txt",
  "..%u2216outside/secret.txt",
  "guide.md\0",
  "guide.md\0.txt",
  "guide.md%00",
  "docs/notes.txt\u0000../../outside/secret.txt",
  "docs/later-swapped.txt", // indexed name, now a symlink to the secret
  "docs/dir-swapped/inner.txt", // indexed name, its folder now a symlink outside
  "docs/escape.txt", // symlink out of the corpus, never indexed
  ".hidden.txt", // inside the corpus, but not in the index (dot-file)
  "docs/skipped.csv", // inside, unsupported, not in the index
  "docs/added-later.txt", // inside, added after indexing
  "docs/./notes.txt/..",
  "GUIDE.MD",
  " guide.md",
  "guide.md/",
  "",
];

describe("Pipeline.readSource refuses paths that leave the corpus", () => {
  it("serves indexed files inside the corpus", async () => {
    const view = await pipeline.readSource("guide.md");
    expect(view?.lines.map((l) => l.text).join("\n")).toMatch(/harbour ferry/);
    expect((await pipeline.readSource("docs/notes.txt"))?.source).toBe("docs/notes.txt");
  });

  it.each(hostileSources().map((s) => [JSON.stringify(s), s]))("refuses %s", async (_label, source) => {
    const view = await pipeline.readSource(source);
    expect(view).toBeNull();
  });

  it("refuses non-string input", async () => {
    for (const value of [undefined, null, 42, ["guide.md"], { toString: () => "guide.md" }]) {
      expect(await pipeline.readSource(value as unknown as string)).toBeNull();
    }
  });

  it("never returns the secret for any hostile name (content check)", async () => {
    for (const source of hostileSources()) {
      const view = await pipeline.readSource(source);
      expect(JSON.stringify(view ?? "")).not.toContain(SECRET);
    }
  });
});

describe("lookupSource (the source viewer page's lookup) refuses hostile path segments", () => {
  // What the router hands the page: segments decoded once. Double-encoded input stays encoded.
  const hostileSegments: string[][] = [
    ["..", "outside", "secret.txt"],
    ["docs", "..", "..", "outside", "secret.txt"],
    [".", "guide.md"],
    ["..%2foutside%2fsecret.txt"],
    ["%2e%2e", "outside", "secret.txt"],
    ["%252e%252e", "outside", "secret.txt"],
    ["../outside/secret.txt"], // a "/" smuggled inside one segment (from %2f)
    ["..\\outside\\secret.txt"],
    [outsideFile],
    ["", "etc", "passwd"],
    ["guide.md\0"],
    ["guide.md\0.txt"],
    ["C:", "Windows", "win.ini"],
    ["c:\\windows\\win.ini"],
    ["docs", "later-swapped.txt"],
    ["docs", "dir-swapped", "inner.txt"],
    ["docs", "escape.txt"],
    [],
    Array.from({ length: 100 }, () => "docs"),
    ["x".repeat(300)],
  ];

  it("finds a real file from its segments", async () => {
    expect((await lookupSource(["docs", "notes.txt"], pipeline))?.source).toBe("docs/notes.txt");
  });

  it.each(hostileSegments.map((s) => [JSON.stringify(s).slice(0, 80), s]))("refuses %s", async (_label, segments) => {
    expect(await lookupSource(segments, pipeline)).toBeNull();
  });

  it("rejects traversal segments before the pipeline is asked", () => {
    for (const segments of [["..", "x.txt"], ["a/b"], ["a\0b"], ["."], ["c:x"]]) {
      expect(sourceFromSegments(segments)).toBeNull();
    }
    expect(sourceFromSegments(["docs", "notes.txt"])).toBe("docs/notes.txt");
  });
});
