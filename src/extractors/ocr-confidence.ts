// Field confidence from OCR: the weakest word Tesseract read for a value caps the extractor's confidence.
import type { OcrLine } from "../types.js";
import { fold, nfc, squash } from "./parsers/text.js";
import type { DetectInput, Extracted } from "./types.js";

/**
 * The OCR line behind each text line (index for index with `input.lines`), matched in order by
 * their text; undefined where the text has no OCR line (no pages, or text edited after OCR).
 */
export function alignOcrLines(input: DetectInput): Array<OcrLine | undefined> {
  const ocr = (input.pages ?? []).flatMap((p) => p.lines).filter((l) => squash(l.text).length > 0);
  const out: Array<OcrLine | undefined> = [];
  let k = 0;
  for (const line of input.lines) {
    let found = -1;
    for (let j = k; j < ocr.length; j++) {
      if (squash(nfc(ocr[j]!.text)) === line) {
        found = j;
        break;
      }
    }
    out.push(found >= 0 ? ocr[found] : undefined);
    if (found >= 0) k = found + 1;
  }
  return out;
}

/** Letter-digit pieces of folded text, digits without leading zeros ("09" and "9" are one piece). */
function pieces(text: string): string[] {
  return fold(nfc(text))
    .split(/[^a-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p));
}

/**
 * The lowest confidence (0..1) of the OCR words that spell `value` on the value's lines: a word
 * counts when all its pieces occur in the value. Undefined when no word matches (the value
 * was rebuilt, e.g. a date in ISO form from words that are not on the line).
 */
export function ocrConfidence(
  aligned: ReadonlyArray<OcrLine | undefined>,
  value: Extracted,
): number | undefined {
  const lines = value.lines ?? (value.line !== undefined ? [value.line] : []);
  const wanted = new Set(pieces(String(value.value)));
  let min: number | undefined;
  for (const n of lines) {
    for (const word of aligned[n - 1]?.words ?? []) {
      const p = pieces(word.text);
      if (p.length === 0 || !p.every((x) => wanted.has(x))) continue;
      min = Math.min(min ?? 100, word.confidence);
    }
  }
  return min === undefined ? undefined : Math.max(0, Math.min(1, min / 100));
}
