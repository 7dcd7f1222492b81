// A page whose text came with the PDF: it skips orient → deskew → clean → ocr and keeps its pixels as they are.
import { IDENTITY } from "../imaging/affine.js";
import type { Page, PreparedPage } from "../types.js";

/** The page as a PreparedPage with nothing turned or resampled, flagged `textLayerFromPdf`. */
export function asIs(page: Page): PreparedPage {
  return untouched(page, ["textLayerFromPdf"]);
}

/** The page as a PreparedPage with nothing turned or resampled: its pixels are the OCR image; `flags` added to its own. */
export function untouched(input: Page, flags: string[] = []): PreparedPage {
  // Decoded pixels are not carried into a result the document keeps until it is done.
  const { decoded: _notKept, ...page } = input;
  return {
    ...page,
    orientation: 0,
    skewDegrees: 0,
    ocrImage: page.image,
    ocrWidth: page.width,
    ocrHeight: page.height,
    ocrDpi: page.dpi,
    toSource: IDENTITY,
    flags: [...(page.flags ?? []), ...flags],
  };
}
