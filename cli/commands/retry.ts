// `sohoa retry`: puts a batch's failed documents back in the queue with fresh attempts.
import { Queue } from "bullmq";
import type { ConnectionOptions } from "bullmq";
import { Command } from "commander";
import { Redis } from "ioredis";
import { z } from "zod";
import {
  BatchRegistry,
  DEFAULT_QUEUE,
  connectionFromUrl,
  ensureRedisReachable,
  redisUrl,
  retryBatch,
} from "../../src/queue/index.js";
import { handleError } from "../handle-error.js";

export const retryOptionsSchema = z.object({
  json: z.boolean().default(false),
  queue: z.string().min(1).default(DEFAULT_QUEUE),
  redis: z.string().optional(),
});

export const retry = new Command()
  .name("retry")
  .description("re-queue the failed documents of a batch")
  .argument("<batch>", "batch id")
  .option("--json", "print JSON on stdout")
  .option("--queue <name>", "queue name", DEFAULT_QUEUE)
  .option(
    "--redis <url>",
    "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)",
  )
  .action(async (batchId: string, raw: unknown) => {
    try {
      const o = retryOptionsSchema.parse(raw);
      await ensureRedisReachable(redisUrl(o.redis));
      const connection = connectionFromUrl(redisUrl(o.redis));
      const queue = new Queue(o.queue, { connection: connection as ConnectionOptions });
      const registry = new BatchRegistry(new Redis(connection), o.queue);
      try {
        const result = await retryBatch(queue, registry, batchId);
        if (o.json) process.stdout.write(JSON.stringify(result) + "\n");
        else
          process.stdout.write(
            `re-queued ${result.requeued.length} documents of ${batchId}\n${result.requeued.map((f) => `  ${f}\n`).join("")}`,
          );
      } finally {
        await queue.close();
        await registry.redis.quit();
      }
    } catch (error) {
      handleError(error);
    }
  });
