// An OCR page made of given lines, for the tests of what reads pages (denoise, overlay, specks, pen slots).
import type { OcrLine, OcrPage } from "../src/types.js";

/** A page of `lines`, A4 at 300 dpi unless sized otherwise; its text is its lines' text, one a line. */
export function ocrPage(lines: OcrLine[], size = { width: 2480, height: 3508 }): OcrPage {
  return { ...size, lines, text: lines.map((l) => l.text).join("\n"), confidence: 90, engine: "t" };
}
