import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { loadConfig } from "../lib/config";
import { ingest, type IngestProgress, type IngestSummary } from "../lib/indexing";
import { runCli } from "./cli";

const USAGE = `Usage: npm run ingest -- [corpus-folder] [--out index-folder] [--rebuild]

Builds or updates the search index of a folder of .txt, .md, .html and .pdf files.
  corpus-folder   documents to index (default: RAG_CORPUS_DIR or seeds/)
  --out DIR       where the index is written (default: RAG_INDEX_DIR or data/index)
  --rebuild       re-embed everything instead of reusing unchanged files`;

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: "string" }, rebuild: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env, {
    ...(positionals[0] ? { corpusDir: path.resolve(positionals[0]) } : {}),
    ...(values.out ? { indexDir: path.resolve(values.out) } : {}),
  });
  const progress = progressReporter();
  const summary = await ingest({ config, rebuild: values.rebuild, onProgress: progress.update }).finally(progress.stop);
  printSummary(summary, path.relative(process.cwd(), config.indexDir) || ".");
});

/** A progress bar on a terminal; nothing (just the summary) when output is piped. */
function progressReporter() {
  if (!process.stdout.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: " {phase} |{bar}| {value}/{total} {detail}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase = "";
  return {
    update(event: IngestProgress) {
      if (event.phase !== phase) {
        if (phase) bar.stop();
        phase = event.phase;
        bar.start(event.phase === "load" ? 0 : event.total, 0, { phase: phase.padEnd(5), detail: "" });
      }
      if (event.phase === "load") {
        bar.setTotal(Math.max(event.done, 1));
        bar.update(event.done, { detail: event.file ?? "" });
      } else bar.update(event.done);
    },
    stop: () => phase && bar.stop(),
  };
}

function printSummary(summary: IngestSummary, indexDir: string): void {
  for (const skip of summary.skipped) console.log(`skipped ${skip.source}: ${skip.reason}`);
  const seconds = (summary.timings.totalMs / 1000).toFixed(2);
  const size = `${(summary.indexBytes / 1024).toFixed(0)} KB`;
  if (summary.unchanged) {
    console.log(
      `Index up to date: ${summary.files} files, ${summary.chunks} chunks, nothing to embed (0 embedded, ${summary.reused} reused) in ${seconds}s.`,
    );
    return;
  }
  const changes = [
    summary.added.length && `${summary.added.length} added`,
    summary.changed.length && `${summary.changed.length} changed`,
    summary.removed.length && `${summary.removed.length} removed`,
  ].filter(Boolean);
  console.log(
    `Indexed ${summary.files} files, ${summary.chunks} chunks (${summary.embedded} embedded, ${summary.reused} reused` +
      `${changes.length ? `; files ${changes.join(", ")}` : ""}) in ${seconds}s → ${indexDir} (${size}).` +
      (summary.fullRebuildReason && summary.fullRebuildReason !== "no previous index" ? ` Full re-embed: ${summary.fullRebuildReason}.` : ""),
  );
}
