import type { E2eResult } from "./e2e";
import type { HybridSizeResult } from "./hybrid";
import type { IngestResult } from "./ingest";
import { renderTable, type RunInfo, type SectionReport } from "./report";
import type { SearchSizeResult } from "./search";
import { fixed, ms, percent, sizeLabel } from "./stats";

export const README_START = "<!-- bench:start (written by `npm run bench -- --summarize`; do not edit by hand) -->";
export const README_END = "<!-- bench:end -->";

/** Tables worth a README: everything but CPU profiles (bench.md keeps those) and machine paths. */
const README_TABLE = /^(Ingest runs|Resources|HNSW recall|Dense search|Our index|Hybrid retrieval cost|Chat under load|Server)/;
const README_NOTE = /^(Cost per MB|Extrapolated|Per MB of plain text|Synthetic vectors|Dimensions|Chunk texts|Hybrid =|Each connection)/;

/**
 * The README's Performance block, generated from a bench run's JSON so every number in it
 * comes from the script: the machine, the tables, every target, and one sentence per
 * comparison saying what it shows (computed from the same data).
 */
export function renderSummary(run: RunInfo, sections: SectionReport[]): string {
  const parts = [
    `Produced by \`${run.command}\`${run.commit ? ` at commit ${run.commit}` : ""} on ${run.startedAt.slice(0, 10)}, ` +
      `${(run.durationMs / 60_000).toFixed(0)} minutes. Machine: ${run.machine.replace(/, load average.*$/, "")}.`,
  ];
  const findings = comparisons(sections);
  if (findings.length) parts.push("**What the comparisons show**", findings.map((line) => `- ${line}`).join("\n"));
  const targets = sections.flatMap((s) => s.targets);
  if (targets.length) {
    parts.push(
      renderTable({
        title: "Targets (2 cores)",
        headers: ["target", "wanted", "measured", "met"],
        rows: targets.map((t) => [t.name, t.target, t.actual, t.met ? "yes" : "**NO**"]),
      }),
    );
  }
  for (const section of sections) {
    parts.push(`#### ${section.title}`);
    if (section.skipped) parts.push(`_Skipped: ${section.skipped}_`);
    for (const table of section.tables.filter((t) => README_TABLE.test(t.title))) {
      parts.push(renderTable({ ...table, rows: table.rows.map((row) => row.map(withoutLocalPaths)) }));
    }
    const notes = section.notes.filter((note) => README_NOTE.test(note));
    if (notes.length) parts.push(notes.map((note) => `- ${note}`).join("\n"));
  }
  return parts.join("\n\n");
}

/** Drops "(/some/absolute/path)" asides: where a run kept its files means nothing in a README. */
function withoutLocalPaths(cell: string): string {
  return cell.replace(/\s*\((?:\/[\w.@+-]+)+\/?\)/g, "");
}

/** Replaces the generated block of `readme` (between the markers) with `summary`. */
export function spliceReadme(readme: string, summary: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${README_START}" … "${README_END}" block to replace`);
  return `${readme.slice(0, start + README_START.length)}\n\n${summary}\n\n${readme.slice(end)}`;
}

function comparisons(sections: SectionReport[]): string[] {
  const data = <T>(id: string) => sections.find((s) => s.id === id && !s.skipped)?.data as T | undefined;
  return [
    ...ingestFindings(data<IngestResult>("ingest"), configuredEf(data<SearchSizeResult[]>("search"))),
    ...searchFindings(data<SearchSizeResult[]>("search")),
    ...hybridFindings(data<HybridSizeResult[]>("hybrid")),
    ...e2eFindings(data<E2eResult>("e2e")),
  ];
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×`;

/** The ef the run's retriever searched at, as the search section recorded it ("M=16, efC=100, ef=200"). */
function configuredEf(search: SearchSizeResult[] | undefined): number | undefined {
  const match = search?.[0]?.engines[0]?.params.match(/\bef=(\d+)/);
  return match ? Number(match[1]) : undefined;
}

function ingestFindings(r: IngestResult | undefined, defaultEf: number | undefined): string[] {
  if (!r) return [];
  const full = r.first.timings;
  const share = (x: number) => `${Math.round((100 * x) / full.totalMs)}%`;
  const byEf = new Map(r.realRecall.map((row) => [row.ef, row]));
  const lines = [
    `Ingest: the full build of ${(r.corpusBytes / 1e6).toFixed(1)} MB took ${(full.totalMs / 1000).toFixed(1)} s ` +
      `(${(r.corpusBytes / 1e6 / (full.totalMs / 1000)).toFixed(2)} MB/s); loading and parsing HTML is ${share(full.loadMs)} of it, ` +
      `embedding ${share(full.embedMs)}, building the HNSW graph ${share(full.indexMs)}, writing ${share(full.writeMs)}.`,
    `Incremental ingest: with nothing changed a re-run takes ${(r.unchanged.timings.totalMs / 1000).toFixed(2)} s ` +
      `(${ratio(full.totalMs, r.unchanged.timings.totalMs)} faster than a full build: unchanged files are hashed, not parsed or embedded); ` +
      `with one file changed, ${(r.oneFileChanged.timings.totalMs / 1000).toFixed(2)} s, most of it rebuilding the graph ` +
      `(${(r.oneFileChanged.timings.indexMs / 1000).toFixed(1)} s) and writing the index.`,
  ];
  const ef10 = byEf.get(10);
  const ours = defaultEf === undefined ? undefined : byEf.get(defaultEf);
  if (ef10 && ours && ours !== ef10) {
    const others = r.realRecall.filter((row) => row.ef !== 10 && row.ef !== defaultEf);
    lines.push(
      `On the real local-embedder vectors, LangChain's default ef=10 finds ${fixed(ef10.recall)} of the exact top 10 and our ef=${defaultEf} ` +
        `${fixed(ours.recall)}, for ${ms(ours.latency.p50 - ef10.latency.p50)} ms more per question` +
        (others.length ? ` (${others.map((row) => `ef=${row.ef}: ${fixed(row.recall)}`).join(", ")}).` : "."),
    );
  }
  return lines;
}

