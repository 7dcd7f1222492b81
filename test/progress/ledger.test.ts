// Both ledgers count each document once, and a rebuild from manifests equals the incremental counts.
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
import { docIdOf } from "../../src/queue/job-payload.js";
import { buildArchiveRecord } from "../../src/storage/archive-record.js";
import { LocalArchiveStore } from "../../src/storage/local-store.js";
import { consolidateManifest, writeManifestEntry } from "../../src/storage/manifest.js";
import { makeDocs, tempDir } from "./helpers.js";

const sorted = (rows: UnitYearCount[]) =>
  [...rows].sort((a, b) => a.unit.localeCompare(b.unit) || a.year - b.year);

// 3 units × 2 years, with documents re-recorded by retried jobs.
const DOCS: ArchivedDocRef[] = [
  ...makeDocs("90001", 2024, 7),
  ...makeDocs("90001", 2025, 3),
  ...makeDocs("90", 2025, 11),
  ...makeDocs("901", 2024, 5).map((d, i) =>
    i < 2 ? { ...d, dossierCode: `000.00.00.H90-240315-000${i}` } : d,
  ),
];
const EXPECTED = [
  { unit: "90", year: 2025, count: 11 },
  { unit: "90001", year: 2024, count: 7 },
  { unit: "90001", year: 2025, count: 3 },
  { unit: "901", year: 2024, count: 5 },
];

/** The manifest record the worker writes for a document of DOCS (docId is the short key form, as in production). */
function recordOf(d: ArchivedDocRef, batchId: string, outcome: "archived" | "review" | "failed") {
  const subject = {
    docId: docIdOf(d.docId),
    batchId,
    file: `/scans/${d.docId}.jpg`,
    sha256: d.docId,
    unit: d.unit,
    level: "commune" as const,
    year: 2020,
  };
  if (outcome === "failed")
    return buildArchiveRecord(subject, {
      error: { name: "CorruptImageError", code: "sohoa:corruptImage", message: "bad", retryable: false },
    });
  const fields = {
    issueDate: { value: `${d.year}-03-15`, confidence: 0.9, valid: true },
    ...(d.dossierCode ? { dossierCode: { value: d.dossierCode, confidence: 0.9, valid: true } } : {}),
  };
  return buildArchiveRecord(subject, {
    result: {
      docType: "decision",
      fields,
      needsReview: outcome === "review",
      pages: 1,
      year: d.year,
      keys: {},
      checksums: {},
      timings: {},
    },
  });
}

/**
 * Writes DOCS as two batches' manifests with the worker's own code: batch-a consolidated, batch-b as
 * per-document objects, every third document a `review`, plus a failure and a re-run of DOCS[0].
 */
async function writeManifests(root: string): Promise<void> {
  const archive = new LocalArchiveStore(root);
  const half = Math.floor(DOCS.length / 2);
  const outcome = (i: number) => (i % 3 === 0 ? "review" : "archived");
  for (const [i, d] of DOCS.slice(0, half).entries())
    await writeManifestEntry(archive, recordOf(d, "batch-a", outcome(i)));
  await consolidateManifest(archive, "batch-a");
  for (const [i, d] of DOCS.slice(half).entries())
    await writeManifestEntry(archive, recordOf(d, "batch-b", outcome(i)));
  await writeManifestEntry(
    archive,
    recordOf({ docId: "f".repeat(64), unit: "90", year: 2025 }, "batch-b", "failed"),
  );
  await writeManifestEntry(archive, recordOf(DOCS[0]!, "batch-c", "archived"));
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
      expect(await store.counts({ year: 2024, unit: "901" })).toEqual([
        { unit: "901", year: 2024, count: 5 },
      ]);
      const links = await store.links({ year: 2024 });
      expect(links).toHaveLength(12);
      expect(
        links
          .filter((l) => l.dossierCode)
          .map((l) => l.dossierCode)
          .sort(),
      ).toEqual(["000.00.00.H90-240315-0000", "000.00.00.H90-240315-0001"]);
    });

    it("rebuild from the archive's manifests equals the incremental counts", async () => {
      const tmp = await tempDir();
      try {
        await writeManifests(tmp.dir);
        const skipped: string[] = [];
        const archive = new LocalArchiveStore(tmp.dir);
        const summary = await rebuild(
          store,
          readArchiveManifests(archive, {
            onSkip: (batch, _file, reason) => skipped.push(`${batch}:${reason}`),
          }),
        );
        // `review` documents are archived and count; the re-run of DOCS[0] is read but counted once.
        expect(summary).toEqual({ read: DOCS.length + 1, documents: DOCS.length, cells: 4 });
        expect(skipped).toEqual(["batch-b:outcome failed"]);
        expect(sorted(await store.counts())).toEqual(EXPECTED);
        // Recording after a rebuild, as the live pipeline does (by the source's SHA-256), never double-counts.
        for (const d of DOCS) await store.record(docRefFrom(recordOf(d, "batch-d", "review"))!);
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
      expect(await store.dossiers({ year: 2026 })).toEqual([
        { dossierCode: "H55.242-260125-010001", unit: "90", year: 2026 },
      ]);
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
ledgerSuite(
  "RedisProgressStore (real Redis)",
  async () =>
    new RedisProgressStore(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
      prefix: `test-${randomUUID()}:`,
    }),
);

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
    const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(64)) as [string, string, string];
    expect(
      docRefFrom({
        sha256: a,
        unit: "90",
        year: 2020,
        fields: { issueDate: "2024-05-06", dossierCode: " h55.242-260125-010001 " },
      }),
    ).toEqual({
      docId: a,
      unit: "90",
      year: 2024,
      issueDate: "2024-05-06",
      dossierCode: "H55.242-260125-010001",
    });
    expect(
      docRefFrom(
        { docId: b, fields: { issueDate: { value: "06/05/2024" } } },
        { unit: "901", year: 2025, level: "district" },
      ),
    ).toEqual({
      docId: b,
      unit: "901",
      year: 2025,
      level: "district",
    });
    expect(docRefFrom({ docId: c, year: 2025 })).toBeUndefined();
  });

  it("keys on the SHA-256, never on a record's short archive docId (which would count the document twice)", () => {
    const sha256 = "d".repeat(64);
    expect(docRefFrom({ docId: sha256.slice(0, 24), sha256, unit: "90", year: 2025 })?.docId).toBe(sha256);
    expect(docRefFrom({ docId: sha256.slice(0, 24), unit: "90", year: 2025 })).toBeUndefined();
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
