// Invisible OCR text (render mode 3) placed over each word of the original page image.
import type { Affine, OcrPage, OcrWord } from "../types.js";
import { encodeGlyphless, GLYPHLESS_WIDTH } from "./glyphless-font.js";
import { multiply, num, operands } from "./matrix.js";

export interface TextLayerGeometry {
  /** ocrImage pixels → original image pixels (y down in both). */
  toSource: Affine;
  /** Original image pixels → PDF user space (y up, points). */
  toPage: Affine;
}

/** The matrix from original-image pixels (y down) to PDF points (y up) for a page of `height` px at `dpi`. */
export function pixelsToPoints(height: number, dpi: number): Affine {
  const k = 72 / dpi;
  return { a: k, b: 0, c: 0, d: -k, e: 0, f: height * k };
}

/** Text-space → ocr pixels for a word whose baseline sits on the box bottom, y flipped to point up. */
function wordOrigin(x: number, baseline: number): Affine {
  return { a: 1, b: 0, c: 0, d: -1, e: x, f: baseline };
}

/** One `Tm … Tz … Tj` run for `text` spanning `width` px at font size `size` px, starting at x on `baseline`. */
function run(
  text: string,
  x: number,
  baseline: number,
  width: number,
  size: number,
  g: TextLayerGeometry,
): string {
  const { hex, glyphs } = encodeGlyphless(text);
  if (glyphs === 0 || width <= 0 || size <= 0) return "";
  const natural = (glyphs * GLYPHLESS_WIDTH * size) / 1000;
  const tm = multiply(multiply(wordOrigin(x, baseline), g.toSource), g.toPage);
  return `/F0 ${num(size)} Tf\n${operands(tm)} Tm\n${num((100 * width) / natural)} Tz\n<${hex}> Tj\n`;
}

/** Content-stream operators drawing the page's OCR words invisibly; "" when there are none. */
export function textLayerOperators(ocr: OcrPage, geometry: TextLayerGeometry): string {
  let body = "";
  for (const line of ocr.lines) {
    const words = line.words.filter(
      (w: OcrWord) => w.text.trim() !== "" && w.box.x1 > w.box.x0 && w.box.y1 > w.box.y0,
    );
    // One font size per line keeps selection highlights even and lets extractors see one line.
    const size = Math.max(...words.map((w) => w.box.y1 - w.box.y0), 1);
    const baseline = Math.max(...words.map((w) => w.box.y1), 0);
    // Word breaks must survive extraction even where OCR boxes of neighbours touch or overlap
    // ("lập -"): a word yields room to its successor, so a visible gap holds the space glyph.
    const minGap = Math.max(1, size * 0.15);
    words.forEach((word, i) => {
      const next = words[i + 1];
      const end = next ? Math.max(word.box.x0 + 1, Math.min(word.box.x1, next.box.x0 - minGap)) : word.box.x1;
      body += run(word.text.trim(), word.box.x0, baseline, end - word.box.x0, size, geometry);
      // A real space glyph stretched over the gap, so copy and search see word breaks.
      if (next) body += run(" ", end, baseline, Math.max(minGap, next.box.x0 - end), size, geometry);
    });
  }
  return body === "" ? "" : `BT\n3 Tr\n${body}ET\n`;
}
