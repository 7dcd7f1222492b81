// Fault-test helpers: a private persistent redis-server, a restartable s3rver, archive censuses and polling.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Redis, type RedisOptions } from "ioredis";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { queueOn as sharedQueueOn } from "../queue/helpers.js";
import { readManifest, type ArchiveRecord, type ArchiveStore } from "../../src/storage/index.js";
import { expect } from "vitest";

/**
 * A port nobody listens on right now, below Linux's ephemeral range (32768+): servers here are
 * stopped and restarted on the same port, and the kernel must not hand it to someone else meanwhile.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface RedisServer {
  port: number;
  dir: string;
  url: string;
  connection: RedisOptions;
  /** SHUTDOWN (the AOF is fsynced) and wait for the process to exit. */
  stop(): Promise<void>;
  /** Start again on the same port and dir (reloads the append-only file). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A private redis-server run as production must: append-only file on, RDB snapshots off. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--appendonly",
        "yes",
        "--appendfsync",
        "always",
        "--dir",
        dir,
        "--save",
        "",
      ],
      { stdio: "ignore" },
    );
    await waitFor(
      `redis-server on ${port}`,
      async () => {
        const r = new Redis({
          port,
          host: "127.0.0.1",
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        r.on("error", () => undefined);
        try {
          await r.connect();
          return (await r.ping()) === "PONG";
        } finally {
          r.disconnect();
        }
      },
      15_000,
      50,
    );
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    const r = new Redis({ port, host: "127.0.0.1", maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on("error", () => undefined);
    await r.call("SHUTDOWN").catch(() => undefined);
    r.disconnect();
    await exited;
  };
  await start();
  return {
    port,
    dir,
    url: `redis://127.0.0.1:${port}`,
    connection: { host: "127.0.0.1", port },
    start,
    stop,
    async close() {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RestartableS3 {
  endpoint: string;
  bucket: string;
  dir: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** s3rver on a fixed port and folder, so it can be stopped and started again with the same objects. */