function searchFindings(results: SearchSizeResult[] | undefined): string[] {
  if (!results?.length) return [];
  const lines: string[] = [];
  for (const r of results) {
    const [ours, ...others] = r.engines;
    const defaults = others.find((e) => e.engine.startsWith("LangChain HNSWLib"));
    const memory = others.find((e) => e.engine.startsWith("LangChain MemoryVectorStore"));
    const brute = others.find((e) => e.engine.startsWith("exact brute force"));
    const parts = [`at ${sizeLabel(r.size)} chunks our index answers in ${ms(ours.latency.p50)} ms (p50) with recall@10 ${fixed(ours.recall)}`];
    if (defaults) {
      parts.push(
        `LangChain's HNSWLib defaults are ${ratio(ours.latency.p50, defaults.latency.p50)} faster but find only ${fixed(defaults.recall)} of the true top 10 ` +
          `and take ${ratio(defaults.buildMs, ours.buildMs)} as long to build (efConstruction 200)`,
      );
    }
    if (memory) parts.push(`MemoryVectorStore is exact but ${ratio(memory.latency.p50, ours.latency.p50)} slower (${ms(memory.latency.p50)} ms)`);
    if (brute) parts.push(`even an exact C++ scan is ${ratio(brute.latency.p50, ours.latency.p50)} slower (${ms(brute.latency.p50)} ms)`);
    lines.push(`Search: ${parts.join("; ")}.`);
  }
  const shown = results.find((r) => r.size === 100_000) ?? results.at(-1)!;
  const sweep = shown.efSweep;
  if (sweep.length > 1) {
    lines.push(
      `The ef trade-off at ${sizeLabel(shown.size)}: recall@10 ${sweep.map((row) => `${fixed(row.recall)} at ef=${row.ef}`).join(", ")}, ` +
        `for p50 ${sweep.map((row) => ms(row.latency.p50)).join(" / ")} ms.`,
    );
  }
  return lines;
}

function hybridFindings(results: HybridSizeResult[] | undefined): string[] {
  if (!results?.length) return [];
  const rising = results.every((r, i) => i === 0 || r.addedP50 > results[i - 1].addedP50);
  const lines = [
    `Hybrid retrieval: BM25 + fusion adds ${results.map((r) => `${percent(r.addedP50)} at ${sizeLabel(r.size)}`).join(", ")} to dense ranking (p50)` +
      (rising
        ? `; BM25 alone goes from ${ms(results[0].bm25.p50)} to ${ms(results.at(-1)!.bm25.p50)} ms, because posting lists lengthen with the corpus while HNSW's search cost grows roughly logarithmically.`
        : "."),
  ];
  const at100k = results.find((r) => r.size === 100_000);
  if (at100k) {
    const added = at100k.hybrid.p50 - at100k.dense.p50;
    lines.push(
      `Where the added time goes at 100k: ${ms(added)} ms over dense ranking's ${ms(at100k.dense.p50)} ms (p50), of which BM25's own search is ${ms(at100k.bm25.p50)} ms ` +
        `(p95 ${ms(at100k.bm25.p95)}: questions made only of frequent words leave little to prune); the rest is question terms, fusion and cache effects.`,
    );
  }
  const checked = results.filter((r) => r.reference);
  if (checked.length) {
    lines.push(
      `Pruned BM25 vs scoring every posting: ${checked
        .map((r) => `${ratio(r.reference!.latency.p50, r.bm25.p50)} faster at ${sizeLabel(r.size)} (${ms(r.bm25.p50)} vs ${ms(r.reference!.latency.p50)} ms)`)
        .join(", ")}, with identical results on ${checked.map((r) => `${r.reference!.identical}/${r.reference!.checked}`).join(" and ")} questions; the index is built once per ingest, never per query.`,
    );
  }
  return lines;
}

function e2eFindings(r: E2eResult | undefined): string[] {
  if (!r?.levels.length) return [];
  const [first, ...rest] = r.levels;
  const last = r.levels.at(-1)!;
  const errors = r.levels.map((l) => l.errors + l.timeouts + l.non2xx + l.badStreams + l.sampler.failures);
  return [
    `End to end: ${r.levels.map((l) => `${l.connections} client${l.connections === 1 ? " gets" : "s get"} ${Math.round(l.rps)} answers/s, first byte p50 ${ms(l.sampler.ttfb.p50)} ms`).join("; ")}; ` +
      `${errors.reduce((a, b) => a + b, 0)} errors in all. ` +
      (rest.length && last.rps < 1.25 * rest[0].rps
        ? `Throughput barely grows from ${rest[0].connections} to ${last.connections} clients: one Node process serves every request, so extra clients ` +
          `wait in line and a full answer takes ${ms(last.full.p50)} ms (p50) at ${last.connections} instead of ${ms(first.full.p50)} ms at ${first.connections}.`
        : ""),
  ];
}

