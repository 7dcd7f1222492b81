// The PDF/A stage again for a reviewed document: the archived pages and text layer with corrected XMP and page rotation.
import { createHash } from "node:crypto";
import { degrees, PDFDocument, PDFHexString, PDFName } from "pdf-lib";
import { ArchivalPdfError } from "../errors/pdf-errors.js";
import { buildXmp } from "../pdf/xmp.js";
import type { Fields } from "../types.js";

export interface Revision {
  docType: string;
  fields: Fields;
  needsReview: boolean;
  /** Name of the scan, as the first version's XMP carries it. */
  sourceName: string;
  sourceSha256: string;
  /** Quarter turns clockwise to add, by page index. */
  turns?: Record<number, number>;
  producer: string;
  /** When the new version is made; written to Info and XMP. */
  at: Date;
}

const latin1 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

/**
 * The bytes of the first revision of an incrementally updated PDF (a signed archival PDF is the
 * PDF/A itself plus the signature's update): follows /Prev from the last xref back to the first.
 */
export function firstRevision(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const last = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!last) throw new Error("no startxref at the end of the PDF");
  let offset = Number(last[1]);
  for (let hops = 0; hops < 64; hops++) {
    const eof = text.indexOf("%%EOF", offset);
    if (eof < 0) throw new Error(`no %%EOF after the xref at ${offset}`);
    const prev = /\/Prev\s+(\d+)/.exec(text.slice(offset, eof));
    if (!prev) {
      let end = eof + 5;
      if (text[end] === "\r") end++;
      if (text[end] === "\n") end++;
      return bytes.subarray(0, end);
    }
    offset = Number(prev[1]);
  }
  throw new Error("too many revisions");
}

function properties(r: Revision, pageCount: number): Record<string, string> {
  const props: Record<string, string> = {
    docType: r.docType,
    sourceName: r.sourceName,
    sourceSha256: r.sourceSha256,
    pageCount: String(pageCount),
    needsReview: String(r.needsReview),
  };
  for (const [name, field] of Object.entries(r.fields)) props[name] = String(field.value);
  return props;
}

/** A new unsigned PDF/A-2b from the previous version's first revision: same pages, new XMP, Info and rotation. */
export async function reviseArchivalPdf(
  previous: Uint8Array,
  r: Revision,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  try {
    const pdf = await PDFDocument.load(firstRevision(previous), { updateMetadata: false });
    const pages = pdf.getPages();
    for (const [index, turns] of Object.entries(r.turns ?? {})) {
      const page = pages[Number(index)];
      if (!page)
        throw new Error(`page ${Number(index) + 1} does not exist (the document has ${pages.length})`);
      page.setRotation(degrees((((page.getRotation().angle + 90 * turns) % 360) + 360) % 360));
    }
    const title = pdf.getTitle() ?? r.sourceName;
    pdf.setModificationDate(r.at);
    pdf.setCreationDate(r.at);
    pdf.setProducer(r.producer);
    pdf.setCreator(r.producer);
    const id = createHash("sha256").update(`${r.sourceSha256}\n${r.at.toISOString()}`).digest("hex");
    pdf.context.trailerInfo.ID = pdf.context.obj([
      PDFHexString.of(id.slice(0, 32)),
      PDFHexString.of(id.slice(0, 32)),
    ]);
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    const xmp = buildXmp({
      title,
      producer: r.producer,
      creatorTool: r.producer,
      createdAt: r.at,
      documentId: uuid,
      sohoa: properties(r, pages.length),
    });
    const stream = pdf.context.stream(new TextEncoder().encode(xmp), { Type: "Metadata", Subtype: "XML" });
    pdf.catalog.set(PDFName.of("Metadata"), pdf.context.register(stream));
    const bytes = await pdf.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
    });
    return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
  } catch (error) {
    throw new ArchivalPdfError(r.sourceName, `cannot revise the archival PDF: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
