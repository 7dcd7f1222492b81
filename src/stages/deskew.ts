// Deskew: the angle by which the text lines are turned, found by maximising projection sharpness.
import type { PageContext } from "../context.js";
import type { InkPoints } from "../imaging/analysis-image.js";
import { profileScore, rowProfile } from "../imaging/projection.js";
import { turnPoints, type OrientedPage } from "./orient.js";

export interface SkewEstimate {
  /** Counter-clockwise skew of the content, degrees (bench/README.md convention). */
  degrees: number;
  /** Peak score over the mean score of the search: ~1 for a blank or textless page. */
  contrast: number;
}

export interface DeskewOptions {
  /** Largest skew searched, degrees. @defaultValue 15 */
  maxDegrees?: number;
}

/**
 * Coarse-to-fine search (0.5°, then 0.1°, then a parabola through the best three), on the
 * ink points of an upright page. Content turned counter-clockwise by θ lies on y + x·tanθ = c,
 * so the profile rotated by +θ is the sharpest one.
 */
export function estimateSkew(points: InkPoints, options: DeskewOptions = {}): SkewEstimate {
  const maxDegrees = options.maxDegrees ?? 15;
  const { xs, ys } = points;
  if (xs.length < 50) return { degrees: 0, contrast: 1 };
  const span = Math.hypot(points.width, points.height);
  const score = (deg: number) => profileScore(rowProfile(xs, ys, deg, span).bins);
  // The coarse pass only has to land within a step of the peak: every fourth ink pixel will do.
  const coarseXs = xs.filter((_, i) => i % 4 === 0);
  const coarseYs = ys.filter((_, i) => i % 4 === 0);
  const coarseScore = (deg: number) => profileScore(rowProfile(coarseXs, coarseYs, deg, span).bins);

  let best = 0;
  let bestScore = -Infinity;
  let sum = 0;
  let n = 0;
  for (let deg = -maxDegrees; deg <= maxDegrees + 1e-9; deg += 0.5) {
    const s = coarseScore(deg);
    sum += s;
    n++;
    if (s > bestScore) [best, bestScore] = [deg, s];
  }
  const contrast = bestScore / (sum / n);

  const fineStep = 0.1;
  let fineBest = best;
  let fineScore = score(best);
  const cache = new Map<number, number>();
  for (let k = -5; k <= 5; k++) {
    const deg = best + k * fineStep;
    const s = score(deg);
    cache.set(k, s);
    if (s > fineScore) [fineBest, fineScore] = [deg, s];
  }
  const kBest = Math.round((fineBest - best) / fineStep);
  const left = cache.get(kBest - 1) ?? score(fineBest - fineStep);
  const right = cache.get(kBest + 1) ?? score(fineBest + fineStep);
  const denominator = left - 2 * fineScore + right;
  const shift = denominator < 0 ? (0.5 * (left - right)) / denominator : 0;
  const degrees = fineBest + Math.max(-0.5, Math.min(0.5, shift)) * fineStep;
  return { degrees: Math.round(degrees * 100) / 100, contrast };
}

/** An oriented page with its measured skew. */
export interface DeskewedPage extends OrientedPage {
  /** Counter-clockwise skew of the upright content, degrees; 0 for a blank page. */
  skewDegrees: number;
}

/** The deskew stage: measures the skew on the upright ink points; the clean stage corrects it. */
export async function deskew(page: OrientedPage, _ctx: PageContext): Promise<DeskewedPage> {
  if (page.orientation.blank) return { ...page, skewDegrees: 0 };
  return { ...page, skewDegrees: estimateSkew(turnPoints(page.ink, page.orientation.orientation)).degrees };
}
