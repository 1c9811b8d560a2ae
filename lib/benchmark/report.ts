import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** What each bench section hands back: tables for people, raw data for bench.json. */
export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
}

export interface TargetCheck {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface SectionReport {
  id: string;
  title: string;
  tables: Table[];
  notes: string[];
  targets: TargetCheck[];
  /** Set when the section could not run; the reason is printed instead of tables. */
  skipped?: string;
  durationMs?: number;
  data: unknown;
}

export interface RunInfo {
  startedAt: string;
  durationMs: number;
  machine: string;
  command: string;
  commit: string | null;
}

/** One line that identifies the machine the numbers came from. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  return (
    `${cpus[0]?.model ?? "unknown CPU"} × ${cpus.length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ` +
    `${os.type()} ${os.release()}, Node ${process.version}, load average at start ${load}`
  );
}

export function renderTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const lines = [
    `| ${table.headers.map(escape).join(" | ")} |`,
    `|${table.headers.map(() => "---").join("|")}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(" | ")} |`),
  ];
  return `**${table.title}**\n\n${lines.join("\n")}`;
}

export function renderSection(section: SectionReport): string {
  const parts = [`## ${section.title}`];
  if (section.skipped) parts.push(`_Skipped: ${section.skipped}_`);
  for (const table of section.tables) parts.push(renderTable(table));
  if (section.targets.length) {
    parts.push(
      renderTable({
        title: "Targets",
        headers: ["target", "wanted", "measured", "met"],
        rows: section.targets.map((t) => [t.name, t.target, t.actual, t.met ? "yes" : "**NO**"]),
      }),
    );
  }
  if (section.notes.length) parts.push(section.notes.map((note) => `- ${note}`).join("\n"));
  if (section.durationMs !== undefined) parts.push(`_Section time: ${(section.durationMs / 1000).toFixed(1)} s_`);
  return parts.join("\n\n");
}

export function renderReport(run: RunInfo, sections: SectionReport[]): string {
  const header = [
    "# Benchmark report",
    "",
    `- Machine: ${run.machine}`,
    `- Started: ${run.startedAt}; total run time ${(run.durationMs / 1000).toFixed(1)} s`,
    `- Command: \`${run.command}\`${run.commit ? ` at commit ${run.commit}` : ""}`,
  ].join("\n");
  return [header, ...sections.map(renderSection)].join("\n\n") + "\n";
}

export function writeReport(outDir: string, run: RunInfo, sections: SectionReport[]): { json: string; md: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const json = path.join(outDir, "bench.json");
  const md = path.join(outDir, "bench.md");
  fs.writeFileSync(json, JSON.stringify({ run, sections }, null, 2) + "\n");
  fs.writeFileSync(md, renderReport(run, sections));
  return { json, md };
}
