// A PDF page drawn by PDFium at the scan's own resolution: the decoded copy analysis and OCR read.
import { writeFile } from "node:fs/promises";
import sharp from "sharp";
import { LimitExceededError } from "../errors/index.js";
import type { Limits } from "../limits.js";
import { fromRaw, inkPlaneOf } from "../imaging/ink-grey.js";
import type { ColourMode, GreyImage } from "../types.js";
import { bilevelPng } from "./bilevel-png.js";
import type { PdfiumPage } from "./pdfium.js";

export interface RenderedPage {
  width: number;
  height: number;
  colour: ColourMode;
  /** The ink plane of what was written (see loadInkGrey), so the page is not decoded again from its PNG. */
  decoded: GreyImage;
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
  const { width, height } = page.pixelSize(scale);
  checkPagePixels(source, index, width, height, dpi, limits);
  if (colour !== "colour") {
    const grey = page.render(scale, "grey");
    if (colour === "bilevel") {
      // The plane handed on is what the 1-bit PNG holds: black below 128, white above (set in place:
      // the render is this function's own copy).
      const { data } = grey;
      for (let i = 0; i < data.length; i++) data[i] = data[i]! >= 128 ? 255 : 0;
      await writeFile(file, bilevelPng(data, grey.width, grey.height));
      return { width: grey.width, height: grey.height, colour, decoded: grey };
    }
    await fromRaw(grey.data, grey.width, grey.height, 1).png({ compressionLevel: 3 }).toFile(file);
    return { width: grey.width, height: grey.height, colour, decoded: grey };
  }
  const rgba = page.render(scale, "rgba");
  await sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toFile(file);
  return {
    width: rgba.width,
    height: rgba.height,
    colour,
    decoded: inkPlaneOf(rgba.data, rgba.width, rgba.height, 4),
  };
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
