import readline from "node:readline";
import { parseArgs } from "node:util";
import { Pipeline } from "../lib/pipeline";
import type { AskResult } from "../lib/types";
import { runCli } from "./cli";

const USAGE = `Usage: npm run ask -- [--json] "question"
       npm run ask -- --json < questions.txt    (one question per line, one JSON object per line)`;

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const question = positionals.join(" ").trim();
  if (values.help || (!question && !values.json)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const pipeline = await Pipeline.open();
  if (question) {
    const result = await pipeline.ask(question);
    console.log(values.json ? JSON.stringify(result) : formatHuman(result));
    return 0;
  }
  // Batch mode: the index is loaded once for all questions.
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    console.log(JSON.stringify(await pipeline.ask(line.trim())));
  }
  return 0;
});

function formatHuman(result: AskResult): string {
  const out = [result.answer, ""];
  if (result.found) {
    out.push("Sources:");
    for (const c of result.citations) {
      out.push(`  [${c.n}] ${c.source}, lines ${c.lines.from}-${c.lines.to}${c.page !== undefined ? `, page ${c.page}` : ""}`);
    }
    if (result.uncitedSentences.length) out.push("", `Warning: ${result.uncitedSentences.length} sentence(s) carry no citation.`);
  } else if (result.closestMatches.length) {
    out.push("Closest matches (not answers):");
    for (const c of result.closestMatches) {
      out.push(`  - ${c.source}, lines ${c.lines.from}-${c.lines.to}: ${c.text.slice(0, 100).replace(/\s+/g, " ")}…`);
    }
  }
  out.push("", `(${result.timings.totalMs.toFixed(1)} ms)`);
  return out.join("\n");
}
