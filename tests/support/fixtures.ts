/** Test fixtures: corpus folders on disk and tiny hand-built PDFs. */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Writes `files` (relative path → content) under `dir`, creating sub-folders as needed. */
export async function writeCorpus(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [relativePath, content] of Object.entries(files)) {
    const target = path.join(dir, relativePath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }
}

/** Creates a fresh empty folder under the OS temp dir; remove it with `fs.rm(dir, { recursive: true })`. */
export async function makeTempDir(prefix = "rag-test-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const FONT_SIZE = 12;
const LINE_GAP = 16;
const MARGIN = 72;

/** Escapes a string for a PDF literal string `( ... )`. */
function pdfString(text: string): string {
  if (/[^\x20-\x7e]/.test(text)) throw new Error(`makePdf supports printable ASCII only: ${JSON.stringify(text)}`);
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** One text object per line, top to bottom, so each line gets its own y position. */
function pageContentStream(lines: string[]): string {
  return lines
    .map((line, i) => {
      const y = PAGE_HEIGHT - MARGIN - i * LINE_GAP;
      return `BT /F1 ${FONT_SIZE} Tf ${MARGIN} ${y} Td ${pdfString(line)} Tj ET`;
    })
    .join("\n");
}

/**
 * Builds a minimal valid PDF 1.4: one page per entry of `pages`, each page showing
 * its lines in Helvetica. An empty page (no lines) has no extractable text.
 * Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream per page.
 */
export function makePdf(pages: string[][]): Buffer {
  const pageObjectId = (i: number) => 4 + 2 * i;
  const contentObjectId = (i: number) => 5 + 2 * i;

  const bodies: string[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObjectId(i)} 0 R`).join(" ")}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  pages.forEach((lines, i) => {
    bodies.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${contentObjectId(i)} 0 R >>`,
    );
    const stream = pageContentStream(lines);
    bodies.push(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
  });

  // Everything is ASCII, so string lengths are byte offsets.
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  // Each xref entry is exactly 20 bytes: "nnnnnnnnnn ggggg n \n".
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${entries}`;
  pdf += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  // Buffer.alloc, not Buffer.from: small Buffer.from results share a pooled ArrayBuffer,
  // and LangChain's PDFLoader hands pdf.js `buffer.buffer` whole.
  const bytes = Buffer.alloc(pdf.length);
  bytes.write(pdf, "latin1");
  return bytes;
}
