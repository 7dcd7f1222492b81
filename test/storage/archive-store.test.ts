// One behaviour suite run against both stores: the local folder and S3 (a real s3rver).
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ObjectConflictError,
  InvalidKeyError,
  ObjectNotFoundError,
  ChecksumMismatchError,
} from "../../src/errors/index.js";
import { S3Client } from "@aws-sdk/client-s3";
import {
  LocalArchiveStore,
  S3ArchiveStore,
  s3ClientConfig,
  sha256Bytes,
  type ArchiveStore,
} from "../../src/storage/index.js";
import { startS3Server, TEST_CREDENTIALS, type S3TestServer } from "./s3-server.js";

const enc = (s: string) => new TextEncoder().encode(s);
let server: S3TestServer;
let tmp: string;
beforeAll(async () => {
  server = await startS3Server();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-store-"));
});
afterAll(async () => {
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const makers: Record<string, () => ArchiveStore> = {
  local: () => new LocalArchiveStore(path.join(tmp, `local-${Math.random()}`)),
  s3: () =>
    new S3ArchiveStore({
      bucket: server.bucket,
      endpoint: server.endpoint,
      credentials: TEST_CREDENTIALS,
      prefix: `t${Math.random().toString(36).slice(2)}`,
      multipartThreshold: 5 * 1024 * 1024,
      partSize: 5 * 1024 * 1024,
    }),
};

describe.each(Object.keys(makers))("%s archive store", (kind) => {
  const make = () => makers[kind]!();

  it("stores bytes with their sha256 and reads them back", async () => {
    const store = make();
    const body = new TextEncoder().encode("Quyết định số 15/QĐ-UBND");
    const put = await store.put("commune/Phường Hoàn Kiếm/2021/decision/d1/metadata.json", body, {
      contentType: "application/json",
      metadata: { unit: "Phường Hoàn Kiếm" },
    });
    expect(put).toEqual({
      key: "commune/Phường Hoàn Kiếm/2021/decision/d1/metadata.json",
      sha256: sha256Bytes(body),
      size: body.byteLength,
      existed: false,
    });
    expect(await store.get(put.key)).toEqual(body);
    const head = await store.head(put.key);
    expect(head?.sha256).toBe(sha256Bytes(body));
    expect(head?.size).toBe(body.byteLength);
    expect(head?.metadata.unit).toBe("Phường Hoàn Kiếm");
  });

  it("streams a file given by path", async () => {
    const store = make();
    const file = path.join(tmp, `scan-${kind}.bin`);
    const bytes = randomBytes(70_000);
    await fs.writeFile(file, bytes);
    const put = await store.put("a/b/original.jpg", file);
    expect(put.sha256).toBe(sha256Bytes(bytes));
    expect(Buffer.from(await store.get("a/b/original.jpg")).equals(bytes)).toBe(true);
  });

  it("is idempotent for the same content and refuses different content", async () => {
    const store = make();
    const first = await store.put("x/doc.pdf", new Uint8Array([1, 2, 3]));
    const again = await store.put("x/doc.pdf", new Uint8Array([1, 2, 3]));
    expect(again).toEqual({ ...first, existed: true });
    await expect(store.put("x/doc.pdf", new Uint8Array([9, 9]))).rejects.toBeInstanceOf(ObjectConflictError);
    await expect(store.put("x/doc.pdf", new Uint8Array([9, 9]))).rejects.toMatchObject({
      code: "sohoa:objectConflict",
      retryable: false,
    });
    expect(await store.get("x/doc.pdf")).toEqual(new Uint8Array([1, 2, 3]));
    await store.put("x/doc.pdf", new Uint8Array([9, 9]), { overwrite: true });
    expect(await store.get("x/doc.pdf")).toEqual(new Uint8Array([9, 9]));
  });

  it("rejects a body that does not match the announced sha256", async () => {
    const store = make();
    await expect(store.put("x/y", new Uint8Array([1]), { sha256: "0".repeat(64) })).rejects.toBeInstanceOf(
      ChecksumMismatchError,
    );
    expect(await store.head("x/y")).toBeUndefined();
  });

  it("rejects unsafe keys before any I/O", async () => {
    const store = make();
    for (const key of ["../etc/passwd", "a/../b", "a//b", "a/b\u0000c", "a/\u0007", "a\\b/c"]) {
      await expect(store.put(key, new Uint8Array([1]))).rejects.toBeInstanceOf(InvalidKeyError);
    }
  });

  it("lists by prefix, reports missing objects and deletes", async () => {
    const store = make();
    await store.put("batches/b1/docs/a.json", enc("{}"));
    await store.put("batches/b1/docs/b.json", enc("{}"));
    await store.put("batches/b2/docs/c.json", enc("{}"));
    expect(await store.list("batches/b1/")).toEqual(["batches/b1/docs/a.json", "batches/b1/docs/b.json"]);
    expect(await store.head("nope/x")).toBeUndefined();
    await expect(store.get("nope/x")).rejects.toBeInstanceOf(ObjectNotFoundError);
    await store.delete!("batches/b2/docs/c.json");
    expect(await store.list("batches/b2/")).toEqual([]);
  });

  it("uploads a large object (multipart on S3) and verifies it", async () => {
    const store = make();
    const big = randomBytes(11 * 1024 * 1024);
    const file = path.join(tmp, `big-${kind}.bin`);
    await fs.writeFile(file, big);
    const put = await store.put("big/scan.tif", file, { sha256: sha256Bytes(big) });
    expect(put).toMatchObject({ size: big.length, existed: false });
    const head = await store.head("big/scan.tif");
    expect(head?.sha256).toBe(sha256Bytes(big));
    expect(sha256Bytes(await store.get("big/scan.tif"))).toBe(sha256Bytes(big));
    expect((await store.put("big/scan.tif", file)).existed).toBe(true);
  });
});

describe("s3 store on a damaged object", () => {
  it("detects a stored object whose bytes differ from its recorded sha256 as a conflict", async () => {
    const store = makers.s3!() as S3ArchiveStore;
    await store.put("k/v", new Uint8Array([1, 2, 3]));
    // Damage the copy behind the server's back: the next put of the real bytes must not call it equal.
    const files = await fs.readdir(server.dir, { recursive: true });
    const blob = files.find((f) => String(f).endsWith("k/v._S3rver_object"));
    expect(blob).toBeDefined();
    await fs.writeFile(path.join(server.dir, String(blob)), new Uint8Array([7, 7, 7]));
    const md = path.join(server.dir, String(blob).replace("_S3rver_object", "_S3rver_metadata.json"));
    const meta = JSON.parse(await fs.readFile(md, "utf8"));
    delete meta["x-amz-meta-sha256"];
    await fs.writeFile(md, JSON.stringify(meta));
    await expect(store.put("k/v", new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(ObjectConflictError);
  });
});

describe("s3 store verification after upload", () => {
  it("catches bytes damaged in transit (the server's MD5 differs) and reports a retryable checksum mismatch", async () => {
    const client = new S3Client(
      s3ClientConfig({ bucket: server.bucket, endpoint: server.endpoint, credentials: TEST_CREDENTIALS }),
    );
    // Flip a byte of every PUT body after sohoa hashed it but before the request is signed and sent.
    client.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as { method?: string; body?: unknown };
        if (req.method === "PUT" && req.body instanceof Uint8Array && req.body.length > 0) {
          const damaged = Uint8Array.from(req.body);
          damaged[0] = damaged[0]! ^ 0xff;
          req.body = damaged;
          delete (req as { headers?: Record<string, string> }).headers?.["content-md5"];
        }
        return next(args);
      },
      { step: "build", name: "damageBody" },
    );
    const store = new S3ArchiveStore({ bucket: server.bucket, client, prefix: "damaged" });
    const error = await store.put("k/v", new Uint8Array([1, 2, 3, 4])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).retryable).toBe(true);
    expect((error as Error).message).toMatch(/server MD5 [0-9a-f]{32} differs/);
  });

  it("sends the SDK checksum options that keep S3-compatible stores working", () => {
    const config = s3ClientConfig({ bucket: "b", endpoint: "http://127.0.0.1:9" });
    expect(config).toMatchObject({
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      forcePathStyle: true,
    });
  });
});
