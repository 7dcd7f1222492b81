// One line of report.jsonl per input file: the format the benchmark and operators read.
import { errorToJson, type SohoaErrorJson } from "../errors/index.js";
import type { DocumentId, DocumentResult, StageTimings } from "../types.js";
import { pageSummaries, type PageSummary } from "./document-metadata.js";

export interface ReportLine {
  /** Input path relative to the folder given (the name the benchmark matches on). */
  file: string;
  /** The document's identity (DocumentId). */
  sha256?: DocumentId;
  /** "skipped": found in an input folder but not a scan (by extension) or a folder link loop; `reason` says which. */
  outcome: "done" | "failed" | "skipped";
  reason?: string;
  docType?: string;
  /** Canonical field names → values, as the benchmark reads them. */
  fields?: Record<string, string | number>;
  /** Confidence and validation per field. */
  fieldDetails?: Record<string, { confidence: number; valid: boolean; issues?: string[] }>;
  needsReview?: boolean;
  reviewReasons?: string[];
  /** Per page: its summary and its own text (`text` below is every page's, joined). */
  pages?: Array<PageSummary & { text: string }>;
  text?: string;
  timings: StageTimings & { total: number };
  /** Files written for this document, relative to the output folder. */
  outputs?: Record<string, string>;
  error?: SohoaErrorJson;
}

export function successLine(
  file: string,
  doc: DocumentResult,
  totalMs: number,
  outputs: Record<string, string>,
): ReportLine {
  const fields: Record<string, string | number> = {};
  const fieldDetails: NonNullable<ReportLine["fieldDetails"]> = {};
  for (const [name, field] of Object.entries(doc.extraction.fields)) {
    fields[name] = field.value;
    fieldDetails[name] = {
      confidence: field.confidence,
      valid: field.valid,
      ...(field.issues?.length ? { issues: field.issues } : {}),
    };
  }
  return {
    file,
    sha256: doc.source.sha256,
    outcome: "done",
    docType: doc.extraction.docType,
    fields,
    fieldDetails,
    needsReview: doc.extraction.needsReview,
    reviewReasons: doc.extraction.reviewReasons,
    pages: pageSummaries(doc).map((summary, i) => ({ ...summary, text: doc.pages[i]!.ocr.text })),
    text: doc.text,
    timings: { ...doc.timings, total: Math.round(totalMs) },
    outputs,
  };
}

export function failureLine(file: string, error: unknown, totalMs: number, sha256?: string): ReportLine {
  return {
    file,
    ...(sha256 ? { sha256 } : {}),
    outcome: "failed",
    timings: { total: Math.round(totalMs) },
    error: errorToJson(error, { file }),
  };
}

/** A line for what the folder walk passed over, so nothing found under an input folder is missing from the report. */
export function skippedLine(file: string, reason: string): ReportLine {
  return { file, outcome: "skipped", reason, timings: { total: 0 } };
}
