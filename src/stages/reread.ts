// Second read, inside the OCR stage: the ink the page segmentation skipped (signer's block by a seal), read as a block.
import type { PageStageContext } from "../context.js";
import { readOcrImage, writeOcrTiff } from "../imaging/ocr-image.js";
import { moveBox, moveLines } from "../ocr/page.js";
import { inkShare, maskBoxes, mergeLines } from "../ocr/unread.js";
import { isTextLine } from "../text/noise-lines.js";
import type { OcrPage, PreparedPage } from "../types.js";

/** Less ink than this share of the OCR image left unread is specks and rules: no second read. */
const MIN_UNREAD_INK = 0.002;

/**
 * Whitens every word the first read found (grown by a thirtieth of an inch) on the OCR image, reads what is left
 * with Tesseract's single-block mode, and adds the lines that read as text (isTextLine) to the page in reading order.
 * Costs one more engine call on pages with enough unread ink; a page whose OCR image cannot be read is returned as it is.
 */
export async function reread(page: OcrPage, prepared: PreparedPage, ctx: PageStageContext): Promise<OcrPage> {
  if (page.lines.length === 0 || prepared.flags.includes("blankPage")) return page;
  const grey = await readOcrImage(prepared.ocrImage);
  if (!grey) return page;
  const { x, y } = prepared.ocrCrop ?? { x: 0, y: 0 };
  const read = page.lines.flatMap((l) => l.words.map((w) => moveBox(w.box, -x, -y)));
  const masked = maskBoxes(grey, read, prepared.ocrDpi / 30);
  if (inkShare(masked) < MIN_UNREAD_INK) return page;
  const image = ctx.path("unread.tif");
  await writeOcrTiff(image, masked, prepared.ocrDpi);
  const second = await ctx.ocr.recognize(image, {
    psm: 6,
    dpi: prepared.ocrDpi,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const lines = moveLines(second.lines.filter(isTextLine), x, y);
  if (lines.length > 0) ctx.log.debug({ lines: lines.length }, "read skipped ink");
  return mergeLines(page, lines);
}
