// `sohoa progress rebuild <archive>`: recomputes every count from the archive's batch manifests (a folder or s3://).
import { Command } from "commander";
import { z } from "zod";
import { createLogger } from "../../../src/logger.js";
import { listBatches, readArchiveManifests, rebuild as rebuildLedger } from "../../../src/progress/index.js";
import { openStore as openArchive } from "../../../src/storage/open-store.js";
import { handleError, parseOptions, storeOptionsSchema, withStore, withStoreOptions } from "./shared.js";

export const rebuildOptionsSchema = storeOptionsSchema.extend({
  archive: z.string().min(1),
  s3Endpoint: z.string().url().optional(),
  s3Region: z.string().optional(),
});

export const rebuild = withStoreOptions(
  new Command()
    .name("rebuild")
    .description("recompute every count from the archive's manifests (the archive is the source of truth)")
    .argument("<archive>", "the archive: a folder or s3://bucket/prefix (as `sohoa worker --store`)")
    .option("--s3-endpoint <url>", "S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3)")
    .option("--s3-region <region>", "S3 region (default: AWS_REGION)"),
).action(async (archive: string, raw: Record<string, unknown>) => {
  try {
    const options = parseOptions(rebuildOptionsSchema, { ...raw, archive });
    const log = createLogger();
    const source = openArchive(options.archive, {
      ...(options.s3Endpoint ? { endpoint: options.s3Endpoint } : {}),
      ...(options.s3Region ? { region: options.s3Region } : {}),
    });
    try {
      const batches = await listBatches(source);
      log.info({ archive: source.location, batches: batches.length }, "rebuilding progress counts");
      let skipped = 0;
      await withStore(options, async (store) => {
        const onSkip = (batchId: string, file: string, reason: string) => {
          skipped++;
          log.debug({ batchId, file, reason }, "manifest record skipped");
        };
        const summary = await rebuildLedger(store, readArchiveManifests(source, { onSkip }));
        process.stdout.write(`${JSON.stringify({ batches: batches.length, ...summary, skipped })}\n`);
      });
    } finally {
      await source.close?.();
    }
  } catch (error) {
    handleError(error);
  }
});
