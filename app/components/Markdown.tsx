"use client";
import { memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { CitationInfo } from "@/app/shared";
import { citationLabel } from "@/app/shared";

/** Minimal mdast shapes this file touches (avoids a direct dependency on @types/mdast). */
interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
}

const MARKER = /\[(\d{1,3})\]/g;
const CITE_PREFIX = "#cite-";
/** Nodes whose text must stay literal (code) or already are links. */
const SKIP = new Set(["code", "inlineCode", "link", "linkReference", "definition", "html"]);

/**
 * remark plugin: turns `[n]` in prose into links to `#cite-n`, which the `a` renderer
 * below replaces with a citation button. Works on the syntax tree, so markers inside
 * code stay text.
 */
function remarkCitationMarkers() {
  return (tree: MdNode) => rewrite(tree);
}

function rewrite(node: MdNode): void {
  if (!node.children || SKIP.has(node.type)) return;
  const next: MdNode[] = [];
  for (const child of node.children) {
    if (child.type !== "text" || !child.value) {
      rewrite(child);
      next.push(child);
      continue;
    }
    let last = 0;
    for (const match of child.value.matchAll(MARKER)) {
      const start = match.index ?? 0;
      if (start > last) next.push({ type: "text", value: child.value.slice(last, start) });
      next.push({ type: "link", url: `${CITE_PREFIX}${match[1]}`, children: [{ type: "text", value: match[1] }] });
      last = start + match[0].length;
    }
    if (last < child.value.length) next.push({ type: "text", value: child.value.slice(last) });
  }
  node.children = next;
}

interface MarkdownProps {
  text: string;
  citations: CitationInfo[];
  onOpenCitation: (citation: CitationInfo, trigger: HTMLElement) => void;
  /** Shows a caret after the last block while the answer is still arriving. */
  streaming?: boolean;
}

/** Answer text as markdown. No raw HTML: react-markdown escapes it (rehype-raw is not used). */
export const Markdown = memo(function Markdown({ text, citations, onOpenCitation, streaming = false }: MarkdownProps) {
  const components = useMemo<Components>(() => {
    const byNumber = new Map(citations.map((c) => [c.n, c]));
    return {
      a({ href, children }) {
        if (href?.startsWith(CITE_PREFIX)) {
          const n = Number(href.slice(CITE_PREFIX.length));
          const citation = byNumber.get(n);
          // Before the sources arrive (mid-stream) the marker is shown but not yet clickable.
          return (
            <button
              type="button"
              className="cite-marker"
              disabled={!citation}
              aria-label={citation ? `Citation ${n}: ${citationLabel(citation)}` : `Citation ${n}`}
              title={citation ? citationLabel(citation) : undefined}
              onClick={(event) => citation && onOpenCitation(citation, event.currentTarget)}
            >
              {n}
            </button>
          );
        }
        return (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {children}
          </a>
        );
      },
      // Document-derived images are not fetched; show their alt text instead.
      img({ alt }) {
        return <span className="md-img-alt">{alt ? `[image: ${alt}]` : "[image]"}</span>;
      },
    };
  }, [citations, onOpenCitation]);

  return (
    <div className={`markdown${streaming ? " streaming" : ""}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkCitationMarkers]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});
