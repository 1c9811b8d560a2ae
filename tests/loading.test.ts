import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusError } from "@/lib/errors";
import {
  SUPPORTED_EXTENSIONS,
  listCorpusFiles,
  loadCorpus,
  loadFile,
  type CorpusScan,
  type LoadedFile,
} from "@/lib/loading";
import { normalizeLine } from "@/lib/normalize";
import { makePdf, makeTempDir, writeCorpus } from "./support/fixtures";

const TXT_CRLF = "First line\r\n\r\nThird line\r\n  indented\tline  \r\n\r\nSixth line\r\n";

const MARKDOWN = ["# Guide", "", "Some *intro* text.", "", "## Install", "", "Run the installer.", ""].join("\n");

// Paragraph "Alpha" sits on line 12 and "Bravo" on line 15 of this source.
const HTML = [
  "<!doctype html>", //                                          1
  "<html>", //                                                   2
  "<head>", //                                                   3
  "  <title>Ignored title</title>", //                           4
  "  <style>p { color: red; }</style>", //                       5
  "  <script>console.log('ignored script');</script>", //        6
  "</head>", //                                                  7
  "<body>", //                                                   8
  "  <nav><a href='/'>Home</a> | <a href='/about'>About</a></nav>", // 9
  "  <header>Site banner</header>", //                           10
  "  <main>", //                                                 11
  "    <p>Alpha paragraph: fish &amp; chips &lt;3 caf&eacute;&nbsp;bar.</p>", // 12
  "    <script>var hidden = 'ignored';</script>", //             13
  "    <p hidden>Hidden paragraph</p>", //                       14
  "    <p>Bravo paragraph", //                                   15
  "       continues here.</p>", //                               16
  "    <div aria-hidden=\"true\">Decorative</div>", //           17
  "    <ul><li>Item one</li><li>Item two<br>after break</li></ul>", // 18
  "    <table><tr><td>cell A</td><td>cell B</td></tr></table>", // 19
  "  </main>", //                                                20
  "  <footer>Copyright footer</footer>", //                      21
  "</body>", //                                                  22
  "</html>", //                                                  23
].join("\n");

const PDF_PAGES = [
  ["Page one title", "The quick brown fox (jumps)."],
  ["Page two heading", "", "Third line on page two."],
];

let root: string; // holds the corpus and an "outside" folder next to it
let corpus: string;

beforeAll(async () => {
  root = await makeTempDir("loading-test-");
  corpus = path.join(root, "corpus");
  await writeCorpus(root, { "outside/secret.txt": "outside the corpus\n" });
  await writeCorpus(corpus, {
    "notes.txt": TXT_CRLF,
    "old-mac.txt": "one\rtwo\r\rfour",
    "docs/guide.md": MARKDOWN,
    "docs/deep/nested/readme.markdown": "Nested readme.\n",
    "web/page.html": HTML,
    "web/legacy.HTM": "<p>Upper-case extension</p>",
    "web/article.htm": "<div>menu</div>\n<article><header><h2>Post title</h2></header>\n<p>Post body</p></article>",
    "papers/report.pdf": makePdf(PDF_PAGES),
    "papers/corrupt.pdf": Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from("garbage \x00\x01\x02 more garbage", "latin1")]),
    "papers/scanned.pdf": makePdf([[]]),
    "bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Starts with a BOM\n")]),
    "utf16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("UTF-16 text\nsecond", "utf16le")]),
    "binary.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    "control-bytes.md": Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 8) + 1)),
    "empty.txt": "",
    "blank.md": "  \n\t\n   \n",
    "latin1.txt": Buffer.from("caf\xe9 cr\xe8me\n", "latin1"),
    "blank.html": "<html><body><script>only()</script></body></html>",
    "report.docx": Buffer.from("PK\x03\x04 fake docx", "latin1"),
    "LICENSE": "no extension",
    ".hidden.txt": "dot-file",
    ".git/config.txt": "dot-folder",
    "node_modules/pkg/readme.md": "dependency",
  });
  await fs.symlink(path.join(root, "outside", "secret.txt"), path.join(corpus, "escape.txt"));
  await fs.symlink(path.join(root, "outside"), path.join(corpus, "escape-dir"));
  await fs.symlink(path.join(corpus, "docs", "guide.md"), path.join(corpus, "alias.md"));
  await fs.symlink(corpus, path.join(corpus, "docs", "loop")); // must not recurse forever
});

afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

function fileOf(scan: CorpusScan, source: string): LoadedFile {
  const file = scan.files.find((f) => f.source === source);
  if (!file) throw new Error(`not loaded: ${source}; skipped: ${JSON.stringify(scan.skipped)}`);
  return file;
}

function reasonOf(scan: CorpusScan, source: string): string | undefined {
  return scan.skipped.find((s) => s.source === source)?.reason;
}

