// ArchiveWorker: a BullMQ worker that runs the injected processor per document, records outcomes and manifests.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from "bullmq";
import { Redis } from "ioredis";
import { DocumentTimeoutError, JobRefusedError } from "../errors/queue-errors.js";
import { SohoaError, errorToJson, type SohoaErrorJson } from "../errors/sohoa-error.js";
import { silentLogger, type Logger } from "../logger.js";
import { buildArchiveRecord, type ArchiveRecord } from "../storage/archive-record.js";
import { consolidateManifest, writeManifestEntry } from "../storage/manifest.js";
import type { ArchiveWorkerOptions } from "./archive-worker-options.js";
import { BatchRegistry } from "./batch-registry.js";
import { DEFAULT_QUEUE } from "./connection.js";
import { archiveJobFromJSON, type ArchiveJobInput, type ArchiveJobJson } from "./job-payload.js";
import { RecyclingProcessor } from "./processor.js";
import { guardJob, resolveRoots } from "./job-guard.js";
import { writeRejectedEntries } from "./rejected-manifest.js";

/** Unknown errors (not SohoaErrors) are retried: a bug repeats and lands in the dead letters anyway. */
function isRetryable(error: unknown): boolean {
  if (error instanceof SohoaError) return error.retryable;
  return !(error instanceof UnrecoverableError);
}

/**
 * Runs of this job so far, this one included: failed attempts, and also runs lost to a dead or stalled
 * worker (BullMQ counts those in attemptsStarted only), so the record shows every retry.
 */
function runsOf(job: Job): number {
  return Math.max(job.attemptsMade + 1, job.attemptsStarted ?? 0);
}

/** The failedReason BullMQ keeps: code, message and hint on one line, readable in bull-board. */
export function failedReason(e: SohoaErrorJson): string {
  return `${e.code}: ${e.message}${e.hint ? ` (hint: ${e.hint})` : ""}`;
}

export class ArchiveWorker {
  readonly worker: Worker<ArchiveJobJson>;
  private allowedRoots: string[] = [];
  private readonly o: Required<
    Omit<ArchiveWorkerOptions, "metrics" | "log" | "pageTimeoutSeconds" | "limits">
  > &
    Pick<ArchiveWorkerOptions, "metrics" | "pageTimeoutSeconds" | "limits"> & { log: Logger };
  private readonly processor: RecyclingProcessor;
  private readonly registry: BatchRegistry;
  /** Bookkeeping started from event handlers; close() waits for it before dropping the connection. */
  private readonly background = new Set<Promise<void>>();

  constructor(options: ArchiveWorkerOptions) {
    this.o = {
      queueName: DEFAULT_QUEUE,
      concurrency: 1,
      documentTimeoutMs: 600_000,
      recycleEvery: 0,
      lockDurationMs: 30_000,
      stalledIntervalMs: 15_000,
      workRoot: os.tmpdir(),
      keepWork: false,
      log: silentLogger,
      allowedRoots: [],
      batchTtlSeconds: 7 * 24 * 3600,
      ...options,
    } as ArchiveWorker["o"];
    for (const k of ["concurrency", "documentTimeoutMs", "lockDurationMs", "stalledIntervalMs"] as const) {
      if (!Number.isFinite(this.o[k]) || this.o[k] <= 0)
        throw new TypeError(`${k} must be a finite number greater than 0`);
    }
    if (!Number.isInteger(this.o.recycleEvery) || this.o.recycleEvery < 0)
      throw new TypeError("recycleEvery must be an integer ≥ 0");
    this.processor = new RecyclingProcessor(
      this.o.processor,
      {
        store: this.o.store,
        log: this.o.log,
        ...(this.o.pageTimeoutSeconds !== undefined ? { pageTimeoutSeconds: this.o.pageTimeoutSeconds } : {}),
        ...(this.o.limits ? { limits: this.o.limits } : {}),
      },
      this.o.recycleEvery,
    );
    this.worker = new Worker<ArchiveJobJson>(this.o.queueName, (job) => this.handle(job), {
      connection: this.o.connection as ConnectionOptions,
      concurrency: this.o.concurrency,
      lockDuration: this.o.lockDurationMs,
      stalledInterval: this.o.stalledIntervalMs,
      maxStalledCount: 2,
      autorun: false,
    });
    // Bookkeeping uses its own connection: BullMQ 6 keeps its Redis client behind a backend interface.
    this.registry = new BatchRegistry(
      new Redis({ ...this.o.connection, maxRetriesPerRequest: 3 }),
      this.o.queueName,
    );
    // Without a listener ioredis prints "Unhandled error event" on every reconnect attempt while Redis is down.
    this.registry.redis.on("error", (error: Error) =>
      this.o.log.warn({ err: error }, "bookkeeping Redis connection error"),
    );
    this.worker.on("failed", (job, error) => this.track(this.onFailedOutside(job, error)));
    this.worker.on("error", (error) => this.o.log.error({ err: error }, "worker error"));
  }

