// Orientation: which quarter-turn brings the page upright, from the shape of its text lines.
import type { PageContext, PageStageContext } from "../context.js";
import { inkPointsOf, type InkPoints } from "../imaging/analysis-image.js";
import type { GreyImage } from "../imaging/ink-grey.js";
import { profileScore, rowProfile } from "../imaging/projection.js";
import type { OcrEngine } from "../ocr/ocr-engine.js";
import type { Orientation, OrientationDecisionKind, Page } from "../types.js";
import { confirmOrientation, type OrientationVote } from "./orient-confirm.js";
import type { RectifiedPage } from "./rectify.js";

export interface OrientationEstimate {
  /** Counter-clockwise quarter-turn of the content that the measure favours; correct by turning clockwise by as much. */
  orientation: Orientation;
  /** The best of the other three. */
  runnerUp: Orientation;
  /** Log-evidence of the winner over the runner-up (0 = a tie). */
  margin: number;
  /** 0..1 from the margin: how sure the measure is; see `clear` for the decision. */
  confidence: number;
  /** ln(line detail of rows / of columns): > 0 when the displayed page's lines run across. */
  axisEvidence: number;
  /** ln(ink above / below line cores) of the winner's axis, read upright for the winner. */
  directionEvidence: number;
  /** Both questions answered clearly enough to turn the page on the measure alone. */
  clear: boolean;
  /** Too little ink to tell (a blank or near-blank page). */
  blank: boolean;
}

/** Fewer ink pixels than this share of the analysis copy is a blank page, flagged not failed. */
const BLANK_INK_SHARE = 0.0005;
/** ln(line detail across / down) beyond which the lines' axis is clear; upright real pages measure 0.27–0.65 (bench/orientation.ts). */
export const AXIS_CLEAR = 0.3;
/** ln(above/below) beyond which up versus down is clear. */
export const DIRECTION_CLEAR = 0.4;

/**
 * Two cheap measurements, no OCR: lines run horizontally when the row profile is sharper than
 * the column profile (0/180 versus 90/270); and Vietnamese script carries far more ink above
 * its x-height band (capitals, ascenders, stacked diacritics) than below it (few descenders),
 * which tells upright from upside down. Each answer comes as a log-evidence, so a weak one is
 * seen as weak and the page can be left as displayed (see orientPage).
 */
export function detectOrientation(points: InkPoints): OrientationEstimate {
  const total = points.xs.length;
  if (total < Math.max(50, points.width * points.height * BLANK_INK_SHARE)) {
    return {
      orientation: 0,
      runnerUp: 180,
      margin: 0,
      confidence: 0,
      axisEvidence: 0,
      directionEvidence: 0,
      clear: false,
      blank: true,
    };
  }
  // Coarse questions need few points: every third ink pixel keeps the profiles' shape.
  const sample = subsample(points, 3);
  const span = Math.hypot(points.width, points.height);
  const rows = bestAngle(sample.xs, sample.ys, span, -15, 15, 1.5);
  const cols = bestAngle(sample.ys, sample.xs, span, -15, 15, 1.5);
  const axisEvidence = Math.log(
    structure(sample.xs, sample.ys, span, rows.degrees) / structure(sample.ys, sample.xs, span, cols.degrees),
  );
  // Lines across are levelled by the rows' own coarse angle: the same search over the same points.
  const across = direction(sample, span, 0, rows.degrees);
  const down = direction(sample, span, 90);
  const [main, other] = axisEvidence >= 0 ? [across, down] : [down, across];
  const axisMargin = Math.abs(axisEvidence);
  // The runner-up is the flip on the same axis, or the other axis's better reading: whichever is closer.
  const runnerUp = axisMargin < main.margin ? other.winner : main.loser;
  const margin = Math.min(axisMargin, main.margin);
  const clear = axisMargin >= AXIS_CLEAR && main.margin >= DIRECTION_CLEAR;
  return {
    orientation: main.winner,
    runnerUp,
    margin,
    confidence: Math.round((1 - Math.exp(-margin / DIRECTION_CLEAR)) * 1000) / 1000,
    axisEvidence,
    directionEvidence: main.margin,
    clear,
    blank: false,
  };
}

