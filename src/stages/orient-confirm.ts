// Orientation confirmed by the OCR engine itself: a text-dense crop read in each candidate turn.
import sharp from "sharp";
import type { PageContext } from "../context.js";
import type { InkPoints } from "../imaging/analysis-image.js";
import { cropGrey } from "../imaging/content-box.js";
import { rawInput, type GreyImage } from "../imaging/ink-grey.js";
import { writeOcrTiff } from "../imaging/ocr-image.js";
import type { OcrEngine } from "../ocr/ocr-engine.js";
import { isValidSyllable } from "../text/syllable.js";
import type { Box, Orientation } from "../types.js";

export interface ConfirmOptions {
  ocr: OcrEngine;
  /**
   * Whether an OCR token is a plausible word of the page's language.
   * @defaultValue isPlausibleVietnameseToken (a well-formed Vietnamese syllable)
   */
  isWord?: (word: string) => boolean;
  /** Resolution of the grey plane, dots per inch. */
  dpi: number;
}

/** What OCR made of the sample in one turn. */
export interface OrientationVote {
  orientation: Orientation;
  /** Tokens OCR returned. */
  words: number;
  /** Mean word confidence, 0..100. */
  meanConfidence: number;
  /** Share of tokens that are plausible words, 0..1. */
  wordShare: number;
  /** Sum over plausible words of confidence / 100: grows with how much reads as real text. */
  score: number;
}

/** Side of the square sample, inches: a dozen lines of body text, a second or so of OCR per turn. */
const SAMPLE_INCHES = 3.6;
/** The sample is read at most at this resolution: body text reads as well, faster. */
const SAMPLE_DPI = 200;

// Vietnamese letters: the Latin base, đ, and vowels with their marks (NFC, precomposed).
const VIETNAMESE_LETTERS = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";
const TOKEN = new RegExp(`^[${VIETNAMESE_LETTERS}]{2,7}$`, "u");
const VOWEL = /[aăâeêioôơuưy]/u;

/**
 * A letters-only token of Vietnamese letters, two to seven long (the longest syllable, "nghiêng";
 * lone letters are what noise reads as), in one case pattern (lower, Upper or UPPER), that is a
 * well-formed Vietnamese syllable by the spelling rules of src/text/syllable.ts (onset, rhyme, tone).
 * Text read in a wrong turn comes out as punctuation, digits, single marks, mixed-case fragments
 * and letter strings no Vietnamese syllable is spelt with.
 */
export function isPlausibleVietnameseToken(word: string): boolean {
  const lower = word.toLowerCase();
  if (!TOKEN.test(lower)) return false;
  if (!VOWEL.test(lower.normalize("NFD"))) return false;
  const rest = word.slice(1);
  return (rest === rest.toLowerCase() || word === word.toUpperCase()) && isValidSyllable(word);
}

/** Reads the sample in each candidate turn; votes in the candidates' order. */
export async function confirmOrientation(
  grey: GreyImage,
  points: InkPoints,
  candidates: readonly Orientation[],
  options: ConfirmOptions,
  ctx: PageContext,
): Promise<OrientationVote[]> {
  const isWord = options.isWord ?? isPlausibleVietnameseToken;
  const sample = await sampleOf(grey, points, options.dpi);
  const votes: OrientationVote[] = [];
  for (const orientation of candidates) {
    ctx.signal?.throwIfAborted();
    const file = ctx.path(`orient-${orientation}.tif`);
    await writeOcrTiff(file, await turnGrey(sample.grey, orientation), sample.dpi);
    // One uniform block (psm 6): automatic layout (psm 3) finds vertical lines and reads them
    // turned, so a sideways sample would read as well as an upright one.
    const page = await options.ocr.recognize(file, {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      dpi: sample.dpi,
      psm: 6,
    });
    votes.push(
      voteOf(
        orientation,
        page.lines.flatMap((l) => l.words),
        isWord,
      ),
    );
  }
  return votes;
}

