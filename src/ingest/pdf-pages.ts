// Scanner PDFs through PDFium: each page drawn at its scan's resolution, its image streams kept for the archive.
import { writeFile } from "node:fs/promises";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject, type PDFPage } from "pdf-lib";
import { CorruptImageError, EncryptedPdfError } from "../errors/index.js";
import type { Limits } from "../limits.js";
import { multiply } from "../pdf/matrix.js";
import sharp from "sharp";
import type { Affine, ColourMode, GreyImage, PageOverlay, PassthroughImages } from "../types.js";
import { shownAnnotations } from "./pdf-annotations.js";
import { checkImageBounds } from "./pdf-bounds.js";
import { clipBlocker, userToRaster } from "./pdf-geometry.js";
import { declaredBytes, filtersOf, isImageMask, numberIn, passthroughObstacle } from "./pdf-image-dict.js";
import { writePassthroughPdf, type KeptImage } from "./pdf-passthrough.js";
import { checkPagePixels, renderPage } from "./pdf-render.js";
import { PdfiumDocument, PdfiumPasswordError, type PageObject } from "./pdfium.js";

/** An open scanner PDF: PDFium draws and decrypts, pdf-lib reads the image dictionaries. */
export interface OpenPdf {
  file: string;
  engine: PdfiumDocument;
  /** Undefined when pdf-lib cannot parse the file: its pages are then redrawn, never passed through. */
  structure: PDFDocument | undefined;
  pageCount: number;
  /** The file uses a security handler and opened with the empty user password. */
  encrypted: boolean;
}

/** One page as ingested from a PDF. */
export interface PdfPageScan {
  /** The decodable page image analysis and OCR read, and its format. */
  image: string;
  format: "png" | "jpeg";
  width: number;
  height: number;
  dpi: number;
  colour: ColourMode;
  hasText: boolean;
  passthrough?: PassthroughImages;
  /** Why the page's images could not be kept as they are, when they could not. */
  redrawnBecause?: string;
  /** The drawn page's ink plane (see loadInkGrey); absent when `image` is the source's own JPEG. */
  decoded?: GreyImage;
  /** Printable annotations drawn (e-signature blocks, stamps), for the archival page only. */
  overlays?: PageOverlay[];
}

/** Resolution for pages without any image (drawn content only). */
const VECTOR_PAGE_DPI = 300;

export async function openPdf(file: string, bytes: Uint8Array): Promise<OpenPdf> {
  let engine: PdfiumDocument;
  try {
    engine = await PdfiumDocument.open(bytes);
  } catch (error) {
    if (error instanceof PdfiumPasswordError) throw new EncryptedPdfError(file, { cause: error });
    throw new CorruptImageError(file, `broken PDF: ${(error as Error).message}`, { cause: error });
  }
  let structure: PDFDocument | undefined;
  try {
    structure = await PDFDocument.load(bytes, {
      updateMetadata: false,
      throwOnInvalidObject: false,
      ignoreEncryption: true,
    });
  } catch {
    structure = undefined;
  }
  const pageCount = engine.pageCount;
  if (structure && structure.getPageCount() !== pageCount) structure = undefined;
  return { file, engine, structure, pageCount, encrypted: engine.encrypted };
}

interface FoundImage {
  object: PageObject;
  raw: Buffer;
  stream: PDFRawStream | undefined;
}

/** The page's image XObjects as pdf-lib reads them (inherited resources included). */
function xobjectImages(page: PDFPage): PDFRawStream[] {
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return [];
  const found: PDFRawStream[] = [];
  for (const [, ref] of xobjects.entries()) {
    const object = ref instanceof PDFRef ? page.doc.context.lookup(ref) : ref;
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"))
      found.push(object);
  }
  return found;
}

/** Pairs PDFium's image objects with their streams: same size, and same bytes unless the file is encrypted. */
function matchStreams(found: FoundImage[], candidates: PDFRawStream[], encrypted: boolean): void {
  const used = new Set<PDFRawStream>();
  for (const image of found) {
    const fits = candidates.filter(
      (c) =>
        !used.has(c) &&
        numberIn(c.dict, "Width") === image.object.width &&
        numberIn(c.dict, "Height") === image.object.height,
    );
    const match = encrypted ? fits[0] : fits.find((c) => Buffer.from(c.contents).equals(image.raw));
    if (match) {
      used.add(match);
      image.stream = match;
    }
  }
}

