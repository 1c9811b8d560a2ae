import { describe, expect, it } from "vitest";
import { BM25Index } from "../lib/bm25";
import { terms } from "../lib/text";
import { chatBody, streamLooksComplete } from "../lib/benchmark/chat-client";
import { retainedBytes } from "../lib/benchmark/memory";
import { hotSpots, timeByFile } from "../lib/benchmark/profile";
import { renderTable } from "../lib/benchmark/report";
import { seededRng, zipfSampler } from "../lib/benchmark/rng";
import { percentile, sizeLabel, summarize } from "../lib/benchmark/stats";
import { README_END, README_START, renderSummary, spliceReadme } from "../lib/benchmark/summary";
import { SyntheticTexts, wordWindow } from "../lib/benchmark/texts";
import { effectiveDimension, exactTopK, generateDataset, generateQueries, recall } from "../lib/benchmark/vectors";

describe("bench statistics", () => {
  it("uses nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 });
  });

  it("labels sizes compactly", () => {
    expect([sizeLabel(10_000), sizeLabel(1_000_000), sizeLabel(2500)]).toEqual(["10k", "1M", "2,500"]);
  });
});

describe("seeded data", () => {
  it("repeats the same draws for the same seed", () => {
    const a = seededRng(9);
    const b = seededRng(9);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it("draws Zipf ranks with the most frequent rank first", () => {
    const next = zipfSampler(100, 1, seededRng(1));
    const counts = new Array(100).fill(0);
    for (let i = 0; i < 20_000; i++) counts[next()]++;
    expect(counts[0]).toBeGreaterThan(counts[1]);
    expect(counts[1]).toBeGreaterThan(counts[9]);
    // P(rank 0) = 1/H(100) ≈ 0.193
    expect(counts[0] / 20_000).toBeCloseTo(0.193, 1);
  });

  it("makes unit vectors whose exact neighbours include the query's origin", () => {
    const dataset = generateDataset(500, 32, 5);
    for (let row = 0; row < dataset.n; row += 97) {
      let norm = 0;
      for (let j = 0; j < 32; j++) norm += dataset.data[row * 32 + j] ** 2;
      expect(norm).toBeCloseTo(1, 5);
    }
    const queries = generateQueries(dataset, 20, 6);
    let found = 0;
    for (let q = 0; q < queries.count; q++) {
      const query = queries.vectors.subarray(q * 32, (q + 1) * 32);
      const top = exactTopK(dataset, query, 10);
      // exactTopK agrees with a full sort
      const scores = Array.from({ length: dataset.n }, (_, row) => {
        let dot = 0;
        for (let j = 0; j < 32; j++) dot += dataset.data[row * 32 + j] * query[j];
        return { row, dot };
      }).sort((a, b) => b.dot - a.dot);
      expect(top).toEqual(scores.slice(0, 10).map((s) => s.row));
      if (top.includes(queries.origins[q])) found++;
    }
    expect(found).toBeGreaterThanOrEqual(18);
    expect(effectiveDimension(1024)).toBeGreaterThan(20);
    expect(effectiveDimension(1024)).toBeLessThan(50);
  });

  it("computes recall as the share of true neighbours found", () => {
    expect(recall([1, 2, 3, 9], [1, 2, 3, 4])).toBe(0.75);
  });

  it("draws chunk-like texts from a vocabulary", () => {
    const texts = new SyntheticTexts(["alpha", "beta", "gamma", "delta"], 1);
    const words = texts.text().split(" ");
    expect(words.length).toBeGreaterThanOrEqual(120);
    expect(words.length).toBeLessThanOrEqual(180);
    expect(wordWindow("a b c d e f g", 3, () => 0)).toBe("a b c");
  });
});

describe("BM25 pruned search", () => {
  it("returns exactly what the exhaustive reference returns, scores and order included", () => {
    const rng = seededRng(42);
    for (let round = 0; round < 12; round++) {
      const vocabulary = Array.from({ length: 5 + Math.floor(rng() * 1500) }, (_, i) => `w${i.toString(36)}x`);
      const nextRank = zipfSampler(vocabulary.length, 0.8 + rng() * 0.5, rng);
      const texts = Array.from({ length: 50 + Math.floor(rng() * 2000) }, () =>
        Array.from({ length: 1 + Math.floor(rng() * 60) }, () => vocabulary[nextRank()]).join(" "),
      );
      const index = new BM25Index(texts);
      for (let q = 0; q < 25; q++) {
        // Weighted terms with repeats and unknown words, as query expansion produces them.
        const query = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => ({
          term: rng() < 0.1 ? "neverseen" : vocabulary[nextRank()],
          weight: rng() < 0.5 ? 1 : 0.05 + rng(),
        }));
        const k = 1 + Math.floor(rng() * 30);
        expect(index.searchTerms(query, k)).toEqual(index.searchExhaustive(query, k));
      }
    }
  });

  it("matches the reference on a larger Zipf corpus where pruning cuts most posting lists", () => {
    const rng = seededRng(7);
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `t${i.toString(36)}q`);
    const nextRank = zipfSampler(vocabulary.length, 1, rng);
    const texts = Array.from({ length: 8000 }, () => Array.from({ length: 80 }, () => vocabulary[nextRank()]).join(" "));
    const index = new BM25Index(texts);
    for (let q = 0; q < 150; q++) {
      const query = Array.from({ length: 2 + Math.floor(rng() * 6) }, () => ({ term: vocabulary[nextRank()], weight: 1 }));
      expect(index.searchTerms(query, 24)).toEqual(index.searchExhaustive(query, 24));
    }
  });

  it("keeps plain-text search and edge cases unchanged", () => {
    const texts = ["the cat sat", "a cat and a dog", "dogs bark", "", "cat cat cat"];
    const index = new BM25Index(texts);
    const asTerms = (query: string) => [...new Set(terms(query))].map((term) => ({ term, weight: 1 }));
    for (const query of ["cat", "dog cat", "nothing here", ""]) {
      expect(index.search(query, 3)).toEqual(index.searchExhaustive(asTerms(query), 3));
    }
    // "cat" ranks the cat-only text first, then the longer mixed one; "dog" reaches "dogs" by its stem.
    expect(index.search("cat", 3).map(([doc]) => doc)).toEqual([4, 0, 1]);
    expect(index.search("dog", 3).map(([doc]) => doc).sort()).toEqual([1, 2]);
    expect(index.searchTerms([{ term: "cat", weight: 0 }], 2)).toEqual(index.searchExhaustive([{ term: "cat", weight: 0 }], 2));
    expect(index.search("cat", 0)).toEqual([]);
  });
});

