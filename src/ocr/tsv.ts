// Parses Tesseract's TSV output (level, page … word, box, conf, text) into an OcrPage.
import type { Box, OcrPage } from "../types.js";
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

/**
 * Groups level-5 (word) rows by block/paragraph/line, in output order. The page size comes from
 * the level-1 row unless given. Rows with conf -1 are structure, not words.
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
  const lines = new Map<string, Array<{ text: string; box: Box; confidence: number }>>();
  for (const row of rows) {
    if (row === "") continue;
    const cells = row.split("\t");
    // The text is the last column and may itself hold a tab only in theory; rejoin to be safe.
    const [level, pageNum, block, par, line, , left, top, w, h, conf] = cells.slice(0, 11).map(Number);
    const text = cells.slice(11).join("\t");
    if (level === 1 && !size && width === 0) {
      width = w ?? 0;
      height = h ?? 0;
    }
    if (level !== 5 || conf === undefined || conf < 0) continue;
    const key = `${pageNum}/${block}/${par}/${line}`;
    const list = lines.get(key) ?? [];
    list.push({ text, confidence: conf, box: { x0: left!, y0: top!, x1: left! + w!, y1: top! + h! } });
    lines.set(key, list);
  }
  return buildPage(engine, width, height, [...lines.values()]);
}
