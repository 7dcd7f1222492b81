// Hostile key parts and paths: object keys come from validated parts only,
// and nothing read back from a manifest or metadata escapes the archive.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveProcessor } from "../../workers/archive-processor.js";
import {
  ArchiveWorker,
  archiveJobAsJSON,
  batchStatus,
  docIdOf,
  jobIdOf,
  preflight,
} from "../../src/queue/index.js";
import { LocalArchiveStore, batchKeys, checkFixity, documentKeys, joinKey } from "../../src/storage/index.js";
import { connection, testQueue } from "../queue/helpers.js";
import { makeValidScans, waitFor } from "./helpers.js";

const HOSTILE = ["..", "../etc", "a/b", "a\\b", "x\u0000y", "tab\there", " lead", "", "..hidden"];

describe("archive keys from validated parts only", () => {
  it("refuses every hostile unit, docType, docId and batch id", () => {
    for (const bad of HOSTILE) {
      expect(
        () =>
          documentKeys({ level: "commune", unit: bad, year: 2024, docType: "decision", docId: "abc" }, "png"),
        JSON.stringify(bad),
      ).toThrow(expect.objectContaining({ code: "sohoa:invalidKey" }));
      expect(
        () =>
          documentKeys({ level: "commune", unit: "27001", year: 2024, docType: bad, docId: "abc" }, "png"),
        JSON.stringify(bad),
      ).toThrow(expect.objectContaining({ code: "sohoa:invalidKey" }));
      expect(() => batchKeys(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: "sohoa:invalidKey" }),
      );
      expect(() => joinKey("batches", bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: "sohoa:invalidKey" }),
      );
    }
    expect(() =>
      documentKeys({ level: "commune", unit: "27001", year: 1066, docType: "decision", docId: "abc" }, "png"),
    ).toThrow(expect.objectContaining({ code: "sohoa:invalidKey" }));
  });

  it("a store never reads or writes outside its root, whatever key it is handed", async () => {
    const parent = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-paths-"));
    const root = path.join(parent, "archive");
    await fs.mkdir(root);
    await fs.writeFile(path.join(parent, "secret.txt"), "outside");
    const store = new LocalArchiveStore(root);
    await expect(store.get("../secret.txt")).rejects.toMatchObject({ code: "sohoa:invalidKey" });
    await expect(store.put("../escaped.txt", new Uint8Array([1]))).rejects.toMatchObject({
      code: "sohoa:invalidKey",
    });
    await expect(store.head("a/../../secret.txt")).rejects.toMatchObject({ code: "sohoa:invalidKey" });
    expect(await fs.readdir(parent)).toEqual(["archive", "secret.txt"]);
    await fs.rm(parent, { recursive: true, force: true });
  });
});

describe("hostile records read back", () => {
  let parent: string;
  let root: string;
  let scans: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.SOHOA_OCR_ENGINE = "null";
    delete process.env.SOHOA_SIGNING_KEY;
    parent = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-paths-"));
    root = path.join(parent, "archive");
    await fs.mkdir(root);
    scans = await makeValidScans(1, "paths");
  });
  afterAll(async () => {
    process.env = saved;
    await fs.rm(parent, { recursive: true, force: true });
    await fs.rm(scans, { recursive: true, force: true });
  });

  it("fixity does not follow a metadata.json checksum key that climbs out of the archive", async () => {
    const store = new LocalArchiveStore(root);
    const prefix = "commune/27001/2024/decision/deadbeef";
    await store.put(`${prefix}/document.pdf`, new TextEncoder().encode("%PDF-1.7 test"));
    await store.put(
      `${prefix}/metadata.json`,
      new TextEncoder().encode(JSON.stringify({ checksums: { "../../secret.txt": "00".repeat(32) } })),
    );
    const report = await checkFixity(store, "commune/");
    expect(report.problems).toEqual([
      expect.objectContaining({ key: "../../secret.txt", kind: "invalidKey" }),
    ]);
  });

  it("a queued job whose unit climbs out (crafted in Redis) fails once with sohoa:invalidKey and writes nothing", async () => {
    const t = testQueue();
    const store = new LocalArchiveStore(root);
    const worker = new ArchiveWorker({
      connection,
      queueName: t.name,
      store,
      processor: createArchiveProcessor,
    });
    await worker.start();
    try {
      const [file] = (await preflight([scans])).accepted;
      const batchId = "hostile-batch";
      await t.registry.register(batchId, { unit: "../../escape", level: "commune" }, 1);
      const data = archiveJobAsJSON({
        file: file!.path,
        sha256: file!.sha256,
        batchId,
        unit: "../../escape",
        level: "commune",
        year: 2024,
        docId: docIdOf(file!.sha256),
      });
      await t.queue.add("doc", data, { jobId: jobIdOf(file!.sha256), attempts: 3 });
      const status = await waitFor(
        "job failed",
        async () => {
          const s = await batchStatus(t.queue, t.registry, batchId);
          return s.complete ? s : undefined;
        },
        30_000,
      );
      expect(status.failed).toHaveLength(1);
      expect(status.failed[0]!.error.code).toBe("sohoa:invalidKey");
      expect(status.failed[0]!.error.message).toContain("../../escape");
      // The batch record is written before BullMQ moves the job: wait for the dead letter itself.
      const job = await waitFor(
        "job in failed",
        async () => {
          const j = await t.queue.getJob(jobIdOf(file!.sha256));
          return j && (await j.getState()) === "failed" ? j : undefined;
        },
        10_000,
      );
      expect(job.attemptsMade).toBe(1);
      // Nothing beside the archive, and no document objects inside it.
      expect(await fs.readdir(parent)).toEqual(["archive"]);
      expect(
        (await store.list("")).filter(
          (k) => !k.startsWith("batches/") && !k.startsWith("commune/27001/2024/decision/deadbeef"),
        ),
      ).toEqual([]);
    } finally {
      await worker.close();
      await t.cleanup();
    }
  });
});
