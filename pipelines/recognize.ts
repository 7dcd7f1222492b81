// Recognition of one document: ingest → (orient → deskew → clean → ocr per page) → correct → extract → read handwriting.
import { pageContext, pageReadOptions, type DocumentContext, type PageReadOptions } from "../src/context.js";
import { SohoaError } from "../src/errors/index.js";
import { defaultLimits, type Limits } from "../src/limits.js";
import type { OcrEngine } from "../src/ocr/index.js";
import { correctPages } from "../src/stages/correct.js";
import { extract } from "../src/stages/extract.js";
import { ingest } from "../src/stages/ingest.js";
import { penSlotsByPage, writePenSlots } from "../src/handwriting/slot-text.js";
import { readHandwriting } from "../src/stages/read-handwriting.js";
import { preflight } from "../src/stages/preflight.js";
import { readSourceSignatures } from "../src/stages/source-signatures.js";
import type { DocumentResult, PageResult, SourceFile, Stage, StageTimings } from "../src/types.js";
import { Limiter } from "../src/util/limit.js";
import { processPage } from "./page.js";

export interface RecognizeOptions extends PageReadOptions {
  ocr: OcrEngine;
  limits: Limits;
}

/** Every page prepared and read, then the fields extracted: what the archival stages consume. */
export async function recognizeDocument(
  source: SourceFile,
  options: RecognizeOptions,
  ctx: DocumentContext,
): Promise<DocumentResult> {
  const timings: StageTimings = {};
  const log = ctx.log.child({ file: source.name });
  const docCtx = { ...ctx, log };
  const settings = { ocr: options.ocr, ...pageReadOptions(options) };
  const pageOptions = { pageTimeoutSeconds: options.limits.pageTimeoutSeconds, file: source.path };

  // Pages flow through a small window: twice what the engine runs at once, so the next pages
  // are being prepared while OCR is busy, and a 2,000-page TIFF never piles up in memory.
  const window = new Limiter(options.ocr.concurrency * 2);
  const inFlight: Array<Promise<PageResult>> = [];
  const pages = ingest(source, docCtx, options.limits);
  let ingestMs = 0;
  try {
    for (;;) {
      // A free place in the window first, then the next page is decoded: back-pressure on ingest.
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
      const page = next.value;
      const work = processPage(page, pageOptions, {
        ...pageContext(docCtx, page.index),
        ...settings,
      }).finally(release);
      work.catch(() => undefined);
      inFlight.push(work);
    }
  } finally {
    // Settle what is running before leaving, so no page keeps writing into a removed work folder.
    await Promise.allSettled(inFlight);
  }
  timings.ingest = Math.round(ingestMs);
  const read = await Promise.all(inFlight);
  for (const result of read) addTimings(timings, result.timings);
  // Words are repaired with the whole document as evidence: a subject misread on one page is read right on others.
  const results = await timed("correct", timings, async () => {
    const asRead = new Set(read.flatMap((r, i) => (r.page.flags.includes("textLayerFromPdf") ? [i] : [])));
    const pages = correctPages(
      read.map((r) => r.ocr),
      { log, asRead },
    );
    return read.map((r, i) => ({ ...r, ocr: pages[i]! }));
  });

  const text = documentText(results);
  // Fields first, then the pen-written number and date slots they point at, read from the OCR images.
  const extraction = await timed("extract", timings, async () => {
    const fields = await extract({ pages: results.map((r) => r.ocr), text }, { log });
    return options.readHandwriting === false ? fields : readHandwriting(fields, results, { log });
  });
  const signatures = await timed("ingest", timings, () => readSourceSignatures(source));
  // The text layer and the report say what the fields say: read pen digits replace the engine's marks, and a slot
  // only reported keeps none of them (the field keeps its printed part alone).
  const reads = penSlotsByPage(extraction);
  const written = reads.size
    ? results.map((r, i) => (reads.has(i) ? { ...r, ocr: writePenSlots(r.ocr, reads.get(i)!) } : r))
    : results;
  return {
    source,
    pages: written,
    ...(signatures.length > 0 ? { sourceSignatures: signatures } : {}),
    text: reads.size ? documentText(written) : text,
    extraction,
    timings,
  };
}

/** A document's text: its pages' text, a blank line between pages. */
const documentText = (pages: readonly PageResult[]): string => pages.map((r) => r.ocr.text).join("\n\n");

/** Tags a SohoaError with the stage it came from, when it does not say. */
export async function withStage<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SohoaError && !error.stage) error.stage = stage;
    throw error;
  }
}

/** Runs one document-level stage, adding its time to `timings[stage]`. */
export async function timed<T>(stage: Stage, timings: StageTimings, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await withStage(stage, work);
  } finally {
    timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - start);
  }
}

function addTimings(total: StageTimings, part: StageTimings): void {
  for (const [stage, ms] of Object.entries(part) as Array<[Stage, number]>)
    total[stage] = (total[stage] ?? 0) + ms;
}

/** Preflight, then recognition, of a file on disk (`sohoa extract`, bench helpers): no PDF, nothing stored. */
export async function recognizeFile(
  file: string,
  options: { ocr: OcrEngine; limits?: Limits },
  ctx: DocumentContext,
): Promise<DocumentResult> {
  const limits = options.limits ?? defaultLimits;
  const timings: StageTimings = {};
  const source = await timed("preflight", timings, () => preflight(file, limits));
  const doc = await recognizeDocument(source, { ocr: options.ocr, limits }, ctx);
  return { ...doc, timings: { ...doc.timings, ...timings } };
}
