// Queue rate over a long batch (`npx tsx bench/queue-sag.ts --docs 10000 --workers 2`): the real archive pipeline with the
// null OCR engine, one-page documents; prints the rate of each tenth of the batch (docs/s and docs per worker CPU-second,
// the latter robust to other load on the machine), the last tenth over the first, and Redis memory after completion.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Queue, type ConnectionOptions } from "bullmq";
import { Redis } from "ioredis";
import sharp from "sharp";
import { processCpuSeconds } from "./proc-tree.js";
import { BatchRegistry, connectionFromUrl, enqueueBatch, preflight, redisUrl } from "../src/queue/index.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "10000" },
    workers: { type: "string", default: "2" },
    "keep-logs": { type: "boolean", default: false },
    /** Extra Node flags for the workers, e.g. --node-arg=--cpu-prof --node-arg=--trace-gc (output in their logs). */
    "node-arg": { type: "string", multiple: true, default: [] },
  },
});
const DOCS = Number(values.docs);
const WORKERS = Number(values.workers);
const SAMPLE = path.join(ROOT, "fixtures/samples/quyet-dinh-mau-sac.jpg");
const connection = connectionFromUrl(redisUrl());

/** `n` distinct one-page scans: a small grey page (so the queue, not the pixels, dominates), one trailing byte apart. */
async function makeDocs(dir: string, n: number): Promise<void> {
  const bytes = await sharp(SAMPLE)
    .resize({ width: 620 })
    .greyscale()
    .jpeg({ quality: 80 })
    .withMetadata({ density: 75 })
    .toBuffer();
  for (let i = 0; i < n; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, n - i) }, (_, k) =>
        fs.writeFile(
          path.join(dir, `doc-${String(i + k).padStart(5, "0")}.jpg`),
          Buffer.concat([bytes, Buffer.from(String(i + k))]),
        ),
      ),
    );
  }
}

/** Starts `sohoa worker` with the null engine; its output goes to a file so a slow reader never back-pressures it. */
async function startWorker(queue: string, store: string, log: string): Promise<ChildProcess> {
  const out = await fs.open(log, "w");
  const child = spawn(
    process.execPath,
    [
      ...values["node-arg"],
      "--import",
      "tsx",
      "workers/archive-worker.ts",
      "--queue",
      queue,
      "--store",
      store,
      "--log-level",
      "info",
    ],
    {
      cwd: ROOT,
      env: { ...process.env, SOHOA_OCR_ENGINE: "null", FORCE_COLOR: "0" },
      stdio: ["ignore", out.fd, out.fd],
    },
  );
  await out.close();
  for (let i = 0; i < 600; i++) {
    if ((await fs.readFile(log, "utf8")).includes('"worker ready"')) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`worker did not start: ${(await fs.readFile(log, "utf8")).slice(-2000)}`);
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info("memory"))![1]);
}

/** Key count and bytes (MEMORY USAGE) of every key of this queue, BullMQ's and sohoa's, by key family. */
async function keyFamilies(
  redis: Redis,
  queue: string,
): Promise<Record<string, { keys: number; bytes: number }>> {
  const families: Record<string, { keys: number; bytes: number }> = {};
  for (const pattern of [`bull:${queue}:*`, `sohoa:${queue}:*`]) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      for (const key of keys) {
        // Job hashes are named by id: fold them into one family.
        const parts = key.split(":");
        const family =
          parts[0] === "bull" && /^(doc-)?[0-9a-f-]{16,}$/i.test(parts[2] ?? "")
            ? "bull:<job>"
            : parts.slice(0, 4).join(":").replace(queue, "<q>");
        const f = (families[family] ??= { keys: 0, bytes: 0 });
        f.keys++;
        f.bytes += Number((await redis.memory("USAGE", key)) ?? 0);
      }
      cursor = next;
    } while (cursor !== "0");
  }
  return families;
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-sag-"));
const scans = path.join(work, "scans");
const store = path.join(work, "archive");
await fs.mkdir(scans);
await makeDocs(scans, DOCS);
const queueName = `sag-${randomUUID().slice(0, 8)}`;
const queue = new Queue(queueName, { connection: connection as ConnectionOptions });
const redis = new Redis(connection);
const registry = new BatchRegistry(redis, queueName);
const memBefore = await usedMemory(redis);
const procs = await Promise.all(
  Array.from({ length: WORKERS }, (_, i) =>
    startWorker(queueName, store, path.join(work, `worker-${i}.log`)),
  ),
);
const pre = await preflight([scans], { concurrency: 4 });
const { batchId } = await enqueueBatch(queue, registry, pre.accepted, { unit: "bench", level: "commune" });

// Samples: time, finished documents, CPU of the workers (their children included while alive).
const samples: Array<{ t: number; done: number; cpu: number }> = [];
const t0 = performance.now();
const cpuNow = (): number => procs.reduce((s, p) => s + processCpuSeconds(p.pid!), 0);
for (;;) {
  const info = await registry.get(batchId);
  const done = (info?.archived ?? 0) + (info?.failed ?? 0);
  samples.push({ t: (performance.now() - t0) / 1000, done, cpu: cpuNow() });
  if (info && done >= info.total) break;
  await new Promise((r) => setTimeout(r, 250));
}
const final = (await registry.get(batchId))!;

/** Linear interpolation of a sample field at the moment `done` reached `target`. */
function at(target: number, key: "t" | "cpu"): number {
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    if (b.done >= target)
      return b.done === a.done
        ? b[key]
        : a[key] + ((b[key] - a[key]) * (target - a.done)) / (b.done - a.done);
  }
  return samples.at(-1)![key];
}
const tenths = Array.from({ length: 10 }, (_, k) => {
  const from = (final.total * k) / 10;
  const to = (final.total * (k + 1)) / 10;
  const seconds = at(to, "t") - at(from, "t");
  const cpu = at(to, "cpu") - at(from, "cpu");
  return {
    docsPerSecond: +((to - from) / seconds).toFixed(2),
    docsPerCpuSecond: +((to - from) / Math.max(cpu, 0.01)).toFixed(2),
  };
});
for (const p of procs) p.kill("SIGTERM");
await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once("exit", r)))));
const memAfter = await usedMemory(redis);
const families = await keyFamilies(redis, queueName);
const result = {
  documents: final.total,
  archived: final.archived,
  failed: final.failed,
  workers: WORKERS,
  wallSeconds: +samples.at(-1)!.t.toFixed(1),
  loadAverage1m: +os.loadavg()[0]!.toFixed(2),
  tenths,
  lastOverFirst: {
    docsPerSecond: +(tenths[9]!.docsPerSecond / tenths[0]!.docsPerSecond).toFixed(2),
    docsPerCpuSecond: +(tenths[9]!.docsPerCpuSecond / tenths[0]!.docsPerCpuSecond).toFixed(2),
    target: 0.8,
  },
  redis: {
    usedMemoryBeforeMiB: +(memBefore / 2 ** 20).toFixed(2),
    usedMemoryAfterMiB: +(memAfter / 2 ** 20).toFixed(2),
    keyFamilies: families,
  },
};
console.log(JSON.stringify(result, null, 2));
await queue.obliterate({ force: true });
await queue.close();
await registry.obliterate();
redis.disconnect();
if (values["keep-logs"]) console.error(`work kept in ${work}`);
else await fs.rm(work, { recursive: true, force: true });
process.exit(0);
