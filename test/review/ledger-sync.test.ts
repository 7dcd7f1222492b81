// The ledger follows decisions: an excluded document stops counting, a corrected year moves it, an approval counts once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalProgressStore } from "../../src/progress/local-store.js";
import { followInLedger } from "../../src/review/ledger-sync.js";
import { QueueIndex, type IndexEntry } from "../../src/review/queue-index.js";

const id = (n: number) => String(n).padStart(64, "a");
function entry(n: number, year: number, status: IndexEntry["status"]): IndexEntry {
  return {
    id: id(n),
    prefix: `commune/27001/${year}/decision/d${n}`,
    docId: `d${n}`,
    batchId: "b",
    unit: "27001",
    level: "commune",
    year: String(year),
    docType: "decision",
    reasons: [],
    status,
    version: 1,
    file: `${n}.jpg`,
    ref: { docId: id(n), unit: "27001", year },
  };
}

let dir: string;
let ledger: LocalProgressStore;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-ledger-sync-"));
  ledger = await LocalProgressStore.open(dir);
});
afterAll(async () => {
  await ledger.close();
  await rm(dir, { recursive: true, force: true });
});

describe("followInLedger", () => {
  it("counts approvals, drops exclusions and moves corrected years", async () => {
    const index = new QueueIndex();
    for (const n of [1, 2, 3]) {
      index.put(entry(n, 2024, "pending"));
      await ledger.record(entry(n, 2024, "pending").ref!);
    }
    const approved = entry(1, 2024, "approved");
    index.put(approved);
    await followInLedger(ledger, index, entry(1, 2024, "pending").ref, approved);
    expect(await ledger.counts()).toEqual([{ unit: "27001", year: 2024, count: 3 }]);

    const excluded = entry(2, 2024, "excluded");
    index.put(excluded);
    await followInLedger(ledger, index, entry(2, 2024, "pending").ref, excluded);
    expect((await ledger.links()).map((l) => l.docId).sort()).toEqual([id(1), id(3)]);

    const moved = entry(3, 2023, "approved");
    index.put(moved);
    await followInLedger(ledger, index, entry(3, 2024, "pending").ref, moved);
    expect((await ledger.counts()).sort((a, b) => a.year - b.year)).toEqual([
      { unit: "27001", year: 2023, count: 1 },
      { unit: "27001", year: 2024, count: 1 },
    ]);
  });
});
