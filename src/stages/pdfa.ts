// Document stage: one archival PDF/A-2b per document — original page images plus an invisible OCR text layer.
import { createHash } from "node:crypto";
import { PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import { ArchivalPdfError } from "../errors/pdf-errors.js";
import { embedGlyphlessFont } from "../pdf/glyphless-font.js";
import { addSrgbOutputIntent } from "../pdf/output-intent.js";
import { embedLossless, embedPageImage } from "../pdf/page-image.js";
import { pixelsToPoints, textLayerOperators } from "../pdf/text-layer.js";
import { buildXmp } from "../pdf/xmp.js";
import { invert, multiply, num, operands } from "../pdf/matrix.js";
import { IDENTITY } from "../imaging/affine.js";
import type { DocumentResult, PageResult } from "../types.js";

export interface ArchivalPdfOptions {
  /** Creation and modification date written to Info and XMP; defaults to now. */
  createdAt?: Date;
  /** Info /Producer and XMP pdf:Producer; defaults to "sohoa". */
  producer?: string;
  /** dc:title and Info /Title; defaults to the document number and type, else the source name. */
  title?: string;
}

export interface ArchivalPdf {
  bytes: Uint8Array;
  sha256: string;
}

/** The default title: what a person would look for in a list of archived files. */
function defaultTitle(doc: DocumentResult): string {
  const number = doc.extraction.fields.documentNumber?.value;
  const subject = doc.extraction.fields.subject?.value;
  const parts = [number, subject].filter((p) => p !== undefined && String(p).trim() !== "").map(String);
  return parts.length > 0 ? parts.join(" — ") : doc.source.name;
}

/** The sohoa XMP properties: provenance and every extracted field value, as text. */
function sohoaProperties(doc: DocumentResult): Record<string, string> {
  const props: Record<string, string> = {
    docType: doc.extraction.docType,
    sourceName: doc.source.name,
    sourceSha256: doc.source.sha256,
    pageCount: String(doc.pages.length),
    needsReview: String(doc.extraction.needsReview),
  };
  for (const [name, field] of Object.entries(doc.extraction.fields)) props[name] = String(field.value);
  return props;
}

/** Adds one page at the scan's physical size with its image and text layer. */
async function addPage(
  pdf: PDFDocument,
  result: PageResult,
  fontRef: ReturnType<PDFDocument["context"]["register"]>,
): Promise<void> {
  const { page, ocr } = result;
  if (!(page.width > 0 && page.height > 0 && page.ocrDpi > 0)) {
    throw new Error(
      `page ${page.index + 1} has no usable size (${page.width}x${page.height} at ${page.dpi} dpi)`,
    );
  }
  // The page is the deskewed, upright frame OCR read. The scan keeps its bytes (JPEG passthrough)
  // and is painted turned into that frame by the image matrix, so viewers show it straight and
  // the text layer runs level, which is what text extraction and selection need.
  const k = 72 / page.ocrDpi;
  const width = page.ocrWidth * k;
  const height = page.ocrHeight * k;
  const pdfPage = pdf.addPage([width, height]);
  const image = await embedPageImage(pdf, page);
  pdfPage.node.setXObject(PDFName.of("Im0"), image.ref);
  pdfPage.node.setFontDictionary(PDFName.of("F0"), fontRef);

  const toPage = pixelsToPoints(page.ocrHeight, page.ocrDpi);
  // Paints an image XObject whose unit square lands on `box` of the source page, turned into the upright frame.
  const paint = (name: string, box: { x0: number; y0: number; x1: number; y1: number }): string => {
    const unitToBox = { a: box.x1 - box.x0, b: 0, c: 0, d: -(box.y1 - box.y0), e: box.x0, f: box.y1 };
    const matrix = multiply(multiply(unitToBox, invert(page.toSource)), toPage);
    return `q\n0 0 ${num(width)} ${num(height)} re W n\n${operands(matrix)} cm\n/${name} Do\nQ\n`;
  };
  let content = paint("Im0", { x0: 0, y0: 0, x1: page.width, y1: page.height });
  // What the source's annotations showed (an e-signature block) goes over the scan, turned with it.
  for (const [i, overlay] of (page.overlays ?? []).entries()) {
    pdfPage.node.setXObject(PDFName.of(`Ov${i}`), await embedLossless(pdf, overlay.image, false));
    content += paint(`Ov${i}`, overlay.box);
  }
  content += textLayerOperators(ocr, { toSource: IDENTITY, toPage });
  const contentRef = pdf.context.register(pdf.context.flateStream(content));
  pdfPage.node.set(PDFName.of("Contents"), contentRef);
}

/** Builds the archival PDF/A-2b of a recognised document; the original scans are only read. */
export async function buildArchivalPdf(
  doc: DocumentResult,
  options: { createdAt?: Date; producer?: string; title?: string } = {},
): Promise<ArchivalPdf> {
  const createdAt = options.createdAt ?? new Date();
  const producer = options.producer ?? "sohoa";
  const title = options.title ?? defaultTitle(doc);
  try {
    if (doc.pages.length === 0) throw new Error("the document has no pages");
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fontRef = await embedGlyphlessFont(pdf.context);
    for (const page of doc.pages) await addPage(pdf, page, fontRef);

    pdf.setTitle(title, { showInWindowTitleBar: true });
    pdf.setProducer(producer);
    pdf.setCreator(producer);
    pdf.setCreationDate(createdAt);
    pdf.setModificationDate(createdAt);

    // Deterministic identity: the same scan converted at the same time gets the same /ID and DocumentID.
    const id = createHash("sha256").update(`${doc.source.sha256}\n${createdAt.toISOString()}`).digest("hex");
    pdf.context.trailerInfo.ID = pdf.context.obj([
      PDFHexString.of(id.slice(0, 32)),
      PDFHexString.of(id.slice(0, 32)),
    ]);
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    const xmp = buildXmp({
      title,
      producer,
      creatorTool: producer,
      createdAt,
      documentId: uuid,
      sohoa: sohoaProperties(doc),
    });
    const metadata = pdf.context.stream(new TextEncoder().encode(xmp), { Type: "Metadata", Subtype: "XML" });
    pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(metadata));
    await addSrgbOutputIntent(pdf);

    // A classic xref table (no object streams) keeps later incremental signature updates simple.
    const bytes = await pdf.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
    });
    return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
  } catch (error) {
    if (error instanceof ArchivalPdfError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchivalPdfError(doc.source.path, reason, { cause: error });
  }
}
