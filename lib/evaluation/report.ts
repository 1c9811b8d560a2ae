/**
 * Presentation of an `EvalReport`: a terminal table, report.json and a
 * self-contained report.html (inline CSS and SVG, no external requests).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { METRIC_NAMES, METRICS, QUESTION_KINDS, type ConfigRun, type EvalReport, type MetricInfo, type MetricName, type QuestionResult } from "./run";

// ---------------------------------------------------------------------------
// Formatting

export function formatMetric(info: Pick<MetricInfo, "unit">, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (info.unit === "ms") return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
  if (info.unit === "score5") return `${value.toFixed(2)} / 5`;
  return value.toFixed(3);
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const ranConfigs = (report: EvalReport) => report.configs.filter((c) => c.status === "ok" && c.metrics);

/** Metrics with a value in at least one configuration (LLM-judged rows only appear when judged). */
function shownMetrics(report: EvalReport): MetricInfo[] {
  const configs = ranConfigs(report);
  return METRICS.filter((m) => configs.some((c) => c.metrics?.[m.name] !== null && c.metrics?.[m.name] !== undefined));
}

const metricLabel = (m: MetricInfo) => (m.group === "LLM-judged" ? `${m.name} (LLM-judged)` : m.name);

// ---------------------------------------------------------------------------
// Terminal

/** Metrics as rows, configurations as columns, then skips and the first configuration's failures. */
export function renderTerminal(report: EvalReport, maxFailureChars = 110): string {
  const configs = ranConfigs(report);
  const lines: string[] = [];
  lines.push(`Eval: ${report.dataset.questions} questions from ${report.dataset.path}, k=${report.k}`);
  if (configs.length) lines.push("", ...renderTable(report, configs));
  for (const c of report.configs.filter((c) => c.status !== "ok")) {
    lines.push(`${c.status === "skipped" ? "Skipped" : "Failed"} ${c.spec.name}: ${c.reason}`);
  }
  if (report.judge.enabled) lines.push(`LLM-judged rows were graded by ${report.judge.model}.`);
  const first = configs[0];
  if (first) {
    const failing = first.results.filter((r) => !r.pass);
    lines.push("", `Failing questions for ${first.spec.name}: ${failing.length} of ${first.results.length}`);
    for (const r of failing) lines.push(`  ${failureLine(r, maxFailureChars)}`);
  }
  return lines.join("\n");
}

