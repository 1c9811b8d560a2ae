import { ChatOpenAI } from "@langchain/openai";
import type { OpenAISettings } from "../config";
import { ProviderError } from "../errors";
import type { ChatTurn } from "../types";
import { mergeFollowUp } from "./followup";
import { answerMessages, rewriteMessages } from "./prompt";
import type { AnswerInput, Answerer } from "./types";

/** Answers with an LLM through any OpenAI-compatible chat-completions server. */
export class OpenAIAnswerer implements Answerer {
  readonly id: string;
  readonly label: string;
  private readonly model: ChatOpenAI;

  constructor(settings: OpenAISettings) {
    this.id = `openai:${settings.chatModel}`;
    const host = settings.baseURL ? safeHost(settings.baseURL) : "OpenAI";
    this.label = `LLM: ${settings.chatModel} via ${host}, answering only from retrieved passages`;
    this.model = new ChatOpenAI({
      model: settings.chatModel,
      temperature: 0,
      streaming: true,
      apiKey: settings.apiKey,
      configuration: { baseURL: settings.baseURL },
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
    });
  }

  async *answer({ question, passages, signal }: AnswerInput): AsyncIterable<string> {
    let stream;
    try {
      stream = await this.model.stream(answerMessages(question, passages), { signal });
    } catch (error) {
      throw providerError(error, signal);
    }
    try {
      for await (const chunk of stream) {
        if (typeof chunk.content === "string" && chunk.content) yield chunk.content;
      }
    } catch (error) {
      throw providerError(error, signal);
    }
  }

  async standaloneQuestion(question: string, history: ChatTurn[], signal?: AbortSignal): Promise<string> {
    if (!history.some((turn) => turn.role === "user")) return question;
    try {
      // Streamed and joined, not `invoke`: on a streaming ChatOpenAI, `invoke` estimates token usage
      // with tiktoken ranks fetched from tiktoken.pages.dev, which stalls for minutes (retrying) when
      // that host is unreachable (offline or firewalled deployments, local OpenAI-compatible servers).
      let rewritten = "";
      for await (const chunk of await this.model.stream(rewriteMessages(question, history), { signal })) {
        if (typeof chunk.content === "string") rewritten += chunk.content;
      }
      rewritten = rewritten.trim();
      return rewritten && rewritten.length < 1000 ? rewritten : mergeFollowUp(question, history);
    } catch (error) {
      if (signal?.aborted) throw error;
      // Rewriting is an aid, not a requirement: fall back to the deterministic merge.
      return mergeFollowUp(question, history);
    }
  }
}

function providerError(error: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return Object.assign(new Error("aborted"), { name: "AbortError" });
  const status = (error as { status?: number })?.status;
  const detail = status ? `it answered HTTP ${status}` : "it could not be reached or sent a broken reply";
  return new ProviderError(`The language model is unavailable (${detail}). Try again in a moment.`);
}

/** Host only: a base URL may carry credentials, which must never reach the browser. */
function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "a custom server";
  }
}
