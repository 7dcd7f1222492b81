// A page decoded once into the grey plane every later stage reads: red dropped, full resolution.
import sharp from "sharp";
import type { Page } from "../types.js";

/** One 8-bit channel, row-major. */
export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Colour pages are read through their red channel, where red seal ink is as light as paper
 * while black print and blue signatures stay dark; grey and bilevel pages as they are.
 */
export async function loadInkGrey(page: Page): Promise<GreyImage> {
  let pipeline = sharp(page.image, { limitInputPixels: false });
  pipeline = page.colour === "colour" ? pipeline.extractChannel("red") : pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, decoded ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** sharp input options for a GreyImage. */
export function rawInput(grey: GreyImage): { raw: { width: number; height: number; channels: 1 } } {
  return { raw: { width: grey.width, height: grey.height, channels: 1 } };
}
