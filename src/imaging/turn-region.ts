// The turned and scaled page, or only the part of it that holds print, made by libvips' affine in one resample.
import sharp from "sharp";
import type { Box } from "../types.js";
import { applyAffine, boxOfMappedPoints, turnedBounds, type TurnAndScale } from "./affine.js";
import { cropGrey } from "./content-box.js";
import { rawInput, type GreyImage } from "./ink-grey.js";

const turned = (input: sharp.Sharp, matrix: TurnAndScale["matrix"], idx = 0, idy = 0) =>
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
  const corners = {
    xs: Float32Array.of(box.x0, box.x1, box.x0, box.x1),
    ys: Float32Array.of(box.y0, box.y0, box.y1, box.y1),
  };
  const source = boxOfMappedPoints(corners.xs, corners.ys, 1, turn.toSource, 2, grey.width, grey.height);
  if (!source || source.x1 <= source.x0 || source.y1 <= source.y0) return undefined;
  const [left, top] = [source.x0, source.y0];
  const region = { left, top, width: source.x1 - left, height: source.y1 - top };
  const m = turn.matrix;
  // The region's own turned grid is the whole page's shifted by M·(left, top) less the whole page's origin
  // (libvips puts a turned image's origin at its turned corner, rounded): a whole number of pixels plus a
  // fraction. An input offset of M⁻¹ · that fraction makes the two grids one, so the pixels are the very
  // ones turnWhole would give.
  const whole = turnedBounds(m, grey.width, grey.height);
  const fx = m[0] * left + m[1] * top - Math.round(whole.x);
  const fy = m[2] * left + m[3] * top - Math.round(whole.y);
  const [idx, idy] = applyAffine({ ...turn.toSource, e: 0, f: 0 }, fx - Math.round(fx), fy - Math.round(fy));
  const { data, info } = await turned(sharp(grey.data, rawInput(grey)).extract(region), m, idx, idy);
  const part = turnedBounds(m, region.width, region.height);
  const [ox, oy] = [Math.round(fx) + Math.round(part.x), Math.round(fy) + Math.round(part.y)];
  // The box in the region's turned image; where it runs past it (past the page's edge), the page's white.
  const turnedRegion = { data, width: info.width, height: info.height };
  return cropGrey(turnedRegion, { x0: box.x0 - ox, y0: box.y0 - oy, x1: box.x1 - ox, y1: box.y1 - oy });
}
