// ArchiveWorker in-process against real Redis and a local store: outcomes, dead letters, retries, time limits, metrics.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ArchiveWorker,
  WorkerMetrics,
  enqueueBatch,
  jobIdOf,
  preflight,
  retryBatch,
  type ProcessorFactory,
} from "../../src/queue/index.js";
import { LocalArchiveStore, readManifest, batchKeys } from "../../src/storage/index.js";
import createTestProcessor from "../fixtures/processor-store.js";
import { connection, makeScans, testQueue, waitForBatch } from "./helpers.js";

let t: ReturnType<typeof testQueue>;
let dir: string;
let archive: string;
let workers: ArchiveWorker[] = [];
beforeEach(async () => {
  t = testQueue();
  archive = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-archive-"));
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.close()));
  workers = [];
  await t.cleanup();
  await fs.rm(archive, { recursive: true, force: true });
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function startWorker(
  processor: ProcessorFactory,
  extra: Partial<ConstructorParameters<typeof ArchiveWorker>[0]> = {},
): ArchiveWorker {
  const w = new ArchiveWorker({
    connection,
    queueName: t.name,
    store: new LocalArchiveStore(archive),
    processor,
    concurrency: 2,
    ...extra,
  });
  workers.push(w);
  void w.start();
  return w;
}

describe("archive worker", () => {
  it("archives good files, dead-letters bad input at once, retries transient faults, and re-queues on retry", async () => {
    dir = await makeScans(4, (i) => ["ok-1.png", "ok-2.png", "bad-1.png", "flaky-1.png"][i]!);
    const pre = await preflight([dir]);
    const metrics = new WorkerMetrics(false);
    startWorker(createTestProcessor, { metrics });
    const { batchId, added } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "Xã Tân Lập",
      level: "commune",
      year: 2024,
      jobOptions: { backoff: { type: "exponential", delay: 200 } },
    });
    expect(added).toBe(4);
    const status = await waitForBatch(t.queue, t.registry, batchId, 60_000, (x) => x.manifestWritten);
    expect(status.batch).toMatchObject({ total: 4, archived: 3, failed: 1, pages: 3 });
    expect(status.failed).toHaveLength(1);
    expect(status.failed[0]).toMatchObject({
      file: path.join(dir, "bad-1.png"),
      error: { code: "sohoa:unsupportedFile", retryable: false },
    });
    expect(status.failed[0]!.error.hint).toBeTruthy();

    // Bad input is not retried: one attempt, kept as a failed job with its code in the reason.
    const bad = pre.accepted.find((f) => f.name === "bad-1.png")!;
    const job = await t.queue.getJob(jobIdOf(bad.sha256));
    expect(await job!.getState()).toBe("failed");
    expect(job!.attemptsMade).toBe(1);
    expect(job!.failedReason).toMatch(/^sohoa:unsupportedFile: .*hint:/);

    // Manifest: every document once, with outcome, keys and the flaky one on its second attempt.
    const manifest = await readManifest(new LocalArchiveStore(archive), batchId);
    expect(manifest.map((r) => [path.basename(r.file), r.outcome, r.attempts])).toEqual([
      ["bad-1.png", "failed", 1],
      ["flaky-1.png", "archived", 2],
      ["ok-1.png", "archived", 1],
      ["ok-2.png", "archived", 1],
    ]);
    const lines = (await fs.readFile(path.join(archive, batchKeys(batchId).manifest), "utf8"))
      .trim()
      .split("\n");
    expect(lines).toHaveLength(4);
    const ok = manifest.find((r) => r.file.endsWith("ok-1.png"))!;
    expect(ok.keys.original).toBe(`commune/Xã Tân Lập/2024/test/${ok.docId}/original.png`);
    expect(ok.checksums[ok.keys.original!]).toBe(ok.sha256);

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/sohoa_pages_processed_total 3/);
    expect(text).toMatch(/sohoa_failures_total\{code="sohoa:storageFailed",retry="true"\} 1/);
    expect(text).toMatch(/sohoa_failures_total\{code="sohoa:unsupportedFile",retry="false"\} 1/);

    // Enqueueing the same files again adds nothing.
    const again = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "Xã Tân Lập",
      level: "commune",
    });
    expect(again.added).toBe(0);
    expect(again.alreadyArchived).toHaveLength(3);
    expect(again.alreadyQueued).toEqual([bad.path]);

    // Retry puts the dead letter back; it fails again (same bad input) and lands in the dead letters again.
    const retried = await retryBatch(t.queue, t.registry, batchId);
    expect(retried.requeued).toEqual([bad.path]);
    const after = await waitForBatch(
      t.queue,
      t.registry,
      batchId,
      30_000,
      (s) => s.manifestWritten && s.failed.length === 1,
    );
    expect(after.batch.failed).toBe(1);
    expect((await t.queue.getJob(jobIdOf(bad.sha256)))!.attemptsMade).toBe(1);
  });

  it("fails a document past its time limit and gives the next one a fresh processor", async () => {
    dir = await makeScans(2, (i) => `slow-${i}.png`);
    const pre = await preflight([dir]);
    let created = 0;
    let closed = 0;
    const hanging: ProcessorFactory = () => {
      created++;
      return {
        process: (_job, ctx) =>
          new Promise((_, reject) =>
            ctx.signal?.addEventListener("abort", () => reject(new Error("aborted"))),
          ),
        close: async () => void closed++,
      };
    };
    startWorker(hanging, { documentTimeoutMs: 300, concurrency: 1 });
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "u1",
      level: "district",
      jobOptions: { attempts: 2, backoff: { type: "fixed", delay: 50 } },
    });
    const s = await waitForBatch(t.queue, t.registry, batchId, 30_000);
    expect(s.batch.failed).toBe(2);
    expect(s.failed.map((f) => f.error.code)).toEqual(["sohoa:documentTimeout", "sohoa:documentTimeout"]);
    // 2 documents × 2 attempts, each timing out: every attempt after a timeout gets a new processor.
    expect(created).toBe(4);
    expect(closed).toBeGreaterThanOrEqual(3);
  });

  it("recycles the processor every N documents", async () => {
    dir = await makeScans(5);
    const pre = await preflight([dir]);
    let created = 0;
    const counting: ProcessorFactory = (deps) => {
      created++;
      return createTestProcessor(deps);
    };
    startWorker(counting, { recycleEvery: 2, concurrency: 1 });
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "u1",
      level: "provincial",
    });
    const s = await waitForBatch(t.queue, t.registry, batchId);
    expect(s.batch.archived).toBe(5);
    expect(created).toBe(3);
  });

  it("validates its options with plain messages", () => {
    expect(
      () =>
        new ArchiveWorker({
          connection,
          store: new LocalArchiveStore(archive),
          processor: createTestProcessor,
          concurrency: 0,
        }),
    ).toThrow("concurrency must be a finite number greater than 0");
  });
});
