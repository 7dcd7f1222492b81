// Denoise, before the correct stage: words inside stamp frames and words made up from seals or signatures leave the text.
import type { Logger } from "../logger.js";
import { findFramesIn } from "../ocr/frames.js";
import { moveBox, withLines } from "../ocr/page.js";
import { repairableInPlace } from "../text/correct.js";
import { noiseWords } from "../text/noise-lines.js";
import { speckWords, wordHeight } from "../text/specks.js";
import { splitLines } from "../text/overlay.js";
import type { Box, OcrPage, OcrWord, PreparedPage } from "../types.js";

/** "ngày", "tháng", "năm" of a printed date line, small, with a slip of punctuation: a stamp's "Ngày:" field is neither. */
const DATE_WORD = /^(?:ngày|tháng|năm)[^:\p{L}\p{N}]?$/u;

const centreIn = (w: OcrWord, b: Box): boolean => {
  const cx = (w.box.x0 + w.box.x1) / 2;
  const cy = (w.box.y0 + w.box.y1) / 2;
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
};

/**
 * Moves the page's noise into `overlay` (kept, as the e-signature banner is): every word whose centre lies in a stamp
 * frame (src/ocr/frames.ts, found on the OCR image, moved into the page frame), the words noise-lines.ts
 * judges made up, and specks far smaller than the page's letters (specks.ts). `frames` may be given (tests);
 * otherwise they are found on `prepared.ocrImage`.
 */
export function splitNoise(page: OcrPage, frames: readonly Box[]): OcrPage {
  const outside = page.lines.flatMap((l) => l.words).filter((w) => !frames.some((f) => centreIn(w, f)));
  // A stamp put down over the place-and-date line: that line's date words stay (the stamp's own "Ngày:" has a colon).
  const printedDate = (w: OcrWord, f: Box): boolean =>
    DATE_WORD.test(w.text) &&
    outside.some((o) => o.box.x1 <= f.x0 && Math.min(o.box.y1, w.box.y1) - Math.max(o.box.y0, w.box.y0) > 0);
  const textHeight = wordHeight(page);
  const { lines, overlay } = splitLines(page.lines, (line) => {
    const drop = noiseWords(line, { repairable: repairableInPlace });
    if (textHeight !== undefined) for (const w of speckWords(line, textHeight)) drop.add(w);
    for (const w of line.words) {
      const frame = frames.find((f) => centreIn(w, f));
      if (frame && !printedDate(w, frame)) drop.add(w);
    }
    return drop;
  });
  if (overlay.length === 0) return page;
  return { ...withLines(page, lines), overlay: [...(page.overlay ?? []), ...overlay] };
}

/** The denoise stage: stamp frames found on the OCR image, then splitNoise. */
export async function denoise(
  page: OcrPage,
  prepared: PreparedPage,
  ctx: { log?: Logger } = {},
): Promise<OcrPage> {
  if (page.lines.length === 0) return page;
  const { x, y } = prepared.ocrCrop ?? { x: 0, y: 0 };
  const frames = (await findFramesIn(prepared.ocrImage, { dpi: prepared.ocrDpi })).map((b) =>
    moveBox(b, x, y),
  );
  if (frames.length > 0) ctx.log?.debug({ frames }, "stamp frames");
  return splitNoise(page, frames);
}
