// The archive turning read-only (folder made immutable; bucket answering 403 to writes):
// failures explained, nothing partial, all archived after `retry`.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveProcessor } from "../../workers/archive-processor.js";
import {
  ArchiveWorker,
  batchStatus,
  enqueueBatch,
  preflight,
  retryBatch,
  type BatchStatus,
} from "../../src/queue/index.js";
import { LocalArchiveStore, S3ArchiveStore, type ArchiveStore } from "../../src/storage/index.js";
import { connection, testQueue } from "../queue/helpers.js";
import { TEST_CREDENTIALS } from "../storage/s3-server.js";
import {
  census,
  countingStore,
  expectArchivedExactlyOnce,
  makeValidScans,
  startRestartableS3,
  waitFor,
  type RestartableS3,
} from "./helpers.js";

const DOCS = 3;
const saved = { ...process.env };
let scans: string;

beforeAll(async () => {
  Object.assign(process.env, { SOHOA_OCR_ENGINE: "null" });
  delete process.env.SOHOA_SIGNING_KEY;
  scans = await makeValidScans(DOCS, "ro");
});
afterAll(async () => {
  process.env = saved;
  await fs.rm(scans, { recursive: true, force: true });
});

/** Fails every document against a read-only archive, then makes it writable, retries and checks nothing was lost or doubled. */
async function readOnlyThenRetry(
  store: ArchiveStore & { fresh: Map<string, number> },
  setWritable: (on: boolean) => Promise<void>,
  expectMessage: RegExp,
): Promise<void> {
  const t = testQueue();
  const worker = new ArchiveWorker({
    connection,
    queueName: t.name,
    store,
    processor: createArchiveProcessor,
    concurrency: 2,
  });
  await worker.start();
  try {
    await setWritable(false);
    const pre = await preflight([scans]);
    // Two quick tries: enough to show a retry, short enough to reach the dead letters in seconds.
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      year: 2024,
      jobOptions: { attempts: 2, backoff: { type: "fixed", delay: 300 } },
    });
    let last: BatchStatus | undefined;
    const seen = (what: string) => (e: unknown) => {
      throw new Error(`${String(e)}; last status of ${what}: ${JSON.stringify(last)}`);
    };
    const failed = await waitFor<BatchStatus>(
      "every document failed",
      async () => {
        const s = (last = await batchStatus(t.queue, t.registry, batchId));
        return s.complete ? s : undefined;
      },
      60_000,
      100,
    ).catch(seen("the read-only phase"));
    expect(failed.batch.failed).toBe(DOCS);
    for (const f of failed.failed) {
      expect(f.error.code, f.file).toBe("sohoa:storageFailed");
      expect(f.error.message, f.file).toMatch(expectMessage);
      expect(f.error.message, f.file).toContain(f.docId);
    }
    expect((await census(store)).docs.size).toBe(0);

    await setWritable(true);
    const { requeued } = await retryBatch(t.queue, t.registry, batchId);
    expect(requeued).toHaveLength(DOCS);
    const done = await waitFor<BatchStatus>(
      "batch archived after retry",
      async () => {
        const s = (last = await batchStatus(t.queue, t.registry, batchId));
        return s.manifestWritten && s.batch.archived === DOCS ? s : undefined;
      },
      60_000,
      100,
    ).catch(seen("the retry phase"));
    expect(done.failed).toEqual([]);
    await expectArchivedExactlyOnce(store, batchId, DOCS);
  } finally {
    await setWritable(true);
    await worker.close();
    await t.cleanup();
  }
}

describe("read-only archive", () => {
  let root: string;
  let s3: RestartableS3 | undefined;
  let proxy: http.Server | undefined;
  afterAll(async () => {
    if (root) {
      execFileSync("chattr", ["-R", "-i", root]);
      await fs.rm(root, { recursive: true, force: true });
    }
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    await s3?.close();
  });

  // Tests run as root, where chmod stops nothing: the immutable attribute stops root too.
  it(
    "local folder made immutable (chattr -R +i): every document fails with a storage error naming the object, then archives after retry",
    { timeout: 90_000 },
    async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-ro-"));
      const store = countingStore(new LocalArchiveStore(root));
      await readOnlyThenRetry(
        store,
        async (on) => void execFileSync("chattr", ["-R", on ? "-i" : "+i", root]),
        /local store: .*operation not permitted/i,
      );
    },
  );

  it(
    "bucket refusing writes (403 AccessDenied): documents fail with the AccessDenied explained, then archive after retry",
    { timeout: 90_000 },
    async () => {
      s3 = await startRestartableS3();
      let readOnly = false;
      const target = new URL(s3.endpoint);
      // A policy-like front: reads pass through to s3rver, writes get the 403 a read-only bucket policy gives.
      proxy = http.createServer((req, res) => {
        if (readOnly && (req.method === "PUT" || req.method === "POST" || req.method === "DELETE")) {
          req.resume();
          res
            .writeHead(403, { "content-type": "application/xml" })
            .end(
              '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
            );
          return;
        }
        const up = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          },
        );
        up.on("error", () => res.destroy());
        req.pipe(up);
      });
      await new Promise<void>((r) => proxy!.listen(0, "127.0.0.1", r));
      const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const store = countingStore(
        new S3ArchiveStore({
          bucket: s3.bucket,
          endpoint,
          region: "us-east-1",
          forcePathStyle: true,
          credentials: TEST_CREDENTIALS,
        }),
      );
      await readOnlyThenRetry(store, async (on) => void (readOnly = !on), /AccessDenied|Access Denied/);
    },
  );
});
