import http from "node:http";

/** A minimal client of POST /api/chat (AI SDK UI message stream) that times the stream's milestones. */

export interface ChatSample {
  ok: boolean;
  status: number;
  /** First body byte (the stream's `start` part). */
  ttfbMs: number;
  /** First `text-delta` part. */
  firstTextMs: number;
  /** End of the stream. */
  fullMs: number;
}

export function chatBody(question: string, n: number): string {
  return JSON.stringify({
    id: `bench-${n}`,
    messages: [{ id: `bench-${n}-q`, role: "user", parts: [{ type: "text", text: question }] }],
  });
}

/** A complete, successful UI message stream: a finish part and no error part. */
export function streamLooksComplete(body: string): boolean {
  return body.includes('"type":"finish"') && !body.includes('"type":"error"');
}

/**
 * One chat request over node:http (lighter than fetch, so less client time is
 * mixed into the numbers on a machine the server shares), timing the stream's milestones.
 */
export function sampleChat(url: string, body: string, timeoutMs = 30_000, agent?: http.Agent): Promise<ChatSample> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let ttfbMs = NaN;
    let firstTextMs = NaN;
    let text = "";
    let status = 0;
    const fail = () => resolve({ ok: false, status, ttfbMs, firstTextMs, fullMs: performance.now() - t0 });
    const request = http.request(
      `${url}/api/chat`,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: timeoutMs },
      (response) => {
        status = response.statusCode ?? 0;
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const now = performance.now() - t0;
          if (Number.isNaN(ttfbMs)) ttfbMs = now;
          text += chunk;
          if (Number.isNaN(firstTextMs) && text.includes('"type":"text-delta"')) firstTextMs = now;
        });
        response.on("end", () =>
          resolve({ ok: status === 200 && streamLooksComplete(text), status, ttfbMs, firstTextMs, fullMs: performance.now() - t0 }),
        );
        response.on("error", fail);
      },
    );
    request.on("timeout", () => request.destroy());
    request.on("error", fail);
    request.end(body);
  });
}
