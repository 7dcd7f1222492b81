// Affine matrices in PDF order [a b c d e f], composed with row vectors as PDF does.
import type { Affine } from "../types.js";

/** The matrix that applies `first`, then `second` (PDF's `first × second`). */
export function multiply(first: Affine, second: Affine): Affine {
  return {
    a: first.a * second.a + first.b * second.c,
    b: first.a * second.b + first.b * second.d,
    c: first.c * second.a + first.d * second.c,
    d: first.c * second.b + first.d * second.d,
    e: first.e * second.a + first.f * second.c + second.e,
    f: first.e * second.b + first.f * second.d + second.f,
  };
}

/** A number as PDF content syntax: short, no exponent, no "-0". */
export function num(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  if (Object.is(rounded, -0) || rounded === 0) return "0";
  return rounded.toFixed(4).replace(/\.?0+$/, "");
}

/** The six operands of `cm` or `Tm`. */
export function operands(m: Affine): string {
  return [m.a, m.b, m.c, m.d, m.e, m.f].map(num).join(" ");
}

export { invert } from "../imaging/affine.js";
