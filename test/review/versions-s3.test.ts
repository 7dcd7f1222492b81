// Versions and events on the S3 protocol (real s3rver): the desk works the same over a bucket.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDecision } from "../../src/review/decide.js";
import { evalReviews } from "../../src/review/eval-reviews.js";
import { QueueIndex } from "../../src/review/queue-index.js";
import { checkFixity } from "../../src/storage/fixity.js";
import { S3ArchiveStore } from "../../src/storage/s3-store.js";
import { listVersions, readEvents, versionKeys } from "../../src/storage/versions.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "../storage/s3-server.js";
import { archiveSamples, trialSigner } from "./archive-fixture.js";

let server: S3TestServer;
let dir: string;
let store: S3ArchiveStore;
let signer: Awaited<ReturnType<typeof trialSigner>>["signer"];

beforeAll(async () => {
  server = await startS3Server();
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-review-s3-"));
  store = new S3ArchiveStore({
    bucket: server.bucket,
    endpoint: server.endpoint,
    credentials: TEST_CREDENTIALS,
    prefix: "kho",
  });
  ({ signer } = await trialSigner(dir));
  await archiveSamples(store, ["quyet-dinh-mau-sac.jpg"], {
    engine: "null",
    signer,
    workRoot: path.join(dir, "work"),
  });
}, 60_000);
afterAll(async () => {
  await store?.close?.();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("review decisions on S3", () => {
  it("writes v2 and its event beside v1, indexes the latest version, and fixity holds", async () => {
    const index = await QueueIndex.build(store);
    const entry = [...index.all()][0]!;
    expect(entry.version).toBe(1);
    const v1 = await store.get(versionKeys(entry.prefix, 1).pdf);
    await applyDecision(
      entry.prefix,
      { action: "approve", fields: { documentNumber: "42/QĐ-UBND" } },
      { store, signer, user: "lan" },
    );
    expect(await listVersions(store, entry.prefix)).toEqual([1, 2]);
    expect(Buffer.from(await store.get(versionKeys(entry.prefix, 1).pdf)).equals(Buffer.from(v1))).toBe(true);
    expect((await readEvents(store, entry.prefix)).map((e) => e.linkingAgent)).toEqual(["lan"]);
    const rebuilt = await QueueIndex.build(store);
    expect(rebuilt.get(entry.id)).toMatchObject({ version: 2, status: "approved" });
    expect((await checkFixity(store, "")).problems).toEqual([]);
    const scored = await evalReviews(store, rebuilt);
    expect(scored.reviewed).toBe(1);
    expect(scored.score.mismatches).toContainEqual(
      expect.objectContaining({ field: "documentNumber", expected: "42/QĐ-UBND" }),
    );
  }, 30_000);
});
