// Reads a benchmark corpus: <dir>/scans/* and <dir>/truth.jsonl (format in shared/bench/README.md).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface TruthPage {
  /** Absent on the real set (no skew truth). */
  skewDegrees?: number;
  orientation: number;
}

export interface Truth {
  file: string;
  docType: string;
  level?: string;
  dpi?: number;
  pages: TruthPage[];
  fields: Record<string, string | number>;
  /** Absent when nothing was transcribed. */
  text?: string;
  /** Pages (from 0) that `text` covers; absent = all pages. */
  textPages?: number[];
}

export interface Corpus {
  dir: string;
  scansDir: string;
  /** Absolute paths of the scans, sorted by name. */
  files: string[];
  /** Truth by file name; empty when the corpus has none. */
  truth: Map<string, Truth>;
}

/** Loads the corpus; a missing truth.jsonl leaves scores out but still allows timing. */
export function loadCorpus(dir: string): Corpus {
  const scansDir = join(dir, "scans");
  const files = readdirSync(scansDir)
    .filter((f) => !f.startsWith("."))
    .sort()
    .map((f) => join(scansDir, f));
  const truth = new Map<string, Truth>();
  let raw = "";
  try {
    raw = readFileSync(join(dir, "truth.jsonl"), "utf8");
  } catch {
    // No truth: timings only.
  }
  for (const line of raw.split("\n")) {
    if (line.trim() === "") continue;
    const t = JSON.parse(line) as Truth;
    truth.set(t.file, t);
  }
  return { dir, scansDir, files, truth };
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
