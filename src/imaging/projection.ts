// Projection profiles of ink points: the measure behind both deskew and orientation.

/**
 * Row profile of the points after rotating them clockwise by `degrees` about the origin:
 * y' = y·cosθ + x·sinθ, splatted linearly into 1-pixel bins so the score is smooth in θ.
 */
export function rowProfile(
  xs: Float32Array,
  ys: Float32Array,
  degrees: number,
  span: number,
): { bins: Float64Array; offset: number } {
  const t = (degrees * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const offset = Math.ceil(span) + 2;
  const bins = new Float64Array(Math.ceil(span) * 3 + 6);
  for (let i = 0; i < xs.length; i++) {
    const v = ys[i]! * cos + xs[i]! * sin + offset;
    const b = Math.floor(v);
    const f = v - b;
    bins[b] = bins[b]! + 1 - f;
    bins[b + 1] = bins[b + 1]! + f;
  }
  return { bins, offset };
}

/** Sharpness of a profile: the sum of squared bin counts; crisp text lines maximise it. */
export function profileScore(bins: Float64Array): number {
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
  return s;
}
