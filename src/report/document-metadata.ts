// The metadata sidecar of one document: what `<name>.json` beside a PDF and `metadata.json` in the archive hold.
import type {
  DocumentResult,
  Fields,
  Orientation,
  OrientationDecisionKind,
  SourceSignature,
} from "../types.js";
import { VERSION } from "../version.js";

export interface DocumentMetadata {
  /** SHA-256 of the original scan: the document's identity. */
  sourceSha256: string;
  /** SHA-256 of the signed archival PDF; `sohoa verify` checks the PDF against it. */
  pdfSha256?: string;
  pdfSigned?: boolean;
  file: string;
  bytes: number;
  mime: string;
  docType: string;
  typeConfidence: number;
  fields: Fields;
  needsReview: boolean;
  reviewReasons: string[];
  pages: PageSummary[];
  /** The source PDF's own signatures when it came in: who signed it, when, and whether it was intact. */
  sourceSignatures?: SourceSignature[];
  producer: string;
}

/** What reports and sidecars say about one page. */
export interface PageSummary {
  index: number;
  width: number;
  height: number;
  dpi: number;
  colour: string;
  orientation: Orientation;
  /** How sure the orientation is (0..1), the best turn not taken, and how it was settled. */
  orientationConfidence?: number;
  orientationRunnerUp?: Orientation;
  orientationDecision?: OrientationDecisionKind;
  skewDegrees: number;
  flags: string[];
  ocrEngine: string;
  ocrConfidence: number;
}

export function pageSummaries(doc: DocumentResult): PageSummary[] {
  return doc.pages.map(({ page, ocr }) => ({
    index: page.index,
    width: page.width,
    height: page.height,
    dpi: page.dpi,
    colour: page.colour,
    orientation: page.orientation,
    ...(page.orientationDecision
      ? {
          orientationConfidence: page.orientationConfidence ?? 0,
          orientationRunnerUp: page.orientationRunnerUp ?? 180,
          orientationDecision: page.orientationDecision,
        }
      : {}),
    skewDegrees: page.skewDegrees,
    flags: page.flags,
    ocrEngine: ocr.engine,
    ocrConfidence: Math.round(ocr.confidence * 10) / 10,
  }));
}

export function documentMetadata(
  file: string,
  doc: DocumentResult,
  pdf?: { sha256: string; signed: boolean },
): DocumentMetadata {
  return {
    sourceSha256: doc.source.sha256,
    ...(pdf ? { pdfSha256: pdf.sha256, pdfSigned: pdf.signed } : {}),
    file,
    bytes: doc.source.bytes,
    mime: doc.source.mime,
    docType: doc.extraction.docType,
    typeConfidence: doc.extraction.typeConfidence,
    fields: doc.extraction.fields,
    needsReview: doc.extraction.needsReview,
    reviewReasons: doc.extraction.reviewReasons,
    pages: pageSummaries(doc),
    ...(doc.sourceSignatures ? { sourceSignatures: doc.sourceSignatures } : {}),
    producer: `sohoa ${VERSION}`,
  };
}

/** The year of the document's issue date, when one was read (it places the document in the archive and the ledger). */
export function issueYear(doc: DocumentResult): number | undefined {
  const value = doc.extraction.fields.issueDate?.value;
  const match = typeof value === "string" ? /^(\d{4})-\d{2}-\d{2}$/.exec(value) : null;
  return match ? Number(match[1]) : undefined;
}