describe("report and probes", () => {
  it("renders markdown tables", () => {
    expect(renderTable({ title: "T", headers: ["a", "b"], rows: [["1", "x|y"]] })).toBe("**T**\n\n| a | b |\n|---|---|\n| 1 | x\\|y |");
  });

  it("summarises a CPU profile by function and by file", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: "embed", url: `file://${process.cwd()}/lib/embedding/local.ts`, lineNumber: 9 } },
        { id: 2, callFrame: { functionName: "parse", url: `file://${process.cwd()}/node_modules/cheerio/lib/index.js`, lineNumber: 0 } },
      ],
      samples: [2, 1, 1, 2, 1],
      timeDeltas: [50_000, 1000, 1000, 2000, 1000],
    };
    const spots = hotSpots(profile);
    expect(spots[0]).toMatchObject({ location: "embed (lib/embedding/local.ts)", selfMs: 3 });
    expect(timeByFile(spots).map((s) => s.location)).toEqual(["lib/embedding/local.ts", "node_modules/cheerio"]);
  });

  it("corrects RSS deltas for freed V8 heap", () => {
    expect(retainedBytes({ rss: 100, heapFree: 10 }, { rss: 150, heapFree: 30 })).toBe(30);
  });

  it("posts what the chat route expects and recognises a complete stream", () => {
    const body = JSON.parse(chatBody("Where?", 3));
    expect(body.messages[0]).toEqual({ id: "bench-3-q", role: "user", parts: [{ type: "text", text: "Where?" }] });
    expect(streamLooksComplete('data: {"type":"start"}\n\ndata: {"type":"finish"}\n\n')).toBe(true);
    expect(streamLooksComplete('data: {"type":"error","errorText":"x"}\n\ndata: {"type":"finish"}\n\n')).toBe(false);
    expect(streamLooksComplete('data: {"type":"start"}\n\n')).toBe(false);
  });
});

