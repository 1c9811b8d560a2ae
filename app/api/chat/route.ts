import { loadConfig } from "@/lib/config";
import { getPipeline } from "@/lib/pipeline";
import { createChatHandler } from "./handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/chat — answers in the AI SDK UI-message-stream protocol spoken by `useChat`. */
export const POST = createChatHandler({ getConfig: () => loadConfig(), getPipeline });
