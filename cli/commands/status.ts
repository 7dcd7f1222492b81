// `sohoa status`: counts per state, pages per minute, ETA and failed files of a batch (or the list of batches).
import { Queue } from "bullmq";
import type { ConnectionOptions } from "bullmq";
import { Command } from "commander";
import { Redis } from "ioredis";
import { z } from "zod";
import {
  BatchRegistry,
  DEFAULT_QUEUE,
  batchStatus,
  connectionFromUrl,
  ensureRedisReachable,
  redisUrl,
  type BatchStatus,
} from "../../src/queue/index.js";
import { handleError } from "../handle-error.js";

export const statusOptionsSchema = z.object({
  watch: z.boolean().default(false),
  interval: z.coerce.number().positive().default(2),
  json: z.boolean().default(false),
  queue: z.string().min(1).default(DEFAULT_QUEUE),
  redis: z.string().optional(),
});

function eta(seconds: number | undefined): string {
  if (seconds === undefined) return "–";
  const s = Math.round(seconds);
  return s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${s} s`;
}

/** Human form of a status, one screen. */
export function formatStatus(s: BatchStatus): string {
  const b = s.batch;
  const lines = [
    `batch ${b.batchId}  ${b.level} ${b.unit}${b.year ? ` ${b.year}` : ""}  ` +
      `${s.manifestWritten ? "complete" : s.complete ? "complete (manifest pending)" : "running"}`,
    `  documents: ${b.total} total, ${b.archived} archived, ${b.failed} failed, ${s.pending} pending`,
    `  rate: ${s.pagesPerMinute.toFixed(1)} pages/min, ${s.documentsPerMinute.toFixed(1)} docs/min, ETA ${eta(s.etaSeconds)}`,
    `  queue (all batches): ${Object.entries(s.queue)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  ];
  if (s.rejected.length) lines.push(`  rejected at enqueue: ${s.rejected.length}`);
  for (const r of s.rejected) lines.push(`  rejected ${r.file}: ${r.error.code}: ${r.error.message}`);
  for (const r of s.refused) lines.push(`  refused job ${r.file}: ${r.error.code}: ${r.error.message}`);
  for (const f of s.failed)
    lines.push(
      `  failed ${f.file}: ${f.error.code}: ${f.error.message}${f.error.hint ? `\n    hint: ${f.error.hint}` : ""}`,
    );
  return lines.join("\n") + "\n";
}

export const status = new Command()
  .name("status")
  .description("show a batch's progress and failures (without a batch: list recent batches)")
  .argument("[batch]", "batch id printed by `sohoa enqueue`")
  .option("-w, --watch", "refresh until the batch completes")
  .option("--interval <seconds>", "refresh interval with --watch", "2")
  .option("--json", "print JSON on stdout")
  .option("--queue <name>", "queue name", DEFAULT_QUEUE)
  .option(
    "--redis <url>",
    "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)",
  )
  .action(async (batchId: string | undefined, raw: unknown) => {
    try {
      const o = statusOptionsSchema.parse(raw);
      await ensureRedisReachable(redisUrl(o.redis));
      const connection = connectionFromUrl(redisUrl(o.redis));
      const queue = new Queue(o.queue, { connection: connection as ConnectionOptions });
      const registry = new BatchRegistry(new Redis(connection), o.queue);
      try {
        if (!batchId) {
          const ids = await registry.list();
          if (o.json) process.stdout.write(JSON.stringify(ids) + "\n");
          else process.stdout.write(ids.length ? ids.join("\n") + "\n" : "no batches\n");
          return;
        }
        for (;;) {
          const s = await batchStatus(queue, registry, batchId);
          if (o.json) process.stdout.write(JSON.stringify(s) + "\n");
          else
            process.stdout.write((o.watch && process.stdout.isTTY ? "\x1b[2J\x1b[H" : "") + formatStatus(s));
          if (!o.watch || s.complete) break;
          await new Promise((r) => setTimeout(r, o.interval * 1000));
        }
      } finally {
        await queue.close();
        await registry.redis.quit();
      }
    } catch (error) {
      handleError(error);
    }
  });
