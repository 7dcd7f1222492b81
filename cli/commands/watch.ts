// `sohoa watch <dir>`: takes each file dropped into a folder once it is stable, runs or queues it, then files it in done/ or failed/.
import path from "node:path";
import { Command, Option } from "commander";
import { z } from "zod";
import { runBatch, type RunBatchOptions } from "../../pipelines/run-batch.js";
import { createLogger } from "../../src/logger.js";
import { createOcrEngine, OCR_ENGINE_NAMES } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/index.js";
import { LEVELS } from "../../src/types.js";
import {
  DropFolderWatcher,
  queueHandler,
  type HandlerResult,
  type WatchHandler,
} from "../../src/watch/index.js";
import { handleError } from "../handle-error.js";

/** Everything `runBatch` takes except the inputs, and the root of the per-file output folders. */
export type EmbeddedOptions = Omit<RunBatchOptions, "inputs" | "out"> & { out: string };

/**
 * Runs one file through the pipeline in process, into `<out>/<relative path without extension>/`
 * (text, metadata, PDF/A and that file's report.jsonl). Done when every document of it is done.
 */
export function embeddedHandler(options: EmbeddedOptions): WatchHandler {
  return async (file, relative): Promise<HandlerResult> => {
    const out = path.join(options.out, relative.replace(/\.[^./]+$/, ""));
    const summary = await runBatch({ ...options, inputs: [file], out });
    if (summary.failed === 0 && summary.done > 0) return { outcome: "done", detail: out };
    return {
      outcome: "failed",
      detail: `${summary.failed} of ${summary.files} documents failed; see ${summary.report}`,
    };
  };
}

const positive = z.coerce.number().positive();

export const watchOptionsSchema = z.object({
  out: z.string().min(1).optional(),
  queue: z.union([z.string().min(1), z.boolean()]).optional(),
  redis: z.string().optional(),
  poll: z.boolean().default(false),
  interval: positive.default(1000),
  checks: z.coerce.number().int().positive().default(2),
  mark: z.boolean().default(false),
  jobs: z.coerce.number().int().positive().default(1),
  ocrEngine: z.enum(OCR_ENGINE_NAMES as unknown as ["auto", "native", "wasm", "null"]).default("auto"),
  unit: z.string().min(1).optional(),
  level: z.enum(LEVELS as unknown as ["central", "provincial", "district", "commune"]).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  ledger: z.string().min(1).optional(),
  separate: z.enum(["qr", "blank"]).optional(),
  logLevel: z.string().default("info"),
});

export const watch = new Command()
  .name("watch")
  .description(
    "watch a drop folder: each file, once stable, is processed once (or queued), then moved to done/ or failed/",
  )
  .argument("<dir>", "the folder scanners drop files into")
  .option("-o, --out <dir>", "output folder of the embedded pipeline (one sub-folder per file)")
  .option(
    "--queue [name]",
    "enqueue files on the Redis queue instead of processing them here (needs --unit and --level)",
  )
  .option("--redis <url>", "Redis URL for --queue (default: SOHOA_REDIS_URL or redis://127.0.0.1:6379)")
  .option("--poll", "poll instead of OS events (network shares: SMB, NFS)")
  .option("--interval <ms>", "stability check interval", "1000")
  .option("--checks <n>", "unchanged checks (size and mtime) before a file is taken", "2")
  .option(
    "--mark",
    "leave files in place (the state file records them) instead of moving them to done/ and failed/",
  )
  .option("-j, --jobs <n>", "files processed at once", "1")
  .addOption(new Option("--ocr-engine <engine>", "OCR engine").choices([...OCR_ENGINE_NAMES]).default("auto"))
  .option("--unit <code>", "administrative unit of the files (for progress and the queue)")
  .addOption(new Option("--level <level>", "level of that unit").choices([...LEVELS]))
  .option("--year <year>", "year to count documents in when their issue date cannot be read")
  .option("--ledger <dir>", "count finished documents in this progress ledger folder")
  .addOption(
    new Option("--separate <mode>", "split stacks at separator sheets (qr) or blank pages (blank)").choices([
      "qr",
      "blank",
    ]),
  )
  .option("--log-level <level>", "pino log level", "info")
  .action(async (dir: string, raw: unknown) => {
    try {
      const o = watchOptionsSchema.parse(raw);
      const log = createLogger({ level: o.logLevel });
      const closers: Array<() => Promise<unknown>> = [];
      let handler: WatchHandler;
      if (o.queue) {
        handler = await openQueueHandler(o, closers);
      } else {
        if (!o.out)
          throw new (await import("../../src/errors/index.js")).BadOptionError(
            "give --out <dir> (or --queue)",
          );
        const ocr = await createOcrEngine({ engine: o.ocrEngine, log });
        closers.push(() => ocr.close());
        const ledger = o.ledger ? await LocalProgressStore.open(o.ledger) : undefined;
        if (ledger) closers.push(() => ledger.close());
        handler = embeddedHandler({
          out: o.out,
          ocr,
          log,
          ...(ledger ? { ledger, unit: { unit: o.unit, level: o.level, year: o.year } } : {}),
          ...(o.separate ? { separate: o.separate } : {}),
        });
      }
      const watcher = new DropFolderWatcher({
        dir,
        handler,
        log,
        poll: o.poll,
        interval: o.interval,
        checks: o.checks,
        jobs: o.jobs,
        mode: o.mark ? "mark" : "move",
        handOver: Boolean(o.queue),
      });
      await watcher.start();
      log.info({ dir, poll: o.poll }, "watching");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      log.info("stopping: finishing the files in hand");
      await watcher.stop();
      for (const close of closers) await close();
    } catch (error) {
      handleError(error);
    }
  });

/** The queue, its batch registry and one batch id for this watch session. */
async function openQueueHandler(
  o: z.infer<typeof watchOptionsSchema>,
  closers: Array<() => Promise<unknown>>,
): Promise<WatchHandler> {
  const { BadOptionError } = await import("../../src/errors/index.js");
  if (!o.unit || !o.level) throw new BadOptionError("--queue needs --unit and --level");
  const { Queue } = await import("bullmq");
  const { Redis } = await import("ioredis");
  const q = await import("../../src/queue/index.js");
  const { preflight } = await import("../../src/stages/preflight.js");
  const { defaultLimits } = await import("../../src/limits.js");
  await q.ensureRedisReachable(q.redisUrl(o.redis));
  const connection = q.connectionFromUrl(q.redisUrl(o.redis));
  const queue = new Queue(typeof o.queue === "string" ? o.queue : q.DEFAULT_QUEUE, {
    connection: connection as never,
  });
  const registry = new q.BatchRegistry(new Redis(connection), queue.name);
  closers.push(
    () => queue.close(),
    () => registry.redis.quit(),
  );
  const batchId = q.newBatchId();
  return queueHandler(async (file) => {
    let source;
    try {
      source = await preflight(file, defaultLimits);
    } catch (error) {
      return { batchId, added: 0, alreadyArchived: 0, rejected: (error as Error).message };
    }
    const r = await q.enqueueBatch(queue, registry, [source], {
      unit: o.unit!,
      level: o.level!,
      batchId,
      ...(o.year ? { year: o.year } : {}),
    });
    return { batchId, added: r.added, alreadyArchived: r.alreadyArchived.length };
  });
}
