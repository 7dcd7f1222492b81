// Runs an ArchiveWorker as a process: metrics endpoint, graceful shutdown on SIGTERM/SIGINT, processor by module.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BadOptionError } from "../errors/runtime-errors.js";
import type { Logger } from "../logger.js";
import { ArchiveWorker } from "./archive-worker.js";
import type { ArchiveWorkerOptions } from "./archive-worker-options.js";
import { WorkerMetrics } from "./metrics.js";
import type { ProcessorFactory } from "./processor.js";

export interface RunWorkerOptions extends Omit<ArchiveWorkerOptions, "metrics" | "log"> {
  log: Logger;
  /** Serve Prometheus metrics here; undefined = no endpoint. */
  metricsPort?: number;
}

/**
 * Loads a processor module: its default export, `createProcessor` or `createArchiveProcessor`
 * must be a ProcessorFactory. Relative paths resolve from the working directory.
 */
export async function loadProcessor(spec: string): Promise<ProcessorFactory> {
  const url = spec.startsWith("file:") ? spec : spec.startsWith(".") || path.isAbsolute(spec) || /\.[cm]?[jt]s$/.test(spec) ? pathToFileURL(path.resolve(spec)).href : spec;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new BadOptionError(`cannot load processor module ${spec}: ${(error as Error).message}`, { cause: error, hint: "--processor takes a module path exporting a ProcessorFactory" });
  }
  const factory = mod.default ?? mod.createProcessor ?? mod.createArchiveProcessor;
  if (typeof factory !== "function") throw new BadOptionError(`${spec} exports no processor factory (default, createProcessor or createArchiveProcessor)`);
  return factory as ProcessorFactory;
}

/** Starts the worker and resolves when it has shut down (after a signal); a second signal exits at once. */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const metrics = new WorkerMetrics();
  const worker = new ArchiveWorker({ ...options, metrics });
  const endpoint = options.metricsPort !== undefined ? await metrics.listen(options.metricsPort) : undefined;
  if (endpoint) options.log.info({ port: endpoint.port }, "metrics on /metrics");
  await worker.start();
  options.log.info({ queue: options.queueName, concurrency: options.concurrency ?? 1, store: options.store.location, pid: process.pid }, "worker ready");
  await new Promise<void>((resolve) => {
    let stopping = false;
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
  await options.store.close?.();
  options.log.info("worker stopped");
}
