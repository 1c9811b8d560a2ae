import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A real corpus nobody here wrote: the Python 3 documentation from Debian's
 * `python3-doc` package (≈ 50 MB of HTML under /usr/share/doc/python3.x/html).
 */
export const DOC_PACKAGE = "python3-doc";
const DOC_ROOT = "/usr/share/doc";

/** The package's HTML folder, installing the package with apt when it is missing; null when that is impossible. */
export function ensureDocPackage(log: (line: string) => void): string | null {
  const existing = findDocHtml();
  if (existing) return existing;
  if (!commandExists("apt-get")) {
    log(`apt-get is not available; cannot install ${DOC_PACKAGE}.`);
    return null;
  }
  log(`Installing ${DOC_PACKAGE} with apt-get (once; it stays under ${DOC_ROOT})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["install", "-y", "-qq", DOC_PACKAGE], { stdio: "ignore", env });
  } catch {
    // The package lists may be missing on a fresh machine: refresh them once and retry.
    try {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "ignore", env });
      execFileSync("apt-get", ["install", "-y", "-qq", DOC_PACKAGE], { stdio: "ignore", env });
    } catch (error) {
      log(`Could not install ${DOC_PACKAGE} (${(error as Error).message.split("\n")[0]}).`);
      return null;
    }
  }
  return findDocHtml();
}

function findDocHtml(): string | null {
  if (!fs.existsSync(DOC_ROOT)) return null;
  const candidates = fs
    .readdirSync(DOC_ROOT)
    .filter((name) => /^python3\.\d+$/.test(name))
    .map((name) => path.join(DOC_ROOT, name, "html"))
    .filter((dir) => fs.existsSync(path.join(dir, "index.html")));
  return candidates.sort().at(-1) ?? null;
}

function commandExists(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** HTML pages of `root`, sorted, without the generated index pages (which are link lists, not prose). */
export function listHtmlFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(full);
      } else if (entry.isFile() && entry.name.endsWith(".html") && !/^(genindex|py-modindex|search)/.test(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Copies pages of `sourceRoot` into a fresh `target` folder until at least
 * `minBytes` were copied (fewer if the package has less). Returns bytes and files copied.
 */
export function copyCorpus(sourceRoot: string, target: string, minBytes: number): { bytes: number; files: number } {
  fs.rmSync(target, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  for (const file of listHtmlFiles(sourceRoot)) {
    if (bytes >= minBytes) break;
    const destination = path.join(target, path.relative(sourceRoot, file));
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.copyFileSync(file, destination);
    bytes += fs.statSync(destination).size;
    files++;
  }
  return { bytes, files };
}