/** Scores one reading: trailing punctuation is not held against a word. */
export function voteOf(
  orientation: Orientation,
  words: ReadonlyArray<{ text: string; confidence: number }>,
  isWord: (w: string) => boolean,
): OrientationVote {
  let confidence = 0;
  let plausible = 0;
  let score = 0;
  for (const w of words) {
    confidence += w.confidence;
    const token = w.text.replace(/^[("'“]+|[)"'”.,;:!?]+$/gu, "");
    if (token.length > 0 && isWord(token)) {
      plausible++;
      score += w.confidence / 100;
    }
  }
  const n = words.length;
  return {
    orientation,
    words: n,
    meanConfidence: n ? Math.round((confidence / n) * 10) / 10 : 0,
    wordShare: n ? Math.round((plausible / n) * 1000) / 1000 : 0,
    score: Math.round(score * 100) / 100,
  };
}

/** The page turned clockwise by `turn` (what correcting an orientation of `turn` does). */
export async function turnGrey(grey: GreyImage, turn: Orientation): Promise<GreyImage> {
  if (turn === 0) return grey;
  const { data, info } = await sharp(grey.data, rawInput(grey))
    .rotate(turn)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The square of the page with the most text ink (seals, rules and pictures' large parts are
 * already gone from `points`), cut from the full-resolution plane and brought to SAMPLE_DPI.
 */
async function sampleOf(
  grey: GreyImage,
  points: InkPoints,
  dpi: number,
): Promise<{ grey: GreyImage; dpi: number }> {
  const box = densestSquare(points, Math.round(SAMPLE_INCHES * dpi), grey.width, grey.height);
  let crop = cropGrey(grey, box);
  const scale = Math.min(1, SAMPLE_DPI / dpi);
  if (scale < 1) {
    const width = Math.max(1, Math.round(crop.width * scale));
    const height = Math.max(1, Math.round(crop.height * scale));
    const data = await sharp(crop.data, rawInput(crop))
      .resize(width, height, { fit: "fill" })
      .extractChannel(0)
      .raw()
      .toBuffer();
    crop = { data, width, height };
  }
  return { grey: crop, dpi: Math.round(dpi * scale) };
}

/** The side×side square (grey pixels) holding the most ink points, searched on a coarse grid. */
export function densestSquare(points: InkPoints, side: number, width: number, height: number): Box {
  const w = Math.min(side, width);
  const h = Math.min(side, height);
  const cell = Math.max(1, Math.round((Math.min(w, h) / 8) * points.scale));
  const gw = Math.ceil(points.width / cell) + 1;
  const gh = Math.ceil(points.height / cell) + 1;
  const grid = new Float64Array((gw + 1) * (gh + 1));
  for (let i = 0; i < points.xs.length; i++) {
    const gx = Math.floor(points.xs[i]! / cell);
    const gy = Math.floor(points.ys[i]! / cell);
    grid[(gy + 1) * (gw + 1) + gx + 1]! += 1;
  }
  for (let y = 1; y <= gh; y++)
    for (let x = 1; x <= gw; x++) {
      const i = y * (gw + 1) + x;
      grid[i] = grid[i]! + grid[i - 1]! + grid[i - gw - 1]! - grid[i - gw - 2]!;
    }
  const cw = Math.max(1, Math.round((w * points.scale) / cell));
  const ch = Math.max(1, Math.round((h * points.scale) / cell));
  let best = { x: 0, y: 0, n: -1 };
  for (let y = 0; y + ch <= gh; y++)
    for (let x = 0; x + cw <= gw; x++) {
      const n =
        grid[(y + ch) * (gw + 1) + x + cw]! -
        grid[y * (gw + 1) + x + cw]! -
        grid[(y + ch) * (gw + 1) + x]! +
        grid[y * (gw + 1) + x]!;
      if (n > best.n) best = { x, y, n };
    }
  const x0 = Math.max(0, Math.min(width - w, Math.round((best.x * cell) / points.scale)));
  const y0 = Math.max(0, Math.min(height - h, Math.round((best.y * cell) / points.scale)));
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}
