// The legal bases of a decision ("Căn cứ …;"): the format rule puts a semicolon after every one, which OCR reads as a comma.
import type { OcrLine } from "../types.js";

/**
 * Lines that open a basis ("Căn cứ", "Theo đề nghị", "Xét đề nghị"). Decree 30/2020/NĐ-CP on the format of
 * administrative documents (Appendix I): after each basis the line breaks and ends with a semicolon; the last
 * basis ends with a full stop. So a "Căn cứ" paragraph followed by another basis ends with ";".
 */
const OPENS_BASIS = /^(?:căn\s+cứ|theo\s+đề\s+nghị|xét\s+đề\s+nghị)(?![\p{L}\p{N}])/iu;
const CAN_CU = /^căn\s+cứ(?![\p{L}\p{N}])/iu;

/** Where a word ends a "Căn cứ" paragraph that another basis follows with a comma: line and word to end with ";". */
export function basisSemicolons(lines: readonly OcrLine[]): Array<{ line: number; word: number }> {
  const out: Array<{ line: number; word: number }> = [];
  let inBasis = false;
  const texts = lines.map((l) => l.text.normalize("NFC").trim());
  lines.forEach((line, i) => {
    if (OPENS_BASIS.test(texts[i]!)) inBasis = CAN_CU.test(texts[i]!);
    const last = line.words.length - 1;
    if (inBasis && OPENS_BASIS.test(texts[i + 1] ?? "") && /[^,],$/u.test(line.words[last]?.text ?? ""))
      out.push({ line: i, word: last });
  });
  return out;
}
