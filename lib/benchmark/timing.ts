import { Embeddings } from "@langchain/core/embeddings";

export interface TimedRun<R> {
  /** Per-call latency in ms. */
  samples: number[];
  /** Wall time of the measured loop in ms (for QPS). */
  wallMs: number;
  results: R[];
}

/**
 * Calls `run` once per input, one at a time on this thread, timing each call.
 * The first `warmup` inputs are run once beforehand, untimed, to warm caches and the JIT.
 */
export async function timeEach<T, R>(
  inputs: readonly T[],
  run: (input: T, index: number) => R | Promise<R>,
  warmup = Math.min(20, inputs.length),
): Promise<TimedRun<R>> {
  for (let i = 0; i < warmup; i++) await run(inputs[i], i);
  const samples: number[] = [];
  const results: R[] = [];
  const started = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const t0 = performance.now();
    const pending = run(inputs[i], i);
    // Only await real promises: a needless await would add microtask time to synchronous calls.
    const result = pending instanceof Promise ? await pending : pending;
    samples.push(performance.now() - t0);
    results.push(result);
  }
  return { samples, wallMs: performance.now() - started, results };
}

/** Times one synchronous or asynchronous step. */
export async function timed<R>(run: () => R | Promise<R>): Promise<{ result: R; ms: number }> {
  const t0 = performance.now();
  const result = await run();
  return { result, ms: performance.now() - t0 };
}

/** Queries per second of a timed loop. */
export function qps(run: { samples: number[]; wallMs: number }): number {
  return run.wallMs > 0 ? (run.samples.length / run.wallMs) * 1000 : NaN;
}

/**
 * Embeddings whose vectors were computed beforehand (synthetic benchmarks):
 * `embedQuery(text)` returns the vector registered for `text`.
 */
export class PrecomputedEmbeddings extends Embeddings {
  private readonly vectors = new Map<string, number[]>();

  constructor() {
    super({});
  }

  set(text: string, vector: number[]): void {
    this.vectors.set(text, vector);
  }

  async embedQuery(text: string): Promise<number[]> {
    const vector = this.vectors.get(text);
    if (!vector) throw new Error(`no precomputed vector for "${text.slice(0, 40)}"`);
    return vector;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return Promise.all(texts.map((text) => this.embedQuery(text)));
  }
}
