"use client";
import { useEffect } from "react";

/** `#L12`, `#L12-L15`, `#P3-L12` or `#P3-L12-L15`. */
const HASH = /^#(?:P(\d+)-)?L(\d+)(?:-L?(\d+))?$/;

/**
 * Scrolls the highlighted lines into view (centred, below the sticky header).
 * The server highlights `?from=&to=`; a link with only a hash (`#L12-L15`), or a click
 * on a line number, is highlighted here.
 */
export function ScrollToHighlight() {
  useEffect(() => {
    const highlightHash = () => {
      const match = HASH.exec(window.location.hash);
      if (!match) return null;
      const page = match[1] ? Number(match[1]) : null;
      const from = Number(match[2]);
      const to = match[3] ? Number(match[3]) : from;
      const lines = [...document.querySelectorAll<HTMLElement>(".code-line")].filter((el) => {
        const line = Number(el.dataset.line);
        const inPage = page === null || Number(el.dataset.page) === page;
        return inPage && line >= Math.min(from, to) && line <= Math.max(from, to);
      });
      if (lines.length === 0) return null;
      document.querySelectorAll(".code-line.hl").forEach((el) => el.classList.remove("hl"));
      lines.forEach((el) => el.classList.add("hl"));
      return lines[0];
    };

    // First load: the server's range wins; fall back to the hash.
    const initial = document.querySelector<HTMLElement>(".code-line.hl") ?? highlightHash();
    initial?.scrollIntoView({ block: "center" });

    const onHashChange = () => highlightHash()?.scrollIntoView({ block: "nearest" });
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  return null;
}
