import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  /** "function (file:line)", file relative to the project. */
  location: string;
  selfMs: number;
  share: number;
}

/** Runs `work` under the V8 CPU profiler (what `node --cpu-prof` records), writing the .cpuprofile to `file`. */
export async function profile<T>(file: string, work: () => Promise<T>): Promise<{ result: T; hotSpots: HotSpot[] }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  let result: T;
  try {
    result = await work();
  } finally {
    const { profile: data } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
    session.disconnect();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data));
  }
  return { result, hotSpots: hotSpots(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile) };
}

/** Self time per function, largest first. */
export function hotSpots(data: CpuProfile, root = process.cwd()): HotSpot[] {
  const byNode = new Map(data.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<string, number>();
  let total = 0;
  data.samples.forEach((id, i) => {
    // The first delta spans the profiler's own start-up, not a sample of the work.
    if (i === 0) return;
    const node = byNode.get(id);
    const ms = (data.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^file:\/\//, "").replace(`${root}/`, "") : "";
    // tsx-compiled TypeScript has no useful line numbers in the profile: name the file only.
    const where = file.endsWith(".ts") ? file : `${file}:${lineNumber + 1}`;
    const location = file ? `${functionName || "(anonymous)"} (${where})` : functionName || "(native)";
    selfMs.set(location, (selfMs.get(location) ?? 0) + ms);
  });
  return [...selfMs]
    .map(([location, ms]) => ({ location, selfMs: ms, share: total ? ms / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** Self time summed per source file (node_modules collapsed to the package), largest first. */
export function timeByFile(spots: HotSpot[]): HotSpot[] {
  const byFile = new Map<string, { selfMs: number; share: number }>();
  for (const spot of spots) {
    const match = /\(([^()]+?)(?::\d+)?\)$/.exec(spot.location);
    let file = match ? match[1] : spot.location;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (pkg) file = `node_modules/${pkg[1]}`;
    else if (file.startsWith("node:")) file = "node internals";
    const entry = byFile.get(file) ?? { selfMs: 0, share: 0 };
    entry.selfMs += spot.selfMs;
    entry.share += spot.share;
    byFile.set(file, entry);
  }
  return [...byFile].map(([location, v]) => ({ location, ...v })).sort((a, b) => b.selfMs - a.selfMs);
}
