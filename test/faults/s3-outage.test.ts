// The S3 server stopped for 30 s mid-batch and started again: jobs back off exponentially, nothing lost or doubled.
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveProcessor } from "../../workers/archive-processor.js";
import {
  ArchiveWorker,
  batchStatus,
  defaultJobOptions,
  enqueueBatch,
  preflight,
  type BatchStatus,
} from "../../src/queue/index.js";
import { S3ArchiveStore } from "../../src/storage/index.js";
import { TEST_CREDENTIALS } from "../storage/s3-server.js";
import {
  countingStore,
  expectArchivedExactlyOnce,
  makeValidScans,
  queueOn,
  startRestartableS3,
  waitFor,
  type RestartableS3,
} from "./helpers.js";

const DOCS = 6;
const OUTAGE_MS = 30_000;
const saved = { ...process.env };

/** Seconds of outage a job survives: the sum of its backoff delays before the last attempt. */
function ridesOut(attempts: number, delayMs: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += 2 ** (made - 1) * delayMs;
  return total / 1000;
}

describe("S3 server down for 30 s", () => {
  let s3: RestartableS3;
  let scans: string;
  let q: ReturnType<typeof queueOn>;
  let worker: ArchiveWorker | undefined;

  beforeAll(async () => {
    Object.assign(process.env, { SOHOA_OCR_ENGINE: "null", SOHOA_NULL_OCR_DELAY_MS: "300" });
    delete process.env.SOHOA_SIGNING_KEY;
    s3 = await startRestartableS3();
    scans = await makeValidScans(DOCS, "s3");
  });
  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await q?.cleanup();
    await s3?.close();
    process.env = saved;
    await fs.rm(scans, { recursive: true, force: true });
  });

  it("the default job options ride out well over a 30 s storage outage", () => {
    const backoff = defaultJobOptions.backoff as { type: string; delay: number };
    expect(backoff.type).toBe("exponential");
    expect(ridesOut(defaultJobOptions.attempts!, backoff.delay)).toBeGreaterThanOrEqual(
      (2 * OUTAGE_MS) / 1000,
    );
  });

  it(
    "archives every document once after the server comes back, and records the retries",
    { timeout: 90_000 },
    async () => {
      const store = countingStore(
        new S3ArchiveStore({
          bucket: s3.bucket,
          endpoint: s3.endpoint,
          region: "us-east-1",
          forcePathStyle: true,
          credentials: TEST_CREDENTIALS,
        }),
      );
      q = queueOn({ host: "127.0.0.1", port: 6379 });
      worker = new ArchiveWorker({
        connection: { host: "127.0.0.1", port: 6379 },
        queueName: q.name,
        store,
        processor: createArchiveProcessor,
        concurrency: 2,
      });
      await worker.start();
      const pre = await preflight([scans]);
      // Same exponential curve as production, on a 1 s base so the test stays under a minute; attempts stay the default.
      const { batchId } = await enqueueBatch(q.queue, q.registry, pre.accepted, {
        unit: "27001",
        level: "commune",
        year: 2024,
        jobOptions: { backoff: { type: "exponential", delay: 1000 } },
      });

      await waitFor(
        "a first document archived",
        async () => (await batchStatus(q.queue, q.registry, batchId)).batch.archived >= 1,
        60_000,
        20,
      );
      await s3.stop();
      const downAt = Date.now();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await s3.start();
      const upAfter = Date.now() - downAt;

      const status = await waitFor<BatchStatus>(
        "batch complete after the outage",
        async () => {
          const s = await batchStatus(q.queue, q.registry, batchId);
          return s.manifestWritten ? s : undefined;
        },
        60_000,
        200,
      );
      expect(upAfter).toBeGreaterThanOrEqual(OUTAGE_MS);
      expect(status.failed).toEqual([]);
      expect(status.batch.archived).toBe(DOCS);

      const manifest = await expectArchivedExactlyOnce(store, batchId, DOCS);
      expect(manifest.filter((r) => (r.attempts ?? 1) > 1).length).toBeGreaterThan(0);
    },
  );
});
