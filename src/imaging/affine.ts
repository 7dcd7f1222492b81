// Affine maps in PDF matrix order (xs = a·x + c·y + e, ys = b·x + d·y + f).
import type { Affine, Box } from "../types.js";

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}

/** A clockwise turn by `degrees` and a uniform scale, as sharp's `affine` matrix and its way back. */
export interface TurnAndScale {
  /** [a, b, c, d] for sharp.affine: out = M·in, shifted so the turned page's corner is at 0,0. */
  matrix: [number, number, number, number];
  /** Output pixels → input pixels. */
  toSource: Affine;
}

export function turnAndScale(
  degrees: number,
  scale: number,
  inWidth: number,
  inHeight: number,
): TurnAndScale {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const matrix: [number, number, number, number] = [scale * cos, -scale * sin, scale * sin, scale * cos];
  const { x: minX, y: minY } = turnedBounds(matrix, inWidth, inHeight);
  const toSource: Affine = {
    a: cos / scale,
    b: -sin / scale,
    c: sin / scale,
    d: cos / scale,
    e: (cos * minX + sin * minY) / scale,
    f: (-sin * minX + cos * minY) / scale,
  };
  return { matrix, toSource };
}

/** The corner of the turned w × h image nearest the origin, and its size as libvips makes it (rounded). */
export function turnedBounds(
  m: TurnAndScale["matrix"],
  w: number,
  h: number,
): { x: number; y: number; width: number; height: number } {
  const xs = [0, m[0] * w, m[1] * h, m[0] * w + m[1] * h];
  const ys = [0, m[2] * w, m[3] * h, m[2] * w + m[3] * h];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}

/** The inverse of an invertible matrix. */
export function invert(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  if (Math.abs(det) < 1e-12) throw new RangeError("matrix is not invertible");
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  };
}

/** The box around points given in another image's pixels, mapped by `m` and padded, clamped to width × height. */
export function boxOfMappedPoints(
  xs: Float32Array,
  ys: Float32Array,
  unit: number,
  m: Affine,
  padding: number,
  width: number,
  height: number,
): Box | undefined {
  if (xs.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const [x, y] = applyAffine(m, xs[i]! / unit, ys[i]! / unit);
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return {
    x0: Math.max(0, Math.floor(x0 - padding)),
    y0: Math.max(0, Math.floor(y0 - padding)),
    x1: Math.min(width, Math.ceil(x1 + padding)),
    y1: Math.min(height, Math.ceil(y1 + padding)),
  };
}
