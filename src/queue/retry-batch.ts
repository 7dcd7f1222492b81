// Re-queues a batch's dead letters: failed jobs go back to waiting with fresh attempts; dropped ones are re-added.
import type { Queue } from "bullmq";
import { BatchNotFoundError } from "../errors/queue-errors.js";
import type { BatchRegistry } from "./batch-registry.js";
import { defaultJobOptions } from "./job-options.js";
import { jobIdOf } from "./job-payload.js";

export interface RetryResult {
  batchId: string;
  /** Files put back in the queue. */
  requeued: string[];
}

export async function retryBatch(queue: Queue, registry: BatchRegistry, batchId: string): Promise<RetryResult> {
  if (!(await registry.get(batchId))) throw new BatchNotFoundError(batchId);
  const entries = await registry.takeFailed(batchId);
  const requeued: string[] = [];
  for (const entry of entries) {
    const id = jobIdOf(entry.job.s);
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : undefined;
    if (job && state === "failed") await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    else if (!job) await queue.add("doc", entry.job, { ...defaultJobOptions, jobId: id });
    // Any other state: the job is already back in the queue (another retry, or it was re-enqueued).
    requeued.push(entry.file);
  }
  return { batchId, requeued };
}
