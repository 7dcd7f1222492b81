// Barrel of the queue machinery.
export * from "./archive-worker.js";
export * from "./archive-worker-options.js";
export * from "./batch-registry.js";
export * from "./batch-status.js";
export * from "./connection.js";
export * from "./enqueue-batch.js";
export * from "../util/heap-headroom.js";
export * from "./job-options.js";
export * from "./job-guard.js";
export * from "./job-payload.js";
export * from "./metrics.js";
export * from "./preflight.js";
export * from "./processor.js";
export * from "./retry-batch.js";
export * from "./run-worker.js";
