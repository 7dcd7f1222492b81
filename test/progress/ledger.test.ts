// Both ledgers count each document once, and a rebuild from manifests equals the incremental counts.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  docRefFrom,
  fromArray,
  LocalProgressStore,
  readArchiveManifests,
  rebuild,
  RedisProgressStore,
  type ArchivedDocRef,
  type ProgressStore,
  type UnitYearCount,
} from "../../src/progress/index.js";
import { makeDocs, tempDir } from "./helpers.js";

const sorted = (rows: UnitYearCount[]) => [...rows].sort((a, b) => a.unit.localeCompare(b.unit) || a.year - b.year);

// 3 units × 2 years, with documents re-recorded by retried jobs.
const DOCS: ArchivedDocRef[] = [
  ...makeDocs("90001", 2024, 7),
  ...makeDocs("90001", 2025, 3),
  ...makeDocs("90", 2025, 11),
  ...makeDocs("901", 2024, 5).map((d, i) => (i < 2 ? { ...d, dossierCode: `000.00.00.H90-240315-000${i}` } : d)),
];
const EXPECTED = [
  { unit: "90", year: 2025, count: 11 },
  { unit: "90001", year: 2024, count: 7 },
  { unit: "90001", year: 2025, count: 3 },
  { unit: "901", year: 2024, count: 5 },
];

/** Writes DOCS as two batch manifests (with a failed line and a duplicate) the way the storage adapter does. */
async function writeManifests(root: string): Promise<void> {
  const line = (d: ArchivedDocRef, outcome = "archived") =>
    JSON.stringify({
      docId: d.docId,
      sha256: d.docId,
      outcome,
      unit: d.unit,
      level: "commune",
      year: 2020, // batch year; the issue date wins
      docType: "decision",
      fields: { issueDate: { value: `${d.year}-03-15`, confidence: 0.9, valid: true }, ...(d.dossierCode ? { dossierCode: d.dossierCode } : {}) },
    });
  const half = Math.floor(DOCS.length / 2);
  await mkdir(join(root, "2024", "batch-a"), { recursive: true });
  await mkdir(join(root, "2025", "batch-b"), { recursive: true });
  await writeFile(join(root, "2024", "batch-a", "manifest.jsonl"), `${DOCS.slice(0, half).map((d) => line(d)).join("\n")}\n`);
  const failed = JSON.stringify({ docId: "f".repeat(64), outcome: "failed", unit: "90", year: 2025 });
  await writeFile(
    join(root, "2025", "batch-b", "manifest.jsonl"),
    [...DOCS.slice(half).map((d) => line(d)), failed, line(DOCS[0]!, "duplicate"), "{not json"].join("\n"),
  );
}

