// A PDF page drawn by PDFium at the scan's own resolution: the decoded copy analysis and OCR read.
import { writeFile } from "node:fs/promises";
import sharp from "sharp";
import { LimitExceededError } from "../errors/index.js";
import type { Limits } from "../limits.js";
import type { ColourMode } from "../types.js";
import { bilevelPng } from "./bilevel-png.js";
import type { PdfiumPage } from "./pdfium.js";

export interface RenderedPage {
  width: number;
  height: number;
  colour: ColourMode;
}

/**
 * Renders the displayed page (CropBox, /Rotate) at `dpi` into `file` as PNG: 1-bit for bilevel
 * pages, one grey channel for grey ones, RGB otherwise. The pixel count is checked before the
 * engine allocates anything.
 */
export async function renderPage(
  file: string,
  source: string,
  index: number,
  page: PdfiumPage,
  dpi: number,
  colour: ColourMode,
  limits: Limits,
): Promise<RenderedPage> {
  const scale = dpi / 72;
  const { width: w, height: h } = page.size;
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  checkPagePixels(source, index, width, height, dpi, limits);
  if (colour !== "colour") {
    const grey = page.render(scale, "grey");
    if (colour === "bilevel") {
      await writeFile(file, bilevelPng(grey.data, grey.width, grey.height));
    } else {
      await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
        .png({ compressionLevel: 3 })
        .toFile(file);
    }
    return { width: grey.width, height: grey.height, colour };
  }
  const rgba = page.render(scale, "rgba");
  await sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toFile(file);
  return { width: rgba.width, height: rgba.height, colour };
}

/** A page of `width`×`height` pixels at `dpi` must fit the pixel limit before it is drawn or decoded. */
export function checkPagePixels(
  source: string,
  index: number,
  width: number,
  height: number,
  dpi: number,
  limits: Limits,
): void {
  if (width * height > limits.maxPagePixels) {
    const what = `page ${index + 1} pixel count at ${dpi} dpi (${width}×${height})`;
    throw new LimitExceededError(source, what, width * height, limits.maxPagePixels);
  }
}
