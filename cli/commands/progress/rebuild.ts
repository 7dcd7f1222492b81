// `sohoa progress rebuild <archive>`: recomputes every count from the archive's manifest.jsonl files.
import { Command } from "commander";
import { z } from "zod";
import { createLogger } from "../../../src/logger.js";
import { findManifests, readArchiveManifests, rebuild as rebuildLedger } from "../../../src/progress/index.js";
import { handleError, parseOptions, storeOptionsSchema, withStore, withStoreOptions } from "./shared.js";

export const rebuildOptionsSchema = storeOptionsSchema.extend({ archive: z.string().min(1) });

export const rebuild = withStoreOptions(
  new Command()
    .name("rebuild")
    .description("recompute every count from the archive's manifests (the archive is the source of truth)")
    .argument("<archive>", "archive root folder holding **/manifest.jsonl"),
).action(async (archive: string, raw: Record<string, unknown>) => {
  try {
    const options = parseOptions(rebuildOptionsSchema, { ...raw, archive });
    const log = createLogger();
    const manifests = await findManifests(options.archive);
    log.info({ archive: options.archive, manifests: manifests.length }, "rebuilding progress counts");
    let skipped = 0;
    await withStore(options, async (store) => {
      const summary = await rebuildLedger(
        store,
        readArchiveManifests(options.archive, {
          onSkip: (file, line, reason) => {
            skipped++;
            log.debug({ file, line, reason }, "manifest line skipped");
          },
        }),
      );
      process.stdout.write(`${JSON.stringify({ manifests: manifests.length, ...summary, skipped })}\n`);
    });
  } catch (error) {
    handleError(error);
  }
});