  /** Starts taking jobs; resolves once the worker is connected. */
  async start(): Promise<void> {
    this.allowedRoots = await resolveRoots(this.o.allowedRoots);
    void this.worker.run().catch((error: unknown) => this.o.log.error({ err: error }, "worker stopped"));
    await this.worker.waitUntilReady();
  }

  private async reg(): Promise<BatchRegistry> {
    return this.registry;
  }

  private async handle(job: Job<ArchiveJobJson>): Promise<{ docId: string }> {
    const started = Date.now();
    let input: ArchiveJobInput;
    try {
      input = archiveJobFromJSON(job.data);
    } catch (error) {
      throw new UnrecoverableError(failedReason(errorToJson(error)));
    }
    const registry = await this.reg();
    const log = this.o.log.child({ batchId: input.batchId, docId: input.docId, attempt: runsOf(job) });
    try {
      // Before the file is read or anything is written: is this a job of a real batch, inside its roots?
      input = { ...input, file: await guardJob(input, registry, this.allowedRoots) };
    } catch (error) {
      if (error instanceof JobRefusedError) await this.refuse(input, error, log);
      return this.onError(job, input, error, started, log);
    }
    await registry.markStarted(input.batchId);
    const workDir = await fs.mkdtemp(path.join(this.o.workRoot, `sohoa-${input.docId}-`));
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new DocumentTimeoutError(input.file, this.o.documentTimeoutMs / 1000));
        }, this.o.documentTimeoutMs);
      });
      const record = await Promise.race([
        this.processor.run(input, { workDir, log, signal: abort.signal }),
        timeout,
      ]);
      const final: ArchiveRecord = { ...record, attempts: runsOf(job) };
      await writeManifestEntry(this.o.store, final);
      const { complete } = await registry.markArchived(input.batchId, input.docId, input.sha256, final.pages);
      this.observe(final, Date.now() - started);
      log.info(
        { doc: { file: input.file, sha256: input.sha256, docType: final.docType }, outcome: final.outcome },
        "document archived",
      );
      if (complete) await this.consolidate(input.batchId);
      return { docId: input.docId };
    } catch (error) {
      // A timed-out engine may still be busy or wedged: the next document gets a fresh one.
      if (error instanceof DocumentTimeoutError) this.processor.retire();
      return await this.onError(job, input, error, started, log);
    } finally {
      clearTimeout(timer);
      if (!this.o.keepWork) await fs.rm(workDir, { recursive: true, force: true });
    }
  }

  /** A refused job is not a document of the batch: it is named with the batch (when there is one), never counted. */
  private async refuse(input: ArchiveJobInput, error: JobRefusedError, log: Logger): Promise<never> {
    const json = errorToJson(error, { file: input.file });
    log.error({ code: json.code, reason: json.message }, "job refused");
    this.o.metrics?.failures.inc({ code: json.code, retry: "false" });
    if (error.batchKnown)
      await (await this.reg()).recordRefused(input.batchId, { file: input.file, error: json });
    throw new UnrecoverableError(failedReason(json));
  }

  /** Records a final failure in the manifest and batch record, then rethrows in BullMQ's terms. */
  private async onError(
    job: Job<ArchiveJobJson>,
    input: ArchiveJobInput,
    error: unknown,
    started: number,
    log: Logger,
  ): Promise<never> {
    const json = errorToJson(error, { file: input.file });
    const retryable = isRetryable(error);
    const last = !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    this.o.metrics?.failures.inc({ code: json.code, retry: String(!last) });
    log.warn({ err: error, code: json.code, retry: !last }, "document failed");
    if (last) await this.recordFailure(input, json, runsOf(job), Date.now() - started);
    const reason = failedReason(json);
    if (!retryable) throw new UnrecoverableError(reason);
    const e = new Error(reason);
    e.name = json.name;
    throw e;
  }

  private async recordFailure(
    input: ArchiveJobInput,
    error: SohoaErrorJson,
    attempts: number,
    ms: number,
  ): Promise<void> {
    const registry = await this.reg();
    const record = buildArchiveRecord(input, { error }, attempts);
    // The failure may be the store itself (read-only, gone): the registry in Redis still records it,
    // so the batch completes, `sohoa status` lists the file and `sohoa retry` can bring it back.
    await writeManifestEntry(this.o.store, record).catch((e: unknown) =>
      this.o.log.error({ err: e, docId: input.docId }, "cannot write the failure record to the archive"),
    );
    const { complete } = await registry.markFailed({
      batchId: input.batchId,
      docId: input.docId,
      file: input.file,
      error,
      job: {
        f: input.file,
        s: input.sha256,
        b: input.batchId,
        u: input.unit,
        l: input.level,
        ...(input.year !== undefined ? { y: input.year } : {}),
      },
    });
    this.o.metrics?.documents.inc({ outcome: "failed" });
    this.o.metrics?.documentSeconds.observe(ms / 1000);
    if (complete)
      await this.consolidate(input.batchId).catch((e: unknown) =>
        this.o.log.error({ err: e, batchId: input.batchId }, "cannot consolidate the batch manifest"),
      );
  }

  /** Jobs that failed without reaching our handler (stalled too often, lock lost) still land in the dead letters. */
  private async onFailedOutside(job: Job<ArchiveJobJson> | undefined, error: Error): Promise<void> {
    if (!job || error instanceof UnrecoverableError || /^sohoa:/.test(error.message)) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
    try {
      const input = archiveJobFromJSON(job.data);
      await this.recordFailure(
        input,
        {
          name: "Error",
          code: "sohoa:jobStalled",
          message: error.message,
          file: input.file,
          retryable: true,
          hint: "The worker died or hung repeatedly on this file; `sohoa retry` re-queues it.",
        },
        job.attemptsMade,
        0,
      );
    } catch (e) {
      this.o.log.error({ err: e }, "recording a failed job");
    }
  }

  /**
   * Rewrites the batch manifest. When another process holds the lock, its run may have started before
   * this document's record existed (or may fail, e.g. a store that was read-only until a retry), so
   * this one waits for the lock and consolidates again rather than trusting it.
   */
  private async consolidate(batchId: string): Promise<void> {
    const registry = await this.reg();
    const end = Date.now() + 65_000; // past the lock's 60 s expiry
    for (;;) {
      const done = await registry.withConsolidationLock(batchId, async () => {
        await writeRejectedEntries(this.o.store, registry, batchId);
        const { key, documents } = await consolidateManifest(this.o.store, batchId);
        this.o.log.info({ batchId, key, documents }, "batch complete; manifest consolidated");
      });
      if (done && this.o.batchTtlSeconds > 0) await registry.expire(batchId, this.o.batchTtlSeconds);
      if (done || Date.now() > end) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  private observe(record: ArchiveRecord, ms: number): void {
    const m = this.o.metrics;
    if (!m) return;
    m.pages.inc(record.pages);
    m.documents.inc({ outcome: record.outcome });
    m.documentSeconds.observe(ms / 1000);
    for (const [stage, t] of Object.entries(record.timings))
      if (typeof t === "number") m.stageSeconds.observe({ stage }, t / 1000);
  }

  /** Keeps a handler's promise: its failure is logged, never left unhandled (fatal in Node). */
  private track(work: Promise<unknown>): void {
    const tracked: Promise<void> = work
      .then(() => undefined)
      .catch((error: unknown) => this.o.log.error({ err: error }, "failure bookkeeping failed"))
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  /** Finishes running jobs (no new ones) and their bookkeeping, then frees the processor. */
  async close(): Promise<void> {
    await this.worker.close();
    await Promise.all(this.background);
    await this.processor.close();
    this.registry.redis.disconnect();
  }
}