export async function startRestartableS3(bucket = "archive"): Promise<RestartableS3> {
  const port = await freePort();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-s3-"));
  let server: { run(): Promise<unknown>; close(): Promise<void> } | undefined;
  const start = async () => {
    server = new S3rver({
      port,
      address: "127.0.0.1",
      directory: dir,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    await server!.run();
  };
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    dir,
    port,
    start,
    stop,
    async close() {
      await stop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh queue and registry on `connection` (default name: unique per call). */
export function queueOn(
  connection: RedisOptions,
  name = `faults-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
): ReturnType<typeof sharedQueueOn> {
  return sharedQueueOn(connection, name);
}

export interface Census {
  /** docId → object names under the document's folder (document.pdf, metadata.json, original.png …). */
  docs: Map<string, string[]>;
  keys: string[];
}

/** Lists the whole archive and groups objects by document folder (…/<docId>/<name>). */
export async function census(store: ArchiveStore): Promise<Census> {
  const keys = (await store.list("")).sort();
  const docs = new Map<string, string[]>();
  for (const key of keys) {
    const parts = key.split("/");
    if (parts[0] === "batches" || parts.length < 2) continue;
    const docId = parts[parts.length - 2]!;
    const names = docs.get(docId) ?? [];
    names.push(parts[parts.length - 1]!);
    docs.set(docId, names);
  }
  return { docs, keys };
}

/** Asserts-by-return: every docId has exactly one metadata.json, one document.pdf and one original.*. */
export function completeDocs(c: Census): string[] {
  return [...c.docs]
    .filter(
      ([, names]) =>
        names.filter((n) => n === "metadata.json").length === 1 &&
        names.filter((n) => n === "document.pdf").length === 1 &&
        names.filter((n) => n.startsWith("original.")).length === 1,
    )
    .map(([id]) => id);
}

/** Copies `n` distinct valid scans (the committed sample JPEG with a different trailing comment) into a folder. */
export async function makeValidScans(n: number, prefix = "doc"): Promise<string> {
  const sharp = (await import("sharp")).default;
  const sample = path.resolve(import.meta.dirname, "../../fixtures/samples/quyet-dinh-mau-sac.jpg");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-valid-"));
  const base = await sharp(sample).extract({ left: 200, top: 150, width: 400, height: 300 }).png().toBuffer();
  for (let i = 0; i < n; i++) {
    // A different pixel per file: distinct content hashes, hence distinct documents.
    const dot = await sharp({
      create: { width: 2, height: 2, channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: 9 } },
    })
      .png()
      .toBuffer();
    const png = await sharp(base)
      .composite([{ input: dot, left: i % 398, top: 0 }])
      .png()
      .toBuffer();
    await fs.writeFile(path.join(dir, `${prefix}-${String(i).padStart(3, "0")}.png`), png);
  }
  return dir;
}

/** Archives every scan in `dir` through a queue and an in-process worker running the real processor; resolves the batch id. */
export async function archiveFolder(
  store: ArchiveStore,
  dir: string,
  connection: RedisOptions = { host: "127.0.0.1", port: 6379 },
): Promise<{ batchId: string; files: number }> {
  const { ArchiveWorker, enqueueBatch, preflight, batchStatus } = await import("../../src/queue/index.js");
  const { createArchiveProcessor } = await import("../../workers/archive-processor.js");
  const q = queueOn(connection);
  const worker = new ArchiveWorker({
    connection,
    queueName: q.name,
    store,
    processor: createArchiveProcessor,
    concurrency: 2,
  });
  await worker.start();
  try {
    const pre = await preflight([dir]);
    const { batchId } = await enqueueBatch(q.queue, q.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });
    await waitFor(
      `batch ${batchId}`,
      async () => (await batchStatus(q.queue, q.registry, batchId)).manifestWritten,
      120_000,
    );
    return { batchId, files: pre.accepted.length };
  } finally {
    await worker.close();
    await q.cleanup();
  }
}

/** Wraps a store and counts fresh writes per key (puts that wrote bytes, not ones that found them there). */
export function countingStore(inner: ArchiveStore): ArchiveStore & { fresh: Map<string, number> } {
  const fresh = new Map<string, number>();
  const wrapped: ArchiveStore & { fresh: Map<string, number> } = {
    location: inner.location,
    fresh,
    async put(key, body, options) {
      const r = await inner.put(key, body, options);
      if (!r.existed) fresh.set(key, (fresh.get(key) ?? 0) + 1);
      return r;
    },
    get: (key) => inner.get(key),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    ...(inner.delete ? { delete: (key: string) => inner.delete!(key) } : {}),
    ...(inner.close ? { close: () => inner.close!() } : {}),
  };
  return wrapped;
}

/** Document objects (not batch bookkeeping) written more than once; must be empty. */
export function writtenTwice(fresh: Map<string, number>): string[] {
  return [...fresh].filter(([key, n]) => !key.startsWith("batches/") && n > 1).map(([key]) => key);
}

/**
 * The invariant every fault must leave intact: the batch's manifest has one non-failed record
 * per document, the archive holds exactly `docs` complete documents, and no object was written
 * fresh twice. Returns the manifest for further checks.
 */
export async function expectArchivedExactlyOnce(
  store: ArchiveStore & { fresh: Map<string, number> },
  batchId: string,
  docs: number,
): Promise<ArchiveRecord[]> {
  const manifest = await readManifest(store, batchId);
  expect(manifest).toHaveLength(docs);
  expect(manifest.every((r) => r.outcome !== "failed")).toBe(true);
  const c = await census(store);
  expect(c.docs.size).toBe(docs);
  expect(completeDocs(c)).toHaveLength(docs);
  expect(writtenTwice(store.fresh)).toEqual([]);
  return manifest;
}
