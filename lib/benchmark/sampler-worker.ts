import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { chatBody, sampleChat, type ChatSample } from "./chat-client";

/**
 * Runs in a worker thread next to autocannon: paced, one-at-a-time chat requests
 * whose timings are not delayed by autocannon's own work on the main event loop.
 */
export interface SamplerData {
  url: string;
  questions: string[];
  everyMs: number;
}

const { url, questions, everyMs } = workerData as SamplerData;
let stopping = false;
parentPort!.on("message", (message) => {
  if (message === "stop") stopping = true;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const samples: ChatSample[] = [];
  // One kept-alive connection, like a browser tab.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  parentPort!.postMessage({ type: "ready" });
  await sleep(everyMs); // let the load ramp up first
  while (!stopping) {
    const started = performance.now();
    const n = samples.length;
    const sample = await sampleChat(url, chatBody(questions[n % questions.length], 1000 + n), 30_000, agent);
    // A request cut short by the end of the load is not a sample of it.
    if (!stopping) samples.push(sample);
    await sleep(Math.max(0, everyMs - (performance.now() - started)));
  }
  agent.destroy();
  parentPort!.postMessage({ type: "samples", samples });
}

void main();
