import fs from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";

/** Memory figures of a process from /proc (Linux); null elsewhere or when it is gone. */
export interface ProcMemory {
  rssBytes: number;
  /** Peak resident set size since start or the last `resetPeakRss`. */
  peakRssBytes: number;
}

export function procMemory(pid: number | "self" = "self"): ProcMemory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    return { rssBytes: kb("VmRSS"), peakRssBytes: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** Resets VmHWM so the next reading is the peak of what runs from now on. Returns false if unsupported. */
export function resetPeakRss(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

export function rssBytes(): number {
  return process.memoryUsage().rss;
}

let gcFunction: (() => void) | undefined;

/**
 * Full garbage collection, so memory deltas measure what is still referenced
 * (works without `--expose-gc`: the flag is switched on at run time).
 */
export function collectGarbage(): void {
  if (!gcFunction) {
    v8.setFlagsFromString("--expose-gc");
    gcFunction = vm.runInNewContext("gc") as () => void;
  }
  gcFunction();
  gcFunction();
}

/** RSS after a full GC. */
export function settledRss(): number {
  collectGarbage();
  return rssBytes();
}

export interface MemorySnapshot {
  rss: number;
  /** V8 heap pages held but not used by live objects. */
  heapFree: number;
}

/** Memory after a full GC. */
export function memorySnapshot(): MemorySnapshot {
  collectGarbage();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapFree: usage.heapTotal - usage.heapUsed };
}

/**
 * Memory that stayed referenced between two snapshots: RSS growth, corrected for
 * V8 heap space that was freed but not yet returned to the system (or returned in
 * between), which otherwise makes small deltas swing or turn negative.
 */
export function retainedBytes(before: MemorySnapshot, after: MemorySnapshot = memorySnapshot()): number {
  return after.rss - before.rss - (after.heapFree - before.heapFree);
}

/** Live JavaScript memory after a full GC: V8 heap objects plus buffers held outside it (typed arrays). */
export function jsMemory(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/**
 * Bytes hnswlib allocates per element of a HierarchicalNSW index (hnswalg.h, 64-bit):
 * level-0 links + vector + label, the expected upper-level link lists, the
 * link-list pointer, level, label-map entry, per-element mutex and visited-list slot.
 * Native memory reused by the allocator hides from RSS deltas; this layout does not.
 */
export function hnswBytesPerElement(dim: number, m: number): number {
  const level0 = 2 * m * 4 + 4 + dim * 4 + 8;
  const upperLevels = (m * 4 + 4) / (m - 1);
  const bookkeeping = 8 + 4 + 40 + 40 + 2;
  return level0 + upperLevels + bookkeeping;
}

/** Bytes per element of hnswlib's BruteforceSearch (bruteforce.h): vector + label + label-map entry. */
export function bruteForceBytesPerElement(dim: number): number {
  return dim * 4 + 8 + 40;
}