describe("normalizeLine", () => {
  it("folds compatibility forms with NFKC", () => {
    expect(normalizeLine("ﬁle Ｆｕｌｌ")).toBe("file Full");
  });

  it("removes zero-width characters and soft hyphens", () => {
    expect(normalizeLine("zero\u200bwidth\u200d join\u00adted\ufeff")).toBe("zerowidth jointed");
    expect(normalizeLine("hy\u00adphen\u2060ated")).toBe("hyphenated");
  });

  it("collapses whitespace, NBSP, tabs and control characters to single spaces and trims", () => {
    expect(normalizeLine("  a\u00a0\u00a0b\t\tc\u0007d\u2028e  ")).toBe("a b c d e");
    expect(normalizeLine(" \t\u00a0 ")).toBe("");
  });

  it("leaves letters and typographic quotes alone", () => {
    expect(normalizeLine("“Café” — it’s naïve")).toBe("“Café” — it’s naïve");
  });
});

describe("listCorpusFiles", () => {
  it("lists supported files recursively, sorted, with forward-slash sources", async () => {
    const files = await listCorpusFiles(corpus);
    const sources = files.map((f) => f.source);
    expect(sources).toEqual([...sources].sort());
    expect(sources).toContain("docs/deep/nested/readme.markdown");
    expect(sources).toContain("web/legacy.HTM");
    expect(sources).toContain("alias.md"); // symlink inside the corpus is followed
    expect(files.find((f) => f.source === "docs/guide.md")?.absolutePath).toBe(path.join(corpus, "docs", "guide.md"));
  });

  it("ignores dot-files, dot-folders, node_modules and unsupported types", async () => {
    const sources = (await listCorpusFiles(corpus)).map((f) => f.source);
    expect(sources.some((s) => s.includes(".hidden") || s.startsWith(".git") || s.includes("node_modules"))).toBe(false);
    expect(sources).not.toContain("report.docx");
    expect(sources.every((s) => SUPPORTED_EXTENSIONS.includes(path.extname(s).toLowerCase()))).toBe(true);
  });

  it("does not follow symlinks that leave the corpus, and survives symlink loops", async () => {
    const sources = (await listCorpusFiles(corpus)).map((f) => f.source);
    expect(sources).not.toContain("escape.txt");
    expect(sources.some((s) => s.startsWith("escape-dir/"))).toBe(false);
    expect(sources.some((s) => s.startsWith("docs/loop/"))).toBe(false);
  });
});

