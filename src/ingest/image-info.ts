// Page facts from an image header: size, resolution and colour, without decoding the pixels.
import sharp from "sharp";
import type { ColourMode } from "../types.js";

export interface ImageInfo {
  width: number;
  height: number;
  /** Declared resolution, or an A4-based estimate when the file declares none (phone photos). */
  dpi: number;
  dpiDeclared: boolean;
  colour: ColourMode;
  pages: number;
}

/** A4's long side in inches: the estimate for files that do not declare a resolution. */
const A4_LONG_SIDE_INCHES = 11.69;

export async function readImageInfo(input: string | Buffer, page = 0): Promise<ImageInfo> {
  const meta = await sharp(input, { page, limitInputPixels: false, failOn: "none" }).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  // 72 dpi is what software writes when it knows nothing; no archive scan is that coarse.
  const dpiDeclared = meta.density !== undefined && meta.density >= 100 && meta.density <= 2400;
  const dpi = dpiDeclared
    ? Math.round(meta.density!)
    : Math.max(100, Math.round(Math.max(width, height) / A4_LONG_SIDE_INCHES));
  return { width, height, dpi, dpiDeclared, colour: colourMode(meta), pages: meta.pages ?? 1 };
}

function colourMode(meta: sharp.Metadata): ColourMode {
  const bits = (meta as { bitsPerSample?: number }).bitsPerSample;
  if ((meta.channels ?? 3) < 3) return bits === 1 ? "bilevel" : "grey";
  return "colour";
}
