// The turned and scaled page, or only the part of it that holds print, made by libvips' affine in one resample.
import sharp from "sharp";
import type { Box } from "../types.js";
import { applyAffine, type TurnAndScale } from "./affine.js";
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

const turned = (input: sharp.Sharp, matrix: Matrix, idx = 0, idy = 0) =>
  input
    .affine(matrix, { background: "#ffffff", interpolator: "bilinear", idx, idy })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });

/** The whole page turned and scaled. */
export async function turnWhole(grey: GreyImage, turn: TurnAndScale): Promise<GreyImage> {
  const { data, info } = await turned(sharp(grey.data, rawInput(grey)), turn.matrix);
  return { data, width: info.width, height: info.height };
}

/**
 * `box` of the turned and scaled page, the same pixels as turnWhole's, resampling only the source pixels it
 * covers: on a page whose print fills a third of it, a third of the work. The source rectangle is the box's
 * corners mapped back, grown by 2 pixels for the bilinear kernel, within the page. Undefined when the box
 * holds none of the page.
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
  // The region's own turned grid is the whole page's shifted by M·(left, top) less the whole page's origin
  // (libvips puts a turned image's origin at its turned corner, rounded): a whole number of pixels plus a
  // fraction. An input offset of M⁻¹ · that fraction makes the two grids one, so the pixels are the very
  // ones turnWhole would give.
  const whole = turnedBounds(m, grey.width, grey.height);
  const fx = m[0] * left + m[1] * top - Math.round(whole.x);
  const fy = m[2] * left + m[3] * top - Math.round(whole.y);
  const [rx, ry] = [fx - Math.round(fx), fy - Math.round(fy)];
  const det = m[0] * m[3] - m[1] * m[2];
  const idx = (m[3] * rx - m[1] * ry) / det;
  const idy = (m[0] * ry - m[2] * rx) / det;
  const { data, info } = await turned(sharp(grey.data, rawInput(grey)).extract(region), m, idx, idy);
  const part = turnedBounds(m, region.width, region.height);
  const ox = Math.round(fx) + Math.round(part.x);
  const oy = Math.round(fy) + Math.round(part.y);
  // The box in the region's turned image; where it runs past it (past the page's edge), the page's white.
  const [x0, y0] = [box.x0 - ox, box.y0 - oy];
  const [width, height] = [box.x1 - box.x0, box.y1 - box.y0];
  const out = Buffer.alloc(width * height, 255);
  const [from, to] = [Math.max(0, -x0), Math.min(width, info.width - x0)];
  for (let y = Math.max(0, -y0); y < Math.min(height, info.height - y0); y++)
    if (to > from)
      data.copy(out, y * width + from, (y + y0) * info.width + x0 + from, (y + y0) * info.width + x0 + to);
  return { data: out, width, height };
}
