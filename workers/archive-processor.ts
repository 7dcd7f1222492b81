// The archive pipeline as a ProcessorFactory configured from the environment, for `--processor` wrappers and tests.
import { archiveProcessor } from "../pipelines/archive.js";
import { parsePipelineConfig } from "../src/config/pipeline-config.js";
import type { ProcessorFactory } from "../src/queue/processor.js";

/** Reads the environment when a processor is made (not at import), so a test may set it first. */
export const createArchiveProcessor: ProcessorFactory = (deps) =>
  archiveProcessor(parsePipelineConfig({}, process.env))(deps);
