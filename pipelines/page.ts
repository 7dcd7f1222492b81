// The per-page pipeline, top to bottom: rectify → orient → deskew → clean → ocr → denoise, one PageResult per page.
import type { PageStageContext } from "../src/context.js";
import { CorruptImageError, OcrFailedError, PageTimeoutError, SohoaError } from "../src/errors/index.js";
import { clean } from "../src/stages/clean.js";
import { denoise } from "../src/stages/denoise.js";
import { deskew } from "../src/stages/deskew.js";
import { ocr } from "../src/stages/ocr.js";
import { orient } from "../src/stages/orient.js";
import { rectify } from "../src/stages/rectify.js";
import { reread } from "../src/stages/reread.js";
import { asIs } from "../src/stages/text-layer.js";
import type { Page, PageResult, Stage, StageTimings } from "../src/types.js";

export interface PageOptions {
  /** Longest time the page may take, seconds. */
  pageTimeoutSeconds: number;
  /** File name for error messages. */
  file: string;
}

/** Runs the page stages under the page's time limit (PageTimeoutError past it). */
export async function processPage(
  page: Page,
  options: PageOptions,
  ctx: PageStageContext,
): Promise<PageResult> {
  const timeout = AbortSignal.timeout(options.pageTimeoutSeconds * 1000);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    return await runStages(page, options.file, { ...ctx, signal });
  } catch (error) {
    if (timeout.aborted && !(ctx.signal?.aborted ?? false)) {
      throw new PageTimeoutError(options.file, page.index, options.pageTimeoutSeconds, { cause: error });
    }
    throw error;
  }
}

async function runStages(page: Page, file: string, ctx: PageStageContext): Promise<PageResult> {
  const timings: StageTimings = {};
  const timed = async <T>(stage: Stage, work: () => Promise<T>): Promise<T> => {
    ctx.signal?.throwIfAborted();
    const start = performance.now();
    try {
      return await work();
    } catch (error) {
      throw asStageError(error, stage, file);
    } finally {
      timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - start);
    }
  };

  // A PDF page with a text layer keeps its text: nothing is turned, resampled or read again.
  if (page.existingText) return { page: asIs(page), ocr: page.existingText, timings };

  // A phone photo's sheet is flattened first; later stages read it (the photo stays the original).
  const rectified = await timed("rectify", () => rectify(page, ctx));
  const oriented = await timed("orient", () => orient(rectified, ctx));
  const deskewed = await timed("deskew", () => deskew(oriented, ctx));
  const prepared = await timed("clean", () => clean(deskewed, ctx));
  // The page, then (when asked) a block-mode read of the ink its segmentation skipped (a signer's block by a seal).
  const read = await timed("ocr", async () => {
    const first = await ocr(prepared, ctx);
    return ctx.rereadSkippedInk === false ? first : reread(first, prepared, ctx);
  });
  // Words in stamp frames or made up from seals and signatures move to `overlay`; the Vietnamese-aware
  // repair follows once the whole document is read (pipelines/recognize.ts), its other pages as evidence.
  const text = await timed("correct", () => denoise(read, prepared, ctx));
  ctx.log.debug(
    { skew: prepared.skewDegrees, orientation: prepared.orientation, confidence: text.confidence, timings },
    "page done",
  );
  return { page: prepared, ocr: text, timings };
}

/**
 * Image stages fail on pixels they cannot decode (a truncated JPEG decodes its header fine);
 * that is the file's fault, not sohoa's, so it becomes a typed input error naming the file.
 */
function asStageError(error: unknown, stage: Stage, file: string): unknown {
  if (error instanceof SohoaError) {
    error.stage ??= stage;
    return error;
  }
  if ((error as Error)?.name === "AbortError" || (error as Error)?.name === "TimeoutError") return error;
  const message = error instanceof Error ? error.message : String(error);
  if (stage === "ocr")
    return new OcrFailedError(`${file}: OCR failed: ${message}`, { file, stage, cause: error });
  return new CorruptImageError(file, message.split("\n")[0]!, { stage, cause: error });
}
