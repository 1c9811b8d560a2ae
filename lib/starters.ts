import type { Document } from "@langchain/core/documents";
import type { ChunkMetadata } from "./types";

const PHRASE = /\b(?:[A-Z][\p{L}\d’'-]+|of|the|and|for|on)(?:\s+(?:[A-Z][\p{L}\d’'-]+|of|the|and|for|on))*\b/gu;
const WEAK_START = /^(the|of|and|for|on|in|a|an|this|that|it|its|he|she|they|but|with)\b/i;

/**
 * Starter questions for the empty chat, drawn from the indexed documents:
 * the most distinctive multi-word names of different files (e.g. a programme or
 * an agreement), so they fit whatever corpus is indexed.
 */
export function starterQuestions(chunks: Document<ChunkMetadata>[], count: number): string[] {
  const bySource = new Map<string, Map<string, number>>();
  for (const chunk of chunks) {
    const counts = bySource.get(chunk.metadata.source) ?? new Map<string, number>();
    for (const match of chunk.pageContent.matchAll(PHRASE)) {
      const phrase = match[0].replace(/\s+(of|the|and|for|on)$/i, "").replace(/’s$|'s$/, "");
      const wordsInPhrase = phrase.split(/\s+/);
      if (wordsInPhrase.length < 2 || wordsInPhrase.length > 6 || WEAK_START.test(phrase)) continue;
      // A phrase at a sentence start may just be a capitalised first word.
      if (match.index === 0 || /[.!?]\s*$/.test(chunk.pageContent.slice(0, match.index))) {
        if (wordsInPhrase.length < 3) continue;
      }
      counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    }
    bySource.set(chunk.metadata.source, counts);
  }
  const filesWith = new Map<string, number>();
  for (const counts of bySource.values()) for (const phrase of counts.keys()) filesWith.set(phrase, (filesWith.get(phrase) ?? 0) + 1);
  const picked: string[] = [];
  for (const counts of [...bySource.values()]) {
    const ranked = [...counts]
      .filter(([phrase]) => !picked.includes(phrase))
      .map(([phrase, n]) => ({ phrase, score: n * phrase.split(" ").length / filesWith.get(phrase)! }))
      .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
    if (ranked[0]) picked.push(ranked[0].phrase);
    if (picked.length >= count) break;
  }
  return picked.map((phrase) => `What do the documents say about the ${phrase}?`);
}
