/**
 * Text normalisation shared by loading (and anything that compares text with it).
 * Keeps letters and punctuation as they are; only folds compatibility forms and
 * cleans invisible or spacing characters that would otherwise break matching.
 */

/** Zero-width and invisible formatting characters: soft hyphen, ZW space/joiners, LRM/RLM, word joiner, BOM. */
const INVISIBLE_CHARS = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** Runs of whitespace (tabs, NBSP, line/paragraph separators, ...) and control characters. */
const SPACE_OR_CONTROL_RUNS = /[\s\p{Cc}]+/gu;

/** Normalises one line of text: NFKC, no invisible characters, single spaces, trimmed. */
export function normalizeLine(s: string): string {
  return s.normalize("NFKC").replace(INVISIBLE_CHARS, "").replace(SPACE_OR_CONTROL_RUNS, " ").trim();
}
