// A page decoded once into the grey plane every later stage reads: red dropped, full resolution.
import sharp from "sharp";
import type { GreyImage, Page } from "../types.js";

export type { GreyImage };

/**
 * Colour pages are read through their red channel, where red seal ink is as light as paper
 * while black print and blue signatures stay dark; grey and bilevel pages as they are.
 */
export async function loadInkGrey(page: Page): Promise<GreyImage> {
  if (page.decoded) return page.decoded;
  let pipeline = sharp(page.image, { limitInputPixels: false });
  pipeline = page.colour === "colour" ? pipeline.extractChannel("red") : pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, decoded ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** The ink plane of decoded pixels with `channels` interleaved: the red channel of colour, else the first. */
export function inkPlaneOf(data: Buffer, width: number, height: number, channels: number): GreyImage {
  if (channels === 1) return { data, width, height };
  const plane = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; i < plane.length; i++, j += channels) plane[i] = data[j]!;
  return { data: plane, width, height };
}

/**
 * sharp over raw pixels that writes grey as grey: sharp otherwise widens one- and two-channel raw
 * input to sRGB on output, so a grey page would be encoded with three times its bytes.
 */
export function fromRaw(data: Buffer, width: number, height: number, channels: 1 | 2 | 3 | 4): sharp.Sharp {
  const image = sharp(data, { raw: { width, height, channels } });
  return channels < 3 ? image.toColourspace("b-w") : image;
}

/** sharp input options for a GreyImage. */
export function rawInput(grey: GreyImage): { raw: { width: number; height: number; channels: 1 } } {
  return { raw: { width: grey.width, height: grey.height, channels: 1 } };
}
