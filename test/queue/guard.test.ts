// A queue nobody can misuse: forged and traversal jobs refused before any read or write; bad units refused at enqueue;
// rejections kept with the batch; a complete batch's keys expire.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatStatus } from "../../cli/commands/status.js";
import { InvalidKeyError } from "../../src/errors/index.js";
import {
  ArchiveWorker,
  archiveJobAsJSON,
  docIdOf,
  enqueueBatch,
  jobIdOf,
  preflight,
  type ArchiveJobInput,
} from "../../src/queue/index.js";
import type { DocumentProcessor, ProcessorDeps } from "../../src/queue/processor.js";
import { LocalArchiveStore } from "../../src/storage/index.js";
import { readManifest } from "../../src/storage/manifest.js";
import createTestProcessor from "../fixtures/processor-store.js";
import { connection, makeScans, testQueue, waitForBatch } from "./helpers.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The test processor, noting every file it is handed: a refused job must never get here. */
function recording(seen: string[]) {
  return (deps: ProcessorDeps): DocumentProcessor => {
    const inner = createTestProcessor(deps) as DocumentProcessor;
    return { process: (job, ctx) => (seen.push(job.file), inner.process(job, ctx)) };
  };
}

async function setup(options: { allowedRoots?: string[]; batchTtlSeconds?: number } = {}) {
  const t = testQueue();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-guard-"));
  const store = new LocalArchiveStore(path.join(tmp, "archive"));
  const seen: string[] = [];
  const worker = new ArchiveWorker({
    connection,
    queueName: t.name,
    store,
    processor: recording(seen),
    ...options,
  });
  await worker.start();
  cleanups.push(
    () => fs.rm(tmp, { recursive: true, force: true }),
    () => t.cleanup(),
    () => worker.close(),
  );
  return { t, tmp, store, seen, worker };
}

