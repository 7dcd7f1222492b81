// Specks the engine read as a word: a lone glyph far smaller than the page's letters ("Í" three pixels tall, ": ").
import type { OcrLine, OcrPage, OcrWord } from "../types.js";

/** Fewer confident words than this and the page's letter height is no measure. */
const MIN_WORDS = 10;
/** A letter or figure is at least its x-height: under this share of the page's word height it is a speck. */
const LETTER_SHARE = 0.35;
/** Punctuation is small by nature; a speck is smaller still, this share of the word height either way. */
const SPECK_SHARE = 0.25;
/** A stop or a comma further than this share of the word height from the word before belongs to no word. */
const LOOSE_SHARE = 0.5;

/** Rules and list dashes are flat by nature ("-", "——", "~" as the engine reads a list's dash): never specks. */
const FLAT = /^[-–—~_¬]+$/u;

const height = (w: OcrWord): number => w.box.y1 - w.box.y0;
const width = (w: OcrWord): number => w.box.x1 - w.box.x0;

/**
 * The median height of the page's confident words of two letters or more (accents and descenders included), or
 * undefined when the page has too few to tell.
 */
export function wordHeight(page: OcrPage): number | undefined {
  const heights = page.lines
    .flatMap((l) => l.words)
    .filter((w) => w.confidence >= 80 && (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2)
    .map(height)
    .sort((a, b) => a - b);
  return heights.length < MIN_WORDS ? undefined : heights[Math.floor(heights.length / 2)];
}

/**
 * The line's specks: one-glyph words whose ink is far smaller than the page's words (`textHeight`, from wordHeight).
 * A letter or figure shorter than its x-height could be is no letter of this text ("n" 8 px tall beside 34 px words).
 * A mark of two pixels (".", ":", "+") is one too, save a stop or comma set close after its word ("khoản 2 .").
 */
export function speckWords(line: OcrLine, textHeight: number): Set<OcrWord> {
  const out = new Set<OcrWord>();
  line.words.forEach((w, i) => {
    if ([...w.text].length > 2 || FLAT.test(w.text)) return;
    const tiny = height(w) <= textHeight * SPECK_SHARE && width(w) <= textHeight * SPECK_SHARE;
    if (/[\p{L}\p{N}]/u.test(w.text)) {
      if (height(w) < textHeight * LETTER_SHARE && width(w) < textHeight) out.add(w);
      return;
    }
    if (!tiny) return;
    const before = line.words[i - 1];
    const closeStop =
      /^[.,;]$/u.test(w.text) && before !== undefined && w.box.x0 - before.box.x1 <= textHeight * LOOSE_SHARE;
    if (!closeStop) out.add(w);
  });
  return out;
}

/** The engine's characters of a word with their boxes (the heights are what a speck is judged by). */
export type GlyphBoxes = ReadonlyArray<{ text: string; box: { y0: number; y1: number } }>;

/** A colon or semicolon spans the x-height; a trailing one under this share of the page's word height is a speck. */
const COLON_SHARE = 0.3;

/**
 * The word without a trailing ":" or ";" too small to be one ("Luật:" whose colon is a 5-pixel dot under the line),
 * by the engine's character boxes; undefined when the word keeps its mark or the boxes are not known.
 */
export function withoutSpeckColon(
  word: { text: string; symbols?: GlyphBoxes },
  textHeight: number | undefined,
): string | undefined {
  const last = word.symbols?.at(-1);
  if (textHeight === undefined || !last || !/^[:;]$/u.test(last.text) || !word.text.endsWith(last.text))
    return undefined;
  if (!/\p{L}/u.test(word.text.slice(0, -1))) return undefined;
  return last.box.y1 - last.box.y0 < textHeight * COLON_SHARE ? word.text.slice(0, -1) : undefined;
}
