// Where a PDF page's objects land on the drawn page: user space onto raster pixels, and clips that matter.
import type { PDFPage } from "pdf-lib";
import { multiply } from "../pdf/matrix.js";
import type { Affine } from "../types.js";
import type { PageObject, PdfiumPage } from "./pdfium.js";

/** The CropBox within the MediaBox, as viewers (and PDFium) show the page. */
function visibleBox(page: PDFPage): { x: number; y: number; width: number; height: number } {
  const crop = page.getCropBox();
  const media = page.getMediaBox();
  const x = Math.max(crop.x, media.x);
  const y = Math.max(crop.y, media.y);
  const right = Math.min(crop.x + crop.width, media.x + media.width);
  const top = Math.min(crop.y + crop.height, media.y + media.height);
  return right > x && top > y ? { x, y, width: right - x, height: top - y } : media;
}

/** User space onto the displayed page's pixels (x right, y down): CropBox origin, /Rotate, then scale. */
export function userToRaster(page: PDFPage | undefined, engine: PdfiumPage, scale: number): Affine {
  const { width: w, height: h } = engine.size;
  const rotation = engine.rotation & 3;
  const crop = page
    ? visibleBox(page)
    : { x: 0, y: 0, width: rotation % 2 ? h : w, height: rotation % 2 ? w : h };
  const { x: x0, y: y0, width: cw, height: ch } = crop;
  const base: Affine = { a: 1, b: 0, c: 0, d: -1, e: -x0, f: y0 + ch };
  const turns: Affine[] = [
    { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 },
    { a: 0, b: 1, c: -1, d: 0, e: ch, f: 0 },
    { a: -1, b: 0, c: 0, d: -1, e: cw, f: ch },
    { a: 0, b: -1, c: 1, d: 0, e: 0, f: cw },
  ];
  return multiply(multiply(base, turns[rotation]!), { a: scale, b: 0, c: 0, d: scale, e: 0, f: 0 });
}

/**
 * A clipping path that cuts into an image's visible part cannot be kept without copying the
 * path: such pages are redrawn. A clip around the whole image, or around the whole page, changes nothing.
 */
export function clipBlocker(images: PageObject[], page: PDFPage | undefined): string | undefined {
  const crop = page ? visibleBox(page) : undefined;
  const TOLERANCE = 1;
  const covers = (outer: number[], inner: number[]): boolean =>
    outer[0]! <= inner[0]! + TOLERANCE &&
    outer[1]! <= inner[1]! + TOLERANCE &&
    outer[2]! >= inner[2]! - TOLERANCE &&
    outer[3]! >= inner[3]! - TOLERANCE;
  for (const object of images) {
    if (!object.clip || !object.bounds) continue;
    const [left, bottom, right, top] = object.bounds;
    const shown = crop
      ? [
          Math.max(left, crop.x),
          Math.max(bottom, crop.y),
          Math.min(right, crop.x + crop.width),
          Math.min(top, crop.y + crop.height),
        ]
      : object.bounds;
    if (!covers(object.clip, shown)) return "an image is clipped by a path";
  }
  return undefined;
}
