// OCR stage: the prepared page's text, with boxes in the page's upright frame.
import type { PageStageContext } from "../context.js";
import { moveLines } from "../ocr/page.js";
import type { OcrPage, PreparedPage } from "../types.js";

/** Recognises `page.ocrImage` with the context's engine; a blank page is not read (OCR would return specks). */
export async function ocr(page: PreparedPage, ctx: PageStageContext): Promise<OcrPage> {
  if (page.flags.includes("blankPage")) return emptyOcr(page, ctx.ocr.name);
  const result = await ctx.ocr.recognize(page.ocrImage, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    dpi: page.ocrDpi,
  });
  return toFrame(result, page);
}

/** OCR boxes of the cropped image moved into the page's upright frame. */
function toFrame(result: OcrPage, page: PreparedPage): OcrPage {
  const { x, y } = page.ocrCrop ?? { x: 0, y: 0 };
  return { ...result, width: page.ocrWidth, height: page.ocrHeight, lines: moveLines(result.lines, x, y) };
}

function emptyOcr(page: PreparedPage, engine: string): OcrPage {
  return { width: page.ocrWidth, height: page.ocrHeight, lines: [], text: "", confidence: 0, engine };
}
