// A PDF page's image streams, copied byte for byte into a small side PDF that the archival stage embeds.
import { writeFile } from "node:fs/promises";
import { PDFDict, PDFDocument, PDFName, PDFObjectCopier, PDFRawStream, type PDFRef } from "pdf-lib";
import type { Affine, PassthroughImages } from "../types.js";

/** One image to keep: its stream in the source, the bytes to store (decrypted) and where it is painted. */
export interface KeptImage {
  stream: PDFRawStream;
  /** The stream data as stored, decrypted; equals `stream.contents` for an unencrypted file. */
  data: Buffer;
  /** The unit square onto page-raster pixels (x right, y down). */
  matrix: Affine;
  /** RGB 0..1 a stencil mask (/ImageMask) is painted with. */
  fill?: [number, number, number];
}

/** Keys PDF/A-2 forbids on an image, or that point into the source's structure and would dangle. */
const DROPPED_KEYS = ["Alternates", "OPI", "OC", "StructParent", "StructParents", "Metadata", "Interpolate"];

/** Copies the dictionary's references from the source; the data is set apart so a decrypted copy can be stored. */
function copyImage(
  copier: PDFObjectCopier,
  target: PDFDocument,
  image: { stream: PDFRawStream; data: Buffer },
): PDFRef {
  const own = image.stream.dict.clone();
  for (const key of [...DROPPED_KEYS, "SMask", "Length"]) own.delete(PDFName.of(key));
  const dict = copier.copy(own) as PDFDict;
  const smask = image.stream.dict.lookup(PDFName.of("SMask"));
  if (smask instanceof PDFRawStream) {
    dict.set(
      PDFName.of("SMask"),
      copyImage(copier, target, { stream: smask, data: Buffer.from(smask.contents) }),
    );
  }
  return target.context.register(PDFRawStream.of(dict, image.data));
}

/**
 * Writes `file`: one page whose /Resources /XObject holds the kept images as /I0, /I1 … in painting
 * order. Everything else the images refer to (SMask, ICC profile, palette, JBIG2Globals) comes with them.
 */
export async function writePassthroughPdf(
  file: string,
  source: PDFDocument,
  images: KeptImage[],
): Promise<PassthroughImages> {
  const target = await PDFDocument.create({ updateMetadata: false });
  const copier = PDFObjectCopier.for(source.context, target.context);
  const page = target.addPage([1, 1]);
  const layers: PassthroughImages["layers"] = [];
  images.forEach((image, i) => {
    const name = `I${i}`;
    page.node.setXObject(PDFName.of(name), copyImage(copier, target, image));
    layers.push({ name, matrix: image.matrix, ...(image.fill ? { fill: image.fill } : {}) });
  });
  await writeFile(file, await target.save({ useObjectStreams: false, addDefaultPage: false }));
  return { pdf: file, layers };
}
