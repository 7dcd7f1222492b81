// One document through the whole pipeline, top to bottom: ingest → orient → deskew → clean → OCR → extract
// → PDF/A → sign → store → record. `sohoa run` and the workers both call processDocument; only the output differs.
import { pageReadOptions, type DocumentContext, type PageReadOptions } from "../src/context.js";
import { FileUnreadableError } from "../src/errors/index.js";
import { defaultLimits, type Limits } from "../src/limits.js";
import type { OcrEngine } from "../src/ocr/index.js";
import { docRefFrom } from "../src/progress/doc-ref.js";
import type { ProgressLedger } from "../src/progress/types.js";
import { applyLink } from "../src/separator/inputs.js";
import type { SeparatorLink } from "../src/separator/payload.js";
import { preflight } from "../src/stages/preflight.js";
import type { DocumentResult, StageTimings, UnitRef } from "../src/types.js";
import { makeArchivalPdf, type ArchivalPdfResult, type SigningOptions } from "./archival-pdf.js";
import type { DocumentOutput, WrittenDocument } from "./outputs/document-output.js";
import { recognizeDocument, timed } from "./recognize.js";

export interface ProcessOptions extends PageReadOptions {
  ocr: OcrEngine;
  /** @defaultValue defaultLimits (src/limits.ts) */
  limits?: Limits;
  /** Make the archival PDF/A. @defaultValue true */
  pdf?: boolean;
  /** Sign the PDF/A; unsigned when absent (trial runs). */
  signing?: SigningOptions;
  /** Counts the document for its unit and the year of its issue date once it is stored. */
  ledger?: ProgressLedger;
  /** Unit, level and year the document counts for when it does not say (`--unit`, or the job's). */
  unit?: UnitRef;
  /** The SHA-256 the file had when it was queued: a file that changed since is refused. */
  expectedSha256?: string;
  /** The separator sheet's dossier code, unit and type for a document cut out of a stack. */
  link?: SeparatorLink;
}

export interface ProcessedDocument {
  doc: DocumentResult;
  pdf?: ArchivalPdfResult;
  written: WrittenDocument;
  /** The ledger counted the document (false without a ledger, or without a unit or year). */
  counted: boolean;
}

/** Runs every stage on `file` and writes the result through `output`; throws a SohoaError tagged with its stage. */
export async function processDocument(
  file: string,
  options: ProcessOptions,
  output: DocumentOutput,
  ctx: DocumentContext,
): Promise<ProcessedDocument> {
  const limits = options.limits ?? defaultLimits;
  const timings: StageTimings = {};
  const source = await timed("preflight", timings, () => preflight(file, limits));
  if (options.expectedSha256 !== undefined && source.sha256 !== options.expectedSha256) {
    throw new FileUnreadableError(file, "the file changed after it was enqueued (its SHA-256 differs)", {
      hint: "Enqueue the new version as a new document.",
    });
  }
  // ingest → orient → deskew → clean → ocr → extract
  const doc = await recognizeDocument(source, { ocr: options.ocr, limits, ...pageReadOptions(options) }, ctx);
  Object.assign(doc.timings, timings);
  if (options.link) applyLink(doc, options.link);
  // pdfa → sign
  const pdf = options.pdf === false ? undefined : await makeArchivalPdf(doc, options.signing);
  if (pdf) Object.assign(doc.timings, pdf.timings);
  const written = await timed("store", doc.timings, () => output.write(doc, pdf));
  const counted = await timed("record", doc.timings, () => recordProgress(doc, options, ctx));
  return { doc, ...(pdf ? { pdf } : {}), written, counted };
}

/** Counts the document in the progress ledger, by its identity (the source's SHA-256). */
async function recordProgress(
  doc: DocumentResult,
  options: ProcessOptions,
  ctx: DocumentContext,
): Promise<boolean> {
  if (!options.ledger) return false;
  const ref = docRefFrom(
    { sha256: doc.source.sha256, docType: doc.extraction.docType, fields: doc.extraction.fields },
    { ...options.unit, ...(options.link?.unit ? { unit: options.link.unit } : {}) },
  );
  if (!ref) {
    ctx.log.warn("not counted for progress: no unit (--unit) or year for this document");
    return false;
  }
  await options.ledger.record(ref);
  return true;
}