function renderTable(report: EvalReport, configs: ConfigRun[]): string[] {
  const metrics = shownMetrics(report);
  const header = ["metric", ...configs.map((c) => c.spec.name)];
  const rows = metrics.map((m) => [metricLabel(m), ...configs.map((c) => formatMetric(m, c.metrics?.[m.name]))]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const fmt = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [fmt(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(fmt)];
}

/** "q12 [single] missing "Thakot" | expected Thakot; Raikot in 000.txt | got: …" */
export function failureLine(r: QuestionResult, maxChars: number): string {
  const expected = r.answerable
    ? `${r.expectedFacts.map((alts) => alts[0]).join("; ") || "an answer"} in ${r.expectedSources.join(", ")}`
    : "not found";
  const got = r.error ? `error: ${r.error}` : r.found ? `${r.answer} (cites ${r.citedFiles.join(", ") || "nothing"})` : "not found";
  return `${r.id} [${r.kind}] ${r.failure} | expected: ${truncate(expected, 80)} | got: ${truncate(got, maxChars)}`;
}

// ---------------------------------------------------------------------------
// Thresholds

export interface Threshold {
  metric: MetricName;
  bound: "min" | "max";
  value: number;
}

/** Shorter names people are likely to type. */
const ALIASES: Record<string, MetricName> = { fileHitRate: "citedFileHitRate", hitAtK: "retrievalHitAtK", faithfulness: "citationFaithfulness" };

/** Parses `metric=value` for --min/--max; throws a readable sentence on bad input. */
export function parseThreshold(text: string, bound: Threshold["bound"]): Threshold {
  const [rawName, rawValue] = text.split("=").map((s) => s?.trim());
  const metric = (ALIASES[rawName] ?? rawName) as MetricName;
  if (!METRIC_NAMES.includes(metric)) {
    throw new Error(`Unknown metric "${rawName}" in --${bound} ${text}; known metrics: ${METRIC_NAMES.join(", ")}.`);
  }
  const value = Number(rawValue);
  if (rawValue === undefined || rawValue === "" || !Number.isFinite(value)) {
    throw new Error(`--${bound} ${text} needs a number, e.g. --${bound} ${metric}=0.9.`);
  }
  return { metric, bound, value };
}

/** One sentence per (configuration, metric) outside its bound; applies to every configuration that ran. */
export function checkThresholds(report: EvalReport, thresholds: readonly Threshold[]): string[] {
  const violations: string[] = [];
  for (const c of ranConfigs(report)) {
    for (const t of thresholds) {
      const value = c.metrics?.[t.metric] ?? null;
      const info = METRICS.find((m) => m.name === t.metric)!;
      if (value === null) {
        violations.push(`${c.spec.name}: ${t.metric} has no value, so its --${t.bound} ${t.value} cannot be met.`);
      } else if (t.bound === "min" ? value < t.value : value > t.value) {
        const op = t.bound === "min" ? "below the minimum" : "above the maximum";
        violations.push(`${c.spec.name}: ${t.metric} = ${formatMetric(info, value)} is ${op} ${t.value}.`);
      }
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------
// Files

export async function writeReports(report: EvalReport, outDir: string): Promise<{ json: string; html: string }> {
  await fs.mkdir(outDir, { recursive: true });
  const json = path.join(outDir, "report.json");
  const html = path.join(outDir, "report.html");
  await fs.writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await fs.writeFile(html, renderHtml(report));
  return { json, html };
}

// ---------------------------------------------------------------------------
// HTML

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const PALETTE = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2"];
const colour = (i: number) => PALETTE[i % PALETTE.length];

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#111827}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.pass{background:#dcfce7;color:#166534;text-align:center}.fail{background:#fee2e2;color:#991b1b;text-align:center}
.legend span{display:inline-block;margin-right:16px}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.muted{color:#6b7280}.judge{color:#7c3aed;font-weight:600}details{margin:4px 0}summary{cursor:pointer}
pre{white-space:pre-wrap;background:#f9fafb;padding:8px;border:1px solid #e5e7eb;margin:4px 0}
.grid td{font-size:13px}.chart{margin:8px 0 16px}
`;

export function renderHtml(report: EvalReport): string {
  const configs = ranConfigs(report);
  const body = [
    `<h1>RAG evaluation report</h1>`,
    renderSummary(report),
    `<h2>Metrics</h2>`,
    renderLegend(configs),
    renderCharts(report, configs),
    renderMetricTable(report, configs),
    `<h2>Pass rate by question kind</h2>`,
    renderKindTable(configs),
    `<h2>Per-question results</h2>`,
    renderGrid(report, configs),
    `<h2>Answers</h2>`,
    renderDetails(report, configs),
  ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>RAG evaluation report</title><style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}

function renderSummary(report: EvalReport): string {
  const kinds = QUESTION_KINDS.map((k) => `${escapeHtml(k)}: ${report.dataset.byKind[k]}`).join(", ");
  const configs = report.configs
    .map((c) => {
      const spec = `embedder ${c.spec.embedder}, retriever ${c.spec.retriever}, answerer ${c.spec.answerer}`;
      const status = c.status === "ok" ? "" : ` — <strong>${escapeHtml(c.status)}</strong>: ${escapeHtml(c.reason ?? "")}`;
      return `<li><strong>${escapeHtml(c.spec.name)}</strong> (${escapeHtml(spec)})${status}</li>`;
    })
    .join("");
  return `<p>Generated ${escapeHtml(report.generatedAt)} from <code>${escapeHtml(report.dataset.path)}</code>:
${report.dataset.questions} questions (${kinds}). Retrieval metrics at k = ${report.k}; citation faithfulness threshold ${report.faithfulnessThreshold}.</p>
<p class="${report.judge.enabled ? "judge" : "muted"}">${escapeHtml(report.judge.note)}</p>
<ul>${configs}</ul>`;
}

function renderLegend(configs: ConfigRun[]): string {
  const items = configs.map((c, i) => `<span><i class="swatch" style="background:${colour(i)}"></i>${escapeHtml(c.spec.name)}</span>`);
  return `<p class="legend">${items.join("")}</p>`;
}

/** One horizontal grouped bar chart per metric group; each unit gets its own scale. */
function renderCharts(report: EvalReport, configs: ConfigRun[]): string {
  const metrics = shownMetrics(report);
  const groups = [...new Set(metrics.map((m) => m.group))];
  return groups
    .map((group) => {
      const inGroup = metrics.filter((m) => m.group === group);
      const title = group === "LLM-judged" ? `<span class="judge">LLM-judged</span>` : escapeHtml(group);
      return `<h3>${title}</h3>${barChart(inGroup, configs)}`;
    })
    .join("\n");
}

function barChart(metrics: MetricInfo[], configs: ConfigRun[]): string {
  const labelW = 210;
  const barW = 520;
  const barH = 14;
  const gap = 8;
  const rowH = configs.length * barH + gap;
  const height = metrics.length * rowH + gap;
  const parts: string[] = [];
  metrics.forEach((m, row) => {
    const y0 = gap + row * rowH;
    const max = scaleMax(m, configs);
    parts.push(`<text x="0" y="${y0 + (configs.length * barH) / 2 + 4}" font-size="12">${escapeHtml(metricLabel(m))}</text>`);
    configs.forEach((c, i) => {
      const value = c.metrics?.[m.name];
      const y = y0 + i * barH;
      const w = value === null || value === undefined ? 0 : Math.max(1, (value / max) * barW);
      const label = `${c.spec.name}: ${formatMetric(m, value)}`;
      parts.push(
        `<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${colour(i)}"><title>${escapeHtml(label)}</title></rect>`,
        `<text x="${labelW + w + 4}" y="${y + barH - 4}" font-size="11">${escapeHtml(formatMetric(m, value))}</text>`,
      );
    });
  });
  const width = labelW + barW + 90;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${parts.join("")}</svg>`;
}

/** Rates on [0, 1], 1–5 scores on [0, 5], latencies on [0, slowest]. */
function scaleMax(m: MetricInfo, configs: ConfigRun[]): number {
  if (m.unit === "rate") return 1;
  if (m.unit === "score5") return 5;
  return Math.max(1, ...configs.map((c) => c.metrics?.[m.name] ?? 0));
}

function renderMetricTable(report: EvalReport, configs: ConfigRun[]): string {
  const head = `<tr><th>metric</th>${configs.map((c) => `<th>${escapeHtml(c.spec.name)}</th>`).join("")}<th>meaning</th></tr>`;
  const rows = shownMetrics(report).map((m) => {
    const cells = configs.map((c) => `<td class="num">${escapeHtml(formatMetric(m, c.metrics?.[m.name]))}</td>`).join("");
    const name = m.group === "LLM-judged" ? `${escapeHtml(m.name)} <span class="judge">LLM-judged</span>` : escapeHtml(m.name);
    const direction = m.higherIsBetter ? "higher is better" : "lower is better";
    return `<tr><td><code>${name}</code></td>${cells}<td class="muted">${escapeHtml(m.description)} (${direction})</td></tr>`;
  });
  return `<table>${head}${rows.join("")}</table>`;
}

function renderKindTable(configs: ConfigRun[]): string {
  const head = `<tr><th>kind</th>${configs.map((c) => `<th>${escapeHtml(c.spec.name)}</th>`).join("")}</tr>`;
  const rows = QUESTION_KINDS.map((k) => {
    const cells = configs.map((c) => {
      const s = c.byKind?.[k];
      return `<td class="num">${s && s.questions ? `${s.passed} / ${s.questions}` : "—"}</td>`;
    });
    return `<tr><td>${escapeHtml(k)}</td>${cells.join("")}</tr>`;
  });
  return `<table>${head}${rows.join("")}</table>`;
}

function resultsById(configs: ConfigRun[]): Map<string, QuestionResult>[] {
  return configs.map((c) => new Map(c.results.map((r) => [r.id, r])));
}

function renderGrid(report: EvalReport, configs: ConfigRun[]): string {
  const byId = resultsById(configs);
  const head = `<tr><th>id</th><th>kind</th><th>question</th>${configs.map((c) => `<th>${escapeHtml(c.spec.name)}</th>`).join("")}</tr>`;
  const rows = report.dataset.items.map((q) => {
    const cells = byId.map((m) => {
      const r = m.get(q.id);
      if (!r) return `<td class="muted">—</td>`;
      return r.pass
        ? `<td class="pass" title="passed">✓</td>`
        : `<td class="fail" title="${escapeHtml(r.failure)}">✗</td>`;
    });
    return `<tr><td><a href="#${escapeHtml(q.id)}">${escapeHtml(q.id)}</a></td><td>${escapeHtml(q.kind)}</td><td>${escapeHtml(q.question)}</td>${cells.join("")}</tr>`;
  });
  return `<table class="grid">${head}${rows.join("")}</table>`;
}

function renderDetails(report: EvalReport, configs: ConfigRun[]): string {
  const byId = resultsById(configs);
  return report.dataset.items
    .map((q) => {
      const expected = q.answerable
        ? `Expected facts: ${escapeHtml(q.facts.map((alts) => alts.join(" / ")).join("; ") || "—")} — sources: ${escapeHtml(q.sources.join(", "))}`
        : "Expected: not found (the documents do not answer this).";
      const answers = configs.map((c, i) => {
        const r = byId[i].get(q.id);
        return r ? renderAnswer(c.spec.name, r) : "";
      });
      return `<details id="${escapeHtml(q.id)}"><summary><strong>${escapeHtml(q.id)}</strong> ${escapeHtml(q.question)}</summary>
<p class="muted">${expected}</p>${answers.join("")}</details>`;
    })
    .join("\n");
}

function renderAnswer(configName: string, r: QuestionResult): string {
  const verdict = r.pass ? `<span class="pass">pass</span>` : `<span class="fail">fail</span> ${escapeHtml(r.failure)}`;
  const citations = r.citations
    .map((c) => {
      const where = `${c.source}${c.page !== undefined ? ` p.${c.page}` : ""} lines ${c.lines.from}–${c.lines.to}`;
      return `<li><details><summary>[${c.n}] ${escapeHtml(where)} (score ${c.score.toFixed(3)})</summary><pre>${escapeHtml(c.text)}</pre></details></li>`;
    })
    .join("");
  const judge = r.judge
    ? `<p class="judge">LLM-judged: faithfulness ${r.judge.faithfulness}/5, correctness ${r.judge.correctness}/5${r.judge.note ? ` — ${escapeHtml(r.judge.note)}` : ""}</p>`
    : "";
  return `<h4>${escapeHtml(configName)} — ${verdict} <span class="muted">(${Math.round(r.latencyMs)} ms, retrieved ${escapeHtml(r.retrievedFiles.join(", ") || "nothing")})</span></h4>
<pre>${escapeHtml(r.error ? `error: ${r.error}` : r.answer || "(empty answer)")}</pre>${citations ? `<ul>${citations}</ul>` : ""}${judge}`;
}
