// The text layer agrees with the pen slots: the engine's marks there give way to the digits the reader read, or to
// nothing where it read none (what the engine makes of pen strokes is no text: "ngày 2{ tháng").
import { withLines, withWords } from "../ocr/page.js";
import type { Box, ExtractionResult, OcrLine, OcrPage, OcrWord, TextCorrection } from "../types.js";

/** A pen slot: where it is, the digits the reader read ("" where it left the slot unread), how sure it is (0..1). */
export interface ReadSlot {
  slot: string;
  box: Box;
  digits: string;
  confidence: number;
}

const centreX = (b: Box): number => (b.x0 + b.x1) / 2;
const inSlot = (b: Box, slot: Box): boolean => centreX(b) >= slot.x0 && centreX(b) <= slot.x1;

/** The line the slot lies on: the one whose box overlaps the slot's most in height and holds it across. */
function lineOf(lines: readonly OcrLine[], box: Box): number {
  let best = -1;
  let bestOverlap = 0;
  lines.forEach((line, i) => {
    const overlap = Math.min(line.box.y1, box.y1) - Math.max(line.box.y0, box.y0);
    const across = line.box.x0 <= box.x1 && line.box.x1 >= box.x0;
    if (across && overlap > bestOverlap) [best, bestOverlap] = [i, overlap];
  });
  return best;
}

/** The word in up to three pieces: its characters before, inside and after the slot (by the engine's character boxes). */
function cut(word: OcrWord, slot: Box): { before?: OcrWord; inside: boolean; after?: OcrWord } {
  if (!word.symbols?.length) return { inside: inSlot(word.box, slot) };
  const piece = (chars: NonNullable<OcrWord["symbols"]>): OcrWord | undefined =>
    chars.length === 0
      ? undefined
      : {
          text: chars.map((c) => c.text).join(""),
          box: { ...word.box, x0: chars[0]!.box.x0, x1: chars.at(-1)!.box.x1 },
          confidence: word.confidence,
          line: word.line,
          symbols: chars,
        };
  const inside = word.symbols.filter((c) => inSlot(c.box, slot));
  // A word with none of its characters in the slot stays whole, wherever it lies.
  if (inside.length === 0) return { inside: false };
  const before = word.symbols.filter((c) => centreX(c.box) < slot.x0);
  const after = word.symbols.filter((c) => centreX(c.box) > slot.x1);
  const b = piece(before);
  const a = piece(after);
  return { inside: true, ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
}

/**
 * The line with the slot's words (or the slot's characters of a word OCR glued to its label, "ngày82tháng") replaced
 * by one word of the read digits, boxed as the slot (by none for an unread slot); a number's digits join the printed
 * symbol after them ("729/QĐ-TTg", as the number is written). `index` maps each old word to its new place (undefined: replaced).
 */
export function writeSlot(
  line: OcrLine,
  read: ReadSlot,
): { line: OcrLine; index: Array<number | undefined> } {
  const words: OcrWord[] = [];
  const index: Array<number | undefined> = [];
  let at = -1;
  const lineNo = line.words[0]?.line ?? 0;
  line.words.forEach((word) => {
    const { before, inside, after } = cut(word, read.box);
    if (!inside) {
      index.push(words.length);
      words.push(word);
      return;
    }
    index.push(before ? words.length : undefined);
    if (before) words.push(before);
    if (at < 0) at = words.length;
    if (after) words.push(after);
  });
  // A slot the reader left unread: the engine's marks are gone, and nothing takes their place.
  if (read.digits === "") return { line: withWords(line, words), index };
  if (at < 0) {
    // An empty slot: the digits go where the slot is, among the words around it.
    const past = words.findIndex((w) => centreX(w.box) > centreX(read.box));
    at = past < 0 ? words.length : past;
  }
  const box = {
    x0: read.box.x0,
    y0: Math.max(read.box.y0, line.box.y0),
    x1: read.box.x1,
    y1: Math.min(read.box.y1, line.box.y1),
  };
  const digits: OcrWord = {
    text: read.digits,
    box,
    confidence: Math.round(read.confidence * 100),
    line: lineNo,
  };
  const next = words[at];
  if (read.slot === "number" && next?.text.startsWith("/")) {
    const { symbols: _, ...rest } = next;
    words[at] = { ...rest, text: `${read.digits}${next.text}`, box: { ...next.box, x0: box.x0 } };
  } else {
    words.splice(at, 0, digits);
    for (let k = 0; k < index.length; k++) if (index[k] !== undefined && index[k]! >= at) index[k]!++;
  }
  return { line: withWords(line, words), index };
}

/** The page with every slot written into its line (writeSlot), its text rebuilt and its corrections kept in place. */
export function writePenSlots(page: OcrPage, reads: readonly ReadSlot[]): OcrPage {
  let lines = page.lines;
  let corrections: TextCorrection[] | undefined = page.corrections;
  for (const read of reads) {
    const li = lineOf(lines, read.box);
    if (li < 0) continue;
    const { line, index } = writeSlot(lines[li]!, read);
    lines = lines.map((l, i) => (i === li ? line : l));
    corrections = corrections?.flatMap((c) => {
      if (c.line !== li) return [c];
      const word = index[c.word];
      return word === undefined ? [] : [{ ...c, word }];
    });
  }
  if (lines === page.lines) return page;
  return { ...withLines(page, lines), ...(corrections ? { corrections } : {}) };
}

/**
 * Every handwritten field's slots by page, with the digits the reader read or "" where it read none: the fields keep
 * only the printed part there, and so does the text.
 */
export function penSlotsByPage(extraction: Pick<ExtractionResult, "fields">): Map<number, ReadSlot[]> {
  const out = new Map<number, ReadSlot[]>();
  for (const field of Object.values(extraction.fields)) {
    const hw = field.handwritten;
    if (!hw) continue;
    for (const place of hw.places ?? []) {
      if (place.shared) continue;
      const digits = hw.read?.slots[place.slot] ?? "";
      const read = { slot: place.slot, box: place.box, digits, confidence: hw.read?.confidence ?? 0 };
      out.set(place.page, [...(out.get(place.page) ?? []), read]);
    }
  }
  return out;
}