/**
 * How much of a profile is line-sized detail rather than broad envelope: the sum of squares over
 * that of the profile smoothed across about two line pitches. Plain Σb² favours whichever axis
 * the ink spans less (a portrait page's columns), which is what turned real portrait pages sideways.
 */
function structure(xs: Float32Array, ys: Float32Array, span: number, degrees: number): number {
  const { bins } = rowProfile(xs, ys, degrees, span);
  const radius = Math.max(4, Math.round(span / 80));
  let raw = 0;
  let smooth = 0;
  let window = 0;
  for (let i = 0; i < Math.min(radius, bins.length); i++) window += bins[i]!;
  for (let i = 0; i < bins.length; i++) {
    const add = i + radius;
    const drop = i - radius - 1;
    if (add < bins.length) window += bins[add]!;
    if (drop >= 0) window -= bins[drop]!;
    const s = window / (2 * radius + 1);
    smooth += s * s;
    raw += bins[i]! * bins[i]!;
  }
  return raw / Math.max(1e-9, smooth);
}

/** Up versus down for lines along one axis: `turn` 0 reads 0/180, 90 reads 90/270 (`coarseAngle`: their slope, when known). */
function direction(
  sample: InkPoints,
  span: number,
  turn: 0 | 90,
  coarseAngle?: number,
): { winner: Orientation; loser: Orientation; margin: number } {
  const [first, second]: [Orientation, Orientation] = turn === 0 ? [0, 180] : [90, 270];
  // The two candidates are half a turn apart, so their text lines share one slope: level it
  // once, finely enough that line cores stay crisp.
  const a = turnPoints(sample, first);
  const coarse = coarseAngle ?? bestAngle(a.xs, a.ys, span, -15, 15, 1.5).degrees;
  const level = bestAngle(a.xs, a.ys, span, coarse - 1.5, coarse + 1.5, 0.25).degrees;
  const up = lineAsymmetry(a, level);
  const down = lineAsymmetry(turnPoints(sample, second), level);
  const evidence = Math.log(up / down);
  return evidence >= 0
    ? { winner: first, loser: second, margin: evidence }
    : { winner: second, loser: first, margin: -evidence };
}

export interface OrientOptions {
  /** Reads a sample of the page when the measure is unsure; without it an unsure page is kept as displayed. */
  ocr?: OcrEngine;
  /** Plausible-word test for the OCR check (see confirmOrientation). */
  isWord?: (word: string) => boolean;
  /** Resolution of the grey plane. */
  dpi: number;
}

/** What was decided for one page, and how sure: the report's `orientation*` fields. */
export interface OrientationDecision {
  /** The turn applied (0 when abstained: the page stays as displayed). */
  orientation: Orientation;
  /** 0..1. */
  confidence: number;
  runnerUp: Orientation;
  decision: OrientationDecisionKind;
  blank: boolean;
  measure: OrientationEstimate;
  votes?: OrientationVote[];
}

/** OCR must find at least this much confident plausible text in the winning turn… */
const OCR_MIN_SCORE = 6;
/** …and this many times what it finds in any other turn. */
const OCR_MIN_RATIO = 2.5;

/**
 * Measure first; turn on the measure alone only when both of its answers are clear. Otherwise
 * ask the OCR engine which of the displayed turn, the measure's favourite and its runner-up
 * reads as text (as OCRmyPDF gates Tesseract's OSD on a confidence threshold), and turn only
 * on a clear answer; else keep the page as displayed: a sideways archival copy is worse than an
 * unturned one flagged for a look.
 */
