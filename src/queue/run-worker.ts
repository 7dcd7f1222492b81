// Runs an ArchiveWorker as a process: metrics endpoint, graceful shutdown on SIGTERM/SIGINT, processor by module.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Queue, type ConnectionOptions } from "bullmq";
import { BadOptionError } from "../errors/runtime-errors.js";
import type { Logger } from "../logger.js";
import { ArchiveWorker } from "./archive-worker.js";
import type { ArchiveWorkerOptions } from "./archive-worker-options.js";
import { DEFAULT_QUEUE } from "./connection.js";
import { DEFAULT_HEAP_GROWING_PERCENT, ensureHeapHeadroom } from "../util/heap-headroom.js";
import { QUEUE_STATES, WorkerMetrics } from "./metrics.js";
import type { ProcessorFactory } from "./processor.js";

export interface RunWorkerOptions extends Omit<ArchiveWorkerOptions, "metrics" | "log"> {
  log: Logger;
  /** Serve Prometheus metrics, /healthz and /readyz here; undefined = no endpoint. */
  metricsPort?: number;
  /** Address of that endpoint. @defaultValue "127.0.0.1" */
  metricsHost?: string;
  /**
   * V8 old-generation growth (percent of the live heap) for this process, so a long batch does not end
   * in a full GC per document (see src/util/heap-headroom.ts); 0 = V8's own heuristic, and a
   * `--heap-growing-percent` Node flag wins. @defaultValue 100
   */
  heapGrowingPercent?: number;
}

/**
 * Loads a processor module: its default export, `createProcessor` or `createArchiveProcessor`
 * must be a ProcessorFactory. Relative paths resolve from the working directory.
 */
export async function loadProcessor(spec: string): Promise<ProcessorFactory> {
  const url = spec.startsWith("file:")
    ? spec
    : spec.startsWith(".") || path.isAbsolute(spec) || /\.[cm]?[jt]s$/.test(spec)
      ? pathToFileURL(path.resolve(spec)).href
      : spec;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new BadOptionError(`cannot load processor module ${spec}: ${(error as Error).message}`, {
      cause: error,
      hint: "--processor takes a module path exporting a ProcessorFactory",
    });
  }
  const factory = mod.default ?? mod.createProcessor ?? mod.createArchiveProcessor;
  if (typeof factory !== "function")
    throw new BadOptionError(
      `${spec} exports no processor factory (default, createProcessor or createArchiveProcessor)`,
    );
  return factory as ProcessorFactory;
}

/** Starts the worker and resolves when it has shut down (after a signal); a second signal exits at once. */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const heapGrowingPercent = ensureHeapHeadroom(options.heapGrowingPercent ?? DEFAULT_HEAP_GROWING_PERCENT);
  const metrics = new WorkerMetrics();
  const worker = new ArchiveWorker({ ...options, metrics });
  let started = false;
  let stopping = false;
  // Queue depth per state for the gauge, through a Queue of its own (the worker's client is BullMQ's).
  const depth =
    options.metricsPort !== undefined
      ? new Queue(options.queueName ?? DEFAULT_QUEUE, { connection: options.connection as ConnectionOptions })
      : undefined;
  if (depth) metrics.trackQueueDepth(depth.name, () => depth.getJobCounts(...QUEUE_STATES));
  const endpoint =
    options.metricsPort !== undefined
      ? await metrics.listen(options.metricsPort, {
          ...(options.metricsHost ? { host: options.metricsHost } : {}),
          ready: async () =>
            started &&
            !stopping &&
            worker.worker.isRunning() &&
            (await answersWithin(depth!.getJobCounts("active"), 2000)),
        })
      : undefined;
  if (endpoint)
    options.log.info(
      { host: endpoint.host, port: endpoint.port },
      "metrics on /metrics, health on /healthz and /readyz",
    );
  await worker.start();
  started = true;
  options.log.info(
    {
      queue: options.queueName,
      concurrency: options.concurrency ?? 1,
      store: options.store.location,
      pid: process.pid,
      ...(heapGrowingPercent !== undefined ? { heapGrowingPercent } : {}),
    },
    "worker ready",
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        options.log.warn({ signal }, "second signal: exiting without waiting");
        process.exit(130);
      }
      stopping = true;
      options.log.info({ signal }, "finishing the running documents, then stopping");
      resolve();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
  await worker.close();
  await endpoint?.close();
  await depth?.close();
  await options.store.close?.();
  options.log.info("worker stopped");
}

/** True when `work` resolves within `ms`: a Redis that hangs is as unready as one that refuses. */
async function answersWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
