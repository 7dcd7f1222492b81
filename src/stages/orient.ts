// Orientation: which quarter-turn brings the page upright, from the shape of its text lines.
import type { InkPoints } from "../imaging/analysis-image.js";
import { profileScore, rowProfile } from "../imaging/projection.js";
import type { Orientation } from "../types.js";

export interface OrientationEstimate {
  /** Counter-clockwise quarter-turn of the content; correct by turning clockwise by as much. */
  orientation: Orientation;
  /** How clearly the winner beat the runner-up, ≥ 1; near 1 means unsure. */
  confidence: number;
  /** Too little ink to tell (a blank or near-blank page). */
  blank: boolean;
}

/** Fewer ink pixels than this share of the analysis copy is a blank page, flagged not failed. */
const BLANK_INK_SHARE = 0.0005;

/**
 * Two cheap measurements, no OCR: lines run horizontally when the row profile is sharper than
 * the column profile (0/180 versus 90/270); and Vietnamese script carries far more ink above
 * its x-height band (capitals, ascenders, stacked diacritics) than below it (few descenders),
 * which tells upright from upside down.
 */
export function detectOrientation(points: InkPoints): OrientationEstimate {
  const total = points.xs.length;
  if (total < Math.max(50, points.width * points.height * BLANK_INK_SHARE)) {
    return { orientation: 0, confidence: 1, blank: true };
  }
  const span = Math.hypot(points.width, points.height);
  const rows = bestSharpness(points.xs, points.ys, span);
  const cols = bestSharpness(points.ys, points.xs, span);
  const vertical = cols > rows;
  const turnConfidence = vertical ? cols / rows : rows / cols;

  // Candidates turned clockwise into place; (x, y) → upright coordinates.
  const [first, second]: [Orientation, Orientation] = vertical ? [90, 270] : [0, 180];
  const a = lineAsymmetry(turnPoints(points, first));
  const b = lineAsymmetry(turnPoints(points, second));
  const winner = a >= b ? first : second;
  const upConfidence = Math.max(a, b) / Math.max(1e-6, Math.min(a, b));
  return { orientation: winner, confidence: Math.min(turnConfidence, upConfidence), blank: false };
}

function bestSharpness(xs: Float32Array, ys: Float32Array, span: number): number {
  let best = 0;
  for (let deg = -15; deg <= 15; deg += 1) best = Math.max(best, profileScore(rowProfile(xs, ys, deg, span).bins));
  return best;
}

/** The points as they would lie after turning the page clockwise by `turn`. */
export function turnPoints(points: InkPoints, turn: Orientation): { xs: Float32Array; ys: Float32Array; width: number; height: number } {
  const { xs, ys, width: w, height: h } = points;
  if (turn === 0) return { xs, ys, width: w, height: h };
  const nx = new Float32Array(xs.length);
  const ny = new Float32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (turn === 90) [nx[i], ny[i]] = [h - y, x];
    else if (turn === 180) [nx[i], ny[i]] = [w - x, h - y];
    else [nx[i], ny[i]] = [y, w - x];
  }
  return turn === 180 ? { xs: nx, ys: ny, width: w, height: h } : { xs: nx, ys: ny, width: h, height: w };
}

/**
 * Ink above each line's dense core over ink below it, summed over the page's text lines.
 * Skew is found first so that lines are level before their cores are measured.
 */
export function lineAsymmetry(p: { xs: Float32Array; ys: Float32Array; width: number; height: number }): number {
  const span = Math.hypot(p.width, p.height);
  let bestDeg = 0;
  let bestScore = -1;
  for (let deg = -15; deg <= 15; deg += 0.5) {
    const s = profileScore(rowProfile(p.xs, p.ys, deg, span).bins);
    if (s > bestScore) [bestDeg, bestScore] = [deg, s];
  }
  const { bins } = rowProfile(p.xs, p.ys, bestDeg, span);
  let above = 1;
  let below = 1;
  const peak = Math.max(...bins);
  const lineThreshold = peak * 0.05;
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const inLine = i < bins.length && bins[i]! > lineThreshold;
    if (inLine && start < 0) start = i;
    if (!inLine && start >= 0) {
      const [up, down] = coreSplit(bins, start, i);
      above += up;
      below += down;
      start = -1;
    }
  }
  return above / below;
}

/** Ink above and below the band of rows holding at least half the line's peak density. */
function coreSplit(bins: Float64Array, start: number, end: number): [number, number] {
  if (end - start < 4) return [0, 0];
  let peak = 0;
  for (let i = start; i < end; i++) peak = Math.max(peak, bins[i]!);
  let coreStart = start;
  while (coreStart < end && bins[coreStart]! < peak * 0.5) coreStart++;
  let coreEnd = end - 1;
  while (coreEnd > coreStart && bins[coreEnd]! < peak * 0.5) coreEnd--;
  let up = 0;
  let down = 0;
  for (let i = start; i < coreStart; i++) up += bins[i]!;
  for (let i = coreEnd + 1; i < end; i++) down += bins[i]!;
  return [up, down];
}
