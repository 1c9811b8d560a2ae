import { loadConfig } from "@/lib/config";
import { userMessage } from "@/lib/errors";
import { getPipeline } from "@/lib/pipeline";
import type { InfoResponse } from "@/app/shared";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/info — what is indexed, the answer mode and starter questions. Never keys or URLs. */
export async function GET(): Promise<Response> {
  try {
    const config = loadConfig();
    const pipeline = await getPipeline();
    const info = pipeline.info();
    const body: InfoResponse = {
      // Copied field by field so nothing else the pipeline might add leaks out.
      info: {
        files: info.files,
        chunks: info.chunks,
        embedder: info.embedder,
        answerer: info.answerer,
        modeLabel: info.modeLabel,
        builtAt: info.builtAt,
      },
      starterQuestions: pipeline.starterQuestions(4),
      limits: { maxQuestionChars: config.limits.maxQuestionChars, maxMessages: config.limits.maxMessages },
    };
    return Response.json(body, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[info] failed:", error);
    return Response.json({ error: userMessage(error) }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