/** Grey-looking image objects: 1-bit, or one channel (gray, CalGray, Separation, one-channel ICC). */
function isGreyish(o: PageObject): boolean {
  return (
    o.bitsPerPixel === 1 ||
    [1, 4, 8].includes(o.colourSpace ?? 0) ||
    (o.colourSpace === 7 && o.bitsPerPixel === 8)
  );
}

function colourOf(images: PageObject[], drawn: PageObject[]): ColourMode {
  if (images.length === 0) return "colour";
  if (drawn.length === 0 && images.every((o) => o.bitsPerPixel === 1)) return "bilevel";
  return images.every(isGreyish) ? "grey" : "colour";
}

/**
 * Reads page `index`: checks every image against the limits before anything is decoded, draws the
 * page into `imageFile`, and, when PDF/A-2 can take the page's images as they are, copies their
 * streams into `passthroughFile`.
 */
export async function readPdfPage(
  pdf: OpenPdf,
  index: number,
  files: { image: string; passthrough: string },
  limits: Limits,
): Promise<PdfPageScan> {
  const structurePage = pdf.structure?.getPage(index);
  return pdf.engine.withPage(index, async (page) => {
    const objects = page.objects();
    const imageObjects = objects.filter((o) => o.kind === "image");
    // Invisible text (render mode 3) is an OCR layer; anything else drawn besides images must be redrawn.
    const drawn = objects.filter((o) => o.kind !== "image" && !(o.kind === "text" && o.textMode === 3));
    const found: FoundImage[] = imageObjects.map((object) => ({
      object,
      raw: page.rawImageData(object, limits.maxFileBytes),
      stream: undefined,
    }));
    matchStreams(found, structurePage ? xobjectImages(structurePage) : [], pdf.encrypted);
    const resolve = (o: PDFObject): PDFObject =>
      o instanceof PDFRef ? (pdf.structure!.context.lookup(o) ?? o) : o;
    for (const image of found) {
      const { width = 0, height = 0 } = image.object;
      const dict = image.stream?.dict;
      await checkImageBounds(
        pdf.file,
        index,
        {
          width,
          height,
          filters: dict ? filtersOf(dict) : [],
          declaredBytes: dict ? declaredBytes(dict, resolve) : width * height * 4,
          raw: image.raw,
        },
        limits,
      );
    }

    const pixels = (o: PageObject): number => (o.width ?? 0) * (o.height ?? 0);
    const main = imageObjects.reduce<PageObject | undefined>(
      (a, b) => (!a || pixels(b) > pixels(a) ? b : a),
      undefined,
    );
    const shown = main ? Math.hypot(main.matrix[0], main.matrix[1]) : 0;
    const dpi =
      main && shown > 0
        ? Math.min(1200, Math.max(50, Math.round(((main.width ?? 0) * 72) / shown)))
        : VECTOR_PAGE_DPI;
    const colour = colourOf(imageObjects, drawn);
    const hasText = objects.some((o) => o.kind === "text");
    const obstacle =
      passthroughBlocker(found, drawn, pdf, resolve) ??
      clipBlocker(
        found.map((f) => f.object),
        structurePage,
      );
    const toRaster = userToRaster(structurePage, page, dpi / 72);
    // A page that is one upright JPEG filling it is that JPEG: no drawing, no PNG, no second decode.
    const jpeg = obstacle ? undefined : wholePageJpeg(found, toRaster, page.size, dpi);
    let scan: PdfPageScan;
    if (jpeg) {
      const image = files.image.replace(/\.png$/, ".jpg");
      checkPagePixels(pdf.file, index, jpeg.width, jpeg.height, dpi, limits);
      await writeFile(image, jpeg.data);
      scan = { image, format: "jpeg", width: jpeg.width, height: jpeg.height, dpi, colour, hasText };
    } else {
      const rendered = await renderPage(files.image, pdf.file, index, page, dpi, colour, limits);
      const { width, height, decoded } = rendered;
      scan = { image: files.image, format: "png", width, height, dpi, colour, hasText, decoded };
    }
    const overlays = structurePage
      ? await drawAnnotations(pdf, index, structurePage, toRaster, dpi, scan, files.image)
      : [];
    if (overlays.length > 0) scan.overlays = overlays;
    if (obstacle) {
      scan.redrawnBecause = obstacle;
      return scan;
    }
    const kept: KeptImage[] = found.map(({ object, raw, stream }) => {
      const [a, b, c, d, e, f] = object.matrix;
      const kept: KeptImage = {
        stream: stream!,
        data: raw,
        matrix: multiply({ a, b, c, d, e, f }, toRaster),
      };
      if (isImageMask(stream!.dict))
        kept.fill = (object.fill ?? [0, 0, 0]).map((v) => v / 255) as [number, number, number];
      return kept;
    });
    scan.passthrough = await writePassthroughPdf(files.passthrough, pdf.structure!, kept);
    return scan;
  });
}

