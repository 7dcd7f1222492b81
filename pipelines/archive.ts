// The archive pipeline, top to bottom: ingest → (orient → deskew → clean → ocr per page) → extract.
import path from "node:path";
import type { DocumentContext } from "../src/context.js";
import { pageContext } from "../src/context.js";
import { FileUnreadableError, SohoaError } from "../src/errors/index.js";
import { defaultLimits, type Limits } from "../src/limits.js";
import { createOcrEngine, type OcrEngine, type OcrEngineName } from "../src/ocr/index.js";
import { docRefFrom } from "../src/progress/doc-ref.js";
import type { ProgressLedger } from "../src/progress/types.js";
import type { ArchiveJobInput } from "../src/queue/job-payload.js";
import type { ProcessorFactory } from "../src/queue/processor.js";
import { documentMetadata } from "../src/report/document-metadata.js";
import { openSigner } from "../src/signing/open-signer.js";
import type { ArchiveRecord } from "../src/storage/archive-record.js";
import type { ArchiveStore } from "../src/storage/archive-store.js";
import { storeDocument } from "../src/stages/store.js";
import { extract } from "../src/stages/extract.js";
import { ingest } from "../src/stages/ingest.js";
import { preflight } from "../src/stages/preflight.js";
import type { DocumentResult, PageResult, SourceFile, Stage, StageTimings } from "../src/types.js";
import { createSemaphore } from "../src/util/limit.js";
import { makeArchivalPdf, type SigningOptions } from "./archival-pdf.js";
import { processPage } from "./page.js";

export interface PipelineOptions {
  ocr: OcrEngine;
  limits?: Limits;
  /** Pages finer than this are reduced to it for OCR. @defaultValue 240 */
  maxOcrDpi?: number;
}

/** Everything up to extraction: what `sohoa run` reports and what the archival stages consume. */
export async function recognizeDocument(input: string | SourceFile, options: PipelineOptions, ctx: DocumentContext): Promise<DocumentResult> {
  const limits = options.limits ?? defaultLimits;
  const timings: StageTimings = {};
  const source = typeof input === "string" ? await timed("preflight", timings, () => preflight(input, limits)) : input;
  const log = ctx.log.child({ file: source.name });
  const docCtx = { ...ctx, log };

  // Pages flow through a small window: twice what the engine runs at once, so the next pages
  // are being prepared while OCR is busy, and a 2,000-page TIFF never piles up in memory.
  const window = createSemaphore(options.ocr.concurrency * 2);
  const inFlight: Array<Promise<PageResult>> = [];
  const pages = ingest(source, docCtx, limits);
  const pageOptions = { ocr: options.ocr, pageTimeoutSeconds: limits.pageTimeoutSeconds, file: source.path, ...(options.maxOcrDpi ? { maxOcrDpi: options.maxOcrDpi } : {}) };
  let ingestMs = 0;
  try {
    for (;;) {
      const release = await window.acquire();
      const t0 = performance.now();
      const next = await withStage("ingest", () => pages.next()).catch((error: unknown) => {
        release();
        throw error;
      });
      ingestMs += performance.now() - t0;
      if (next.done) {
        release();
        break;
      }
      const work = processPage(next.value, pageOptions, pageContext(docCtx, next.value.index)).finally(release);
      work.catch(() => undefined);
      inFlight.push(work);
    }
  } finally {
    // Settle what is running before leaving, so no page keeps writing into a removed work folder.
    await Promise.allSettled(inFlight);
  }
  timings.ingest = Math.round(ingestMs);
  const results = await Promise.all(inFlight);
  for (const result of results) addTimings(timings, result.timings);

  const text = results.map((r) => r.ocr.text).join("\n\n");
  const extraction = await timed("extract", timings, () => extract({ pages: results.map((r) => r.ocr), text }, { log }));
  return { source, pages: results, text, extraction, timings };
}

async function withStage<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SohoaError && !error.stage) error.stage = stage;
    throw error;
  }
}

async function timed<T>(stage: Stage, timings: StageTimings, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await withStage(stage, work);
  } finally {
    timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - start);
  }
}

function addTimings(total: StageTimings, part: StageTimings): void {
  for (const [stage, ms] of Object.entries(part) as Array<[Stage, number]>) total[stage] = (total[stage] ?? 0) + ms;
}

export interface ArchiveDeps extends PipelineOptions {
  store: ArchiveStore;
  /** Sign the PDF/A; unsigned when absent (trial runs). */
  signing?: SigningOptions;
  /** Counts the document for its unit and year as soon as it is archived. */
  ledger?: ProgressLedger;
}

/**
 * The whole pipeline for one queued document: recognise → pdfa → sign → store → record.
 * Idempotent: a document whose metadata.json is in the archive is not archived again, and a PDF
 * left by an interrupted attempt is adopted rather than replaced (storeDocument).
 */
