// Clean: the image OCR reads — upright, deskewed, grey, seals dropped — made in one resample.
import type { PageContext, PageStageContext } from "../context.js";
import { boxOfMappedPoints, invert, turnAndScale, turnedBounds } from "../imaging/affine.js";
import type { InkPoints } from "../imaging/analysis-image.js";
import { contentBox, cropGrey } from "../imaging/content-box.js";
import type { GreyImage } from "../imaging/ink-grey.js";
import { writeOcrTiff } from "../imaging/ocr-image.js";
import { fadeSealGrey } from "../imaging/seal-filter.js";
import { turnRegion, turnWhole } from "../imaging/turn-region.js";
import { measureXHeight } from "../ocr/x-height.js";
import type { Orientation, Page, PreparedPage } from "../types.js";
import type { DeskewedPage } from "./deskew.js";

export interface Geometry {
  orientation: Orientation;
  skewDegrees: number;
  flags: string[];
  /** The page's text ink from the analysis copy (not turned); gives the print's box without a pass over the page. */
  ink?: InkPoints;
}

export interface CleanOptions {
  /**
   * Pages scanned finer than this are brought down to it for OCR: Tesseract reads body text as
   * well at 240 dpi as at 300 and spends a third less time. The archive keeps the full scan.
   * @defaultValue 240
   */
  maxOcrDpi?: number;
  /**
   * Body-text x-height (line core, pixels) to give OCR: a page whose text is larger is reduced until its
   * x-height is this, within maxOcrDpi and minOcrDpi. Off by default: on the dev scans word F1 holds down
   * to 14 px (it drops at 11 px) and OCR CPU falls by a sixth, but fields flip at the margin (16 px lost a
   * signer's tone marks and an apostrophe; 20 px with a 200 dpi floor still lost a citizen id).
   * @defaultValue undefined (the dpi cap alone)
   */
  targetXHeight?: number;
  /** Never reduce below this resolution for OCR, whatever the x-height says. @defaultValue 200 */
  minOcrDpi?: number;
  /**
   * Pages scanned coarser than this (100 dpi office colour scans) are enlarged to minOcrDpi for OCR, in
   * the same resample: on the real set that gave one more issuer right (8 → 9 of 21 fields) for 2% more
   * CPU, word F1 unchanged. @defaultValue 150
   */
  enlargeBelowDpi?: number;
}

/**
 * The OCR scale: a coarse scan enlarged to minOcrDpi, else the dpi cap, then the measured x-height (when the
 * page has enough lines to measure).
 */
export function ocrScale(dpi: number, xHeight: number | undefined, options: CleanOptions = {}): number {
  if (dpi < (options.enlargeBelowDpi ?? 150)) return (options.minOcrDpi ?? 200) / dpi;
  const cap = Math.min(1, (options.maxOcrDpi ?? 240) / dpi);
  if (options.targetXHeight === undefined || xHeight === undefined || !(xHeight > 0)) return cap;
  const floor = Math.min(1, (options.minOcrDpi ?? 200) / dpi);
  return Math.min(cap, Math.max(floor, options.targetXHeight / xHeight));
}

/**
 * Turning, deskewing and any reduction to the OCR resolution are applied together, as one
 * affine resample, so the page is resampled once and keeps its sharpness. `grey` is the page's ink plane (red
 * dropped for colour pages, see loadInkGrey); grey scans have no colour to drop a seal by, so
 * its flat mid-grey is faded instead. The result is written as an uncompressed TIFF (writeOcrTiff).
 */
export async function cleanForOcr(
  page: Page,
  grey: GreyImage,
  geometry: Geometry,
  ctx: PageContext,
  options: CleanOptions = {},
): Promise<PreparedPage> {
  const angle = geometry.orientation + geometry.skewDegrees;
  // Turning the unturned analysis points by the whole angle levels the lines (rowProfile turns clockwise, as the page is turned).
  const xHeight =
    geometry.ink && options.targetXHeight !== undefined ? measureXHeight(geometry.ink, angle) : undefined;
  const scale = ocrScale(page.dpi, xHeight, options);
  const ocrDpi = Math.round(page.dpi * scale);
  const turn = turnAndScale(angle, scale, grey.width, grey.height);
  const turns = Math.abs(angle) >= 0.01 || scale !== 1;
  const frame = turns ? turnedBounds(turn.matrix, grey.width, grey.height) : grey;
  // OCR reads only the part holding print (a fifth less Tesseract time on typical margins); the
  // page frame stays the whole upright image, and word boxes are moved back into it after OCR.
  const padding = Math.round(ocrDpi / 6);
  const inkBox =
    geometry.ink &&
    boxOfMappedPoints(
      geometry.ink.xs,
      geometry.ink.ys,
      geometry.ink.scale,
      invert(turn.toSource),
      padding,
      frame.width,
      frame.height,
    );
  // Where the print's box is known, only the source pixels under it are turned (turnRegion).
  let ocrGrey = inkBox && turns ? await turnRegion(grey, turn, inkBox) : undefined;
  let crop = inkBox;
  if (!ocrGrey || !crop) {
    const out = turns ? await turnWhole(grey, turn) : grey;
    crop = inkBox ?? contentBox(out, padding);
    ocrGrey = cropGrey(out, crop);
  }
  if (page.colour !== "colour" && fadeSealGrey(ocrGrey.data, ocrGrey.width, ocrGrey.height))
    ctx.log.debug("faded mid-grey seal ink");
  const ocrImage = ctx.path("ocr.tif");
  await writeOcrTiff(ocrImage, ocrGrey, ocrDpi);
  return {
    ...page,
    orientation: geometry.orientation,
    skewDegrees: geometry.skewDegrees,
    ocrImage,
    ocrWidth: frame.width,
    ocrHeight: frame.height,
    ocrDpi,
    ocrCrop: { x: crop.x0, y: crop.y0 },
    toSource: turn.toSource,
    flags: geometry.flags,
  };
}

/** The clean stage: turns, deskews and reduces the page in one resample and drops seals (cleanForOcr). */
export async function clean(page: DeskewedPage, ctx: PageStageContext): Promise<PreparedPage> {
  const geometry: Geometry = {
    orientation: page.orientation.orientation,
    skewDegrees: page.skewDegrees,
    flags: page.flags,
    ink: page.ink,
  };
  const prepared = await cleanForOcr(
    page.page,
    page.grey,
    geometry,
    ctx,
    ctx.maxOcrDpi ? { maxOcrDpi: ctx.maxOcrDpi } : {},
  );
  const { confidence, runnerUp, decision } = page.orientation;
  return {
    ...prepared,
    orientationConfidence: confidence,
    orientationRunnerUp: runnerUp,
    orientationDecision: decision,
  };
}
