/**
 * Starts the built Next.js app (`next start -H 127.0.0.1 -p <free port>`) as a child
 * process with a given environment, waits until it answers HTTP, and stops it again.
 * Needs a production build (`next build`) in `cwd`.
 *
 * The child runs in its own process group so `stop()` also ends anything it spawned;
 * only that group is signalled, never processes found by name.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/net";

export interface StartServerOptions {
  /** Project folder holding `.next` (default: the repository root). */
  cwd?: string;
  /** Extra environment for the server (merged over `process.env` unless `inheritEnv` is false). */
  env?: Record<string, string | undefined>;
  /** Start from an empty environment (plus PATH/HOME/NODE_ENV) instead of `process.env` (default true = inherit). */
  inheritEnv?: boolean;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** Path polled for readiness; any HTTP response counts (default "/api/info"). */
  readyPath?: string;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Echo the server's output to this process's stderr as it arrives. */
  echo?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Everything the server wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resident memory of the server's process tree, in bytes (Linux /proc). */
  rssBytes(): number;
  /** True while the process is running. */
  alive(): boolean;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..");


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const cwd = options.cwd ?? REPO_ROOT;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const readyPath = options.readyPath ?? "/api/info";
  if (!fs.existsSync(path.join(cwd, ".next", "BUILD_ID"))) {
    throw new Error(`No production build in ${cwd}/.next (run \`npm run build\` first).`);
  }
  const nextBin = path.join(cwd, "node_modules", "next", "dist", "bin", "next");

  const base: Record<string, string | undefined> =
    options.inheritEnv === false
      ? { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR }
      : { ...process.env };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...base, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...options.env })) {
    if (value !== undefined) env[key] = value;
  }

  // A port can be taken between `freePort()` and `listen`; retry a few times on EADDRINUSE.
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(nextBin, cwd, env, port, readyPath, timeoutMs, options.echo ?? false);
    } catch (error) {
      if (options.port || attempt >= 3 || !String((error as Error).message).includes("EADDRINUSE")) throw error;
    }
  }
}

async function launch(
  nextBin: string,
  cwd: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
  timeoutMs: number,
  echo: boolean,
): Promise<RunningServer> {
  const child = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd,
    env: env as NodeJS.ProcessEnv,
    detached: true, // own process group, so stop() can signal the whole tree by the child's id
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    out += d;
    if (echo) process.stderr.write(`[server ${port}] ${d}`);
  });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    if (echo) process.stderr.write(`[server ${port} err] ${d}`);
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  const server: RunningServer = {
    url,
    port,
    pid,
    process: child,
    stdout: () => out,
    stderr: () => err,
    rssBytes: () => treeRssBytes(pid),
    alive: () => !exited,
    async stop(graceMs = 5000) {
      if (exited) return;
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs);
      await exitPromise;
      clearTimeout(timer);
      // Anything left in the group (workers) goes too.
      signalGroup(pid, "SIGKILL");
    },
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`next start exited before it was ready (port ${port}).\nstdout:\n${out}\nstderr:\n${err}`);
    }
    try {
      const res = await fetch(url + readyPath, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return server;
    } catch {
      await sleep(150);
    }
  }
  await server.stop();
  throw new Error(`next start did not answer on ${url}${readyPath} within ${timeoutMs} ms.\nstdout:\n${out}\nstderr:\n${err}`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Sum of VmRSS over `pid` and its descendants. */
export function treeRssBytes(pid: number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) total += rssOf(p);
  return total;
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.shift()!;
    let children: number[] = [];
    try {
      for (const task of fs.readdirSync(`/proc/${current}/task`)) {
        const text = fs.readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (text) children.push(...text.split(/\s+/).map(Number));
      }
    } catch {
      children = [];
    }
    for (const child of children) {
      if (!found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
