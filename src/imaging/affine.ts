// Affine maps in PDF matrix order (xs = a·x + c·y + e, ys = b·x + d·y + f).
import type { Affine } from "../types.js";

export const IDENTITY: Affine = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
}

/**
 * Maps pixels of an image rotated clockwise by `degrees` about its centre (canvas grown to the
 * rotated bounds, `outWidth`×`outHeight`) back to the pixels of the `inWidth`×`inHeight` original.
 */
export function unrotateMap(degrees: number, inWidth: number, inHeight: number, outWidth: number, outHeight: number): Affine {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const cxo = outWidth / 2;
  const cyo = outHeight / 2;
  const cxi = inWidth / 2;
  const cyi = inHeight / 2;
  return { a: cos, b: -sin, c: sin, d: cos, e: cxi - cos * cxo - sin * cyo, f: cyi + sin * cxo - cos * cyo };
}
