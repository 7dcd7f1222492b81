// Redis (append-only, as production runs it) restarted in the middle of a batch: every document archived once.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveProcessor } from "../../workers/archive-processor.js";
import {
  ArchiveWorker,
  batchStatus,
  enqueueBatch,
  preflight,
  type BatchStatus,
} from "../../src/queue/index.js";
import { defaultJobOptions } from "../../src/queue/job-options.js";
import type { ProcessorFactory } from "../../src/queue/processor.js";
import { LocalArchiveStore } from "../../src/storage/index.js";
import {
  countingStore,
  expectArchivedExactlyOnce,
  makeValidScans,
  queueOn,
  startRedisServer,
  waitFor,
  type RedisServer,
} from "./helpers.js";

const DOCS = 8;
const saved = { ...process.env };

describe("Redis restarted mid-batch", () => {
  let redis: RedisServer;
  let scans: string;
  let root: string;
  let q: ReturnType<typeof queueOn>;
  let workers: ArchiveWorker[] = [];

  beforeAll(async () => {
    // Slow enough pages that documents are in flight when Redis goes away.
    Object.assign(process.env, { SOHOA_OCR_ENGINE: "null", SOHOA_NULL_OCR_DELAY_MS: "800" });
    delete process.env.SOHOA_SIGNING_KEY;
    redis = await startRedisServer();
    scans = await makeValidScans(DOCS, "redis");
    root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-redis-archive-"));
  });
  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => undefined);
    await q?.cleanup().catch(() => undefined);
    await redis?.close();
    process.env = saved;
    await fs.rm(scans, { recursive: true, force: true });
    await fs.rm(root, { recursive: true, force: true });
  });

  it("rides out a SHUTDOWN and restart on the same port and AOF: nothing lost, nothing archived twice, retries recorded", async () => {
    const store = countingStore(new LocalArchiveStore(root));
    q = queueOn(redis.connection);
    // Counts the runs that reached the pipeline, per document, to hold the records' `attempts` to them.
    const runs = new Map<string, number>();
    const processor: ProcessorFactory = async (deps) => {
      const inner = await createArchiveProcessor(deps);
      return {
        process: (job, ctx) => {
          runs.set(job.docId, (runs.get(job.docId) ?? 0) + 1);
          return inner.process(job, ctx);
        },
        close: () => inner.close?.() ?? Promise.resolve(),
      };
    };
    workers = [0, 1].map(
      () =>
        new ArchiveWorker({
          connection: redis.connection,
          queueName: q.name,
          store,
          processor,
          concurrency: 2,
          lockDurationMs: 10_000,
          stalledIntervalMs: 5_000,
        }),
    );
    await Promise.all(workers.map((w) => w.start()));
    const pre = await preflight([scans]);
    const { batchId } = await enqueueBatch(q.queue, q.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });

    // Restart once documents are both done and still running.
    await waitFor(
      "documents archived and others running",
      async () => {
        const s = await batchStatus(q.queue, q.registry, batchId);
        return s.batch.archived >= 1 && (s.queue.active ?? 0) >= 2;
      },
      60_000,
      20,
    );
    const inFlight = (await batchStatus(q.queue, q.registry, batchId)).batch.archived;
    await redis.stop();
    // Longer than a running page (800 ms): the running documents finish while Redis is away.
    await new Promise((r) => setTimeout(r, 3000));
    await redis.start();

    const status = await waitFor<BatchStatus>(
      "batch complete after the restart",
      async () => {
        const s = await batchStatus(q.queue, q.registry, batchId);
        return s.manifestWritten ? s : undefined;
      },
      120_000,
      200,
    );
    expect(status.batch.total).toBe(DOCS);
    expect(status.batch.archived).toBe(DOCS);
    expect(status.failed).toEqual([]);

    const manifest = await expectArchivedExactlyOnce(store, batchId, DOCS);
    // The consolidated manifest has one line per document.
    const lines = new TextDecoder()
      .decode(await store.get(`batches/${batchId}/manifest.jsonl`))
      .trim()
      .split("\n");
    expect(new Set(lines.map((l) => (JSON.parse(l) as { docId: string }).docId)).size).toBe(DOCS);
    expect(lines).toHaveLength(DOCS);

    // Every record says how many runs it took. Bookkeeping issued while Redis is down waits in the
    // client's offline queue, so most documents ride the outage out in one run; a command caught in
    // flight by the SHUTDOWN fails its job, which is retried (attempts 2) and adopts what it stored.
    expect(inFlight).toBeLessThan(DOCS);
    // A run that reached the pipeline is never lost from the count (a run that failed on bookkeeping
    // before it may add one more), and no document took more runs than its job allows.
    const allowed = defaultJobOptions.attempts!;
    for (const r of manifest) {
      expect(runs.get(r.docId), r.file).toBeGreaterThanOrEqual(1);
      expect(r.attempts, r.file).toBeGreaterThanOrEqual(runs.get(r.docId)!);
      expect(r.attempts, r.file).toBeLessThanOrEqual(allowed);
    }
    expect(status.batch.failed).toBe(0);
  });
});
