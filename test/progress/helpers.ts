// Test helpers: a temporary ledger folder and documents made up per unit and year.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { ArchivedDocRef, ProgressStore } from "../../src/progress/index.js";

export const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;

/** A temporary folder, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "sohoa-progress-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** `n` distinct made-up documents of a unit and year, with sha256-like ids. */
export function makeDocs(unit: string, year: number, n: number, salt = ""): ArchivedDocRef[] {
  return Array.from({ length: n }, (_, i) => ({
    docId: createHash("sha256").update(`${salt}|${unit}|${year}|${i}`).digest("hex"),
    unit,
    year,
  }));
}

/** [unit, scope, digitized] per year. */
export type YearData = Record<number, [string, number, number][]>;

/** Sets the scope and records the documents of every row into the store. */
export async function load(store: ProgressStore, data: YearData): Promise<void> {
  for (const [year, rows] of Object.entries(data)) {
    for (const [unit, scope, digitized] of rows) {
      if (scope > 0) await store.setScope(unit, Number(year), scope);
      for (const doc of makeDocs(unit, Number(year), digitized)) await store.record(doc);
    }
  }
}
