// The annotations a PDF page shows on paper (an e-signature's visible block, a "received" stamp), and
// their drawn pixels: the archival page carries them over its image, the OCR page does not read them.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFPage } from "pdf-lib";
import { applyAffine } from "../imaging/affine.js";
import type { Affine, Box } from "../types.js";

/** Annotation flags (PDF 32000-1, 12.5.3). */
const HIDDEN = 2;
const PRINT = 4;
const NO_VIEW = 32;
/** Kinds that never draw on the page themselves. */
const NOT_DRAWN = new Set(["Link", "Popup"]);

export interface ShownAnnotation {
  subtype: string;
  /** Its rectangle in the page raster (pixels, y down), clamped to the page. */
  box: Box;
}

/**
 * The page's annotations that a printed copy shows: with an appearance stream, the Print flag, and
 * neither Hidden nor NoView; their /Rect taken into the raster by `toRaster` (CropBox and /Rotate).
 */
export function shownAnnotations(
  page: PDFPage,
  toRaster: Affine,
  size: { width: number; height: number },
): ShownAnnotation[] {
  const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
  if (!annots) return [];
  const shown: ShownAnnotation[] = [];
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookupMaybe(i, PDFDict);
    if (!annot) continue;
    const subtype = annot.lookupMaybe(PDFName.of("Subtype"), PDFName)?.decodeText() ?? "";
    const flags = annot.lookupMaybe(PDFName.of("F"), PDFNumber)?.asNumber() ?? 0;
    const appearance = annot.lookupMaybe(PDFName.of("AP"), PDFDict)?.get(PDFName.of("N"));
    if (NOT_DRAWN.has(subtype) || !appearance || !(flags & PRINT) || flags & (HIDDEN | NO_VIEW)) continue;
    const rect = annot.lookupMaybe(PDFName.of("Rect"), PDFArray);
    const r = rect?.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : Number.NaN));
    if (!r || r.length !== 4 || r.some((v) => !Number.isFinite(v))) continue;
    const corners = [
      [r[0]!, r[1]!],
      [r[2]!, r[1]!],
      [r[0]!, r[3]!],
      [r[2]!, r[3]!],
    ].map(([x, y]) => applyAffine(toRaster, x!, y!));
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    const box = {
      x0: Math.max(0, Math.floor(Math.min(...xs))),
      y0: Math.max(0, Math.floor(Math.min(...ys))),
      x1: Math.min(size.width, Math.ceil(Math.max(...xs))),
      y1: Math.min(size.height, Math.ceil(Math.max(...ys))),
    };
    if (box.x1 - box.x0 >= 2 && box.y1 - box.y0 >= 2) shown.push({ subtype, box });
  }
  return shown;
}
