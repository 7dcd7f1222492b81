// The per-page pipeline: orient → deskew → clean → ocr, one PageResult per scanned page.
import type { PageContext } from "../src/context.js";
import { CorruptImageError, OcrFailedError, PageTimeoutError, SohoaError } from "../src/errors/index.js";
import { inkPointsOf } from "../src/imaging/analysis-image.js";
import { loadInkGrey } from "../src/imaging/ink-grey.js";
import { IDENTITY } from "../src/imaging/affine.js";
import type { OcrEngine } from "../src/ocr/ocr-engine.js";
import { cleanForOcr } from "../src/stages/clean.js";
import { correctPage } from "../src/stages/correct.js";
import { estimateSkew } from "../src/stages/deskew.js";
import { detectOrientation, turnPoints } from "../src/stages/orient.js";
import type { Box, OcrPage, Page, PageResult, PreparedPage, Stage, StageTimings } from "../src/types.js";

export interface PageOptions {
  ocr: OcrEngine;
  /** Longest time the page may take, seconds. */
  pageTimeoutSeconds: number;
  /** File name for error messages. */
  file: string;
  /** Pages finer than this are reduced to it for OCR (see cleanForOcr). */
  maxOcrDpi?: number;
}

/** Below this resolution Tesseract's accuracy drops; domain.md asks for at least 200 dpi. */
const MIN_DPI = 200;
/** Orientation votes closer than this are flagged for a human look. */
const MIN_ORIENTATION_CONFIDENCE = 1.15;

export async function processPage(page: Page, options: PageOptions, ctx: PageContext): Promise<PageResult> {
  const timeout = AbortSignal.timeout(options.pageTimeoutSeconds * 1000);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    return await runStages(page, options, { ...ctx, signal });
  } catch (error) {
    if (timeout.aborted && !(ctx.signal?.aborted ?? false)) {
      throw new PageTimeoutError(options.file, page.index, options.pageTimeoutSeconds, { cause: error });
    }
    throw error;
  }
}

async function runStages(page: Page, options: PageOptions, ctx: PageContext): Promise<PageResult> {
  const timings: StageTimings = {};
  const timed = async <T>(stage: Stage, work: () => Promise<T> | T): Promise<T> => {
    ctx.signal?.throwIfAborted();
    const start = performance.now();
    try {
      return await work();
    } catch (error) {
      throw asStageError(error, stage, options.file);
    } finally {
      timings[stage] = (timings[stage] ?? 0) + Math.round(performance.now() - start);
    }
  };

  if (page.existingText) return { page: asIs(page), ocr: page.existingText, timings };

  const grey = await timed("ingest", () => loadInkGrey(page));
  const points = await timed("orient", () => inkPointsOf(grey));
  const orientation = await timed("orient", () => detectOrientation(points));
  const upright = turnPoints(points, orientation.orientation);
  const skew = await timed("deskew", () => estimateSkew(upright));
  const flags: string[] = [];
  if (orientation.blank) flags.push("blankPage");
  if (page.dpi < MIN_DPI) flags.push("lowResolution");
  if (!orientation.blank && orientation.confidence < MIN_ORIENTATION_CONFIDENCE) flags.push("orientationUncertain");

  const geometry = { orientation: orientation.orientation, skewDegrees: orientation.blank ? 0 : skew.degrees, flags, ink: points };
  const prepared = await timed("clean", () => cleanForOcr(page, grey, geometry, ctx, options.maxOcrDpi ? { maxOcrDpi: options.maxOcrDpi } : {}));
  // A blank page has nothing to read; OCR would only return noise from specks.
  const ocr = orientation.blank
    ? emptyOcr(prepared, options.ocr.name)
    : correctPage(toFrame(await timed("ocr", () => options.ocr.recognize(prepared.ocrImage, { signal: ctx.signal, dpi: prepared.ocrDpi })), prepared), ctx);
  ctx.log.debug({ skew: geometry.skewDegrees, orientation: geometry.orientation, confidence: ocr.confidence, timings }, "page done");
  return { page: prepared, ocr, timings };
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
  if (stage === "ocr") return new OcrFailedError(`${file}: OCR failed: ${message}`, { file, stage, cause: error });
  return new CorruptImageError(file, message.split("\n")[0]!, { stage, cause: error });
}

/** A page whose text came with the PDF: nothing is turned or resampled. */
function asIs(page: Page): PreparedPage {
  return {
    ...page,
    orientation: 0,
    skewDegrees: 0,
    ocrImage: page.image,
    ocrWidth: page.width,
    ocrHeight: page.height,
    ocrDpi: page.dpi,
    toSource: IDENTITY,
    flags: ["textLayerFromPdf"],
  };
}

/** OCR boxes of the cropped image moved into the page's upright frame. */
function toFrame(ocr: OcrPage, page: PreparedPage): OcrPage {
  const { x, y } = page.ocrCrop ?? { x: 0, y: 0 };
  const move = (b: Box): Box => ({ x0: b.x0 + x, y0: b.y0 + y, x1: b.x1 + x, y1: b.y1 + y });
  return {
    ...ocr,
    width: page.ocrWidth,
    height: page.ocrHeight,
    lines: ocr.lines.map((line) => ({ ...line, box: move(line.box), words: line.words.map((w) => ({ ...w, box: move(w.box) })) })),
  };
}

function emptyOcr(page: PreparedPage, engine: string): OcrPage {
  return { width: page.ocrWidth, height: page.ocrHeight, lines: [], text: "", confidence: 0, engine };
}

