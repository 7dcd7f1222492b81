// OCR stage: the prepared page's text, with boxes in the page's upright frame.
import type { PageStageContext } from "../context.js";
import type { Box, OcrPage, PreparedPage } from "../types.js";

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
  const move = (b: Box): Box => ({ x0: b.x0 + x, y0: b.y0 + y, x1: b.x1 + x, y1: b.y1 + y });
  return {
    ...result,
    width: page.ocrWidth,
    height: page.ocrHeight,
    lines: result.lines.map((line) => ({
      ...line,
      box: move(line.box),
      words: line.words.map((w) => ({ ...w, box: move(w.box) })),
    })),
  };
}

function emptyOcr(page: PreparedPage, engine: string): OcrPage {
  return { width: page.ocrWidth, height: page.ocrHeight, lines: [], text: "", confidence: 0, engine };
}
