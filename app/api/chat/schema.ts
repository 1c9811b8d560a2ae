import { z } from "zod";
import type { Config } from "@/lib/config";
import type { ChatTurn } from "@/lib/types";

/**
 * What `useChat` (AI SDK 6, DefaultChatTransport) posts, restricted to what this app
 * produces: text, source-document and step-start parts, plus our own data part.
 * Anything else is refused, so nothing malformed reaches the pipeline.
 */

/** Assistant answers and passages quoted in source parts may be longer than a question. */
const MAX_ANSWER_CHARS = 50_000;
const MAX_PARTS_PER_MESSAGE = 200;
const MAX_ID_CHARS = 200;

const id = z.string().min(1).max(MAX_ID_CHARS);

const sourceDocumentPart = z.object({
  type: z.literal("source-document"),
  sourceId: z.string().max(MAX_ID_CHARS),
  mediaType: z.string().max(100),
  title: z.string().max(2_000),
  filename: z.string().max(2_000).optional(),
  providerMetadata: z.record(z.unknown()).optional(),
});

const otherParts = [
  sourceDocumentPart,
  z.object({ type: z.literal("step-start") }),
  z.object({ type: z.literal("data-closest-matches"), id: z.string().max(MAX_ID_CHARS).optional(), data: z.unknown() }),
] as const;

function textPart(maxChars: number) {
  return z.object({
    type: z.literal("text"),
    text: z.string().max(maxChars, { message: `Text is too long (max ${maxChars} characters).` }),
    state: z.enum(["streaming", "done"]).optional(),
  });
}

export function chatRequestSchema(limits: Config["limits"]) {
  const userMessage = z.object({
    id,
    role: z.literal("user"),
    parts: z.array(z.union([textPart(limits.maxQuestionChars), ...otherParts])).max(MAX_PARTS_PER_MESSAGE),
  });
  const otherMessage = z.object({
    id,
    role: z.enum(["assistant", "system"]),
    parts: z.array(z.union([textPart(MAX_ANSWER_CHARS), ...otherParts])).max(MAX_PARTS_PER_MESSAGE),
    metadata: z.unknown().optional(),
  });
  return z.object({
    id: id.optional(),
    messages: z
      .array(z.discriminatedUnion("role", [userMessage, otherMessage]), {
        required_error: "Missing messages.",
        invalid_type_error: "messages must be an array.",
      })
      .min(1, { message: "No messages." })
      .max(limits.maxMessages, { message: `Too many messages (max ${limits.maxMessages}).` }),
    trigger: z.enum(["submit-message", "regenerate-message"]).optional(),
    messageId: id.optional().nullable(),
  });
}

export type ChatRequest = z.infer<ReturnType<typeof chatRequestSchema>>;
type Message = ChatRequest["messages"][number];

export function messageText(message: Message): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("")
    .trim();
}

export type ParsedChat = { ok: true; question: string; history: ChatTurn[] } | { ok: false; error: string };

/** Validates the body and splits it into the question (last user message) and the prior turns. */
export function parseChatRequest(body: unknown, limits: Config["limits"]): ParsedChat {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "The request body must be a JSON object." };
  }
  const parsed = chatRequestSchema(limits).safeParse(body);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]) };

  const messages = parsed.data.messages;
  const last = messages[messages.length - 1];
  if (last.role !== "user") return { ok: false, error: "The last message must be a user message." };
  const question = messageText(last);
  if (!question) return { ok: false, error: "The question is empty." };
  if (question.length > limits.maxQuestionChars) {
    return { ok: false, error: `The question is too long (max ${limits.maxQuestionChars} characters).` };
  }

  // System messages are never forwarded: the server owns the instructions.
  const history: ChatTurn[] = [];
  for (const message of messages.slice(0, -1)) {
    if (message.role === "system") continue;
    const content = messageText(message);
    if (content) history.push({ role: message.role, content });
  }
  return { ok: true, question, history };
}

function describeIssue(issue: z.ZodIssue): string {
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  if (issue.code === z.ZodIssueCode.custom || issue.code === z.ZodIssueCode.too_big || issue.code === z.ZodIssueCode.too_small) {
    return `Invalid request: ${issue.message}${where}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_union_discriminator || issue.code === z.ZodIssueCode.invalid_union) {
    return `Invalid request: unsupported message role or part type${where}.`;
  }
  return `Invalid request: ${issue.message.toLowerCase()}${where}.`;
}