export async function archiveDocument(job: ArchiveJobInput, deps: ArchiveDeps, ctx: DocumentContext): Promise<ArchiveRecord> {
  const started = performance.now();
  const source = await preflight(job.file, deps.limits ?? defaultLimits);
  if (source.sha256 !== job.sha256) {
    throw new FileUnreadableError(job.file, "the file changed after it was enqueued (its SHA-256 differs)", {
      hint: "Enqueue the new version as a new document.",
    });
  }
  const doc = await recognizeDocument(source, deps, ctx);
  const pdf = await makeArchivalPdf(doc, deps.signing);
  Object.assign(doc.timings, pdf.timings);
  const year = issueYear(doc) ?? job.year;
  const storeStart = performance.now();
  const stored = await withStage("store", () =>
    storeDocument(
      {
        docId: job.docId,
        sha256: job.sha256,
        level: job.level,
        unit: job.unit,
        ...(year !== undefined ? { year } : {}),
        docType: doc.extraction.docType,
        originalPath: job.file,
        pdf: pdf.bytes,
        metadata: { ...documentMetadata(path.basename(job.file), doc, { sha256: pdf.sha256, signed: pdf.signed }), batchId: job.batchId },
      },
      deps.store,
    ),
  );
  doc.timings.store = Math.round(performance.now() - storeStart);
  const record: ArchiveRecord = {
    docId: job.docId,
    batchId: job.batchId,
    file: job.file,
    sha256: job.sha256,
    outcome: doc.extraction.needsReview ? "review" : "archived",
    keys: stored.keys,
    checksums: stored.checksums,
    unit: job.unit,
    level: job.level,
    ...(year !== undefined ? { year } : {}),
    docType: doc.extraction.docType,
    fields: doc.extraction.fields,
    pages: doc.pages.length,
    timings: { ...doc.timings, total: Math.round(performance.now() - started) } as ArchiveRecord["timings"],
    finishedAt: new Date().toISOString(),
  };
  if (deps.ledger) {
    const ref = docRefFrom({ ...record, docId: record.sha256 }, { unit: job.unit, level: job.level, ...(job.year !== undefined ? { year: job.year } : {}) });
    if (ref) await withStage("record", () => deps.ledger!.record(ref));
  }
  return record;
}

/** The year of the document's issue date, when one was read. */
function issueYear(doc: DocumentResult): number | undefined {
  const value = doc.extraction.fields.issueDate?.value;
  const match = typeof value === "string" ? /^(\d{4})-\d{2}-\d{2}$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The worker's processor (loaded by `sohoa worker` from this module): one OCR engine per
 * processor instance, so recycling the processor recycles the engine. Configured from the
 * environment, like the rest of a worker's deployment: SOHOA_OCR_ENGINE, SOHOA_SIGNING_KEY
 * (+ SOHOA_SIGNING_PASSPHRASE or SOHOA_SIGNING_PASSPHRASE_FILE), SOHOA_SIGNING_ORG, SOHOA_TSA_URL,
 * SOHOA_PROGRESS_REDIS (a Redis URL for the shared progress ledger).
 */
export const createArchiveProcessor: ProcessorFactory = async ({ store, log, pageTimeoutSeconds, limits: overrides }) => {
  const env = process.env;
  const engine = (env.SOHOA_OCR_ENGINE ?? "auto") as OcrEngineName;
  const ocr = await createOcrEngine({ engine, log, ...(env.SOHOA_OCR_CONCURRENCY ? { concurrency: Number(env.SOHOA_OCR_CONCURRENCY) } : {}) });
  const signer = await openSigner({ key: env.SOHOA_SIGNING_KEY, passphraseFile: env.SOHOA_SIGNING_PASSPHRASE_FILE });
  // Loaded only when asked for, so `sohoa run` does not pay for a Redis client.
  const ledger = env.SOHOA_PROGRESS_REDIS ? new (await import("../src/progress/redis-store.js")).RedisProgressStore(env.SOHOA_PROGRESS_REDIS) : undefined;
  const limits: Limits = { ...defaultLimits, ...overrides, ...(pageTimeoutSeconds ? { pageTimeoutSeconds } : {}) };
  const deps: ArchiveDeps = {
    ocr,
    store,
    limits,
    ...(signer ? { signing: { signer, ...(env.SOHOA_SIGNING_ORG ? { organisation: env.SOHOA_SIGNING_ORG } : {}), ...(env.SOHOA_TSA_URL ? { tsaUrl: env.SOHOA_TSA_URL } : {}) } } : {}),
    ...(ledger ? { ledger } : {}),
  };
  if (!signer) log.warn("SOHOA_SIGNING_KEY is not set: archival PDFs are stored unsigned");
  return {
    process: (job, ctx) => archiveDocument(job, deps, ctx),
    close: async () => {
      await ocr.close();
      await ledger?.close();
    },
  };
};
