// Scanner PDFs: take each page's embedded scan out as it is (JPEG passthrough, PNG rebuilt from Flate).
import { inflateSync } from "node:zlib";
import { writeFile } from "node:fs/promises";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  type PDFPage,
} from "pdf-lib";
import sharp from "sharp";
import { CorruptImageError, EncryptedPdfError, UnsupportedFileError } from "../errors/index.js";

/** One page's scan as found in the PDF, before it is written to the work folder. */
export interface PdfPageScan {
  /** Bytes and format of the page image as written to disk. */
  encoded: Buffer;
  format: "jpeg" | "png";
  width: number;
  height: number;
  dpi: number;
  hasText: boolean;
}

export async function loadPdf(file: string, bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    const name = (error as Error).name ?? "";
    if (name === "EncryptedPDFError" || /encrypt/i.test((error as Error).message)) throw new EncryptedPdfError(file, { cause: error });
    throw new CorruptImageError(file, `broken PDF: ${(error as Error).message}`, { cause: error });
  }
}

/** The largest image drawn on the page: a scanner PDF has one per page. */
export async function extractPageScan(file: string, page: PDFPage, pageIndex: number): Promise<PdfPageScan> {
  const images = pageImages(page);
  if (images.length === 0) {
    throw new UnsupportedFileError(file, `page ${pageIndex + 1} holds no scanned image (a born-digital PDF?)`, {
      hint: "Born-digital PDFs need no OCR; archive them with a PDF/A converter instead.",
    });
  }
  const image = images.reduce((a, b) => (area(b) > area(a) ? b : a));
  const { width: pageWidthPt } = page.getSize();
  const dpi = Math.round((image.width * 72) / pageWidthPt);
  const encoded = await decodeImage(file, image, pageIndex);
  return { ...encoded, width: image.width, height: image.height, dpi, hasText: pageHasText(page) };
}

interface PdfImage {
  stream: PDFRawStream;
  width: number;
  height: number;
}

function area(image: PdfImage): number {
  return image.width * image.height;
}

function pageImages(page: PDFPage): PdfImage[] {
  const resources = page.node.Resources();
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return [];
  const found: PdfImage[] = [];
  for (const [, ref] of xobjects.entries()) {
    const object = ref instanceof PDFRef ? page.doc.context.lookup(ref) : ref;
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const width = numberOf(object.dict, "Width");
    const height = numberOf(object.dict, "Height");
    if (width > 0 && height > 0) found.push({ stream: object, width, height });
  }
  return found;
}

function pageHasText(page: PDFPage): boolean {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict);
  return fonts !== undefined && fonts.keys().length > 0;
}

function numberOf(dict: PDFDict, key: string): number {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

function filtersOf(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of("Filter"));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : "?"));
  return [];
}

function channelsOf(dict: PDFDict): number | undefined {
  const space = dict.lookup(PDFName.of("ColorSpace"));
  if (space === PDFName.of("DeviceGray")) return 1;
  if (space === PDFName.of("DeviceRGB")) return 3;
  return undefined;
}

async function decodeImage(file: string, image: PdfImage, pageIndex: number): Promise<{ encoded: Buffer; format: "jpeg" | "png" }> {
  const { dict, contents } = image.stream;
  const filters = filtersOf(dict);
  const where = `page ${pageIndex + 1}`;
  if (filters.length === 1 && filters[0] === "DCTDecode") return { encoded: Buffer.from(contents), format: "jpeg" };
  const channels = channelsOf(dict);
  const bits = numberOf(dict, "BitsPerComponent");
  if (filters.length <= 1 && (filters[0] ?? "FlateDecode") === "FlateDecode" && channels && (bits === 8 || bits === 1)) {
    let raw: Buffer;
    try {
      raw = filters.length === 0 ? Buffer.from(contents) : inflateSync(contents);
    } catch (error) {
      throw new CorruptImageError(file, `${where}: image data does not inflate`, { cause: error });
    }
    const pixels = unpredict(raw, dict, image.width, channels, bits);
    const expanded = bits === 1 ? expandBits(pixels, image.width, image.height) : pixels;
    const encoded = await sharp(expanded, { raw: { width: image.width, height: image.height, channels: channels as 1 | 3 } })
      .png({ compressionLevel: 6 })
      .toBuffer();
    return { encoded, format: "png" };
  }
  throw new UnsupportedFileError(file, `${where}: image encoding ${filters.join("+") || "none"} is not supported yet`, {
    hint: "Re-export the scan as JPEG or PNG pages, or as a TIFF.",
  });
}

/** Undo PNG row predictors (Predictor ≥ 10), which scanner software often applies before Flate. */
function unpredict(data: Buffer, dict: PDFDict, width: number, channels: number, bits: number): Buffer {
  const parms = dict.lookup(PDFName.of("DecodeParms"));
  const predictor = parms instanceof PDFDict ? numberOf(parms, "Predictor") : 0;
  if (predictor < 10) return data;
  const bpp = Math.max(1, (channels * bits) >> 3);
  const rowBytes = Math.ceil((width * channels * bits) / 8);
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = r > 0 ? out[dst - rowBytes + i]! : 0;
      const c = r > 0 && i >= bpp ? out[dst - rowBytes + i - bpp]! : 0;
      out[dst + i] = (x + predictorValue(type, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predictorValue(type: number, a: number, b: number, c: number): number {
  switch (type) {
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      return 0;
  }
}

/** 1-bit rows (0 = black in DeviceGray) to 8-bit grey. */
function expandBits(data: Buffer, width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8);
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      out[y * width + x] = bit ? 255 : 0;
    }
  }
  return out;
}

export async function writePageScan(path: string, scan: PdfPageScan): Promise<void> {
  await writeFile(path, scan.encoded);
}