function ledgerSuite(name: string, open: () => Promise<ProgressStore & { clear?: () => Promise<void> }>) {
  describe(name, () => {
    let store: ProgressStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await (store as { clear?: () => Promise<void> }).clear?.();
      await store.close();
    });

    it("counts each docId once, however often and however concurrently it is recorded", async () => {
      await Promise.all([...DOCS, ...DOCS].map((d) => store.record(d)));
      for (const d of DOCS.slice(0, 5)) await store.record(d);
      expect(sorted(await store.counts())).toEqual(EXPECTED);
      expect(await store.counts({ year: 2024, unit: "901" })).toEqual([{ unit: "901", year: 2024, count: 5 }]);
      const links = await store.links({ year: 2024 });
      expect(links).toHaveLength(12);
      expect(links.filter((l) => l.dossierCode).map((l) => l.dossierCode).sort()).toEqual(["000.00.00.H90-240315-0000", "000.00.00.H90-240315-0001"]);
    });

    it("rebuild from the archive's manifests equals the incremental counts", async () => {
      const tmp = await tempDir();
      try {
        await writeManifests(tmp.dir);
        const skipped: string[] = [];
        const summary = await rebuild(store, readArchiveManifests(tmp.dir, { onSkip: (_f, line, reason) => skipped.push(`${line}:${reason}`) }));
        expect(summary).toEqual({ read: DOCS.length + 1, documents: DOCS.length, cells: 4 });
        expect(skipped).toEqual([`${DOCS.length - Math.floor(DOCS.length / 2) + 1}:outcome failed`, `${DOCS.length - Math.floor(DOCS.length / 2) + 3}:not JSON`]);
        expect(sorted(await store.counts())).toEqual(EXPECTED);
        // Recording after a rebuild still never double-counts.
        await store.record(DOCS[3]!);
        expect(sorted(await store.counts())).toEqual(EXPECTED);
        // A rebuild from nothing empties the counts.
        await rebuild(store, fromArray([]));
        expect(await store.counts()).toEqual([]);
      } finally {
        await tmp.remove();
      }
    });

    it("keeps scope, dossiers and units", async () => {
      await store.setScope("90", 2025, 40);
      await store.setScope("90", 2025, 42);
      expect(await store.scopes({ year: 2025 })).toEqual([{ unit: "90", year: 2025, count: 42 }]);
      await store.addDossiers([{ dossierCode: "H55.242-260125-010001", unit: "90", year: 2026 }]);
      expect(await store.dossiers({ year: 2026 })).toEqual([{ dossierCode: "H55.242-260125-010001", unit: "90", year: 2026 }]);
      await store.saveUnits([{ code: "90", name: "Tỉnh Thử", level: "provincial" }]);
      expect(await store.loadUnits()).toEqual([{ code: "90", name: "Tỉnh Thử", level: "provincial" }]);
    });
  });
}

let localDir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  localDir = await tempDir();
});
afterAll(async () => localDir.remove());

ledgerSuite("LocalProgressStore", () => LocalProgressStore.open(join(localDir.dir, "ledger")));
ledgerSuite("RedisProgressStore (real Redis)", async () => new RedisProgressStore(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { prefix: `test-${randomUUID()}:` }));

describe("local ledger shared by two processes' worth of instances", () => {
  it("a second instance sees the first one's documents and never double-counts them", async () => {
    const dir = join(localDir.dir, "shared");
    const a = await LocalProgressStore.open(dir);
    const b = await LocalProgressStore.open(dir);
    for (const d of DOCS) await a.record(d);
    for (const d of DOCS.slice(0, 4)) await b.record(d); // b has not read a's lines yet: duplicates in the file
    const fresh = await LocalProgressStore.open(dir);
    expect(sorted(await fresh.counts())).toEqual(EXPECTED);
    expect(sorted(await b.counts())).toEqual(EXPECTED);
  });
});

describe("docRefFrom", () => {
  it("takes the issue date's year, else the batch's year and unit", () => {
    expect(docRefFrom({ sha256: "a", unit: "90", year: 2020, fields: { issueDate: "2024-05-06", dossierCode: " h55.242-260125-010001 " } })).toEqual({
      docId: "a", unit: "90", year: 2024, issueDate: "2024-05-06", dossierCode: "H55.242-260125-010001",
    });
    expect(docRefFrom({ docId: "b", fields: { issueDate: { value: "06/05/2024" } } }, { unit: "901", year: 2025, level: "district" })).toEqual({
      docId: "b", unit: "901", year: 2025, level: "district",
    });
    expect(docRefFrom({ docId: "c", year: 2025 })).toBeUndefined();
  });
});

// Keep the Redis client import honest: the store also accepts a shared client and leaves it open.
describe("RedisProgressStore with a shared client", () => {
  it("does not close a client it does not own", async () => {
    const client = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    const store = new RedisProgressStore(client, { prefix: `test-${randomUUID()}:` });
    await store.record(DOCS[0]!);
    expect(await store.counts()).toEqual([{ unit: "90001", year: 2024, count: 1 }]);
    await store.clear();
    await store.close();
    expect(await client.ping()).toBe("PONG");
    await client.quit();
  });
});