export async function orientPage(
  grey: GreyImage,
  points: InkPoints,
  options: OrientOptions,
  ctx: PageContext,
): Promise<OrientationDecision> {
  const measure = detectOrientation(points);
  const base = { blank: measure.blank, measure };
  if (measure.blank) return { ...base, orientation: 0, confidence: 0, runnerUp: 180, decision: "abstained" };
  if (measure.clear) {
    return {
      ...base,
      orientation: measure.orientation,
      confidence: measure.confidence,
      runnerUp: measure.runnerUp,
      decision: "measured",
    };
  }
  const abstain = (votes?: OrientationVote[]): OrientationDecision => ({
    ...base,
    ...(votes ? { votes } : {}),
    orientation: 0,
    confidence: 0,
    runnerUp: measure.orientation === 0 ? measure.runnerUp : measure.orientation,
    decision: "abstained",
  });
  if (!options.ocr) return abstain();
  const candidates = [...new Set<Orientation>([0, measure.orientation, measure.runnerUp])];
  const confirm = {
    ocr: options.ocr,
    dpi: options.dpi,
    ...(options.isWord ? { isWord: options.isWord } : {}),
  };
  const votes = await confirmOrientation(grey, points, candidates, confirm, ctx);
  const ranked = [...votes].sort((a, b) => b.score - a.score);
  const [best, second] = [ranked[0]!, ranked[1]!];
  if (best.score < OCR_MIN_SCORE || best.score < OCR_MIN_RATIO * second.score) return abstain(votes);
  const confidence = Math.round((1 - second.score / best.score) * 1000) / 1000;
  return {
    ...base,
    votes,
    orientation: best.orientation,
    confidence,
    runnerUp: second.orientation,
    decision: "confirmedByOcr",
  };
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
function bestAngle(
  xs: Float32Array,
  ys: Float32Array,
  span: number,
  from: number,
  to: number,
  step: number,
): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  for (let deg = from; deg <= to + 1e-9; deg += step) {
    const score = profileScore(rowProfile(xs, ys, deg, span).bins);
    if (score > best.score) best = { degrees: deg, score };
  }
  return best;
}

/** The points as they would lie after turning the page clockwise by `turn`. */
export function turnPoints<P extends { xs: Float32Array; ys: Float32Array; width: number; height: number }>(
  points: P,
  turn: Orientation,
): P {
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

/**
 * Ink above each line's dense core over ink below it, summed over the page's text lines levelled
 * by `degrees`. Bands much taller than the page's typical line (a picture, an emblem's ring of
 * small marks, a block of handwriting) are not text lines and say nothing about up and down.
 */
export function lineAsymmetry(
  p: { xs: Float32Array; ys: Float32Array; width: number; height: number },
  degrees: number,
): number {
  const span = Math.hypot(p.width, p.height);
  const { bins } = rowProfile(p.xs, p.ys, degrees, span);
  let peak = 0;
  for (let i = 0; i < bins.length; i++) peak = Math.max(peak, bins[i]!);
  const lineThreshold = peak * 0.05;
  const bands: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= bins.length; i++) {
    const inLine = i < bins.length && bins[i]! > lineThreshold;
    if (inLine && start < 0) start = i;
    if (!inLine && start >= 0) {
      bands.push([start, i]);
      start = -1;
    }
  }
  const heights = bands.map(([a, b]) => b - a).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 0;
  let above = 1;
  let below = 1;
  for (const [a, b] of bands) {
    if (b - a > typical * 2.5) continue;
    const [upper, lower] = coreSplit(bins, a, b);
    above += upper;
    below += lower;
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
  orientation: OrientationDecision;
  /** Quality flags found so far (photo, blank page, low resolution, unsure orientation); flagged, never failed. */
  flags: string[];
}

/** Below this resolution Tesseract's accuracy drops; domain.md asks for at least 200 dpi. */
const MIN_DPI = 200;

/** The orient stage: the analysis copy of the (rectified) page, then the upright turn, or an abstention. */
export async function orient(input: RectifiedPage, ctx: PageStageContext): Promise<OrientedPage> {
  const { page, grey } = input;
  const ink = await inkPointsOf(grey, input.analysis);
  ctx.signal?.throwIfAborted();
  const orientation = await orientPage(
    grey,
    ink,
    { ocr: ctx.ocr, dpi: page.dpi, ...(ctx.isWord ? { isWord: ctx.isWord } : {}) },
    ctx,
  );
  const flags: string[] = [...input.flags];
  if (orientation.blank) flags.push("blankPage");
  if (page.dpi < MIN_DPI) flags.push("lowResolution");
  if (!orientation.blank && orientation.decision === "abstained") flags.push("orientationUncertain");
  return { page, grey, ink, orientation, flags };
}