async function waitForState(
  t: ReturnType<typeof testQueue>,
  jobId: string,
  state: string,
): Promise<string | undefined> {
  for (let i = 0; i < 200; i++) {
    const job = await t.queue.getJob(jobId);
    // Read again: the state can change between the two calls, and the first copy lacks the reason.
    if (job && (await job.getState()) === state) return (await t.queue.getJob(jobId))?.failedReason;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} never reached ${state}`);
}

describe("queue safety", () => {
  it("refuses forged jobs outside the batch's folders (links resolved) and foreign units, before any read or write", async () => {
    const { t, tmp, store, seen } = await setup();
    const inside = await makeScans(2);
    const outside = await makeScans(2, (i) => `secret-${i}.png`);
    cleanups.push(
      () => fs.rm(inside, { recursive: true, force: true }),
      () => fs.rm(outside, { recursive: true, force: true }),
    );
    const pre = await preflight([inside]);
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      roots: [inside],
    });
    await waitForBatch(t.queue, t.registry, batchId);
    const before = (await store.list("")).sort();

    const secrets = (await preflight([outside])).accepted;
    // A link inside the batch's folder that leads out of it.
    await fs.symlink(secrets[1]!.path, path.join(inside, "innocent.png"));
    const forged: Array<[string, ArchiveJobInput]> = [
      [
        "outside",
        {
          file: secrets[0]!.path,
          sha256: secrets[0]!.sha256,
          batchId,
          unit: "27001",
          level: "commune",
          docId: docIdOf(secrets[0]!.sha256),
        },
      ],
      [
        "link",
        {
          file: path.join(inside, "innocent.png"),
          sha256: secrets[1]!.sha256,
          batchId,
          unit: "27001",
          level: "commune",
          docId: docIdOf(secrets[1]!.sha256),
        },
      ],
      [
        "unit",
        {
          ...{ file: pre.accepted[0]!.path, sha256: "a".repeat(64), docId: docIdOf("a".repeat(64)) },
          batchId,
          unit: "99999",
          level: "commune",
        },
      ],
    ];
    for (const [name, job] of forged)
      await t.queue.add("doc", archiveJobAsJSON(job), { jobId: `forged-${name}`, attempts: 3 });
    for (const [name] of forged)
      expect(await waitForState(t, `forged-${name}`, "failed")).toMatch(/^sohoa:jobRefused: /);

    expect(seen.filter((f) => !pre.accepted.some((a) => a.path === f))).toEqual([]);
    expect((await store.list("")).sort()).toEqual(before);
    const status = await waitForBatch(t.queue, t.registry, batchId);
    expect(status.batch).toMatchObject({ total: 2, archived: 2, failed: 0 });
    expect(status.refused.map((r) => path.basename(r.file)).sort()).toEqual([
      "innocent.png",
      "scan-000.png",
      "secret-0.png",
    ]);
    expect(formatStatus(status)).toMatch(
      /refused job .*secret-0\.png: sohoa:jobRefused: .*outside the folders batch/,
    );
    expect((await t.queue.getJob("forged-link"))!.attemptsMade).toBe(1);
    expect(await fs.readdir(tmp)).toEqual(["archive"]);
  });

  it("refuses a traversal batch id and an unknown batch without writing anything", async () => {
    const { t, tmp, seen } = await setup();
    const dir = await makeScans(1);
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    const [file] = (await preflight([dir])).accepted;
    for (const batchId of ["../../evil", "never-enqueued"]) {
      const data = archiveJobAsJSON({
        file: file!.path,
        sha256: file!.sha256,
        batchId,
        unit: "27001",
        level: "commune",
        docId: docIdOf(file!.sha256),
      });
      await t.queue.add("doc", data, { jobId: `j-${batchId.length}` });
      expect(await waitForState(t, `j-${batchId.length}`, "failed")).toMatch(
        /^sohoa:jobRefused: .*(invalid batch id|never enqueued)/,
      );
    }
    expect(seen).toEqual([]);
    expect(await fs.readdir(tmp)).toEqual([]); // not even the archive folder was made
    expect(await t.registry.redis.keys(`sohoa:${t.name}:*`)).toEqual([]);
  });

  it("refuses a job outside the worker's allowed roots, even inside its batch's folders", async () => {
    const allowed = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-allowed-"));
    cleanups.push(() => fs.rm(allowed, { recursive: true, force: true }));
    const { t, seen } = await setup({ allowedRoots: [allowed] });
    const dir = await makeScans(1);
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    const { batchId } = await enqueueBatch(t.queue, t.registry, (await preflight([dir])).accepted, {
      unit: "27001",
      level: "commune",
    });
    const [file] = (await preflight([dir])).accepted;
    expect(await waitForState(t, jobIdOf(file!.sha256), "failed")).toMatch(
      /outside this worker's allowed roots/,
    );
    expect(seen).toEqual([]);
    expect((await t.registry.refused(batchId)).map((r) => r.file)).toEqual([file!.path]);
  });

  it("validates unit, level and batch id at enqueue, and keeps preflight rejections with the batch and its manifest", async () => {
    const { t, store } = await setup({ batchTtlSeconds: 120 });
    const dir = await makeScans(2);
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    await fs.writeFile(path.join(dir, "empty.jpg"), "");
    const pre = await preflight([dir]);
    await expect(
      enqueueBatch(t.queue, t.registry, pre.accepted, { unit: "../../x", level: "commune" }),
    ).rejects.toBeInstanceOf(InvalidKeyError);
    await expect(
      enqueueBatch(t.queue, t.registry, pre.accepted, {
        unit: "27001",
        level: "commune",
        batchId: "../../evil",
      }),
    ).rejects.toThrow(/batch id/);
    expect(await t.registry.list()).toEqual([]);

    const rejected = pre.rejected.map((r) => ({ file: r.file, error: r.error }));
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      rejected,
    });
    await expect(
      enqueueBatch(t.queue, t.registry, pre.accepted, { unit: "27002", level: "commune", batchId }),
    ).rejects.toThrow(/is commune 27001/);
    const status = await waitForBatch(t.queue, t.registry, batchId);
    expect(status.rejected).toEqual([
      {
        file: path.join(dir, "empty.jpg"),
        error: expect.objectContaining({ code: "sohoa:unsupportedFile" }),
      },
    ]);
    expect(formatStatus(status)).toContain(`rejected ${path.join(dir, "empty.jpg")}: sohoa:unsupportedFile`);
    const manifest = await readManifest(store, batchId);
    expect(manifest.map((r) => [path.basename(r.file), r.outcome])).toEqual([
      ["empty.jpg", "failed"],
      ["scan-000.png", "archived"],
      ["scan-001.png", "archived"],
    ]);

    // Complete and consolidated: every key of the batch now expires.
    const keys = await t.registry.redis.keys(`sohoa:${t.name}:batch:${batchId}*`);
    expect(keys.length).toBeGreaterThanOrEqual(4);
    for (const key of keys) {
      const ttl = await t.registry.redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(120);
    }
  });
});
