// Words the engine made up from non-text ink (seal rings, signatures, handwriting, stamp borders): doubtful and unlike Vietnamese.
import type { OcrLine, OcrWord } from "../types.js";
import { isValidSyllable } from "./syllable.js";

export interface NoiseOptions {
  /**
   * A word the engine is this unsure of (0..100) and that is no Vietnamese syllable is noise: printed codes and
   * numbers are read with confidence, while a seal ring or a signature stroke read as letters is not.
   * @defaultValue 30
   */
  doubtful?: number;
  /**
   * Below this confidence even a well-formed syllable is noise when its neighbour is noise as well: a seal's or a
   * stamp's marks read as a run of short "words" ("sex SA ư"), where a lone doubtful word between read ones
   * is more likely a real word misread.
   * @defaultValue 30
   */
  runDoubtful?: number;
  /**
   * A word read at least this confidently is the document's. Lines with none are noise as a whole (a stamp's
   * handwritten figures, a signature read as "3N").
   * @defaultValue 60
   */
  trusted?: number;
  /** A doubtful word this says the text around repairs (correct.ts repairableInPlace) is the document's, not noise. */
  repairable?: (words: readonly OcrWord[], index: number) => boolean;
}

/** The word without the punctuation around it. */
const core = (text: string): string => text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");

/**
 * A syllable (case aside), or a syllable glued to a figure ("ngày,24'": a printed label and a handwritten day read as
 * one word), which must stay for the fields even when the engine doubts it.
 */
const syllable = (text: string): boolean => {
  const c = core(text);
  const label = /^(\p{L}{2,})[^\p{L}]*\p{N}/u.exec(c);
  return isValidSyllable(c) || (label !== null && isValidSyllable(label[1]!));
};

/** Numbers, dates and document codes: digits with their separators ("12/2025/NĐ-CP", "2026,"), at most one letter group. */
const CODE = /^[\p{L}]{0,3}\d[\d\p{L}./\-:]*$/u;

/** The labels the number and date fields are read from ("Số:", "ngày", "tháng", "năm"): never noise, however doubted. */
const FIELD_LABEL = /^(?:số|ngày|tháng|năm)$/iu;

/** A word that may be noise: not a symbol run ("——", "|", "`", the overlay stage's), not a field label. */
const wordLike = (text: string): boolean => /[\p{L}\p{N}]/u.test(text) && !FIELD_LABEL.test(core(text));

/**
 * A document code or a number with its office ("/QĐ-TTg", "/2026/TT-BCA", "112/2025/QH15;"): the fields read them, and
 * the engine often doubts them next to a handwritten number, so doubt alone never makes them noise.
 */
const CODE_LIKE = /\/.*(?:\p{N}|\p{Lu}{2})|(?:\p{N}|\p{Lu}{2}).*\//u;

/** Abbreviations in capitals ("BCT", "UBND", "TTg"): no syllable, yet the document's when read confidently. */
const ABBREVIATION = /^\p{Lu}[\p{Lu}\p{Ll}]{1,7}$/u;

/** The line's noise words: doubtful non-syllables, runs of doubtful words, and every word of a line with no trusted word. */
export function noiseWords(line: OcrLine, options: NoiseOptions = {}): Set<OcrWord> {
  const o = { doubtful: 30, runDoubtful: 30, trusted: 60, ...options };
  const out = new Set<OcrWord>();
  const words = line.words;
  const trustedWord = (w: OcrWord): boolean =>
    w.confidence >= o.trusted &&
    (syllable(w.text) || CODE.test(core(w.text)) || ABBREVIATION.test(core(w.text)));
  if (!words.some(trustedWord)) {
    // A syllable read fairly stays even here: the printed date's "ngày" beside a stamp, its day handwritten.
    for (const w of words)
      if (wordLike(w.text) && !(syllable(w.text) && w.confidence >= o.doubtful)) out.add(w);
    return out;
  }
  const low = words.map((w) => wordLike(w.text) && w.confidence < o.runDoubtful);
  words.forEach((w, i) => {
    if (!wordLike(w.text) || CODE_LIKE.test(w.text)) return;
    const noise = (w.confidence < o.doubtful && !syllable(w.text)) || (low[i] && (low[i - 1] || low[i + 1]));
    if (noise && !o.repairable?.(words, i)) out.add(w);
  });
  return out;
}

/**
 * A line read a second time from ink the page segmentation skipped (src/ocr/unread.ts) is text only when most of its
 * words, and at least two, are syllables or abbreviations read fairly (50), one of them well (80): that ink is
 * mostly seals, signatures and handwriting, whose lone figures and letters the engine reads with confidence.
 */
export function isTextLine(line: OcrLine): boolean {
  const words = line.words.filter(
    (w) =>
      w.confidence >= 50 && (syllable(w.text) || ABBREVIATION.test(core(w.text))) && !/\p{N}/u.test(w.text),
  );
  const wordLikes = line.words.filter((w) => wordLike(w.text)).length;
  return words.length >= 2 && words.length * 2 > wordLikes && words.some((w) => w.confidence >= 80);
}
