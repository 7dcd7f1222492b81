// What a worker runs for each queued document: processDocument into the ArchiveStore, then its ArchiveRecord.
import type { PipelineConfig } from "../src/config/pipeline-config.js";
import { pageReadOptions, type DocumentContext } from "../src/context.js";
import { defaultLimits, type Limits } from "../src/limits.js";
import { createOcrEngine } from "../src/ocr/index.js";
import type { ProgressLedger } from "../src/progress/types.js";
import type { ArchiveJobInput } from "../src/queue/job-payload.js";
import type { DocumentProcessor, ProcessorFactory } from "../src/queue/processor.js";
import { issueYear } from "../src/report/document-metadata.js";
import { openSigner } from "../src/signing/open-signer.js";
import { buildArchiveRecord, type ArchiveRecord } from "../src/storage/archive-record.js";
import type { ArchiveStore } from "../src/storage/archive-store.js";
import { ArchiveOutput } from "./outputs/archive-output.js";
import { processDocument, type ProcessOptions } from "./process-document.js";

/**
 * One queued document through the pipeline. Idempotent: a document whose metadata.json is in the
 * archive is not archived again, and a PDF left by an interrupted attempt is adopted (storeDocument).
 */
export async function archiveDocument(
  job: ArchiveJobInput,
  options: ProcessOptions,
  store: ArchiveStore,
  ctx: DocumentContext,
): Promise<ArchiveRecord> {
  const started = performance.now();
  const unit = { unit: job.unit, level: job.level, ...(job.year !== undefined ? { year: job.year } : {}) };
  const { doc, written } = await processDocument(
    job.file,
    { ...options, unit, expectedSha256: job.sha256 },
    new ArchiveOutput(store, job),
    ctx,
  );
  const year = issueYear(doc) ?? job.year;
  return buildArchiveRecord(job, {
    result: {
      docType: doc.extraction.docType,
      fields: doc.extraction.fields,
      needsReview: doc.extraction.needsReview,
      pages: doc.pages.length,
      ...(year !== undefined ? { year } : {}),
      keys: written.keys,
      checksums: written.checksums,
      timings: { ...doc.timings, total: Math.round(performance.now() - started) } as ArchiveRecord["timings"],
    },
  });
}

/**
 * The worker's processor factory for a configuration: one OCR engine (and signer, and ledger client)
 * per processor instance, so recycling the processor recycles the engine.
 */
export function archiveProcessor(config: PipelineConfig): ProcessorFactory {
  return async ({ store, log, pageTimeoutSeconds, limits: overrides }): Promise<DocumentProcessor> => {
    const ocr = await createOcrEngine({
      engine: config.ocrEngine,
      log,
      ...(config.ocrConcurrency ? { concurrency: config.ocrConcurrency } : {}),
    });
    const signer = await openSigner({ key: config.key, passphraseFile: config.passphraseFile });
    if (!signer && config.pdf)
      log.warn("no signing key (--key, SOHOA_SIGNING_KEY): archival PDFs are stored unsigned");
    const ledger = config.ledger ? await openRedisLedger(config.ledger) : undefined;
    const limits: Limits = {
      ...defaultLimits,
      ...overrides,
      ...(pageTimeoutSeconds ? { pageTimeoutSeconds } : {}),
    };
    const options: ProcessOptions = {
      ocr,
      limits,
      ...pageReadOptions({
        maxOcrDpi: config.ocrDpi,
        rereadSkippedInk: config.rereadSkippedInk,
        readHandwriting: config.readHandwriting,
      }),
      pdf: config.pdf,
      ...(signer
        ? {
            signing: {
              signer,
              visibleMark: config.visibleMark,
              ...(config.organisation ? { organisation: config.organisation } : {}),
              ...(config.tsaUrl ? { tsaUrl: config.tsaUrl } : {}),
            },
          }
        : {}),
      ...(ledger ? { ledger } : {}),
    };
    return {
      process: (job, ctx) => archiveDocument(job, options, store, ctx),
      close: async () => {
        await ocr.close();
        await ledger?.close();
      },
    };
  };
}

/** Loaded only when asked for, so `sohoa run` does not pay for a Redis client. */
async function openRedisLedger(url: string): Promise<ProgressLedger> {
  const { RedisProgressStore } = await import("../src/progress/redis-store.js");
  return new RedisProgressStore(url);
}