describe("loadCorpus", () => {
  let scan: CorpusScan;
  const seen: string[] = [];

  beforeAll(async () => {
    scan = await loadCorpus(corpus, { onFile: (source) => seen.push(source) });
  });

  it("maps every .txt line, blank ones included, back to its original line (CRLF)", () => {
    const file = fileOf(scan, "notes.txt");
    expect(file.kind).toBe("text");
    expect(file.lines).toEqual([
      { text: "First line", line: 1 },
      { text: "", line: 2 },
      { text: "Third line", line: 3 },
      { text: "indented line", line: 4 },
      { text: "", line: 5 },
      { text: "Sixth line", line: 6 },
    ]);
  });

  it("handles bare \\r line endings", () => {
    expect(fileOf(scan, "old-mac.txt").lines.map((l) => [l.line, l.text])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, ""],
      [4, "four"],
    ]);
  });

  it("keeps markdown lines as they are, one per original line", () => {
    const file = fileOf(scan, "docs/guide.md");
    expect(file.kind).toBe("markdown");
    expect(file.lines.map((l) => l.text)).toEqual(MARKDOWN.split("\n").slice(0, -1));
    file.lines.forEach((l, i) => expect(l.line).toBe(i + 1));
    expect(fileOf(scan, "docs/deep/nested/readme.markdown").lines).toEqual([{ text: "Nested readme.", line: 1 }]);
  });

  it("records size and sha256 of the raw bytes", async () => {
    const file = fileOf(scan, "notes.txt");
    const raw = await fs.readFile(path.join(corpus, "notes.txt"));
    expect(file.bytes).toBe(raw.length);
    expect(file.contentHash).toBe(createHash("sha256").update(raw).digest("hex"));
    expect(file.absolutePath).toBe(path.join(corpus, "notes.txt"));
  });

  it("extracts readable HTML text with original line numbers and decoded entities", () => {
    const file = fileOf(scan, "web/page.html");
    expect(file.kind).toBe("html");
    expect(file.lines).toEqual([
      { text: "Alpha paragraph: fish & chips <3 café bar.", line: 12 },
      { text: "Bravo paragraph continues here.", line: 15 },
      { text: "Item one", line: 18 },
      { text: "Item two", line: 18 },
      { text: "after break", line: 18 },
      { text: "cell A cell B", line: 19 },
    ]);
  });

  it("drops scripts, styles, navigation, page header/footer and hidden elements", () => {
    const text = fileOf(scan, "web/page.html").lines.map((l) => l.text).join("\n");
    for (const unwanted of ["ignored", "Home", "About", "Site banner", "Copyright", "Hidden", "Decorative", "color"]) {
      expect(text).not.toContain(unwanted);
    }
  });

  it("prefers <article> content and keeps the article's own header", () => {
    expect(fileOf(scan, "web/article.htm").lines).toEqual([
      { text: "Post title", line: 2 },
      { text: "Post body", line: 3 },
    ]);
    expect(fileOf(scan, "web/legacy.HTM").lines).toEqual([{ text: "Upper-case extension", line: 1 }]);
  });

  it("reads each PDF page's lines with page and line numbers", () => {
    const file = fileOf(scan, "papers/report.pdf");
    expect(file.kind).toBe("pdf");
    expect(file.lines).toEqual([
      { text: "Page one title", line: 1, page: 1 },
      { text: "The quick brown fox (jumps).", line: 2, page: 1 },
      { text: "Page two heading", line: 1, page: 2 },
      { text: "Third line on page two.", line: 3, page: 2 },
    ]);
  });

  it("strips a UTF-8 BOM and decodes UTF-16 with a BOM", () => {
    expect(fileOf(scan, "bom.txt").lines).toEqual([{ text: "Starts with a BOM", line: 1 }]);
    expect(fileOf(scan, "utf16.txt").lines.map((l) => l.text)).toEqual(["UTF-16 text", "second"]);
  });

  it("skips unusable files with a reason instead of failing", () => {
    expect(reasonOf(scan, "empty.txt")).toBe("empty file");
    expect(reasonOf(scan, "blank.md")).toBe("file contains only whitespace");
    expect(reasonOf(scan, "blank.html")).toBe("HTML has no readable text");
    expect(reasonOf(scan, "binary.txt")).toBe("binary file");
    expect(reasonOf(scan, "control-bytes.md")).toBe("binary file");
    expect(reasonOf(scan, "latin1.txt")).toBe("not valid UTF-8 text");
    expect(reasonOf(scan, "papers/corrupt.pdf")).toMatch(/^could not read PDF: .+/);
    expect(reasonOf(scan, "papers/scanned.pdf")).toBe("PDF has no extractable text (scanned?)");
    expect(reasonOf(scan, "report.docx")).toBe('unsupported file type ".docx"');
    expect(reasonOf(scan, "LICENSE")).toBe("unsupported file type (no extension)");
    expect(reasonOf(scan, "escape.txt")).toBe("symbolic link points outside the corpus folder");
    expect(reasonOf(scan, "escape-dir")).toBe("symbolic link points outside the corpus folder");
  });

  it("never reports ignored files, and lists loaded plus skipped files exactly once", async () => {
    const all = [...scan.files.map((f) => f.source), ...scan.skipped.map((s) => s.source)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.some((s) => s.includes(".hidden") || s.startsWith(".git") || s.includes("node_modules"))).toBe(false);
    expect(scan.skipped.map((s) => s.source)).toEqual(scan.skipped.map((s) => s.source).sort());
  });

  it("calls onFile once per listed file, in order", async () => {
    expect(seen).toEqual((await listCorpusFiles(corpus)).map((f) => f.source));
  });

  it("throws CorpusError when the folder is missing or not a folder", async () => {
    await expect(loadCorpus(path.join(root, "missing"))).rejects.toBeInstanceOf(CorpusError);
    await expect(loadCorpus(path.join(root, "missing"))).rejects.toThrow(/does not exist/);
    await expect(loadCorpus(path.join(corpus, "notes.txt"))).rejects.toThrow(/is not a folder/);
    await expect(listCorpusFiles(path.join(root, "missing"))).rejects.toBeInstanceOf(CorpusError);
  });

  it("returns an empty scan, not an error, when nothing is supported", async () => {
    const dir = path.join(root, "only-docx");
    await writeCorpus(dir, { "a.docx": "x" });
    const result = await loadCorpus(dir);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([{ source: "a.docx", reason: 'unsupported file type ".docx"' }]);
  });
});

describe("loadFile", () => {
  it("refuses paths that escape the corpus", async () => {
    await expect(loadFile(corpus, "../outside/secret.txt")).rejects.toThrow("file is outside the corpus folder");
    await expect(loadFile(corpus, "escape.txt")).rejects.toThrow("file is outside the corpus folder");
  });

  it("throws short reasons for missing and unsupported files", async () => {
    await expect(loadFile(corpus, "nope.txt")).rejects.toThrow("file not found");
    await expect(loadFile(corpus, "report.docx")).rejects.toThrow('unsupported file type ".docx"');
  });
});

describe("makePdf fixture", () => {
  it("is read by pdf-parse (pdf.js 1.10) with one line per text object", async () => {
    const pdfParse = createRequire(import.meta.url)("pdf-parse") as (data: Uint8Array) => Promise<{ numpages: number; text: string }>;
    // pdf.js 1.10's fake worker mangles Node Buffers ("bad XRef entry"); a plain Uint8Array is what LangChain passes too.
    const result = await pdfParse(new Uint8Array(makePdf(PDF_PAGES)));
    expect(result.numpages).toBe(2);
    expect(result.text).toContain("Page one title\nThe quick brown fox (jumps).");
    expect(result.text).toContain("Third line on page two.");
  });
});
