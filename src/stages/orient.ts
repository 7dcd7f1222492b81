// Orientation: which quarter-turn brings the page upright, from the shape of its text lines.
import type { PageContext } from "../context.js";
import { inkPointsOf, type InkPoints } from "../imaging/analysis-image.js";
import { loadInkGrey, type GreyImage } from "../imaging/ink-grey.js";
import { profileScore, rowProfile } from "../imaging/projection.js";
import type { Orientation, Page } from "../types.js";

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
  // Coarse questions need few points: every third ink pixel keeps the profiles' shape.
  const sample = subsample(points, 3);
  const span = Math.hypot(points.width, points.height);
  const rows = bestAngle(sample.xs, sample.ys, span, -15, 15, 1.5);
  const cols = bestAngle(sample.ys, sample.xs, span, -15, 15, 1.5);
  const vertical = cols.score > rows.score;
  const turnConfidence = vertical ? cols.score / rows.score : rows.score / cols.score;

  // Candidates turned clockwise into place. The two candidates are half a turn apart, so their
  // text lines share one slope: level it once, finely enough that line cores stay crisp.
  const [first, second]: [Orientation, Orientation] = vertical ? [90, 270] : [0, 180];
  const a = turnPoints(sample, first);
  const coarse = bestAngle(a.xs, a.ys, span, -15, 15, 1.5).degrees;
  const level = bestAngle(a.xs, a.ys, span, coarse - 1.5, coarse + 1.5, 0.25).degrees;
  const up = lineAsymmetry(a, level);
  const down = lineAsymmetry(turnPoints(sample, second), level);
  const winner = up >= down ? first : second;
  const upConfidence = Math.max(up, down) / Math.max(1e-6, Math.min(up, down));
  return { orientation: winner, confidence: Math.min(turnConfidence, upConfidence), blank: false };
}

/** Every `step`-th point: enough for coarse searches, a fraction of the work. */
function subsample(points: InkPoints, step: number): InkPoints {
  const n = Math.floor(points.xs.length / step);
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = points.xs[i * step]!;
    ys[i] = points.ys[i * step]!;
  }
  return { ...points, xs, ys };
}

/** The sharpest row profile's angle and score over [from, to] in `step` degrees. */
function bestAngle(xs: Float32Array, ys: Float32Array, span: number, from: number, to: number, step: number): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  for (let deg = from; deg <= to + 1e-9; deg += step) {
    const score = profileScore(rowProfile(xs, ys, deg, span).bins);
    if (score > best.score) best = { degrees: deg, score };
  }
  return best;
}

/** The points as they would lie after turning the page clockwise by `turn`. */
export function turnPoints<P extends { xs: Float32Array; ys: Float32Array; width: number; height: number }>(points: P, turn: Orientation): P {
  const { xs, ys, width: w, height: h } = points;
  if (turn === 0) return points;
  const nx = new Float32Array(xs.length);
  const ny = new Float32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (turn === 90) [nx[i], ny[i]] = [h - y, x];
    else if (turn === 180) [nx[i], ny[i]] = [w - x, h - y];
    else [nx[i], ny[i]] = [y, w - x];
  }
  return turn === 180 ? { ...points, xs: nx, ys: ny } : { ...points, xs: nx, ys: ny, width: h, height: w };
}

/** Ink above each line's dense core over ink below it, summed over the page's text lines levelled by `degrees`. */
export function lineAsymmetry(p: { xs: Float32Array; ys: Float32Array; width: number; height: number }, degrees: number): number {
  const span = Math.hypot(p.width, p.height);
  const { bins } = rowProfile(p.xs, p.ys, degrees, span);
  let above = 1;
  let below = 1;
  let peak = 0;
  for (let i = 0; i < bins.length; i++) peak = Math.max(peak, bins[i]!);
  const lineThreshold = peak * 0.05;
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const inLine = i < bins.length && bins[i]! > lineThreshold;
    if (inLine && start < 0) start = i;
    if (!inLine && start >= 0) {
      const [upper, lower] = coreSplit(bins, start, i);
      above += upper;
      below += lower;
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

/** A page with what the later page stages measure on, and the quarter-turn that makes it upright. */
export interface OrientedPage {
  page: Page;
  /** The page's ink plane at full resolution (red dropped, see loadInkGrey). */
  grey: GreyImage;
  /** Ink points of the reduced analysis copy, as scanned (not turned). */
  ink: InkPoints;
  orientation: OrientationEstimate;
  /** Quality flags found so far (blank page, low resolution, unsure orientation); flagged, never failed. */
  flags: string[];
}

/** Below this resolution Tesseract's accuracy drops; domain.md asks for at least 200 dpi. */
const MIN_DPI = 200;
/** Orientation votes closer than this are flagged for a human look. */
const MIN_ORIENTATION_CONFIDENCE = 1.15;

/** The orient stage: decodes the page's ink plane and its analysis copy, then finds the upright turn. */
export async function orient(page: Page, ctx: PageContext): Promise<OrientedPage> {
  const grey = await loadInkGrey(page);
  ctx.signal?.throwIfAborted();
  const ink = await inkPointsOf(grey);
  const orientation = detectOrientation(ink);
  const flags: string[] = [...(page.flags ?? [])];
  if (orientation.blank) flags.push("blankPage");
  if (page.dpi < MIN_DPI) flags.push("lowResolution");
  if (!orientation.blank && orientation.confidence < MIN_ORIENTATION_CONFIDENCE) flags.push("orientationUncertain");
  return { page, grey, ink, orientation, flags };
}
