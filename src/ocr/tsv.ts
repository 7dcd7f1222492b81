// Parses Tesseract's TSV output (level, page … word, box, conf, text) into an OcrPage.
import type { Box, OcrPage, OcrSymbol } from "../types.js";
import { buildPage } from "./page.js";

const COLUMNS = [
  "level",
  "page_num",
  "block_num",
  "par_num",
  "line_num",
  "word_num",
  "left",
  "top",
  "width",
  "height",
  "conf",
  "text",
] as const;

/** Thrown when the text is not Tesseract TSV at all (wrong header). */
export class TsvFormatError extends Error {
  constructor(reason: string) {
    super(`not Tesseract TSV: ${reason}`);
    this.name = this.constructor.name;
  }
}

type RawWord = { text: string; box: Box; confidence: number; symbols?: OcrSymbol[] };

/**
 * Groups level-5 (word) rows by block/paragraph/line, in output order. The page size comes from
 * the level-1 row unless given. Rows with conf -1 are structure, not words. Level-6 rows (the
 * sohoa-tesseract server's characters of words that hold a digit or glue letters to other marks) become their word's `symbols`
 * when they spell the word inside its box.
 */
export function parseTesseractTsv(
  tsv: string,
  engine = "native",
  size?: { width: number; height: number },
): OcrPage {
  const rows = tsv.split(/\r?\n/u);
  const header = rows.shift()?.split("\t") ?? [];
  if (COLUMNS.some((c, i) => header[i] !== c))
    throw new TsvFormatError(`unexpected header "${header.join(" ").slice(0, 80)}"`);
  let width = size?.width ?? 0;
  let height = size?.height ?? 0;
  const lines = new Map<string, RawWord[]>();
  const words = new Map<string, RawWord>();
  const symbols = new Map<string, OcrSymbol[]>();
  for (const row of rows) {
    if (row === "") continue;
    const cells = row.split("\t");
    // The text is the last column and may itself hold a tab only in theory; rejoin to be safe.
    const [level, pageNum, block, par, line, word, left, top, w, h, conf] = cells.slice(0, 11).map(Number);
    const text = cells.slice(11).join("\t");
    const box = { x0: left!, y0: top!, x1: left! + w!, y1: top! + h! };
    const lineKey = `${pageNum}/${block}/${par}/${line}`;
    if (level === 6) {
      pushTo(symbols, `${lineKey}/${word}`, { text, box });
      continue;
    }
    if (level === 1 && !size && width === 0) {
      width = w ?? 0;
      height = h ?? 0;
    }
    if (level !== 5 || conf === undefined || conf < 0) continue;
    const raw: RawWord = { text, confidence: conf, box };
    words.set(`${lineKey}/${word}`, raw);
    pushTo(lines, lineKey, raw);
  }
  for (const [key, list] of symbols) {
    const raw = words.get(key);
    if (raw && spells(list, raw)) raw.symbols = list;
  }
  return buildPage(engine, width, height, [...lines.values()]);
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** The characters make up the word's text, each inside the word's box (a numbering slip shows as neither). */
function spells(symbols: readonly OcrSymbol[], word: RawWord): boolean {
  const inside = (b: Box): boolean =>
    b.x0 >= word.box.x0 - 1 && b.x1 <= word.box.x1 + 1 && b.y0 >= word.box.y0 - 1 && b.y1 <= word.box.y1 + 1;
  return symbols.map((s) => s.text).join("") === word.text && symbols.every((s) => inside(s.box));
}
