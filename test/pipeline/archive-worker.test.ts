// The real archive pipeline behind the queue: enqueue the samples, a worker OCRs, signs and stores them in S3.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueBatch, preflight } from "../../src/queue/index.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { S3ArchiveStore, readManifest } from "../../src/storage/index.js";
import { startTestArchiveWorker, testQueue, waitForBatch } from "../queue/helpers.js";
import { TEST_CREDENTIALS, startS3Server, type S3TestServer } from "../storage/s3-server.js";

const samples = path.resolve("fixtures/samples");

describe("archive pipeline on a worker, S3 archive", () => {
  let s3: S3TestServer;
  let keysDir: string;
  let t: ReturnType<typeof testQueue>;
  let harness: Awaited<ReturnType<typeof startTestArchiveWorker>>;
  let store: S3ArchiveStore;
  const saved = { ...process.env };

  beforeAll(async () => {
    s3 = await startS3Server();
    keysDir = await mkdtemp(path.join(tmpdir(), "sohoa-keys-"));
    const keys = await createTrialKeys({
      organisation: "Ủy ban nhân dân xã Thử Nghiệm",
      outDir: keysDir,
      passphrase: "trial-passphrase",
    });
    Object.assign(process.env, {
      SOHOA_SIGNING_KEY: keys.p12Path,
      SOHOA_SIGNING_PASSPHRASE: "trial-passphrase",
    });
    store = new S3ArchiveStore({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    harness = await startTestArchiveWorker({ store, concurrency: 2 });
    t = harness.t;
  });
  afterAll(async () => {
    await harness?.close();
    await s3?.close();
    await rm(keysDir, { recursive: true, force: true });
    process.env = saved;
  });

  it("archives every sample once, signed, with its original, metadata and manifest line", async () => {
    const pre = await preflight([samples]);
    const scans = pre.accepted.filter((f) => f.name !== "truth.jsonl");
    const { batchId, added } = await enqueueBatch(t.queue, t.registry, scans, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });
    expect(added).toBe(scans.length);
    const status = await waitForBatch(t.queue, t.registry, batchId, 170_000, (s) => s.manifestWritten);
    expect(status.failed).toEqual([]);

    const truth = (await readFile(path.join(samples, "truth.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string; docType: string });
    const manifest = await readManifest(store, batchId);
    expect(manifest).toHaveLength(scans.length);
    const ca = certificatesFromPem(await readFile(path.join(keysDir, "ca.pem"), "utf8"));
    for (const record of manifest) {
      const name = path.basename(record.file);
      expect(record.docType, name).toBe(truth.find((x) => x.file === name)!.docType);
      expect(record.keys.pdf).toMatch(
        new RegExp(`^commune/27001/\\d{4}/${record.docType}/${record.docId}/document\\.pdf$`),
      );
      expect(record.keys.original).toMatch(/original\.(jpg|png|tif|pdf|webp)$/);
      // The original is stored byte for byte.
      expect(Buffer.from(await store.get(record.keys.original!)).equals(await readFile(record.file))).toBe(
        true,
      );
      // The signed PDF verifies against the trial CA, and its metadata sidecar names its hash.
      const dir = await mkdtemp(path.join(tmpdir(), "sohoa-verify-"));
      await writeFile(path.join(dir, "document.pdf"), await store.get(record.keys.pdf!));
      await writeFile(path.join(dir, "metadata.json"), await store.get(record.keys.metadata!));
      const report = await verifyPdfFile(path.join(dir, "document.pdf"), { trusted: ca });
      expect(report.valid, JSON.stringify(report)).toBe(true);
      expect(report.sidecar).toBeDefined();
      await rm(dir, { recursive: true, force: true });
    }

    // Enqueueing the same files again adds nothing: identity is the content hash.
    const again = await enqueueBatch(t.queue, t.registry, scans, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });
    expect(again.added).toBe(0);
  });
});
