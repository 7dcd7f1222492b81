// The page's body-text x-height, measured on the analysis copy's ink: what sets the cheapest scale OCR reads as well.
import { rowProfile } from "../imaging/projection.js";

export interface InkSample {
  xs: Float32Array;
  ys: Float32Array;
  width: number;
  height: number;
  /** Analysis pixels per source pixel. */
  scale: number;
}

/** Fewer text lines than this and the median says little: the caller keeps its default scale. */
const MIN_LINES = 5;

/**
 * Median height of the text lines' dense cores (the band between baseline and x-line, where a line's row
 * profile stays above half its peak), in source pixels; undefined for pages with too few lines. `points`
 * must be upright (turned by the page's orientation); `skewDegrees` levels them. Accents and ascenders
 * fall outside the core, so Vietnamese stacked marks do not inflate it.
 */
export function measureXHeight(points: InkSample, skewDegrees: number): number | undefined {
  if (points.xs.length < 200 || !(points.scale > 0)) return undefined;
  const { bins } = rowProfile(points.xs, points.ys, skewDegrees, Math.hypot(points.width, points.height));
  let peak = 0;
  for (let i = 0; i < bins.length; i++) peak = Math.max(peak, bins[i]!);
  const threshold = peak * 0.05;
  const cores: number[] = [];
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const inLine = i < bins.length && bins[i]! > threshold;
    if (inLine && start < 0) start = i;
    if (!inLine && start >= 0) {
      const core = coreHeight(bins, start, i);
      if (core > 0) cores.push(core);
      start = -1;
    }
  }
  if (cores.length < MIN_LINES) return undefined;
  cores.sort((a, b) => a - b);
  return cores[Math.floor(cores.length / 2)]! / points.scale;
}

/** Rows of the line [start, end) holding at least half its peak ink, with sub-row edges by interpolation. */
function coreHeight(bins: Float64Array, start: number, end: number): number {
  if (end - start < 2) return 0;
  let peak = 0;
  for (let i = start; i < end; i++) peak = Math.max(peak, bins[i]!);
  const half = peak / 2;
  let top = start;
  while (top < end && bins[top]! < half) top++;
  let bottom = end - 1;
  while (bottom > top && bins[bottom]! < half) bottom--;
  // Fractions of the edge rows above half the peak, so a 7.5-row core does not read as 7 or 8.
  const frac = (i: number): number =>
    i < start || i >= end ? 0 : Math.min(1, Math.max(0, bins[i]! / half - 0.5));
  return bottom - top + 1 + frac(top - 1) + frac(bottom + 1);
}
