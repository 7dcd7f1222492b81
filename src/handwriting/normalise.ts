// MNIST-style geometry for one handwritten digit: the recogniser was trained on exactly this framing (the
// trainer re-normalises MNIST through this function), so crops from any scan resolution look alike to it.
import { morph } from "./morph.js";

/** Side of the frame the digit model reads. */
export const MNIST_SIZE = 28;
/** The ink's longer side after scaling, as in MNIST (20 px inside a 28 px frame). */
const BOX_SIZE = 20;
/** Pixels fainter than this do not stretch the bounding box: scanner haze and anti-aliasing fringes. */
const INK_FLOOR = 32;
/** Ink at least this dark counts as stroke when measuring the pen's width. */
const STROKE_LEVEL = 128;
/** MNIST strokes are about 1/8 of the digit's longer side; a ballpoint at 300 dpi draws half that or less. */
const STROKE_SHARE = 0.1;

/** One byte per pixel, 0 = paper, 255 = full ink. */
export interface InkImage {
  width: number;
  height: number;
  data: Uint8Array;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * 784 floats in 0..1 (row-major 28×28): the ink cropped to its bounding box, scaled by area averaging so its
 * longer side is 20 px, contrast-stretched so the darkest pixel is 1, and shifted so its centre of mass sits
 * at the frame's centre. Strokes much thinner than MNIST's are first dilated towards MNIST's width, so a fine
 * pen and a felt pen reach the model alike. No ink at all gives an all-zero frame.
 */
export function normaliseDigit(input: InkImage): Float32Array {
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  const first = inkBox(input);
  if (!first) return out;
  const ink = fattenThinStrokes(input, first);
  const box = ink === input ? first : inkBox(ink)!;
  const scale = BOX_SIZE / Math.max(box.w, box.h);
  const w = Math.min(BOX_SIZE, Math.max(1, Math.round(box.w * scale)));
  const h = Math.min(BOX_SIZE, Math.max(1, Math.round(box.h * scale)));
  const small = areaResample(ink, box, w, h);
  let peak = 0;
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      if (v > peak) peak = v;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const centre = MNIST_SIZE / 2;
  // Clamped so a lopsided digit (a 7's heavy top) moves towards the centre without losing ink off the frame.
  const dx = clamp(Math.round(centre - mx / mass), 0, MNIST_SIZE - w);
  const dy = clamp(Math.round(centre - my / mass), 0, MNIST_SIZE - h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[(y + dy) * MNIST_SIZE + x + dx] = small[y * w + x]! / peak;
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The pen's width is 2·area / (ink–paper pixel sides): exact for a long straight stroke of any width. A thinner
 * pen than STROKE_SHARE of the digit gets 3×3 dilations (on a padded crop) to make up the difference.
 */
function fattenThinStrokes(ink: InkImage, box: Box): InkImage {
  let area = 0;
  let sides = 0;
  const dark = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < ink.width && y < ink.height && ink.data[y * ink.width + x]! >= STROKE_LEVEL;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      if (!dark(x, y)) continue;
      area++;
      sides += +!dark(x - 1, y) + +!dark(x + 1, y) + +!dark(x, y - 1) + +!dark(x, y + 1);
    }
  }
  const grow = area ? Math.round((STROKE_SHARE * Math.max(box.w, box.h) - (2 * area) / sides) / 2) : 0;
  if (grow < 1) return ink;
  const width = box.w + 2 * grow;
  const height = box.h + 2 * grow;
  let data: Uint8Array = new Uint8Array(width * height);
  for (let y = 0; y < box.h; y++) {
    const from = (box.y + y) * ink.width + box.x;
    data.set(ink.data.subarray(from, from + box.w), (y + grow) * width + grow);
  }
  for (let i = 0; i < grow; i++) data = morph(data, width, height, Math.max);
  return { width, height, data };
}

function inkBox(ink: InkImage): Box | undefined {
  let x0 = ink.width;
  let y0 = ink.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < ink.height; y++) {
    const row = y * ink.width;
    for (let x = 0; x < ink.width; x++) {
      if (ink.data[row + x]! < INK_FLOOR) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Each output pixel averages the source area it covers, so a 1-px pen line thinned 3× still leaves grey. */
function areaResample(ink: InkImage, box: Box, w: number, h: number): Float32Array {
  const cols = coverage(box.w, w);
  const rows = coverage(box.h, h);
  const across = new Float32Array(box.h * w);
  for (let y = 0; y < box.h; y++) {
    const row = (box.y + y) * ink.width + box.x;
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [src, weight] of cols[x]!) sum += weight * ink.data[row + src]!;
      across[y * w + x] = sum / 255;
    }
  }
  const small = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (const [src, weight] of rows[y]!) sum += weight * across[src * w + x]!;
      small[y * w + x] = sum;
    }
  }
  return small;
}

/** For each of `to` output cells, the source cells of `from` it overlaps and their share (summing to 1). */
function coverage(from: number, to: number): Array<Array<[number, number]>> {
  const step = from / to;
  const cells: Array<Array<[number, number]>> = [];
  for (let i = 0; i < to; i++) {
    const start = i * step;
    const end = start + step;
    const parts: Array<[number, number]> = [];
    for (let s = Math.floor(start); s < Math.min(from, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 1e-9) parts.push([s, overlap / step]);
    }
    cells.push(parts);
  }
  return cells;
}
