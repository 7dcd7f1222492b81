// `sohoa progress rebuild s3://…`: the counts come from the batch manifests in an S3 archive, review outcomes included.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rebuild } from "../../cli/commands/progress/rebuild.js";
import { LocalProgressStore } from "../../src/progress/index.js";
import { docIdOf } from "../../src/queue/job-payload.js";
import { buildArchiveRecord } from "../../src/storage/archive-record.js";
import { writeManifestEntry } from "../../src/storage/manifest.js";
import { S3ArchiveStore } from "../../src/storage/s3-store.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../storage/s3-server.js";
import { tempDir } from "./helpers.js";

describe("progress rebuild from an S3 archive", () => {
  let server: S3TestServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    server = await startS3Server();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
    });
  });
  afterAll(async () => {
    process.env = saved;
    await server?.close();
  });

  it("counts archived and review documents once each, skips the failed one", async () => {
    const prefix = `arch-${randomUUID().slice(0, 8)}`;
    const store = new S3ArchiveStore({
      bucket: server.bucket,
      endpoint: server.endpoint,
      credentials: TEST_CREDENTIALS,
      prefix,
    });
    const sha = (n: number) => String(n).repeat(64);
    const subject = (n: number, batchId: string) => ({
      docId: docIdOf(sha(n)),
      batchId,
      file: `/scans/${n}.jpg`,
      sha256: sha(n),
      unit: "27001",
      level: "commune" as const,
      year: 2025,
    });
    const result = (needsReview: boolean) => ({
      docType: "decision",
      fields: {},
      needsReview,
      pages: 1,
      keys: {},
      checksums: {},
      timings: {},
    });
    await writeManifestEntry(store, buildArchiveRecord(subject(1, "b1"), { result: result(false) }));
    await writeManifestEntry(store, buildArchiveRecord(subject(2, "b1"), { result: result(true) }));
    await writeManifestEntry(
      store,
      buildArchiveRecord(subject(3, "b1"), {
        error: { name: "E", code: "sohoa:corruptImage", message: "bad", retryable: false },
      }),
    );
    await writeManifestEntry(store, buildArchiveRecord(subject(1, "b2"), { result: result(false) })); // the same document, re-run

    const ledger = await tempDir();
    const out: string[] = [];
    const write = vi
      .spyOn(process.stdout, "write")
      .mockImplementation((chunk) => (out.push(String(chunk)), true));
    try {
      await rebuild.parseAsync(
        [`s3://${server.bucket}/${prefix}`, "--s3-endpoint", server.endpoint, "--ledger", ledger.dir],
        { from: "user" },
      );
    } finally {
      write.mockRestore();
    }
    expect(process.exitCode ?? 0).toBe(0);
    expect(JSON.parse(out.join(""))).toEqual({ batches: 2, read: 3, documents: 2, cells: 1, skipped: 1 });
    const counted = await LocalProgressStore.open(ledger.dir);
    expect(await counted.counts()).toEqual([{ unit: "27001", year: 2025, count: 2 }]);
    await counted.close();
    await ledger.remove();
  });
});
