// PipelineConfig: the options of one pipeline run, named as `sohoa run`'s flags; `sohoa worker` takes the same.
import { z } from "zod";
import { OCR_ENGINE_NAMES, type OcrEngineName } from "../ocr/select.js";

const positiveInt = z.coerce.number().int().positive();

/** The pipeline's own options (not the front door's: no output folder, no queue). */
export const pipelineConfigSchema = z.object({
  /** @defaultValue "auto" */
  ocrEngine: z.enum(OCR_ENGINE_NAMES as unknown as [OcrEngineName, ...OcrEngineName[]]).default("auto"),
  /** OCR processes/threads at once; `sohoa run --concurrency`. @defaultValue the number of cores */
  ocrConcurrency: positiveInt.optional(),
  /** @defaultValue 240 */
  ocrDpi: positiveInt.default(240),
  /** A second, block-mode read of the ink the page segmentation skipped (PageStageSettings). @defaultValue true */
  rereadSkippedInk: z.boolean().default(true),
  /** Read pen-written number and date slots with the digit recogniser (`--no-read-handwriting` turns it off). @defaultValue true */
  readHandwriting: z.boolean().default(true),
  /** Make the archival PDF/A (`--no-pdf` turns it off). @defaultValue true */
  pdf: z.boolean().default(true),
  /** PKCS#12 key to sign with; unsigned PDF/A when absent. */
  key: z.string().min(1).optional(),
  passphraseFile: z.string().min(1).optional(),
  organisation: z.string().min(1).optional(),
  tsaUrl: z.string().url().optional(),
  /** @defaultValue true */
  visibleMark: z.boolean().default(true),
  /** Progress ledger: a folder for `sohoa run`, a Redis URL for workers. */
  ledger: z.string().min(1).optional(),
});

export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;

/**
 * The same options as a front door's flags, all optional and without defaults, so a flag left out
 * leaves the environment's value standing; parsePipelineConfig validates them.
 */
export const pipelineFlagsSchema = z.object(
  Object.fromEntries(
    Object.keys(pipelineConfigSchema.shape).map((k) => [k, z.unknown().optional()]),
  ) as Record<keyof PipelineConfig, z.ZodOptional<z.ZodUnknown>>,
);

/**
 * The one place the environment feeds the pipeline's configuration (a worker's deployment):
 * SOHOA_OCR_ENGINE, SOHOA_OCR_CONCURRENCY, SOHOA_OCR_DPI, SOHOA_SIGNING_KEY,
 * SOHOA_SIGNING_PASSPHRASE_FILE, SOHOA_SIGNING_ORG, SOHOA_TSA_URL, SOHOA_PROGRESS_REDIS.
 * Flags given on the command line win over these (spread them after).
 */
export function pipelineConfigFromEnv(env: NodeJS.ProcessEnv): Partial<Record<keyof PipelineConfig, string>> {
  const pairs: Array<[keyof PipelineConfig, string | undefined]> = [
    ["ocrEngine", env.SOHOA_OCR_ENGINE],
    ["ocrConcurrency", env.SOHOA_OCR_CONCURRENCY],
    ["ocrDpi", env.SOHOA_OCR_DPI],
    ["key", env.SOHOA_SIGNING_KEY],
    ["passphraseFile", env.SOHOA_SIGNING_PASSPHRASE_FILE],
    ["organisation", env.SOHOA_SIGNING_ORG],
    ["tsaUrl", env.SOHOA_TSA_URL],
    ["ledger", env.SOHOA_PROGRESS_REDIS],
  ];
  // An empty variable means "not set" (SOHOA_SIGNING_KEY="" turns signing off).
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined && v !== ""));
}

/** Parses flags over the environment: what a worker runs with. Throws a ZodError naming the bad option. */
export function parsePipelineConfig(
  flags: Partial<Record<keyof PipelineConfig, unknown>>,
  env: NodeJS.ProcessEnv = {},
): PipelineConfig {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  return pipelineConfigSchema.parse({ ...pipelineConfigFromEnv(env), ...given });
}
