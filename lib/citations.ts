import { sentences } from "./text";
import type { Citation } from "./types";
import type { Passage } from "./retrieval";

/**
 * Verifies citation markers while an answer streams: markers that point to no
 * passage are dropped, valid ones are renumbered in order of first appearance,
 * so the text the user sees already matches the final citation list.
 */
export class CitationRenumberer {
  /** Passage indices (0-based) in the order they were first cited. */
  readonly cited: number[] = [];
  private pending = "";
  /** Whitespace not yet shown: it is dropped with a marker that turns out invalid ("1850 [9]." → "1850."). */
  private held = "";
  private droppedMarker = false;

  constructor(private readonly passageCount: number) {}

  /** Feeds a piece of the answer; returns the text that can be shown now. */
  push(delta: string): string {
    let out = "";
    for (const char of delta) {
      if (this.pending) {
        this.pending += char;
        if (char === "]") {
          const rewritten = this.rewrite(this.pending);
          this.pending = "";
          if (rewritten) out += this.release() + rewritten;
          else this.droppedMarker = true;
        } else if (!/[\d,\s]/.test(char) || this.pending.length > 24) {
          // Not a marker after all ("[see note" or a long bracket): release as typed.
          out += this.release() + this.pending;
          this.pending = "";
        }
      } else if (char === "[") {
        this.pending = "[";
      } else if (/\s/.test(char)) {
        if (!(this.droppedMarker && this.held)) this.held += char;
      } else {
        if (this.droppedMarker && /[.,;:!?]/.test(char)) this.held = "";
        out += this.release() + char;
      }
    }
    return out;
  }

  /** Flushes an unfinished bracket at the end of the answer. */
  end(): string {
    const rest = this.release() + this.pending;
    this.pending = "";
    return rest;
  }

  private release(): string {
    const held = this.held;
    this.held = "";
    this.droppedMarker = false;
    return held;
  }

  /** Rewrites "[3]" or "[1, 4]" into verified, renumbered markers ("" when none is valid). */
  private rewrite(marker: string): string {
    const numbers = marker.slice(1, -1).split(/[\s,]+/).filter(Boolean).map(Number);
    if (numbers.length === 0) return marker;
    const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= this.passageCount);
    return [...new Set(valid)]
      .map((n) => {
        let position = this.cited.indexOf(n - 1);
        if (position === -1) position = this.cited.push(n - 1) - 1;
        return `[${position + 1}]`;
      })
      .join("");
  }

  citations(passages: Passage[]): Citation[] {
    return this.cited.map((index, position) => toCitation(passages[index], position + 1));
  }
}

export function toCitation(passage: Passage, n: number): Citation {
  return {
    n,
    source: passage.source,
    lines: passage.lines,
    ...(passage.page !== undefined ? { page: passage.page } : {}),
    text: passage.text,
    score: Number(passage.score.toFixed(6)),
  };
}

/** Runs a whole answer through the checker at once (for non-streamed text and tests). */
export function verifyCitations(answer: string, passages: Passage[]): { answer: string; citations: Citation[] } {
  const renumberer = new CitationRenumberer(passages.length);
  const text = renumberer.push(answer) + renumberer.end();
  return { answer: tidy(text), citations: renumberer.citations(passages) };
}

/** Sentences of the answer that carry no [n] marker (headings and list intros ending in ":" excepted). */
export function uncitedSentences(answer: string): string[] {
  const result: string[] = [];
  const all = sentences(answer);
  all.forEach((sentence, i) => {
    if (/\[\d+\]/.test(sentence)) return;
    // A marker that starts the next "sentence" (". [2]") belongs to this one.
    if (/^\[\d+\]/.test(all[i + 1] ?? "")) return;
    if (/:\s*$/.test(sentence) || !/[\p{L}]/u.test(sentence)) return;
    result.push(sentence);
  });
  return result;
}

/** Removes spaces left before punctuation by a dropped marker. */
export function tidy(text: string): string {
  return text.replace(/[ \t]+([.,;:!?])/g, "$1").replace(/[ \t]{2,}/g, " ").trim();
}

/**
 * Narrows each citation to the lines its quoted sentences come from, when the
 * passage's text lines map one-to-one onto its original line range (plain text
 * and Markdown); otherwise, or when a sentence is not a verbatim quote, the
 * citation keeps the whole passage.
 */
export function narrowToQuotedLines(citations: Citation[], answer: string): Citation[] {
  const answerSentences = sentences(answer);
  return citations.map((citation) => {
    const passageLines = citation.text.split("\n");
    if (passageLines.length !== citation.lines.to - citation.lines.from + 1) return citation;
    const quoted = answerSentences
      .filter((sentence) => sentence.includes(`[${citation.n}]`))
      .map((sentence) => sentence.replace(/\s*\[\d+\]/g, "").replace(/[.!?…]+$/, "").trim());
    let first = Infinity;
    let last = -Infinity;
    for (const quote of quoted) {
      const at = citation.text.indexOf(quote);
      if (!quote || at === -1) return citation;
      first = Math.min(first, lineOf(citation.text, at));
      last = Math.max(last, lineOf(citation.text, at + quote.length - 1));
    }
    if (first === Infinity) return citation;
    return {
      ...citation,
      lines: { from: citation.lines.from + first, to: citation.lines.from + last },
      text: passageLines.slice(first, last + 1).join("\n"),
    };
  });
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
