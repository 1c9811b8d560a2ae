/**
 * The source viewer serves only files in the index, and only from inside the corpus:
 * traversal (`..`, encoded and double-encoded), absolute paths, null bytes and
 * symlinks out of the corpus all come back as "not found".
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const env = await vi.hoisted(async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const root = mkdtempSync(join(tmpdir(), "rag-source-"));
  const corpus = join(root, "corpus");
  mkdirSync(join(corpus, "sub"), { recursive: true });
  writeFileSync(join(corpus, "a.txt"), "Alpha line one.\nAlpha line two mentions the harbour.\nAlpha line three.\n");
  writeFileSync(join(corpus, "sub", "b.txt"), "Bravo line one about the railway.\nBravo line two.\n");
  writeFileSync(join(corpus, "link.txt"), "Linked file that will become a symlink after indexing.\n");
  writeFileSync(join(corpus, "markup.txt"), "Plain first line.\n<script>alert('x')</script> <b>bold?</b> line two.\n");
  writeFileSync(join(root, "secret.txt"), "TOP SECRET outside the corpus\n");
  Object.assign(process.env, { RAG_CORPUS_DIR: corpus, RAG_INDEX_DIR: join(root, "index"), RAG_EMBEDDER: "local", RAG_ANSWERER: "extractive" });
  return { root, corpus };
});

import SourcePage from "@/app/sources/[...path]/page";
import { loadConfig } from "@/lib/config";
import { ingest } from "@/lib/indexing";
import { getPipeline } from "@/lib/pipeline";
import { lookupSource, parseLineRange, sourceFromSegments } from "@/lib/sources";
import { renderToStaticMarkup } from "react-dom/server";
import { makePdf } from "./support/fixtures";

beforeAll(async () => {
  await fs.writeFile(
    path.join(env.corpus, "report.pdf"),
    makePdf([["Harbour report page one", "Cargo volumes rose sharply"], ["Second page heading", "Railway freight doubled"]]),
  );
  await ingest({ config: loadConfig() });
  // Indexed as a regular file, then swapped for a symlink that points out of the corpus.
  await fs.rm(path.join(env.corpus, "link.txt"));
  await fs.symlink(path.join(env.root, "secret.txt"), path.join(env.corpus, "link.txt"));
  // On disk but never indexed.
  await fs.writeFile(path.join(env.corpus, "late.txt"), "Added after the index was built.\n");
});

afterAll(async () => {
  await fs.rm(env.root, { recursive: true, force: true });
});

const lookup = (segments: string[]) => lookupSource(segments, getPipeline);

describe("lookupSource", () => {
  it("serves indexed files, nested ones included, with their lines", async () => {
    const a = await lookup(["a.txt"]);
    expect(a?.source).toBe("a.txt");
    expect(a?.lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(a?.lines[1].text).toContain("harbour");
    expect((await lookup(["sub", "b.txt"]))?.lines[0].text).toContain("railway");
  });

  it.each<[string, string[]]>([
    ["a parent segment", ["..", "secret.txt"]],
    ["a parent segment inside the path", ["sub", "..", "a.txt"]],
    ["a current-dir segment", [".", "a.txt"]],
    ["an encoded parent (%2e%2e, decoded once by the router, not again)", ["%2e%2e", "secret.txt"]],
    ["a double-encoded parent", ["%252e%252e", "secret.txt"]],
    ["an encoded slash", ["..%2Fsecret.txt"]],
    ["a slash smuggled inside one segment", ["../secret.txt"]],
    ["a backslash", ["..\\secret.txt"]],
    ["an absolute path", ["", "etc", "passwd"]],
    ["an absolute path in one segment", ["/etc/passwd"]],
    ["the corpus's own absolute path", [...path.join(env.corpus, "a.txt").split("/")]],
    ["a Windows drive path", ["C:", "Windows", "win.ini"]],
    ["a null byte", ["a.txt\0"]],
    ["a null byte before an extension", ["secret\0.txt"]],
    ["an encoded null byte", ["a.txt%00"]],
    ["an empty path", []],
    ["an empty segment", ["sub", "", "b.txt"]],
    ["a symlink out of the corpus (indexed before it was swapped)", ["link.txt"]],
    ["a file that exists but is not in the index", ["late.txt"]],
    ["a file that does not exist", ["nope.txt"]],
    ["an object key that is not a file", ["__proto__"]],
    ["another object key", ["constructor"]],
  ])("refuses %s", async (_name, segments) => {
    expect(await lookup(segments)).toBeNull();
  });

  it("never calls the pipeline for paths refused up front", async () => {
    const readSource = vi.fn(async () => null);
    await lookupSource(["..", "x"], { readSource });
    await lookupSource(["a\0"], { readSource });
    expect(readSource).not.toHaveBeenCalled();
  });

  it("normalises the route segments into a forward-slash source name", () => {
    expect(sourceFromSegments(["sub", "b.txt"])).toBe("sub/b.txt");
    expect(sourceFromSegments(undefined)).toBeNull();
  });
});

describe("the source viewer page", () => {
  const render = (segments: string[], query: Record<string, string> = {}) =>
    SourcePage({ params: Promise.resolve({ path: segments }), searchParams: Promise.resolve(query) });

  it("renders an indexed file", async () => {
    await expect(render(["a.txt"], { from: "2", to: "2" })).resolves.toBeTruthy();
  });

  it("highlights the requested lines and renders document text as text, never HTML", async () => {
    const html = renderToStaticMarkup(await render(["markup.txt"], { from: "2", to: "2" }));
    expect(html).toMatch(/id="L2"[^>]*class="code-line hl"|class="code-line hl"[^>]*id="L2"/);
    expect(html).not.toMatch(/id="L1"[^>]*class="code-line hl"/);
    expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<b>bold");
  });

  it("shows PDF page numbers and highlights lines on the cited page only", async () => {
    const pdf = await lookup(["report.pdf"]);
    expect(pdf?.kind).toBe("pdf");
    expect(new Set(pdf?.lines.map((l) => l.page))).toEqual(new Set([1, 2]));
    const html = renderToStaticMarkup(await render(["report.pdf"], { page: "2", from: "1", to: "1" }));
    expect(html).toContain("Page 1");
    expect(html).toContain("Page 2");
    expect(html).toMatch(/id="P2-L1"[^>]*class="code-line hl"/);
    expect(html).toMatch(/id="P1-L1"[^>]*class="code-line"/);
  });

  it.each([[["..", "secret.txt"]], [["%252e%252e", "secret.txt"]], [["link.txt"]], [["a.txt\0"]]])(
    "answers 404 (notFound) for %j",
    async (segments) => {
      await expect(render(segments)).rejects.toMatchObject({ digest: expect.stringMatching(/NEXT_HTTP_ERROR_FALLBACK;404/) });
    },
  );
});

describe("parseLineRange", () => {
  it("reads from/to, orders them and defaults `to` to `from`", () => {
    expect(parseLineRange("3", "7")).toEqual({ from: 3, to: 7 });
    expect(parseLineRange("7", "3")).toEqual({ from: 3, to: 7 });
    expect(parseLineRange("4", undefined)).toEqual({ from: 4, to: 4 });
    expect(parseLineRange(["5", "9"], "6")).toEqual({ from: 5, to: 6 });
  });

  it("ignores junk", () => {
    for (const bad of [undefined, "", "0", "-1", "1e3", "abc", "2<script>", "99999999"]) {
      expect(parseLineRange(bad, "3")).toBeNull();
    }
  });
});
