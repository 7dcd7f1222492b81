// Deskew error: mean and max absolute difference of detected vs true skew angles, in degrees.

export interface SkewScore {
  pages: number;
  meanAbsError: number;
  maxAbsError: number;
}

/** Scores pairs of (detected, truth) angles; pages without a detection are left out and counted apart. */
export function skewError(
  pairs: ReadonlyArray<{ detected: number | undefined; truth: number }>,
): SkewScore & { missing: number } {
  const errors: number[] = [];
  let missing = 0;
  for (const { detected, truth } of pairs) {
    if (detected === undefined || !Number.isFinite(detected)) missing++;
    else errors.push(Math.abs(detected - truth));
  }
  const meanAbsError = errors.length === 0 ? Number.NaN : errors.reduce((s, e) => s + e, 0) / errors.length;
  const maxAbsError = errors.length === 0 ? Number.NaN : Math.max(...errors);
  return { pages: errors.length, meanAbsError, maxAbsError, missing };
}
