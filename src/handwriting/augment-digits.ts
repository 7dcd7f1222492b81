// Training-time augmentation for the digit model: MNIST images re-drawn the way clerks' pens and office
// scanners deliver digits (slant, aspect, thick/thin/bilevel strokes, continental 7s and 1s), and frames with
// no digit at all. Only train-digits.ts uses it; nothing here runs in the pipeline.
import { morph, threshold } from "./morph.js";
import { MNIST_SIZE, type InkImage } from "./normalise.js";

/** mulberry32: tiny, seedable, good enough for shuffles and jitter. */
export function makeRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CANVAS = 64; // the augmented digit is drawn at 2× so thinning and thickening have finer steps

/** One MNIST image, slanted, stretched and re-stroked the way a clerk's pen and a scanner might. */
export function augment(src: Uint8Array, label: number, rng: () => number): InkImage {
  const turn = ((rng() * 2 - 1) * 12 * Math.PI) / 180;
  const shear = Math.tan(((rng() * 2 - 1) * 12 * Math.PI) / 180);
  const sx = 2 * (0.85 + 0.3 * rng());
  const sy = 2 * (0.85 + 0.3 * rng());
  // M = rotate · shear · scale; sample by its inverse, pixel centres to pixel centres.
  const [c, s] = [Math.cos(turn), Math.sin(turn)];
  const m = [c * sx, (c * shear - s) * sy, s * sx, (s * shear + c) * sy];
  const det = m[0]! * m[3]! - m[1]! * m[2]!;
  const inv = [m[3]! / det, -m[1]! / det, -m[2]! / det, m[0]! / det];
  let data: Uint8Array = new Uint8Array(CANVAS * CANVAS);
  for (let y = 0; y < CANVAS; y++) {
    for (let x = 0; x < CANVAS; x++) {
      const ox = x + 0.5 - CANVAS / 2;
      const oy = y + 0.5 - CANVAS / 2;
      const u = inv[0]! * ox + inv[1]! * oy + MNIST_SIZE / 2 - 0.5;
      const v = inv[2]! * ox + inv[3]! * oy + MNIST_SIZE / 2 - 0.5;
      if (u <= -1 || v <= -1 || u >= MNIST_SIZE || v >= MNIST_SIZE) continue;
      data[y * CANVAS + x] = bilinear(src, u, v);
    }
  }
  if (label === 7 && rng() < 0.25) crossSeven(data, rng);
  if (label === 1 && rng() < 0.25) flagOne(data, rng);
  const stroke = rng();
  if (stroke < 0.3) {
    const times = 1 + Math.floor(rng() * 3);
    for (let i = 0; i < times; i++) data = morph(data, CANVAS, CANVAS, Math.max);
  } else if (stroke < 0.7) {
    // Ballpoint at 200–300 dpi: strokes a third to half as wide as MNIST's, so erode up to three times,
    // stopping before the digit falls apart.
    const full = inkCount(data);
    let thin = threshold(data, 64 + rng() * 128);
    for (let times = 1 + Math.floor(rng() * 3); times > 0; times--) {
      const next = morph(thin, CANVAS, CANVAS, Math.min);
      if (inkCount(next) < 0.2 * full) break;
      thin = next;
    }
    data = thin;
  }
  if (rng() < 0.5) data = threshold(data, 40 + rng() * 160);
  return { width: CANVAS, height: CANVAS, data };
}

function bilinear(src: Uint8Array, u: number, v: number): number {
  const x0 = Math.floor(u);
  const y0 = Math.floor(v);
  const fx = u - x0;
  const fy = v - y0;
  const inX0 = x0 >= 0;
  const inX1 = x0 + 1 < MNIST_SIZE;
  const row0 = y0 >= 0 ? y0 * MNIST_SIZE : -1;
  const row1 = y0 + 1 < MNIST_SIZE ? (y0 + 1) * MNIST_SIZE : -1;
  const top = row0 < 0 ? 0 : (inX0 ? src[row0 + x0]! * (1 - fx) : 0) + (inX1 ? src[row0 + x0 + 1]! * fx : 0);
  const bottom =
    row1 < 0 ? 0 : (inX0 ? src[row1 + x0]! * (1 - fx) : 0) + (inX1 ? src[row1 + x0 + 1]! * fx : 0);
  return Math.round(top * (1 - fy) + bottom * fy);
}

