// Two worker processes on one batch against real Redis and a real S3 protocol server; a SIGKILLed worker loses nothing.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { enqueueBatch, preflight } from "../../src/queue/index.js";
import { S3ArchiveStore, batchKeys, readManifest } from "../../src/storage/index.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../storage/s3-server.js";
import { makeScans, startWorkerProcess, testQueue, waitForBatch, type WorkerProcess } from "./helpers.js";

let s3: S3TestServer;
let t: ReturnType<typeof testQueue>;
let procs: WorkerProcess[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  s3 = await startS3Server();
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});
afterAll(() => s3?.close());
afterEach(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  procs = [];
  await t?.cleanup();
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

function workerArgs(prefix: string, extra: string[] = []): string[] {
  return [
    "--queue",
    t.name,
    "--store",
    `s3://${s3.bucket}/${prefix}`,
    "--s3-endpoint",
    s3.endpoint,
    "--processor",
    "test/fixtures/processor-store.ts",
    "--concurrency",
    "2",
    ...extra,
  ];
}

/** Every document once in the manifest, and every stored object's bytes match its recorded SHA-256. */
async function checkArchive(
  store: S3ArchiveStore,
  batchId: string,
  files: { path: string; sha256: string }[],
): Promise<void> {
  const records = await readManifest(store, batchId);
  expect(records.map((r) => r.sha256).sort()).toEqual(files.map((f) => f.sha256).sort());
  expect(records.every((r) => r.outcome === "archived")).toBe(true);
  const lines = new TextDecoder()
    .decode(await store.get(batchKeys(batchId).manifest))
    .trim()
    .split("\n");
  expect(lines).toHaveLength(files.length);
  for (const r of records) {
    expect(Object.keys(r.checksums)).toHaveLength(2);
    for (const [key, sha] of Object.entries(r.checksums)) {
      expect(
        createHash("sha256")
          .update(await store.get(key))
          .digest("hex"),
      ).toBe(sha);
      expect((await store.head(key))?.sha256).toBe(sha);
    }
    expect(r.checksums[r.keys.original!]).toBe(r.sha256);
  }
}

describe("distributed batch", () => {
  it("two worker processes archive every document exactly once; SIGTERM lets a worker finish its documents", async () => {
    t = testQueue();
    const dir = await makeScans(24);
    dirs.push(dir);
    const log = path.join(dir, "writes.log");
    const env = { SOHOA_TEST_DELAY_MS: "300", SOHOA_TEST_WRITE_LOG: log };
    procs.push(
      await startWorkerProcess(workerArgs("two"), env),
      await startWorkerProcess(workerArgs("two"), env),
    );
    const [w1, w2] = procs as [WorkerProcess, WorkerProcess];
    const pre = await preflight([dir]);
    const { batchId, added } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "Phường Láng",
      level: "commune",
      year: 2023,
    });
    expect(added).toBe(24);
    const writers = () =>
      new Set(
        readFileSync(log, "utf8")
          .trim()
          .split("\n")
          .map((l) => l.split(" ")[1]),
      );
    // Both processes have archived something, and the batch is not done yet: stop one gracefully.
    await waitForBatch(t.queue, t.registry, batchId, 60_000, () => existsSync(log) && writers().size === 2);
    w1.child.kill("SIGTERM");
    expect(await w1.exited).toBe(0);
    const lines = w1
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string });
    const stopAt = lines.findIndex((l) => l.msg.startsWith("finishing the running documents"));
    expect(stopAt).toBeGreaterThan(-1);
    expect(lines.slice(stopAt).some((l) => l.msg === "document archived")).toBe(true);
    expect(lines.at(-1)?.msg).toBe("worker stopped");

    const s = await waitForBatch(t.queue, t.registry, batchId, 90_000);
    expect(s.batch).toMatchObject({ total: 24, archived: 24, failed: 0, pages: 24 });
    const store = new S3ArchiveStore({
      bucket: s3.bucket,
      prefix: "two",
      endpoint: s3.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await checkArchive(store, batchId, pre.accepted);
    const writes = (await fs.readFile(log, "utf8"))
      .trim()
      .split("\n")
      .map((l) => l.split(" "));
    expect(
      writes
        .filter(([, , fresh]) => fresh === "fresh")
        .map(([doc]) => doc)
        .sort(),
    ).toEqual(pre.accepted.map((f) => f.sha256.slice(0, 24)).sort());

    w2.child.kill("SIGTERM");
    expect(await w2.exited).toBe(0);
  });

  it("a worker killed with SIGKILL mid-batch loses no document and archives none twice", async () => {
    t = testQueue();
    const dir = await makeScans(20);
    dirs.push(dir);
    const log = path.join(dir, "writes.log");
    const env = { SOHOA_TEST_DELAY_MS: "250", SOHOA_TEST_WRITE_LOG: log };
    const a = await startWorkerProcess(workerArgs("kill", ["--lock-duration", "2"]), env);
    procs.push(a);
    const pre = await preflight([dir]);
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "Xã Tân Lập",
      level: "commune",
      year: 2022,
    });
    await waitForBatch(t.queue, t.registry, batchId, 60_000, (s) => s.batch.archived >= 4);
    const active = await t.queue.getJobCounts("active");
    a.child.kill("SIGKILL");
    expect(await a.exited).toBe(null);
    expect(active.active).toBeGreaterThan(0); // it died holding jobs
    const b = await startWorkerProcess(workerArgs("kill", ["--lock-duration", "2"]), env);
    procs.push(b);
    const s = await waitForBatch(t.queue, t.registry, batchId, 90_000, (x) => x.manifestWritten);
    expect(s.batch).toMatchObject({ total: 20, archived: 20, failed: 0 });
    const store = new S3ArchiveStore({
      bucket: s3.bucket,
      prefix: "kill",
      endpoint: s3.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    await checkArchive(store, batchId, pre.accepted);
    const fresh = (await fs.readFile(log, "utf8"))
      .trim()
      .split("\n")
      .map((l) => l.split(" "))
      .filter(([, , f]) => f === "fresh")
      .map(([doc]) => doc);
    expect(fresh.sort()).toEqual(pre.accepted.map((f) => f.sha256.slice(0, 24)).sort());
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  });
});
