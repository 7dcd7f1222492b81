// `sohoa enqueue`: preflight every file, then add one job per new document in bulk and print the batch id.
import { Queue } from "bullmq";
import type { ConnectionOptions } from "bullmq";
import { Command, Option } from "commander";
import { Redis } from "ioredis";
import { z } from "zod";
import { LEVELS } from "../../src/types.js";
import {
  BatchRegistry,
  DEFAULT_QUEUE,
  assertBatchId,
  connectionFromUrl,
  ensureRedisReachable,
  enqueueBatch,
  preflight,
  redisUrl,
} from "../../src/queue/index.js";
import { defaultLimits } from "../../src/limits.js";
import { assertKeyPart } from "../../src/storage/keys.js";
import { handleError } from "../handle-error.js";
import { assertInputsExist, checkOption } from "../inputs.js";
import { createProgressBar } from "../progress-bar.js";

export const enqueueOptionsSchema = z.object({
  unit: z.string().trim().min(1),
  level: z.enum(LEVELS as unknown as ["central", "provincial", "district", "commune"]),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  batch: z.string().optional(),
  queue: z.string().min(1).default(DEFAULT_QUEUE),
  redis: z.string().optional(),
  maxFileBytes: z.coerce.number().int().positive().default(defaultLimits.maxFileBytes),
  json: z.boolean().default(false),
});

/** A titled bar on a TTY, nothing otherwise (cli/progress-bar.ts). */
const bar = (title: string) => createProgressBar(process.stderr.isTTY === true, { title });

export const enqueue = new Command()
  .name("enqueue")
  .description("check files and queue one archive job per document; prints the batch id")
  .argument("<paths...>", "scans or folders of scans")
  .requiredOption("--unit <code>", "issuing unit (code or name, as written)")
  .addOption(new Option("--level <level>", "administrative level").choices([...LEVELS]).makeOptionMandatory())
  .option("--year <year>", "year of the results")
  .option("--batch <id>", "batch id (default: a new one); reuse to add files to a batch")
  .option("--queue <name>", "queue name", DEFAULT_QUEUE)
  .option(
    "--redis <url>",
    "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)",
  )
  .option("--max-file-bytes <n>", "largest accepted file")
  .option("--json", "print the result as JSON on stdout")
  .action(async (paths: string[], raw: unknown) => {
    try {
      const o = enqueueOptionsSchema.parse(raw);
      // Unit, level and batch id become archive keys: refuse a bad one before hashing thousands of files.
      checkOption("--unit", () => assertKeyPart(o.unit));
      if (o.batch !== undefined) checkOption("--batch", () => assertBatchId(o.batch!));
      await assertInputsExist(paths);
      // Before hashing thousands of files: a queue that cannot be reached is known in a second.
      await ensureRedisReachable(redisUrl(o.redis));
      const checking = bar("checking");
      const pre = await preflight(paths, {
        maxBytes: o.maxFileBytes,
        onFile: (d, t) => checking.update(d, t),
      });
      checking.stop();
      const connection = connectionFromUrl(redisUrl(o.redis));
      const queue = new Queue(o.queue, { connection: connection as ConnectionOptions });
      const registry = new BatchRegistry(new Redis(connection), o.queue);
      try {
        const adding = bar("queueing");
        const result = await enqueueBatch(queue, registry, pre.accepted, {
          unit: o.unit,
          level: o.level,
          ...(o.year !== undefined ? { year: o.year } : {}),
          ...(o.batch ? { batchId: o.batch } : {}),
          onProgress: (d, t) => adding.update(d, t),
          roots: paths,
          rejected: pre.rejected.map((r) => ({ file: r.file, error: r.error })),
        });
        adding.stop();
        const summary = {
          batchId: result.batchId,
          files: pre.accepted.length + pre.rejected.length + pre.duplicates.length,
          queued: result.added,
          bytes: pre.bytes,
          alreadyQueued: result.alreadyQueued.length,
          alreadyArchived: result.alreadyArchived.length,
          duplicates: pre.duplicates,
          rejected: pre.rejected.map((r) => ({
            file: r.file,
            code: r.error.code,
            message: r.error.message,
            hint: r.error.hint,
          })),
        };
        if (o.json) process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
        else {
          const err = process.stderr;
          err.write(
            `preflight: ${summary.files} files, ${pre.accepted.length} accepted (${(pre.bytes / 1e6).toFixed(1)} MB), ` +
              `${pre.rejected.length} rejected, ${pre.duplicates.length} duplicates\n`,
          );
          for (const r of summary.rejected) err.write(`  rejected ${r.file}: ${r.code}: ${r.message}\n`);
          for (const d of pre.duplicates) err.write(`  duplicate ${d.file} (same bytes as ${d.of})\n`);
          err.write(
            `queued ${result.added} jobs; ${summary.alreadyQueued} already queued, ${summary.alreadyArchived} already archived\n`,
          );
          process.stdout.write(`${result.batchId}\n`);
        }
      } finally {
        await queue.close();
        await registry.redis.quit();
      }
    } catch (error) {
      handleError(error);
    }
  });
