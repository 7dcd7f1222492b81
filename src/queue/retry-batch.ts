// Re-queues a batch's dead letters: failed jobs go back to waiting with fresh attempts; dropped ones are re-added.
import type { Job, Queue } from "bullmq";
import { BatchNotFoundError } from "../errors/queue-errors.js";
import type { BatchRegistry } from "./batch-registry.js";
import { defaultJobOptions } from "./job-options.js";
import { jobIdOf } from "./job-payload.js";

export interface RetryResult {
  batchId: string;
  /** Files put back in the queue. */
  requeued: string[];
}

/** How long a recorded failure may take to reach BullMQ's failed set. */
const SETTLE_MS = 10_000;

/**
 * The job's state once its failure has landed. A worker records the failure in the batch
 * registry before BullMQ moves the job out of "active", so a retry issued at once can find it
 * still active; retrying then would do nothing and the document would stay failed.
 */
async function settledState(job: Job): Promise<string> {
  const until = Date.now() + SETTLE_MS;
  let state = await job.getState();
  while (state === "active" && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = await job.getState();
  }
  return state;
}

export async function retryBatch(
  queue: Queue,
  registry: BatchRegistry,
  batchId: string,
): Promise<RetryResult> {
  if (!(await registry.get(batchId))) throw new BatchNotFoundError(batchId);
  const entries = await registry.takeFailed(batchId);
  const requeued: string[] = [];
  for (const entry of entries) {
    const id = jobIdOf(entry.job.s);
    const job = await queue.getJob(id);
    const state = job ? await settledState(job) : undefined;
    if (job && state === "failed")
      await job.retry("failed", { resetAttemptsMade: true, resetAttemptsStarted: true });
    else if (!job) await queue.add("doc", entry.job, { ...defaultJobOptions, jobId: id });
    // Any other state: the job is already back in the queue (another retry, or it was re-enqueued).
    requeued.push(entry.file);
  }
  return { batchId, requeued };
}
