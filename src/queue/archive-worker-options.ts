// Options of the archive worker, each with its default.
import type { RedisOptions } from "ioredis";
import type { Limits } from "../limits.js";
import type { Logger } from "../logger.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import type { ProcessorFactory } from "./processor.js";
import type { WorkerMetrics } from "./metrics.js";

export interface ArchiveWorkerOptions {
  /** Redis options (see connectionFromUrl); used for BullMQ and for the batch bookkeeping. */
  connection: RedisOptions;
  /** @defaultValue "sohoa-archive" */
  queueName?: string;
  /** Where manifests go; the processor receives it too. */
  store: ArchiveStore;
  /** Builds the document processor; called again after `recycleEvery` documents. */
  processor: ProcessorFactory;
  /** Documents processed at once in this process. @defaultValue 1 */
  concurrency?: number;
  /** Time limit per document in ms; past it the job fails with a retryable DocumentTimeoutError. @defaultValue 600000 */
  documentTimeoutMs?: number;
  /** Handed to the processor factory as the per-page time limit. @defaultValue the pipeline's own */
  pageTimeoutSeconds?: number;
  /** Handed to the processor factory: input limits overriding the pipeline's defaults. */
  limits?: Partial<Limits>;
  /** Replace the processor (and its OCR engine) after this many documents; 0 = never. @defaultValue 0 */
  recycleEvery?: number;
  /** Lock time of an active job; a worker that dies loses its jobs to others after about this long. @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @defaultValue 15000 */
  stalledIntervalMs?: number;
  /** Work folder root; each document gets its own sub-folder. @defaultValue os.tmpdir() */
  workRoot?: string;
  /** Keep the per-document work folders. @defaultValue false */
  keepWork?: boolean;
  log?: Logger;
  metrics?: WorkerMetrics;
  /**
   * Folders this worker may read input from (real paths are compared, so links cannot lead out);
   * empty = only each batch's own declared roots. @defaultValue []
   */
  allowedRoots?: string[];
  /** Seconds a complete batch's Redis keys live after its manifest is written; 0 = forever. @defaultValue 604800 (7 days) */
  batchTtlSeconds?: number;
}