function inkCount(data: Uint8Array): number {
  return data.reduce((n, v) => n + (v >= 128 ? 1 : 0), 0);
}

function inkExtent(data: Uint8Array): { x0: number; y0: number; x1: number; y1: number } {
  const e = { x0: CANVAS, y0: CANVAS, x1: 0, y1: 0 };
  data.forEach((v, i) => {
    if (v < 128) return;
    const [x, y] = [i % CANVAS, Math.floor(i / CANVAS)];
    Object.assign(e, {
      x0: Math.min(e.x0, x),
      x1: Math.max(e.x1, x),
      y0: Math.min(e.y0, y),
      y1: Math.max(e.y1, y),
    });
  });
  return e;
}

function meanInkX(data: Uint8Array, y: number): number | undefined {
  let [n, sum] = [0, 0];
  for (let x = 0; x < CANVAS; x++) if (data[y * CANVAS + x]! >= 128) [n, sum] = [n + 1, sum + x];
  return n ? sum / n : undefined;
}

function drawLine(data: Uint8Array, x0: number, y0: number, x1: number, y1: number, r: number): void {
  const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 2) + 1;
  for (let k = 0; k <= steps; k++) {
    const [cx, cy] = [x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps];
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        if (x >= 0 && y >= 0 && x < CANVAS && y < CANVAS && Math.hypot(x - cx, y - cy) <= r)
          data[y * CANVAS + x] = 255;
      }
    }
  }
}

/** The continental 7: a short bar across the stem at mid-height. */
function crossSeven(data: Uint8Array, rng: () => number): void {
  const e = inkExtent(data);
  const y = Math.round(e.y0 + (0.45 + 0.15 * rng()) * (e.y1 - e.y0));
  const x = meanInkX(data, y);
  if (x === undefined) return;
  const half = (0.25 + 0.15 * rng()) * (e.y1 - e.y0) * 0.6;
  const tilt = (rng() - 0.5) * 0.2 * half;
  drawLine(data, x - half, y + tilt, x + half, y - tilt, 1.5 + rng());
}

/** The continental 1: an up-stroke flag falling left from the top of the stem. */
function flagOne(data: Uint8Array, rng: () => number): void {
  const e = inkExtent(data);
  const x = meanInkX(data, e.y0 + 1);
  if (x === undefined) return;
  const length = (0.25 + 0.15 * rng()) * (e.y1 - e.y0);
  const angle = ((25 + 30 * rng()) * Math.PI) / 180;
  drawLine(data, x, e.y0 + 1, x - length * Math.cos(angle), e.y0 + 1 + length * Math.sin(angle), 1.5 + rng());
}

/** A blank frame, grey noise, speckle or a dash: nothing a clerk wrote as a digit, trained to a flat answer. */
export function outlier(rng: () => number): InkImage {
  const kind = rng();
  if (kind >= 0.8) return rule(rng);
  const side = 20 + Math.floor(rng() * 50);
  const data = new Uint8Array(side * side);
  const density = 0.02 + 0.2 * rng();
  if (kind >= 0.1) {
    for (let i = 0; i < data.length; i++) {
      data[i] = kind < 0.45 ? Math.floor(rng() * 256) : rng() < density ? 255 : 0;
    }
  }
  return { width: side, height: side, data };
}

/** A dash or a dotted leader, as forms print in empty slots; left alone, the model read a dash as a sure 2. */
function rule(rng: () => number): InkImage {
  const data = new Uint8Array(CANVAS * CANVAS);
  const length = 16 + rng() * 40;
  const [x0, y0] = [(CANVAS - length) / 2, CANVAS / 2];
  const rise = (rng() - 0.5) * 0.3 * length;
  const radius = 0.7 + rng() * 2.5;
  const gap = rng() < 0.3 ? 3 * radius + 2 + rng() * 4 : length;
  for (let t = 0; t < length; t += gap) {
    const end = Math.min(length, gap === length ? length : t);
    const at = (u: number): [number, number] => [x0 + u, y0 - rise / 2 + (rise * u) / length];
    drawLine(data, ...at(t), ...at(end), radius);
  }
  return { width: CANVAS, height: CANVAS, data };
}
