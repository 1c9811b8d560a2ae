import { loadConfig } from "../lib/config";
import { indexIsStale, ingest } from "../lib/indexing";
import { runCli } from "./cli";

/** Run before the app starts: builds the index when it is missing or the corpus changed. */
runCli(async () => {
  const config = loadConfig();
  const { stale, reason } = await indexIsStale(config);
  if (!stale) {
    console.log("Index is up to date.");
    return;
  }
  console.log(`Building the index (${reason})…`);
  const summary = await ingest({ config });
  console.log(`Indexed ${summary.files} files, ${summary.chunks} chunks (${summary.embedded} embedded) in ${(summary.timings.totalMs / 1000).toFixed(2)}s.`);
});
