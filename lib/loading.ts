/**
 * Loads the documents of a corpus folder as normalised lines that remember where
 * they came from (original line, and page for PDF), so citations can point at them.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import * as cheerio from "cheerio";
import { PDFLoader } from "@langchain/community/document_loaders/fs/pdf";
import { CorpusError } from "./errors";
import { normalizeLine } from "./normalize";

export type DocumentKind = "text" | "markdown" | "html" | "pdf";

export interface SourceLine {
  /** Normalised text (see `normalizeLine`). */
  text: string;
  /** 1-based line in the original file; for PDF, the line within that page's extracted text. */
  line: number;
  /** 1-based page number, PDF only. */
  page?: number;
}

export interface LoadedFile {
  /** Path relative to the corpus folder, with forward slashes. */
  source: string;
  absolutePath: string;
  kind: DocumentKind;
  /** sha256 hex of the raw bytes. */
  contentHash: string;
  bytes: number;
  lines: SourceLine[];
}

export interface SkippedFile {
  source: string;
  reason: string;
}

export interface CorpusScan {
  files: LoadedFile[];
  skipped: SkippedFile[];
}

export interface CorpusEntry {
  source: string;
  absolutePath: string;
}

const KIND_BY_EXTENSION: Readonly<Record<string, DocumentKind>> = {
  ".txt": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".pdf": "pdf",
};

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze(Object.keys(KIND_BY_EXTENSION));

// ---------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------

/**
 * Supported documents under `corpusDir`, recursively, sorted by `source`.
 * Ignores dot-files, dot-folders and node_modules; never follows a symlink out of the corpus.
 * Throws `CorpusError` when the folder is missing or not a folder.
 */
export async function listCorpusFiles(corpusDir: string): Promise<CorpusEntry[]> {
  return (await walkCorpus(corpusDir)).files;
}

/**
 * Loads every supported document of the corpus. Files that cannot be used are
 * reported in `skipped` with a reason instead of failing the whole scan.
 * `onFile` is called after each supported file has been loaded or skipped.
 */
export async function loadCorpus(
  corpusDir: string,
  opts: {
    onFile?: (source: string) => void;
    /** Content hashes already indexed, by source: such files are hashed but not parsed again. */
    knownHashes?: ReadonlyMap<string, string>;
  } = {},
): Promise<CorpusScan> {
  const walk = await walkCorpus(corpusDir);
  const files: LoadedFile[] = [];
  const skipped = [...walk.skipped];
  for (const entry of walk.files) {
    try {
      files.push(await loadFile(corpusDir, entry.source, opts.knownHashes?.get(entry.source)));
    } catch (error) {
      skipped.push({ source: entry.source, reason: errorReason(error) });
    }
    opts.onFile?.(entry.source);
  }
  skipped.sort(bySource);
  return { files, skipped };
}

interface CorpusWalk {
  files: CorpusEntry[];
  skipped: SkippedFile[];
}

interface WalkContext extends CorpusWalk {
  /** The corpus folder as given (resolved), used for the paths we hand out. */
  corpusPath: string;
  /** Its real path, used to decide whether a symlink stays inside the corpus. */
  realRoot: string;
}

async function walkCorpus(corpusDir: string): Promise<CorpusWalk> {
  const corpusPath = path.resolve(corpusDir);
  const realRoot = await resolveCorpusRoot(corpusPath);
  const ctx: WalkContext = { corpusPath, realRoot, files: [], skipped: [] };
  await walkFolder(ctx, realRoot, "", new Set([realRoot]));
  ctx.files.sort(bySource);
  ctx.skipped.sort(bySource);
  return { files: ctx.files, skipped: ctx.skipped };
}

