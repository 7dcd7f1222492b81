// Test helpers: temp scans, worker child processes, waiting for a batch, queue clean-up.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import {
  ArchiveWorker,
  BatchRegistry,
  batchStatus,
  connectionFromUrl,
  type ArchiveWorkerOptions,
  type BatchStatus,
} from "../../src/queue/index.js";
import { createArchiveProcessor } from "../../workers/archive-processor.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const connection = connectionFromUrl("redis://127.0.0.1:6379");

/** A fresh queue and registry on `connection`; `cleanup` removes every key they made. */
export function queueOn(
  connection: RedisOptions,
  name: string,
): { name: string; queue: Queue; registry: BatchRegistry; cleanup: () => Promise<void> } {
  const queue = new Queue(name, { connection: connection as ConnectionOptions });
  const registry = new BatchRegistry(new Redis(connection), name);
  // Fault tests take Redis away on purpose: connection errors are expected, not unhandled.
  queue.on("error", () => undefined);
  registry.redis.on("error", () => undefined);
  return {
    name,
    queue,
    registry,
    async cleanup() {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close().catch(() => undefined);
      await registry.obliterate().catch(() => undefined);
      registry.redis.disconnect();
    },
  };
}

/** A fresh queue named `test-<uuid>` on the shared Redis. */
export function testQueue(): ReturnType<typeof queueOn> {
  return queueOn(connection, `test-${randomUUID()}`);
}

/** A started ArchiveWorker with the real archive processor on a fresh test queue; `close` stops it and removes the queue. */
export async function startTestArchiveWorker(
  options: Omit<ArchiveWorkerOptions, "connection" | "queueName" | "processor">,
): Promise<{ t: ReturnType<typeof testQueue>; worker: ArchiveWorker; close: () => Promise<void> }> {
  const t = testQueue();
  const worker = new ArchiveWorker({
    connection,
    queueName: t.name,
    processor: createArchiveProcessor,
    ...options,
  });
  await worker.start();
  return {
    t,
    worker,
    close: async () => {
      await worker.close();
      await t.cleanup();
    },
  };
}

/** Writes `n` distinct small "scans" (PNG signature + random bytes) into a new temp folder. */
export async function makeScans(
  n: number,
  names: (i: number) => string = (i) => `scan-${String(i).padStart(3, "0")}.png`,
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-scans-"));
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 0; i < n; i++)
    await fs.writeFile(path.join(dir, names(i)), Buffer.concat([png, randomBytes(2000 + i)]));
  return dir;
}

export interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `workers/archive-worker.ts` under tsx and resolves once it logs "worker ready". */
export async function startWorkerProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "workers/archive-worker.ts"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, CI: "1", SOHOA_LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${err}`)), 30_000);
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes('"worker ready"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`worker exited with ${code}:\n${err}`)));
  });
  return { child, stderr: () => err, exited };
}

/** Polls until the batch is complete and its manifest consolidated (or until `until` holds). */
export async function waitForBatch(
  queue: Queue,
  registry: BatchRegistry,
  batchId: string,
  timeoutMs = 60_000,
  until?: (s: BatchStatus) => boolean,
): Promise<BatchStatus> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await batchStatus(queue, registry, batchId);
    if (until ? until(s) : s.manifestWritten) return s;
    if (Date.now() > end) throw new Error(`batch ${batchId} not done in time: ${JSON.stringify(s.batch)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
