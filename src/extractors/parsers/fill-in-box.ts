// Where a fill-in slot sits on the page: the OCR words between its printed label and the next printed word.
import type { Box, OcrLine, OcrPage, OcrWord } from "../../types.js";
import { fold } from "./text.js";
import type { Slot } from "./fill-ins.js";

/** The printed words around each slot, folded: the slot lies after `from` and before `to`. */
const AROUND: Record<Slot, { from: RegExp; to: RegExp }> = {
  // The printed symbol starts with its slash, or is glued to the pen number ("47/qd-ubnd"); a pen stroke
  // read as a slash ("z22/") is still the slot.
  number: { from: /^s[o6]\b|^s[o6][:;.]/, to: /^\/|\/[a-z0-9]/ },
  day: { from: /^ngay/, to: /^t[hk]?[a-z]{2,3}g/ },
  month: { from: /^t[hk]?[a-z]{2,3}g/, to: /^n[a-z]{1,2}m$/ },
};

/** The label word alone (with its colon or comma), nothing of the slot glued to it. */
const LABEL_ALONE: Record<Slot, RegExp> = {
  number: /^s[o6][:;.]?$/,
  day: /^ng\S{1,2}[,.]?$/,
  month: /^t[hk]?[a-z]{2,3}g[,.]?$/,
};

export interface SlotPlace {
  /** 0-based page index. */
  page: number;
  box: Box;
  /** Lowest OCR confidence (0..100) of the words in the slot; undefined for an empty slot. */
  confidence?: number;
  /** The box is a printed word's too (OCR glued the slot to its label): no reader can cut the pen strokes out. */
  shared?: true;
}

function union(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * Advance widths of Times New Roman (the face of Decree 30/2020's documents; Liberation Serif has the same
 * metrics), in thousandths of an em, for the letters whose width is far from an "n"'s 500: a word of "m"s is
 * wide, one of "i"s and "t"s narrow.
 */
const NARROW_OR_WIDE: Record<string, number> = {
  f: 333,
  i: 278,
  j: 278,
  l: 278,
  m: 778,
  r: 333,
  s: 389,
  t: 278,
  w: 722,
  I: 333,
  J: 389,
  M: 889,
  W: 944,
};

/** A character's width in "n" widths of a serif face: capitals wider (about 0.7 em), punctuation narrower. */
function letterWeight(c: string): number {
  // A Vietnamese letter is as wide as its base letter ("ă", "ệ", "đ" as "a", "e", "d").
  const base = c === "đ" ? "d" : c === "Đ" ? "D" : c.normalize("NFD")[0]!;
  const known = NARROW_OR_WIDE[base];
  if (known !== undefined) return known / 500;
  if (/\p{Lu}/u.test(base)) return 1.4;
  if (/\p{L}|\p{N}/u.test(base)) return 1;
  return 0.6;
}

/** A word's width in "n" widths of a serif face (letterWeight). */
export const weightOf = (text: string): number => [...text].reduce((n, c) => n + letterWeight(c), 0);

/**
 * Whether OCR's box of a printed word is much wider than its letters need, measured by the line's other
 * words: a pen digit written against it ("ngày15" read as "ngày") is inside that box, out of the slot's.
 */
function swallowedInk(words: readonly OcrLine["words"][number][], at: number): boolean {
  const others = words.filter((_, i) => i !== at);
  const weight = others.reduce((n, w) => n + weightOf(w.text), 0);
  if (weight < 8) return false;
  const perLetter = others.reduce((n, w) => n + (w.box.x1 - w.box.x0), 0) / weight;
  const w = words[at]!;
  return w.box.x1 - w.box.x0 > 1.15 * perLetter * weightOf(w.text);
}

/**
 * Where the slot lies inside a word OCR glued to its label ("ngày23", "ngày,2", "Số:47/QĐ"), from the
 * engine's character boxes: after the label's last character, up to the printed word after it (glued
 * too, or the next word `next`). Undefined without character boxes, without a printed word after the
 * slot, or when no character is left between.
 */
function gluedSlot(word: OcrWord, slot: Slot, next: Box | undefined): Box | undefined {
  const symbols = word.symbols;
  if (!symbols) return undefined;
  let label = -1;
  for (let k = 0, text = ""; k < symbols.length; k++) {
    text += fold(symbols[k]!.text);
    if (LABEL_ALONE[slot].test(text)) label = k;
  }
  if (label < 0 || label === symbols.length - 1) return undefined;
  const rest = symbols.slice(label + 1);
  // The first character from which the rest reads as the printed word after the slot ("tháng", "/QĐ").
  const suffix = (j: number): string =>
    fold(
      rest
        .slice(j)
        .map((r) => r.text)
        .join(""),
    );
  const printed = rest.findIndex((_, j) => AROUND[slot].to.exec(suffix(j))?.index === 0);
  if (printed === 0) return undefined;
  const x0 = symbols[label]!.box.x1;
  // Without the printed word after it, where the pen number ends is unknown: a box cut at the glued
  // word's end could hold "2" of a "23" and read a wrong day.
  if (printed < 0 && !(next && next.x0 > word.box.x1)) return undefined;
  const x1 = printed > 0 ? rest[printed]!.box.x0 : next!.x0;
  return x1 > x0 ? { x0, y0: word.box.y0, x1, y1: word.box.y1 } : undefined;
}

/**
 * The slot's box on its OCR line: the words between the label and the next printed word, or
 * the gap between them when OCR read nothing there (an unread pen stroke), or the label word
 * itself when OCR glued the slot to it ("thángØ?").
 */
export function slotPlace(pages: readonly OcrPage[], line: OcrLine, slot: Slot): SlotPlace | undefined {
  const page = pages.findIndex((p) => p.lines.includes(line));
  if (page < 0) return undefined;
  const words = line.words;
  const folded = words.map((w) => fold(w.text));
  const { from, to } = AROUND[slot];
  const start = folded.findIndex((f) => from.test(f));
  if (start < 0) return undefined;
  const a = words[start]!.box;
  // The label's own box, when the slot cannot be told apart from it.
  const shared: SlotPlace = { page, box: a, confidence: words[start]!.confidence, shared: true };
  const found = folded.findIndex((f, i) => i > start && to.test(f));
  // The label and the slot in one OCR word ("ngày82tháng", "thángØ?"): the slot is inside that word,
  // cut out at the label's last character where the engine placed its characters, else shared.
  if (!LABEL_ALONE[slot].test(folded[start]!)) {
    const glued = gluedSlot(words[start]!, slot, found >= 0 ? words[found]!.box : undefined);
    return glued ? { page, box: glued, confidence: words[start]!.confidence } : shared;
  }
  if (swallowedInk(words, start) || (found >= 0 && swallowedInk(words, found))) return shared;
  const end = found < 0 ? Math.min(words.length, start + 2) : found;
  const inside = words.slice(start + 1, end);
  const b = found < 0 ? undefined : words[end]!.box;
  if (inside.length > 0) {
    const box = union(inside.map((w) => w.box));
    // The whole blank between the label and the printed word after it: a pen number OCR read in
    // part ("2" of "21") has its other strokes there too.
    return {
      page,
      box: b && b.x0 > box.x1 ? { ...box, x0: Math.min(box.x0, a.x1), x1: b.x0 } : box,
      confidence: Math.min(...inside.map((w) => w.confidence)),
    };
  }
  if (!b || b.x0 <= a.x1) return shared;
  return { page, box: { x0: a.x1, y0: Math.min(a.y0, b.y0), x1: b.x0, y1: Math.max(a.y1, b.y1) } };
}