/** Real path of the corpus folder, or a `CorpusError` saying in one sentence what is wrong. */
async function resolveCorpusRoot(corpusPath: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(corpusPath);
  } catch (error) {
    if (errorCode(error) === "ENOENT") throw new CorpusError(`The corpus folder "${corpusPath}" does not exist.`);
    throw new CorpusError(`The corpus folder "${corpusPath}" cannot be read (${errorCode(error) ?? "unknown error"}).`);
  }
  if (!stat.isDirectory()) throw new CorpusError(`The corpus path "${corpusPath}" is not a folder.`);
  return fs.realpath(corpusPath);
}

/** Walks one folder. `ancestors` holds the real paths on the way here, to stop symlink loops. */
async function walkFolder(ctx: WalkContext, folder: string, relativeFolder: string, ancestors: Set<string>) {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    ctx.skipped.push({ source: relativeFolder || ".", reason: `could not read folder (${errorCode(error) ?? "error"})` });
    return;
  }
  for (const entry of entries) {
    if (isIgnoredName(entry.name)) continue;
    const source = relativeFolder ? `${relativeFolder}/${entry.name}` : entry.name;
    const entryPath = path.join(folder, entry.name);
    const target = entry.isSymbolicLink() ? await resolveSymlink(ctx, entryPath) : { path: entryPath, entry };
    if ("reason" in target) {
      ctx.skipped.push({ source, reason: target.reason });
    } else if (target.entry.isDirectory()) {
      if (ancestors.has(target.path)) continue; // symlink loop back to a folder we are already in
      await walkFolder(ctx, target.path, source, new Set(ancestors).add(target.path));
    } else if (target.entry.isFile()) {
      addFile(ctx, source);
    } else {
      ctx.skipped.push({ source, reason: "not a regular file" });
    }
  }
}

function isIgnoredName(name: string): boolean {
  return name.startsWith(".") || name === "node_modules";
}

type SymlinkTarget = { path: string; entry: { isDirectory(): boolean; isFile(): boolean } } | { reason: string };

/** Follows a symlink only when it resolves inside the corpus. */
async function resolveSymlink(ctx: WalkContext, linkPath: string): Promise<SymlinkTarget> {
  let realPath: string;
  try {
    realPath = await fs.realpath(linkPath);
  } catch {
    return { reason: "broken symbolic link" };
  }
  if (!isInside(ctx.realRoot, realPath)) return { reason: "symbolic link points outside the corpus folder" };
  return { path: realPath, entry: await fs.stat(realPath) };
}

