// A reduced, red-dropped, binarised copy of a page: what orientation and skew are measured on.
import sharp from "sharp";
import { dropLargeComponents } from "./components.js";
import { rawInput, type GreyImage } from "./ink-grey.js";

/** Ink pixel coordinates of the reduced page, in reduced pixels. */
export interface InkPoints {
  width: number;
  height: number;
  xs: Float32Array;
  ys: Float32Array;
  /** Reduced pixels per source pixel. */
  scale: number;
}

/** Long side of the analysis copy: ~100 dpi for A4; skew error stays under 0.05° on the dev scans. */
const ANALYSIS_LONG_SIDE = 1200;

/** The page's grey plane reduced for analysis, with the reduction it took. */
export interface AnalysisCopy extends GreyImage {
  /** Reduced pixels per source pixel. */
  scale: number;
}

/** The grey plane reduced to the analysis size (~100 dpi): the one copy photo, orientation and skew checks read. */
export async function analysisCopyOf(grey: GreyImage): Promise<AnalysisCopy> {
  const scale = Math.min(1, ANALYSIS_LONG_SIDE / Math.max(grey.width, grey.height));
  const width = Math.max(1, Math.round(grey.width * scale));
  const height = Math.max(1, Math.round(grey.height * scale));
  const { data, info } = await sharp(grey.data, rawInput(grey))
    .resize(width, height, { fit: "fill", kernel: "linear" })
    // sharp widens one-channel raw input to sRGB on output; keep the single plane.
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, scale };
}

/** Ink points of the reduced copy of the page's grey plane (`copy` when the caller has made it already). */
export async function inkPointsOf(grey: GreyImage, copy?: AnalysisCopy): Promise<InkPoints> {
  const { data, width, height, scale } = copy ?? (await analysisCopyOf(grey));
  const ink = binarize(data, width, height);
  // Text glyphs are small; page edges, seal rings, frames and long rules are not, and they
  // would pull the skew towards their own lines and blur the line profiles orientation reads.
  const longSide = Math.max(width, height);
  dropLargeComponents(ink, width, height, Math.round(longSide / 6), Math.round(longSide / 25));
  return { ...toPoints(ink, width, height), scale };
}

/**
 * Local-mean threshold (a cheap Sauvola): a pixel is ink when clearly darker than its
 * neighbourhood, so uneven light and paper tone do not turn whole corners black.
 */
export function binarize(grey: Uint8Array, width: number, height: number): Uint8Array {
  const radius = Math.max(8, Math.round(Math.max(width, height) / 60));
  // 255 × a few million pixels fits 32 bits, and integer sums are faster than floats.
  const integral = new Uint32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += grey[y * width + x]!;
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1]! + rowSum;
    }
  }
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const v = grey[y * width + x]!;
      // Paper, most of a page, is never ink: no need for its neighbourhood's mean.
      if (v >= 200) continue;
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const sum =
        integral[y1 * (width + 1) + x1]! -
        integral[y0 * (width + 1) + x1]! -
        integral[y1 * (width + 1) + x0]! +
        integral[y0 * (width + 1) + x0]!;
      if (v < (sum / ((x1 - x0) * (y1 - y0))) * 0.8) ink[y * width + x] = 1;
    }
  }
  return ink;
}

function toPoints(ink: Uint8Array, width: number, height: number): Omit<InkPoints, "scale"> {
  let count = 0;
  for (let i = 0; i < ink.length; i++) count += ink[i]!;
  const xs = new Float32Array(count);
  const ys = new Float32Array(count);
  let k = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { width, height, xs, ys };
}
