import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

/**
 * `npm run dev`: builds the index when missing or stale, starts `next dev`, then
 * requests the page and routes once so the first question in the browser does not
 * wait for Next.js to compile them.
 */
const { values } = parseArgs({ options: { port: { type: "string", short: "p" } }, allowPositionals: true, strict: false });
const port = String(values.port ?? process.env.PORT ?? 3000);
const origin = `http://127.0.0.1:${port}`;

const ensure = spawn(process.execPath, ["--import", "tsx", "scripts/ensure-index.ts"], { stdio: "inherit" });
ensure.on("exit", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-H", "127.0.0.1", "-p", port], {
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (status) => process.exit(status ?? 0));
  warmUp().then(
    () => console.log(`\n  Ready: open ${origin}\n`),
    (error) => console.error(`Warm-up request failed (${(error as Error).message}); the app may still be compiling.`),
  );
});

async function warmUp(): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      await fetch(`${origin}/api/info`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  await fetch(`${origin}/`).then((r) => r.text());
  const body = { messages: [{ id: "warm-up", role: "user", parts: [{ type: "text", text: "warm up" }] }] };
  await fetch(`${origin}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "warm-up" },
    body: JSON.stringify(body),
  }).then((r) => r.text());
}