function addFile(ctx: WalkContext, source: string) {
  const extension = extensionOf(source);
  if (extension in KIND_BY_EXTENSION) {
    ctx.files.push({ source, absolutePath: path.join(ctx.corpusPath, source) });
  } else {
    ctx.skipped.push({ source, reason: unsupportedReason(extension) });
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function extensionOf(source: string): string {
  return path.extname(source).toLowerCase();
}

function unsupportedReason(extension: string): string {
  return extension ? `unsupported file type "${extension}"` : "unsupported file type (no extension)";
}

function bySource(a: { source: string }, b: { source: string }): number {
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

// ---------------------------------------------------------------------------
// Loading one file
// ---------------------------------------------------------------------------

/**
 * Loads one document. Throws an `Error` whose message is a short reason when it cannot be used.
 * When the file's hash equals `knownHash` (it is indexed already), parsing is skipped and
 * `lines` is empty: an unchanged corpus is checked at the speed of hashing.
 */
export async function loadFile(corpusDir: string, source: string, knownHash?: string): Promise<LoadedFile> {
  const kind = KIND_BY_EXTENSION[extensionOf(source)];
  if (!kind) throw new Error(unsupportedReason(extensionOf(source)));
  const absolutePath = path.resolve(corpusDir, source);
  const raw = await readCorpusFile(corpusDir, absolutePath);
  if (raw.length === 0) throw new Error("empty file");
  const contentHash = createHash("sha256").update(raw).digest("hex");

  const lines =
    contentHash === knownHash ? [] : kind === "pdf" ? await pdfLines(raw) : textLines(kind, decodeText(raw));
  return {
    source: source.split(path.sep).join("/"),
    absolutePath,
    kind,
    contentHash,
    bytes: raw.length,
    lines,
  };
}

/** Reads a regular file that really lives inside the corpus (no `..` or symlink escapes). */
async function readCorpusFile(corpusDir: string, absolutePath: string): Promise<Buffer> {
  try {
    const [realRoot, realPath] = await Promise.all([fs.realpath(corpusDir), fs.realpath(absolutePath)]);
    if (!isInside(realRoot, realPath)) throw new Error("file is outside the corpus folder");
    if (!(await fs.stat(realPath)).isFile()) throw new Error("not a regular file");
    return await fs.readFile(realPath);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") throw new Error("file not found");
    if (code === "EACCES" || code === "EPERM") throw new Error("permission denied");
    if (code) throw new Error(`could not read file (${code})`);
    throw error;
  }
}

function textLines(kind: DocumentKind, text: string): SourceLine[] {
  if (kind === "html") {
    const lines = htmlLines(text);
    if (lines.length === 0) throw new Error("HTML has no readable text");
    return lines;
  }
  const lines = splitLines(text).map((line, i) => ({ text: normalizeLine(line), line: i + 1 }));
  if (lines.every((line) => line.text === "")) throw new Error("file contains only whitespace");
  return lines;
}

/** Splits on \r\n, \r or \n; a final line terminator does not start an extra empty line. */
function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------
// Decoding bytes to text
// ---------------------------------------------------------------------------

const BINARY_SAMPLE_BYTES = 64 * 1024;
/** Share of control bytes above which a file is treated as binary (text has almost none). */
const MAX_CONTROL_BYTE_RATIO = 0.05;

/** UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused with a reason. */
function decodeText(raw: Buffer): string {
  const utf16 = utf16Encoding(raw);
  if (utf16) return decodeStrict(raw, utf16);
  if (looksBinary(raw)) throw new Error("binary file");
  return decodeStrict(raw, "utf-8");
}

function utf16Encoding(raw: Buffer): "utf-16le" | "utf-16be" | undefined {
  if (raw[0] === 0xff && raw[1] === 0xfe) return "utf-16le";
  if (raw[0] === 0xfe && raw[1] === 0xff) return "utf-16be";
  return undefined;
}

/** Decodes strictly; the BOM, if any, is dropped by TextDecoder. */
function decodeStrict(raw: Buffer, encoding: "utf-8" | "utf-16le" | "utf-16be"): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(raw);
  } catch {
    throw new Error(encoding === "utf-8" ? "not valid UTF-8 text" : `not valid ${encoding.toUpperCase()} text`);
  }
}

/** NUL bytes anywhere, or many control bytes near the start, mean this is not text. */
function looksBinary(raw: Buffer): boolean {
  if (raw.includes(0)) return true;
  const sample = raw.subarray(0, BINARY_SAMPLE_BYTES);
  let controlBytes = 0;
  for (const byte of sample) {
    const isTextControl = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if ((byte < 0x20 && !isTextControl) || byte === 0x7f) controlBytes++;
  }
  return controlBytes / sample.length > MAX_CONTROL_BYTE_RATIO;
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

/** The parts of a parsed node we use (cheerio's parse5 tree, with source locations). */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
  sourceCodeLocation?: { startLine: number } | null;
}

/** Never readable content. `header`/`footer` are handled separately (kept inside an article). */
const DROPPED_ELEMENTS = new Set([
  "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg",
  "head", "title", "meta", "link", "object", "canvas", "button", "select", "textarea",
]);

/** Page chrome, except inside an <article> where they hold its title or byline. */
const CHROME_ELEMENTS = new Set(["header", "footer"]);

/** Elements that start (and end) a line of text. */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
  "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
  "ol", "option", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
]);

/** Table cells stay on their row's line but must not run into each other. */
const CELL_ELEMENTS = new Set(["td", "th"]);

