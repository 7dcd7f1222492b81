// Date labels the engine glued to the pen marks beside them ("ngày8đuháng", "ngày,24'"): the label is a word of its own.
import { withWords } from "../ocr/page.js";
import type { OcrLine, OcrSymbol, OcrWord, TextCorrection } from "../types.js";

/** "ngày" with marks glued after it, and perhaps "tháng" glued after those (its "t" lost in the pen's ink). */
const GLUED = /^(ngày)([^\p{L}\s][^\s]*?)(t?háng)?$/iu;

const PUNCTUATION = /^[.,;:!?)\]"”'’]+$/u;

/** The pieces of a glued date label, or undefined when the word is none. */
function pieces(text: string): string[] | undefined {
  const m = GLUED.exec(text.normalize("NFC"));
  if (!m) return undefined;
  const [, label, marks, month] = m as unknown as [string, string, string, string | undefined];
  // "ngày:", "ngày," are the label with its punctuation, as printed.
  if (month === undefined && PUNCTUATION.test(marks)) return undefined;
  if (month === undefined) return [label, marks];
  // Between "ngày" and "tháng" the engine read the pen's day; "háng" is "tháng" with its "t" under the ink.
  const written =
    month === month.toLocaleUpperCase("vi") ? "THÁNG" : /^\p{Lu}/u.test(month) ? "Tháng" : "tháng";
  return [label, marks, written];
}

/** The word cut into pieces of these lengths (characters), boxed by the engine's characters where it gave them. */
function cut(word: OcrWord, texts: readonly string[]): OcrWord[] {
  const read = [...word.text.normalize("NFC")];
  const width = word.box.x1 - word.box.x0;
  let at = 0;
  return texts.map((text, k) => {
    // The last piece may be written longer than read ("háng" → "tháng"): it takes the rest of the word.
    const length = k === texts.length - 1 ? read.length - at : [...text].length;
    const from = at;
    at += length;
    const symbols: OcrSymbol[] | undefined =
      word.symbols?.length === read.length ? word.symbols.slice(from, at) : undefined;
    const box = symbols?.length
      ? { ...word.box, x0: symbols[0]!.box.x0, x1: symbols.at(-1)!.box.x1 }
      : {
          ...word.box,
          x0: Math.round(word.box.x0 + (width * from) / read.length),
          x1: Math.round(word.box.x0 + (width * at) / read.length),
        };
    return { ...word, text, box, ...(symbols ? { symbols } : {}) };
  });
}

/**
 * The lines with every date label the engine glued to pen marks cut off as a word of its own ("ngày8đuháng" →
 * "ngày", "8đu", "tháng"); the pen's marks stay a word for the handwriting slot to find. Each cut is a correction
 * at the label's word, `to` holding the pieces.
 */
export function splitGluedLabels(lines: readonly OcrLine[]): { lines: OcrLine[]; splits: TextCorrection[] } {
  const splits: TextCorrection[] = [];
  const out = lines.map((line, li) => {
    if (!line.words.some((w) => pieces(w.text))) return line;
    const words: OcrWord[] = [];
    for (const word of line.words) {
      const texts = pieces(word.text);
      if (!texts) {
        words.push(word);
        continue;
      }
      const to = texts.join(" ");
      splits.push({ line: li, word: words.length, from: word.text, to, confidence: 0.8, reason: "invalid" });
      words.push(...cut(word, texts));
    }
    return withWords(line, words);
  });
  return { lines: out, splits };
}
