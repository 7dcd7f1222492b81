// Worker processes killed with SIGKILL during OCR and during upload: their documents move on and are archived once.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchStatus, enqueueBatch, preflight, type BatchStatus } from "../../src/queue/index.js";
import { LocalArchiveStore, readManifest } from "../../src/storage/index.js";
import { startWorkerProcess, testQueue, type WorkerProcess } from "../queue/helpers.js";
import { census, completeDocs, makeValidScans, waitFor } from "./helpers.js";

const DOCS = 4;

describe("workers killed with SIGKILL", () => {
  let t: ReturnType<typeof testQueue>;
  let scans: string;
  let root: string;
  const procs: WorkerProcess[] = [];

  beforeAll(async () => {
    t = testQueue();
    scans = await makeValidScans(DOCS, "kill");
    root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-kill-archive-"));
    writeLog = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-kill-log-")), "writes.log");
    base = { SOHOA_OCR_ENGINE: "null", SOHOA_SIGNING_KEY: "", SOHOA_TEST_WRITE_LOG: writeLog };
  });
  afterAll(async () => {
    for (const p of procs)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await t?.cleanup();
    await fs.rm(scans, { recursive: true, force: true });
    await fs.rm(root, { recursive: true, force: true });
  });

  /** Short lock: a dead worker's job is found stalled and moved on within seconds. */
  // Every worker runs the real pipeline through a store that logs each completed write (test/fixtures/processor-write-log.ts).
  const args = (extra: string[] = ["--processor", "test/fixtures/processor-write-log.ts"]) => [
    "--queue",
    t.name,
    "--store",
    root,
    "--lock-duration",
    "2",
    "--concurrency",
    "1",
    "--log-level",
    "debug",
    ...extra,
  ];
  let writeLog: string;
  let base: Record<string, string>;

  async function kill(p: WorkerProcess): Promise<void> {
    p.child.kill("SIGKILL");
    await p.exited;
  }

  it(
    "loses nothing and archives nothing twice; the killed documents show their extra runs",
    { timeout: 90_000 },
    async () => {
      const pre = await preflight([scans]);
      const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
        unit: "27001",
        level: "commune",
        year: 2024,
      });

      // 1. A worker whose OCR takes 6 s per page: killed once a page has gone through the stages before OCR.
      const ocr = await startWorkerProcess(args(), { ...base, SOHOA_NULL_OCR_DELAY_MS: "6000" });
      procs.push(ocr);
      await waitFor(
        "a job active",
        async () => ((await t.queue.getJobCounts("active")).active ?? 0) >= 1,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(ocr.stderr()).not.toContain('"msg":"page done"'); // still inside OCR
      await kill(ocr);

      // 2. A worker whose PDF upload is held open: killed after the original is stored, before the PDF.
      const upload = await startWorkerProcess(args(["--processor", "test/faults/slow-upload-processor.ts"]), {
        ...base,
        SOHOA_TEST_UPLOAD_DELAY_MS: "10000",
      });
      procs.push(upload);
      await waitFor(
        "an upload started",
        () => upload.stderr().includes('"msg":"upload started"') || undefined,
        60_000,
      );
      await kill(upload);
      const partial = (await census(new LocalArchiveStore(root))).docs;
      // The kill left a document folder without its metadata.json: exactly the case the pipeline must repair.
      expect([...partial.values()].some((names) => !names.includes("metadata.json"))).toBe(true);

      // 3. Healthy workers finish the batch, taking over the stalled jobs.
      procs.push(await startWorkerProcess(args(), base), await startWorkerProcess(args(), base));
      const status = await waitFor<BatchStatus>(
        "batch complete",
        async () => {
          const s = await batchStatus(t.queue, t.registry, batchId);
          return s.manifestWritten ? s : undefined;
        },
        60_000,
        200,
      );
      expect(status.failed).toEqual([]);
      expect(status.batch.archived).toBe(DOCS);

      const store = new LocalArchiveStore(root);
      const manifest = await readManifest(store, batchId);
      expect(manifest).toHaveLength(DOCS);
      expect(manifest.every((r) => r.outcome !== "failed")).toBe(true);
      const c = await census(store);
      expect(c.docs.size).toBe(DOCS);
      expect(completeDocs(c)).toHaveLength(DOCS);
      // No stray temp files left by the killed writers are visible as objects, and the two killed jobs say they ran again.
      expect(c.keys.filter((k) => k.endsWith(".tmp"))).toEqual([]);
      // Two kills, two extra runs (on two documents, or twice on one if the second worker took the stalled job).
      expect(manifest.reduce((n, r) => n + (r.attempts ?? 1) - 1, 0)).toBeGreaterThanOrEqual(2);

      // "Archives nothing twice", from what was written, not from what is left: across the four worker
      // processes every document object was written exactly once; later runs found it there ("existing").
      const writes = (await fs.readFile(writeLog, "utf8"))
        .trim()
        .split("\n")
        .map((l) => l.split(" ") as [string, string, string]);
      const documentWrites = writes.filter(([key]) => !key.startsWith("batches/"));
      const fresh = new Map<string, string[]>();
      for (const [key, pid, kind] of documentWrites)
        if (kind === "fresh") fresh.set(key, [...(fresh.get(key) ?? []), pid]);
      expect([...fresh].filter(([, pids]) => pids.length > 1)).toEqual([]);
      expect([...fresh.keys()].sort()).toEqual(c.keys.filter((k) => !k.startsWith("batches/")).sort());
      // The killed upload's document was finished by another process, which adopted its stored original.
      expect(documentWrites.some(([, , kind]) => kind === "existing")).toBe(true);
    },
  );
});
