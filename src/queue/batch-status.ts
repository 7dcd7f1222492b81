// Status of one batch: counts per state, pages per minute, ETA and the failed files with their reasons.
import type { Queue } from "bullmq";
import { BatchNotFoundError } from "../errors/queue-errors.js";
import type { BatchInfo, BatchRegistry, FailedEntry, RejectedEntry } from "./batch-registry.js";

export interface BatchStatus {
  batch: BatchInfo;
  /** Queued, running or waiting for a retry. */
  pending: number;
  /** Every document finished. */
  complete: boolean;
  /** Complete and manifest.jsonl consolidated: the archive's record of the batch is final. */
  manifestWritten: boolean;
  /** Jobs of the whole queue per BullMQ state (all batches). */
  queue: Record<string, number>;
  pagesPerMinute: number;
  documentsPerMinute: number;
  /** Seconds until the batch should finish at the current rate; undefined before the first document. */
  etaSeconds?: number;
  failed: FailedEntry[];
  /** Files enqueue refused at preflight (never queued). */
  rejected: RejectedEntry[];
  /** Jobs workers refused before reading them (outside the batch's roots, foreign unit): not counted as documents. */
  refused: RejectedEntry[];
}

export async function batchStatus(
  queue: Queue,
  registry: BatchRegistry,
  batchId: string,
  now = Date.now(),
): Promise<BatchStatus> {
  const batch = await registry.get(batchId);
  if (!batch) throw new BatchNotFoundError(batchId);
  const finished = batch.archived + batch.failed;
  const pending = Math.max(0, batch.total - finished);
  const complete = pending === 0;
  const end = complete ? (batch.lastDoneAt ?? now) : now;
  const minutes = batch.startedAt ? Math.max(end - batch.startedAt, 1) / 60_000 : 0;
  const docsPerMinute = minutes > 0 ? finished / minutes : 0;
  return {
    batch,
    pending,
    complete,
    manifestWritten: complete && (batch.manifestAt !== undefined || batch.total === 0),
    queue: await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "failed", "completed"),
    pagesPerMinute: minutes > 0 ? batch.pages / minutes : 0,
    documentsPerMinute: docsPerMinute,
    ...(docsPerMinute > 0 && !complete
      ? { etaSeconds: (pending / docsPerMinute) * 60 }
      : complete
        ? { etaSeconds: 0 }
        : {}),
    failed: await registry.failed(batchId),
    rejected: await registry.rejected(batchId),
    refused: await registry.refused(batchId),
  };
}
