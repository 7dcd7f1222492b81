// Adds one job per accepted document in bulk; content-addressed job ids make a re-run add nothing.
import fs from "node:fs/promises";
import path from "node:path";
import type { JobsOptions, Queue } from "bullmq";
import { BadOptionError } from "../errors/runtime-errors.js";
import type { Level, SourceFile } from "../types.js";
import { type BatchRegistry, type RejectedEntry, newBatchId } from "./batch-registry.js";
import { assertBatchMeta } from "./job-guard.js";
import { archiveJobAsJSON, docIdOf, jobIdOf, type ArchiveJobJson } from "./job-payload.js";
import { defaultJobOptions } from "./job-options.js";

export interface EnqueueBatchOptions {
  unit: string;
  level: Level;
  year?: number;
  /** Join an existing batch or name a new one. @defaultValue a fresh id */
  batchId?: string;
  /** Jobs per addBulk call. @defaultValue 1000 */
  chunkSize?: number;
  onProgress?: (added: number, total: number) => void;
  /** Overrides of the default job options (attempts, backoff …). */
  jobOptions?: Partial<JobsOptions>;
  /**
   * Folders or files the batch was enqueued from; workers refuse jobs outside them (after resolving
   * links). @defaultValue the folder of each file
   */
  roots?: string[];
  /** Files preflight refused: recorded with the batch, for `sohoa status` and the manifest. */
  rejected?: RejectedEntry[];
}

export interface EnqueueBatchResult {
  batchId: string;
  /** Jobs created now. */
  added: number;
  /** Already in the queue (waiting, active, delayed or failed). */
  alreadyQueued: string[];
  /** Archived earlier by this queue's workers. */
  alreadyArchived: string[];
}

/** `registry` must be for the same queue; its Redis connection does the bookkeeping. */
export async function enqueueBatch(
  queue: Queue,
  registry: BatchRegistry,
  files: SourceFile[],
  options: EnqueueBatchOptions,
): Promise<EnqueueBatchResult> {
  const batchId = options.batchId ?? newBatchId();
  assertBatchMeta({ batchId, unit: options.unit, level: options.level });
  const existing = await registry.get(batchId);
  if (existing && (existing.unit !== options.unit || existing.level !== options.level)) {
    throw new BadOptionError(
      `batch ${batchId} is ${existing.level} ${existing.unit}, not ${options.level} ${options.unit}`,
      { hint: "Give the same --unit and --level, or a new --batch." },
    );
  }
  const redis = registry.redis;
  const archived = await registry.archivedAmong(files.map((f) => f.sha256));
  const candidates = files.filter((_, i) => !archived[i]);
  // One pipelined EXISTS per job id: cheap even for 10,000 files, and it tells what addBulk would silently skip.
  const pipe = redis.pipeline();
  for (const f of candidates) pipe.exists(queue.toKey(jobIdOf(f.sha256)));
  const exists = ((await pipe.exec()) ?? []).map(([, n]: [Error | null, unknown]) => n === 1);
  const fresh = candidates.filter((_, i) => !exists[i]);
  await registry.register(batchId, options, fresh.length);
  // Roots before jobs: a worker that takes a job at once must find them.
  const roots = options.roots ?? files.map((f) => path.dirname(f.path));
  await registry.addRoots(batchId, [
    ...new Set(await Promise.all(roots.map((r) => fs.realpath(r).catch(() => path.resolve(r))))),
  ]);
  await registry.recordRejected(batchId, options.rejected ?? []);
  const chunk = options.chunkSize ?? 1000;
  let added = 0;
  for (let i = 0; i < fresh.length; i += chunk) {
    const jobs = fresh.slice(i, i + chunk).map((f) => {
      const data: ArchiveJobJson = archiveJobAsJSON({
        file: f.path,
        sha256: f.sha256,
        batchId,
        unit: options.unit,
        level: options.level,
        ...(options.year !== undefined ? { year: options.year } : {}),
        docId: docIdOf(f.sha256),
      });
      return {
        name: "doc",
        data,
        opts: { ...defaultJobOptions, ...options.jobOptions, jobId: jobIdOf(f.sha256) },
      };
    });
    await queue.addBulk(jobs);
    added += jobs.length;
    options.onProgress?.(added, fresh.length);
  }
  return {
    batchId,
    added,
    alreadyQueued: candidates.filter((_, i) => exists[i]).map((f) => f.path),
    alreadyArchived: files.filter((_, i) => archived[i]).map((f) => f.path),
  };
}
