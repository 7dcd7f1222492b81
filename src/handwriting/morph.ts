// Pen-stroke morphology for digit frames: a stroke a pixel fatter or thinner, and black-or-white.

/**
 * 3×3 dilation (`Math.max`) or erosion (`Math.min`) of a `width` × `height` plane, as a row pass then a
 * column pass (the same as the full 3×3 window); outside the plane is paper (0).
 */
export function morph(data: Uint8Array, width: number, height: number, pick: typeof Math.max): Uint8Array {
  const grow = pick === Math.max;
  const pass = (src: Uint8Array, step: number): Uint8Array => {
    const out = new Uint8Array(src.length);
    const span = step === 1 ? width : height;
    for (let i = 0; i < src.length; i++) {
      const at = step === 1 ? i % width : Math.floor(i / width);
      const a = at > 0 ? src[i - step]! : 0;
      const c = at < span - 1 ? src[i + step]! : 0;
      const b = src[i]!;
      out[i] = grow ? (a > b ? (a > c ? a : c) : b > c ? b : c) : a < b ? (a < c ? a : c) : b < c ? b : c;
    }
    return out;
  };
  return pass(pass(data, 1), width);
}

/** Black-or-white: 255 from `level` up, 0 below. */
export function threshold(data: Uint8Array, level: number): Uint8Array {
  return data.map((v) => (v >= level ? 255 : 0));
}