describe("README summary", () => {
  const latency = (p50: number) => ({ count: 100, mean: p50, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4 });
  const run = { startedAt: "2026-01-02T03:04:05.000Z", durationMs: 120_000, machine: "CPU × 2 cores, Node v20, load average at start 1 1 1", command: "npm run bench -- --quick", commit: "abc1234" };
  const hybrid = [
    { size: 10_000, dim: 8, textsMs: 1, bm25BuildMs: 1, bm25BytesPerChunk: 1, dense: latency(0.4), hybrid: latency(0.5), bm25: latency(0.05), addedP50: 0.25, addedP95: 0.25, queries: 100 },
    { size: 100_000, dim: 8, textsMs: 1, bm25BuildMs: 1, bm25BytesPerChunk: 1, dense: latency(0.5), hybrid: latency(0.8), bm25: latency(0.2), addedP50: 0.6, addedP95: 0.6, queries: 100, reference: { identical: 50, checked: 50, latency: latency(0.6) } },
  ];
  const sections = [
    {
      id: "hybrid",
      title: "Hybrid",
      tables: [
        { title: "Hybrid retrieval cost: ranking", headers: ["a"], rows: [["1"]] },
        { title: "CPU profile: /somewhere/x.cpuprofile", headers: ["b"], rows: [["2"]] },
        { title: "Server", headers: ["what", "value"], rows: [["build", "27.2 s (next build of a copy (/tmp/bench/app))"]] },
      ],
      notes: ["Chunk texts: kept", "Server: `next start` from /tmp/somewhere"],
      targets: [{ name: "hybrid overhead at 100k (p50)", target: "≤ +50%", actual: "+60%", met: false }],
      data: hybrid,
    },
  ];

  it("derives every sentence and table from the run's data", () => {
    const summary = renderSummary(run, sections);
    expect(summary).toContain("`npm run bench -- --quick` at commit abc1234 on 2026-01-02");
    expect(summary).not.toContain("load average");
    expect(summary).toContain("adds +25% at 10k, +60% at 100k to dense ranking");
    expect(summary).toContain("0.300 ms over dense ranking's 0.500 ms (p50), of which BM25's own search is 0.200 ms");
    expect(summary).toContain("3.0× faster at 100k (0.200 vs 0.600 ms), with identical results on 50/50 questions");
    expect(summary).toContain("| hybrid overhead at 100k (p50) | ≤ +50% | +60% | **NO** |");
    // Profiles and notes naming machine paths stay in bench.md.
    expect(summary).toContain("**Hybrid retrieval cost: ranking**");
    expect(summary).not.toContain("cpuprofile");
    expect(summary).toContain("- Chunk texts: kept");
    expect(summary).not.toContain("/tmp/somewhere");
    expect(summary).toContain("| build | 27.2 s (next build of a copy) |");
  });

  it("replaces only the marked README block, and refuses a README without one", () => {
    const readme = `# App\n\nintro\n\n${README_START}\nold numbers\n${README_END}\n\n## Next\n`;
    const updated = spliceReadme(readme, "new numbers");
    expect(updated).toBe(`# App\n\nintro\n\n${README_START}\n\nnew numbers\n\n${README_END}\n\n## Next\n`);
    expect(spliceReadme(updated, "newer")).toContain(`${README_START}\n\nnewer\n\n${README_END}`);
    expect(() => spliceReadme("# App\n", "x")).toThrow(/no .* block/);
  });
});