/** Readable lines of an HTML page; the main content (<main>, else <article>s) when there is any. */
function htmlLines(html: string): SourceLine[] {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true });
  const asNodes = (selection: { get(): unknown[] }) => selection.get() as HtmlNode[];
  const topLevelArticles = $("article").filter((_, el) => $(el).parents("article").length === 0);
  for (const roots of [asNodes($("main").first()), asNodes(topLevelArticles), asNodes($("body"))]) {
    if (roots.length === 0) continue;
    const lines = collectLines(roots);
    if (lines.length > 0) return lines;
  }
  return [];
}

function collectLines(roots: HtmlNode[]): SourceLine[] {
  const collector = new LineCollector();
  for (const root of roots) visitNode(root, collector, { inArticle: false, inPre: false });
  collector.breakLine();
  return collector.lines;
}

interface VisitState {
  inArticle: boolean;
  inPre: boolean;
}

function visitNode(node: HtmlNode, collector: LineCollector, state: VisitState): void {
  if (node.type === "text") {
    addTextNode(node, collector, state.inPre);
    return;
  }
  // Elements only (domhandler marks <script>/<style> with their own types; skip those too).
  if (node.type !== "tag" || !node.name || isDropped(node, state.inArticle)) return;

  const isBlock = BLOCK_ELEMENTS.has(node.name);
  if (isBlock) collector.breakLine();
  if (CELL_ELEMENTS.has(node.name)) collector.addSpace();
  const childState = {
    inArticle: state.inArticle || node.name === "article",
    inPre: state.inPre || node.name === "pre",
  };
  for (const child of node.children ?? []) visitNode(child, collector, childState);
  if (isBlock) collector.breakLine();
}

function isDropped(element: HtmlNode, inArticle: boolean): boolean {
  const name = element.name ?? "";
  const attribs = element.attribs ?? {};
  if (DROPPED_ELEMENTS.has(name)) return true;
  if (CHROME_ELEMENTS.has(name) && !inArticle) return true;
  return attribs.hidden !== undefined || attribs["aria-hidden"] === "true";
}

/** The parser normalises newlines to \n, so the i-th piece of the text sits on startLine + i. */
function addTextNode(node: HtmlNode, collector: LineCollector, inPre: boolean): void {
  const startLine = node.sourceCodeLocation?.startLine ?? 1;
  (node.data ?? "").split("\n").forEach((piece, i) => {
    if (i > 0) {
      if (inPre) collector.breakLine(); // preformatted text keeps its own line breaks
      else collector.addSpace();
    }
    collector.addText(piece, startLine + i);
  });
}

/** Accumulates text into lines; a line's number is where its first visible text was. */
class LineCollector {
  readonly lines: SourceLine[] = [];
  private text = "";
  private line: number | undefined;

  addText(text: string, line: number): void {
    if (this.line === undefined && normalizeLine(text) !== "") this.line = line;
    this.text += text;
  }

  addSpace(): void {
    this.text += " ";
  }

  breakLine(): void {
    const text = normalizeLine(this.text);
    if (text !== "" && this.line !== undefined) this.lines.push({ text, line: this.line });
    this.text = "";
    this.line = undefined;
  }
}

// ---------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------

/** Non-blank lines of each page, numbered within the page's extracted text. */
async function pdfLines(raw: Buffer): Promise<SourceLine[]> {
  let pages;
  try {
    pages = await new PDFLoader(new Blob([new Uint8Array(raw)]), { splitPages: true }).load();
  } catch (error) {
    throw new Error(`could not read PDF: ${firstLine(errorReason(error))}`);
  }
  const lines: SourceLine[] = [];
  pages.forEach((pageDoc, index) => {
    const page = Number(pageDoc.metadata.loc?.pageNumber ?? index + 1);
    splitLines(pageDoc.pageContent).forEach((rawLine, i) => {
      const text = normalizeLine(rawLine);
      if (text !== "") lines.push({ text, line: i + 1, page });
    });
  });
  if (lines.length === 0) throw new Error("PDF has no extractable text (scanned?)");
  return lines;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

function firstLine(message: string): string {
  const line = message.split("\n")[0]?.trim() || "unknown error";
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
