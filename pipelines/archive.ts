// The archive pipeline, top to bottom: ingest → (orient → deskew → clean → ocr per page) → extract.
import type { DocumentContext } from "../src/context.js";
import { pageContext } from "../src/context.js";
import { SohoaError } from "../src/errors/index.js";
import { defaultLimits, type Limits } from "../src/limits.js";
import type { OcrEngine } from "../src/ocr/ocr-engine.js";
import { extract } from "../src/stages/extract.js";
import { ingest } from "../src/stages/ingest.js";
import { preflight } from "../src/stages/preflight.js";
import type { DocumentResult, PageResult, SourceFile, Stage, StageTimings } from "../src/types.js";
import { createSemaphore } from "../src/util/limit.js";
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

  // Pages flow through a small window: one more than the engine runs at once, so the next page
  // is being prepared while OCR is busy, and a 2,000-page TIFF never piles up in memory.
  const window = createSemaphore(options.ocr.concurrency + 1);
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
