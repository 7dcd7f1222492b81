// Embeds a page image: a PDF page's own streams or JPEG bytes passed through unchanged, a lossy WebP as a fine JPEG,
// everything else lossless (Flate, 8 or 1 bpc).
import { readFile } from "node:fs/promises";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { PDFDict, PDFDocument, PDFName, PDFObjectCopier, type PDFRef } from "pdf-lib";
import type { Page, PassthroughImages } from "../types.js";
import { multiply, num, operands } from "./matrix.js";
import { pngPassthrough, type PngStream } from "./png-passthrough.js";

export interface EmbeddedImage {
  ref: PDFRef;
  /**
   * "passthrough": the original JPEG bytes; "pdf-passthrough": a Form XObject painting the source PDF's
   * own image streams; "png-passthrough": the PNG's own Flate data; "jpeg": a lossy source re-encoded as
   * JPEG; "flate": re-encoded losslessly.
   */
  encoding: "passthrough" | "pdf-passthrough" | "png-passthrough" | "jpeg" | "flate";
}

/** JPEG quality for a lossy source PDF/A cannot hold (WebP): visually the source, a fraction of its Flate size. */
const LOSSY_SOURCE_JPEG_QUALITY = 92;

/**
 * Whether a WebP file's image is lossy (a "VP8 " bitstream) rather than lossless ("VP8L"); an extended
 * ("VP8X") file names its bitstream in a later chunk.
 */
export function isLossyWebp(bytes: Buffer): boolean {
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP") return false;
  for (let at = 12; at + 8 <= bytes.length;) {
    const fourcc = bytes.toString("latin1", at, at + 4);
    if (fourcc === "VP8 ") return true;
    if (fourcc === "VP8L") return false;
    at += 8 + bytes.readUInt32LE(at + 4) + (bytes.readUInt32LE(at + 4) % 2);
  }
  return false;
}

/** 1-bit packing of a grey image whose pixels are all 0 or 255; undefined when any pixel is not. */
function packBilevel(data: Buffer, width: number, height: number): Buffer | undefined {
  const rowBytes = Math.ceil(width / 8);
  const out = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      if (v !== 0 && v !== 255) return undefined;
      if (v === 255) out[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** Lossless Flate image XObject from any format sharp decodes; alpha is flattened onto white. */
export async function embedLossless(doc: PDFDocument, file: string, bilevelHint: boolean): Promise<PDFRef> {
  const image = sharp(file, { failOn: "error" }).flatten({ background: "#ffffff" });
  const meta = await sharp(file).metadata();
  const grey = meta.channels !== undefined && meta.channels <= 2 && meta.space !== "cmyk";
  const { data, info } = await (grey ? image.toColourspace("b-w") : image.toColourspace("srgb").removeAlpha())
    .raw()
    .toBuffer({ resolveWithObject: true });
  let bits = 8;
  let pixels: Buffer = data;
  if (info.channels === 1 && bilevelHint) {
    const packed = packBilevel(data, info.width, info.height);
    if (packed) {
      bits = 1;
      pixels = packed;
    }
  }
  const stream = doc.context.stream(deflateSync(pixels), {
    Type: "XObject",
    Subtype: "Image",
    Width: info.width,
    Height: info.height,
    ColorSpace: info.channels === 1 ? "DeviceGray" : "DeviceRGB",
    BitsPerComponent: bits,
    Filter: "FlateDecode",
  });
  return doc.context.register(stream);
}

/** An image XObject over a PNG's IDAT data, told about the PNG row predictors. */
function embedPngStream(doc: PDFDocument, png: PngStream): PDFRef {
  const stream = doc.context.stream(png.data, {
    Type: "XObject",
    Subtype: "Image",
    Width: png.width,
    Height: png.height,
    ColorSpace: png.colors === 1 ? "DeviceGray" : "DeviceRGB",
    BitsPerComponent: png.bitsPerComponent,
    Filter: "FlateDecode",
    DecodeParms: {
      Predictor: 15,
      Colors: png.colors,
      BitsPerComponent: png.bitsPerComponent,
      Columns: png.width,
    },
  });
  return doc.context.register(stream);
}

/**
 * A Form XObject over the unit square that paints a PDF page's kept image streams where the source
 * painted them, so it stands in for the page image under the same matrix. The streams are copied
 * byte for byte (filters, DecodeParms, JBIG2Globals, SMask and all).
 */
async function embedPdfImages(doc: PDFDocument, page: Page, kept: PassthroughImages): Promise<PDFRef> {
  const side = await PDFDocument.load(await readFile(kept.pdf), { updateMetadata: false });
  const xobjects = side.getPage(0).node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) throw new Error(`page ${page.index + 1}: the kept images are missing from ${kept.pdf}`);
  const copier = PDFObjectCopier.for(side.context, doc.context);
  const resources = doc.context.obj({});
  const names = doc.context.obj({});
  resources.set(PDFName.of("XObject"), names);
  // Kept matrices map each image onto page-raster pixels (y down); the form's space is the raster's unit square.
  const rasterToUnit = { a: 1 / page.width, b: 0, c: 0, d: -1 / page.height, e: 0, f: 1 };
  let content = "";
  for (const layer of kept.layers) {
    const ref = xobjects.get(PDFName.of(layer.name));
    if (!ref) throw new Error(`page ${page.index + 1}: image ${layer.name} is missing from ${kept.pdf}`);
    names.set(PDFName.of(layer.name), copier.copy(ref));
    const fill = layer.fill ? `${layer.fill.map((v) => num(v)).join(" ")} rg ` : "";
    content += `q ${fill}${operands(multiply(layer.matrix, rasterToUnit))} cm /${layer.name} Do Q\n`;
  }
  const form = doc.context.flateStream(content, {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, 1, 1],
    Resources: resources,
  });
  return doc.context.register(form);
}

/** Embeds the page's original image; JPEG in a PDF/A-safe colour space keeps its exact bytes. */
export async function embedPageImage(doc: PDFDocument, page: Page): Promise<EmbeddedImage> {
  if (page.passthrough)
    return { ref: await embedPdfImages(doc, page, page.passthrough), encoding: "pdf-passthrough" };
  if (page.format === "jpeg") {
    const meta = await sharp(page.image).metadata();
    // CMYK JPEGs would need a CMYK OutputIntent; decode those losslessly into RGB instead.
    if (meta.space !== "cmyk") {
      const jpg = await doc.embedJpg(await readFile(page.image));
      return { ref: jpg.ref, encoding: "passthrough" };
    }
  }
  if (page.format === "png") {
    const png = pngPassthrough(await readFile(page.image));
    if (png) return { ref: embedPngStream(doc, png), encoding: "png-passthrough" };
  }
  // PDF/A holds no WebP; a lossy one stored losslessly would come out many times its source's size.
  if (page.format === "webp" && isLossyWebp(await readFile(page.image))) {
    const grey = page.colour !== "colour";
    const image = sharp(page.image).flatten({ background: "#ffffff" });
    const jpeg = await (grey ? image.toColourspace("b-w") : image.toColourspace("srgb"))
      .jpeg({ quality: LOSSY_SOURCE_JPEG_QUALITY })
      .toBuffer();
    return { ref: (await doc.embedJpg(jpeg)).ref, encoding: "jpeg" };
  }
  return { ref: await embedLossless(doc, page.image, page.colour === "bilevel"), encoding: "flate" };
}
