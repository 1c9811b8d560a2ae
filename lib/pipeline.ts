import fs from "node:fs/promises";
import path from "node:path";
import { ExtractiveAnswerer } from "./answering/extractive";
import { OpenAIAnswerer } from "./answering/openai";
import { NOT_FOUND_ANSWER, type Answerer } from "./answering/types";
import { CitationRenumberer, narrowToQuotedLines, tidy, toCitation, uncitedSentences } from "./citations";
import { loadConfig, type Config } from "./config";
import { loadIndex, readCurrentBuildId, type LoadedIndex } from "./index-store";
import { loadFile, type DocumentKind } from "./loading";
import { HybridRetriever, type Passage, type RetrievalResult, type RetrieverMode } from "./retrieval";
import { asDocumentsWrite } from "./question";
import { starterQuestions } from "./starters";
import { resultOf, type AskEvent, type AskResult, type ChatTurn, type IndexInfo } from "./types";

export type { RetrieverMode } from "./retrieval";

export interface PipelineOptions {
  config?: Config;
  retriever?: RetrieverMode;
  /** Replaces the configured answerer (tests, evaluation). */
  answerer?: Answerer;
}

export interface AskOptions {
  history?: ChatTurn[];
  signal?: AbortSignal;
}

export interface SourceView {
  source: string;
  kind: DocumentKind;
  lines: { line: number; text: string; page?: number }[];
  /** The file changed on disk since it was indexed, so cited line numbers may be off. */
  changedSinceIndexed: boolean;
}

interface Loaded {
  index: LoadedIndex;
  retriever: HybridRetriever;
}

/** Closest matches shown when nothing relevant was found. */
const CLOSEST_MATCHES = 3;

/**
 * The one answering pipeline shared by the chat route, the CLI and the eval:
 * question (+ history) → standalone question → hybrid retrieval → not-found
 * decision → streamed answer with verified, renumbered citations.
 */
export class Pipeline {
  private loaded: Loaded;
  private reloading: Promise<void> | null = null;

  private constructor(
    readonly config: Config,
    private readonly mode: RetrieverMode,
    private readonly answerer: Answerer,
    loaded: Loaded,
  ) {
    this.loaded = loaded;
  }

  static async open(options: PipelineOptions = {}): Promise<Pipeline> {
    const config = options.config ?? loadConfig();
    const mode = options.retriever ?? "hybrid";
    const answerer =
      options.answerer ?? (config.answerer === "openai" ? new OpenAIAnswerer(config.openai) : new ExtractiveAnswerer());
    return new Pipeline(config, mode, answerer, await load(config, mode));
  }