/** Each shown annotation's region drawn with its appearance, as an opaque PNG beside the page image. */
async function drawAnnotations(
  pdf: OpenPdf,
  index: number,
  structurePage: PDFPage,
  toRaster: Affine,
  dpi: number,
  size: { width: number; height: number },
  pageImage: string,
): Promise<PageOverlay[]> {
  const shown = shownAnnotations(structurePage, toRaster, size);
  if (shown.length === 0) return [];
  const drawn = await pdf.engine.withFlattenedPage(index, async (page) => {
    const overlays: PageOverlay[] = [];
    for (const [i, annotation] of shown.entries()) {
      const region = page.renderRegion(dpi / 72, annotation.box, "rgba");
      const image = pageImage.replace(/\.(png|jpg)$/u, `-annotation-${i}.png`);
      await sharp(region.data, { raw: { width: region.width, height: region.height, channels: 4 } })
        .removeAlpha()
        .png({ compressionLevel: 6 })
        .toFile(image);
      overlays.push({ image, box: annotation.box, subtype: annotation.subtype });
    }
    return overlays;
  });
  return drawn ?? [];
}

/** Why the page's images cannot be passed through, or undefined when they can. */
function passthroughBlocker(
  found: FoundImage[],
  drawn: PageObject[],
  pdf: OpenPdf,
  resolve: (o: PDFObject) => PDFObject,
): string | undefined {
  if (!pdf.structure) return "the file's structure could not be read";
  if (found.length === 0) return "no image on the page";
  if (drawn.length > 0)
    return `${drawn.length} drawn object(s) besides images (${[...new Set(drawn.map((o) => o.kind))].join(", ")})`;
  for (const image of found) {
    if (!image.stream) return "an inline image or an image inside a form";
    const obstacle = passthroughObstacle(image.stream.dict, resolve, pdf.encrypted);
    if (obstacle) return obstacle;
  }
  return undefined;
}

/**
 * The page's JPEG when the page is exactly one baseline-decodable DCT image in DeviceGray or DeviceRGB
 * (no /Decode, no mask), drawn upright over the whole displayed page at its own resolution; else undefined.
 */
function wholePageJpeg(
  found: FoundImage[],
  toRaster: Affine,
  size: { width: number; height: number },
  dpi: number,
): { data: Buffer; width: number; height: number } | undefined {
  if (found.length !== 1) return undefined;
  const [{ object, raw, stream }] = found as [FoundImage];
  if (!stream || object.width === undefined || object.height === undefined) return undefined;
  const dict = stream.dict;
  const filters = filtersOf(dict);
  if (filters.length !== 1 || filters[0] !== "DCTDecode") return undefined;
  if (object.colourSpace !== 1 && object.colourSpace !== 2) return undefined;
  if (["Decode", "SMask", "Mask"].some((key) => dict.get(PDFName.of(key)) !== undefined)) return undefined;
  const width = Math.round((size.width * dpi) / 72);
  const height = Math.round((size.height * dpi) / 72);
  if (width !== object.width || height !== object.height) return undefined;
  // The unit square's top-left (0,1) must land on pixel (0,0) and its bottom-right (1,0) on (width, height).
  const [a, b, c, d, e, f] = object.matrix;
  const m = multiply({ a, b, c, d, e, f }, toRaster);
  const near = (x: number, y: number): boolean => Math.abs(x - y) < 0.5;
  const upright =
    near(m.a, width) &&
    near(m.b, 0) &&
    near(m.c, 0) &&
    near(m.d, -height) &&
    near(m.e, 0) &&
    near(m.f, height);
  return upright ? { data: raw, width, height } : undefined;
}
