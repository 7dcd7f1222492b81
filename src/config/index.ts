// Barrel of the pipeline's configuration.
export * from "./pipeline-config.js";
