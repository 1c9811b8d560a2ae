import { createHash } from "node:crypto";
import { Document } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { LoadedFile, SourceLine } from "./loading";
import type { ChunkMetadata } from "./types";

export interface SplitterSettings {
  chunkSize: number;
  chunkOverlap: number;
}

export const SPLITTER_NAME = "RecursiveCharacterTextSplitter";

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Splits one loaded file into overlapping chunks whose metadata points back to
 * the original file's lines. PDF pages are split separately so a chunk never
 * spans two pages.
 */
export async function splitFile(file: LoadedFile, settings: SplitterSettings): Promise<Document<ChunkMetadata>[]> {
  const splitter = new RecursiveCharacterTextSplitter({
    chunkSize: settings.chunkSize,
    chunkOverlap: settings.chunkOverlap,
  });
  const chunks: Document<ChunkMetadata>[] = [];
  for (const group of groupByPage(file.lines)) {
    const text = group.map((line) => line.text).join("\n");
    if (!text.trim()) continue;
    // The splitter records `loc.lines` relative to the joined text; map them back to original lines.
    const pieces = await splitter.createDocuments([text]);
    for (const piece of pieces) {
      const loc = piece.metadata.loc as { lines: { from: number; to: number } };
      const content = piece.pageContent.trim();
      if (!content) continue;
      const hash = sha256(content);
      const chunkIndex = chunks.length;
      chunks.push(
        new Document<ChunkMetadata>({
          pageContent: content,
          metadata: {
            id: `${file.source}#${chunkIndex}:${hash.slice(0, 12)}`,
            source: file.source,
            chunkIndex,
            lines: { from: group[loc.lines.from - 1].line, to: group[loc.lines.to - 1].line },
            ...(group[0].page !== undefined ? { page: group[0].page } : {}),
            hash,
          },
        }),
      );
    }
  }
  return chunks;
}

function groupByPage(lines: SourceLine[]): SourceLine[][] {
  const groups: SourceLine[][] = [];
  for (const line of lines) {
    const current = groups.at(-1);
    if (current && current[0].page === line.page) current.push(line);
    else groups.push([line]);
  }
  return groups;
}
