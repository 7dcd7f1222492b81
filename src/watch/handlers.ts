// What the watch folder does with a stable file that goes to the queue (the embedded pipeline's handler lives with the command).
import type { HandlerResult, WatchHandler } from "./watcher.js";

/** Adds one file to a queue; the caller owns the queue's connections. */
export type Enqueue = (
  file: string,
) => Promise<{ batchId: string; added: number; alreadyArchived: number; rejected?: string }>;

/** Queues the file (already moved to done/, where the worker will read it). */
export function queueHandler(enqueue: Enqueue): WatchHandler {
  return async (file): Promise<HandlerResult> => {
    const r = await enqueue(file);
    if (r.rejected) return { outcome: "failed", detail: r.rejected };
    return {
      outcome: "done",
      detail: `batch ${r.batchId}: ${r.added ? "queued" : r.alreadyArchived ? "already archived" : "already queued"}`,
    };
  };
}
