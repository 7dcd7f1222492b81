// Part of a page turned and scaled, resampling only the source pixels that part needs.
import sharp from "sharp";
import type { Box, GreyImage } from "../types.js";
import { applyAffine, turnAndScale, type TurnAndScale } from "./affine.js";
import { cropGrey } from "./content-box.js";
import { rawInput } from "./ink-grey.js";

/** Source pixels kept around the region: the bilinear kernel's reach, and rounding. */
const MARGIN = 2;

/** sharp.affine's output size for `matrix` over a width × height input: libvips rounds the turned box's extent. */
export function affineOutputSize(
  matrix: TurnAndScale["matrix"],
  width: number,
  height: number,
): { width: number; height: number } {
  const xs = [0, width, 0, width].map((x, i) => matrix[0] * x + matrix[1] * [0, 0, height, height][i]!);
  const ys = [0, width, 0, width].map((x, i) => matrix[2] * x + matrix[3] * [0, 0, height, height][i]!);
  return {
    width: Math.round(Math.max(...xs) - Math.min(...xs)),
    height: Math.round(Math.max(...ys) - Math.min(...ys)),
  };
}

/** The turned image's pixels in `box` (frame of the whole turned image), and where they sit in that frame. */
export interface TurnedRegion {
  image: GreyImage;
  x: number;
  y: number;
}

/**
 * `grey` turned clockwise by `degrees` and scaled, as sharp.affine would make the whole of it, but
 * only the part inside `box`: the source rectangle under the box is cut out first, so a page's
 * margins are neither read nor resampled. The part may be offset from the whole image's pixel grid
 * by up to half a pixel, which OCR boxes do not notice.
 */
export async function turnedRegion(
  grey: GreyImage,
  degrees: number,
  scale: number,
  box: Box,
): Promise<TurnedRegion> {
  const whole = turnAndScale(degrees, scale, grey.width, grey.height);
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ].map(([x, y]) => applyAffine(whole.toSource, x!, y!));
  const left = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[0])) - MARGIN));
  const top = Math.max(0, Math.floor(Math.min(...corners.map((c) => c[1])) - MARGIN));
  const right = Math.min(grey.width, Math.ceil(Math.max(...corners.map((c) => c[0])) + MARGIN));
  const bottom = Math.min(grey.height, Math.ceil(Math.max(...corners.map((c) => c[1])) + MARGIN));
  const [width, height] = [right - left, bottom - top];
  const part = turnAndScale(degrees, scale, width, height);
  const { data, info } = await sharp(grey.data, rawInput(grey))
    .extract({ left, top, width, height })
    .affine(part.matrix, { background: "#ffffff", interpolator: "bilinear" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Where the part's pixel (0, 0) lies in the whole turned image. libvips puts an output's pixel
  // (0, 0) at the rounded corner of the turned input's bounding box; the part's input starts at
  // (left, top), which the turn carries to M·(left, top).
  const m = part.matrix;
  const origin = (w: number, h: number): [number, number] => {
    const xs = [0, w, 0, w].map((x, i) => m[0] * x + m[1] * [0, 0, h, h][i]!);
    const ys = [0, w, 0, w].map((x, i) => m[2] * x + m[3] * [0, 0, h, h][i]!);
    return [Math.round(Math.min(...xs)), Math.round(Math.min(...ys))];
  };
  const [wx, wy] = origin(grey.width, grey.height);
  const [px, py] = origin(width, height);
  const dx = Math.round(px + m[0] * left + m[1] * top - wx);
  const dy = Math.round(py + m[2] * left + m[3] * top - wy);
  const x0 = Math.max(0, box.x0 - dx);
  const y0 = Math.max(0, box.y0 - dy);
  const x1 = Math.min(info.width, box.x1 - dx);
  const y1 = Math.min(info.height, box.y1 - dy);
  const image = cropGrey({ data, width: info.width, height: info.height }, { x0, y0, x1, y1 });
  return { image, x: x0 + dx, y: y0 + dy };
}
