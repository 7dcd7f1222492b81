// The turned and scaled page, or only the part of it that holds print, made by libvips' affine in one resample.
import sharp from "sharp";
import type { Box } from "../types.js";
import { applyAffine, type TurnAndScale } from "./affine.js";
import { cropGrey } from "./content-box.js";
import { rawInput, type GreyImage } from "./ink-grey.js";

type Matrix = TurnAndScale["matrix"];

/** The corner of the turned w × h image nearest the origin, and its size as libvips makes it (rounded). */
export function turnedBounds(
  m: Matrix,
  w: number,
  h: number,
): { x: number; y: number; width: number; height: number } {
  const xs = [0, m[0] * w, m[1] * h, m[0] * w + m[1] * h];
  const ys = [0, m[2] * w, m[3] * h, m[2] * w + m[3] * h];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}

const turned = (input: sharp.Sharp, matrix: Matrix) =>
  input
    .affine(matrix, { background: "#ffffff", interpolator: "bilinear" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });

/** The whole page turned and scaled. */
export async function turnWhole(grey: GreyImage, turn: TurnAndScale): Promise<GreyImage> {
  const { data, info } = await turned(sharp(grey.data, rawInput(grey)), turn.matrix);
  return { data, width: info.width, height: info.height };
}

/**
 * `box` of the turned and scaled page (turnWhole's pixels), resampling only the source pixels it covers:
 * on a page whose print fills a third of it, a third of the work. The source rectangle is the box's corners
 * mapped back, grown by 2 pixels for the bilinear kernel; its turned image sits at a sub-pixel offset from
 * the whole page's (under half a pixel, rounded). Undefined when the box is not inside what that gives.
 */
export async function turnRegion(
  grey: GreyImage,
  turn: TurnAndScale,
  box: Box,
): Promise<GreyImage | undefined> {
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ].map(([x, y]) => applyAffine(turn.toSource, x!, y!));
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0]))) - 2);
  const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1]))) - 2);
  const right = Math.min(grey.width, Math.ceil(Math.max(...corners.map((c) => c[0]))) + 2);
  const bottom = Math.min(grey.height, Math.ceil(Math.max(...corners.map((c) => c[1]))) + 2);
  if (right <= left || bottom <= top) return undefined;
  const m = turn.matrix;
  const region = { left, top, width: right - left, height: bottom - top };
  const { data, info } = await turned(sharp(grey.data, rawInput(grey)).extract(region), m);
  // Where the region's turned image starts in the whole turned page's pixels: libvips puts each image's
  // origin at its turned corner rounded to a whole pixel.
  const whole = turnedBounds(m, grey.width, grey.height);
  const part = turnedBounds(m, region.width, region.height);
  const ox = Math.round(m[0] * left + m[1] * top + Math.round(part.x) - Math.round(whole.x));
  const oy = Math.round(m[2] * left + m[3] * top + Math.round(part.y) - Math.round(whole.y));
  const [x0, y0] = [box.x0 - ox, box.y0 - oy];
  const [width, height] = [box.x1 - box.x0, box.y1 - box.y0];
  if (x0 < 0 || y0 < 0 || x0 + width > info.width || y0 + height > info.height) return undefined;
  return cropGrey(
    { data, width: info.width, height: info.height },
    { x0, y0, x1: x0 + width, y1: y0 + height },
  );
}
