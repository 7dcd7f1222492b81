// Affine maps in PDF matrix order (xs = a·x + c·y + e, ys = b·x + d·y + f).
import type { Affine } from "../types.js";

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

export function turnAndScale(degrees: number, scale: number, inWidth: number, inHeight: number): TurnAndScale {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const matrix: [number, number, number, number] = [scale * cos, -scale * sin, scale * sin, scale * cos];
  const corners = [
    [0, 0],
    [inWidth, 0],
    [0, inHeight],
    [inWidth, inHeight],
  ].map(([x, y]) => [matrix[0] * x! + matrix[1] * y!, matrix[2] * x! + matrix[3] * y!] as const);
  const minX = Math.min(...corners.map((c) => c[0]));
  const minY = Math.min(...corners.map((c) => c[1]));
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