  async *askStream(question: string, { history = [], signal }: AskOptions = {}): AsyncGenerator<AskEvent> {
    const started = performance.now();
    await this.refreshIfRebuilt();
    const { retriever } = this.loaded;
    const asked = retriever.spelledAsCorpus(asDocumentsWrite(question));
    const standaloneQuestion = history.length ? await this.answerer.standaloneQuestion(asked, history, signal) : asked;
    signal?.throwIfAborted();
    const retrieval = await retriever.retrieve(standaloneQuestion);
    const retrieveMs = performance.now() - started;
    yield { type: "retrieved", standaloneQuestion, found: retrieval.found, passages: retrieval.passages };

    let answer = "";
    let citations: AskResult["citations"] = [];
    let found = retrieval.found;
    if (found) {
      const renumberer = new CitationRenumberer(retrieval.passages.length);
      const input = {
        question: standaloneQuestion,
        passages: retrieval.passages,
        queryTerms: retrieval.queryTerms,
        kindsOfName: retrieval.kindsOfName,
        signal,
      };
      for await (const piece of this.answerer.answer(input)) {
        signal?.throwIfAborted();
        const visible = renumberer.push(piece);
        if (visible) {
          answer += visible;
          yield { type: "text", delta: visible };
        }
      }
      const rest = renumberer.end();
      if (rest) {
        answer += rest;
        yield { type: "text", delta: rest };
      }
      citations = narrowToQuotedLines(renumberer.citations(retrieval.passages), answer);
      // An answer without a single verified citation is not an answer from the documents.
      found = citations.length > 0;
    }
    if (!found && !answer.trim()) {
      answer = NOT_FOUND_ANSWER;
      yield { type: "text", delta: answer };
    }
    const totalMs = performance.now() - started;
    const finalAnswer = tidy(answer);
    yield {
      type: "done",
      result: {
        question,
        standaloneQuestion,
        answer: finalAnswer,
        found,
        citations,
        closestMatches: found ? [] : retrieval.passages.slice(0, CLOSEST_MATCHES).map((p, i) => toCitation(p, i + 1)),
        // From the tidied text, so the flagged sentences match the answer shown (no gap left by a dropped marker).
        uncitedSentences: found ? uncitedSentences(finalAnswer) : [],
        timings: { retrieveMs: round(retrieveMs), answerMs: round(totalMs - retrieveMs), totalMs: round(totalMs) },
      },
    };
  }

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    return resultOf(this.askStream(question, options));
  }

  /** Ranked passages before the not-found decision (for retrieval metrics). */
  async retrieve(question: string): Promise<Passage[]> {
    await this.refreshIfRebuilt();
    return (await this.loaded.retriever.retrieve(question)).passages;
  }

  /** The full retrieval result, including the not-found decision. */
  async retrieveWithDecision(question: string): Promise<RetrievalResult> {
    await this.refreshIfRebuilt();
    return this.loaded.retriever.retrieve(question);
  }

  info(): IndexInfo {
    const { manifest } = this.loaded.index;
    return {
      files: manifest.counts.files,
      chunks: manifest.counts.chunks,
      embedder: manifest.embedder.id,
      answerer: this.answerer.id,
      modeLabel: this.answerer.label,
      builtAt: manifest.builtAt,
    };
  }

  starterQuestions(count = 4): string[] {
    return starterQuestions(this.loaded.index.chunks, count);
  }

  /**
   * The text of a corpus file for the source viewer, or null. Only files listed in
   * the index are served, and only when they resolve inside the corpus folder.
   */
  async readSource(source: string): Promise<SourceView | null> {
    if (typeof source !== "string" || source.includes("\0")) return null;
    if (!Object.hasOwn(this.loaded.index.manifest.files, source)) return null;
    const corpus = this.config.corpusDir;
    try {
      const realCorpus = await fs.realpath(corpus);
      const realFile = await fs.realpath(path.resolve(corpus, source));
      if (!realFile.startsWith(realCorpus + path.sep)) return null;
      const file = await loadFile(corpus, source);
      const indexedHash = this.loaded.index.manifest.files[source].hash;
      return { source, kind: file.kind, lines: file.lines, changedSinceIndexed: file.contentHash !== indexedHash };
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await this.reloading;
  }

  /** Swaps in a new build once ingest has published one; requests in flight keep the old one. */
  private async refreshIfRebuilt(): Promise<void> {
    if (this.reloading) return this.reloading;
    const current = await readCurrentBuildId(this.config.indexDir);
    if (!current || current === this.loaded.index.buildId) return;
    this.reloading = load(this.config, this.mode)
      .then((loaded) => {
        this.loaded = loaded;
      })
      .catch((error) => {
        // Keep serving the build we have; the next request tries again.
        console.error(`Could not load the new index build ${current}: ${(error as Error).message}`);
      })
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }
}

async function load(config: Config, mode: RetrieverMode): Promise<Loaded> {
  const index = await loadIndex(config);
  const retriever = new HybridRetriever(index, {
    mode,
    topK: config.topK,
    ef: config.hnswEf,
    minCoverage: config.minCoverage,
  });
  return { index, retriever };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

const globalForPipeline = globalThis as unknown as { __ragPipeline?: Promise<Pipeline> };

/** The process-wide pipeline for the configured environment (loaded once, reloaded on rebuild). */
export function getPipeline(): Promise<Pipeline> {
  if (!globalForPipeline.__ragPipeline) {
    globalForPipeline.__ragPipeline = Pipeline.open().catch((error) => {
      // Do not cache a failure: the index may be built a moment later.
      globalForPipeline.__ragPipeline = undefined;
      throw error;
    });
  }
  return globalForPipeline.__ragPipeline;
}
