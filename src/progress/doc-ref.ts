// Turns what the pipeline and the manifests know of a document into an ArchivedDocRef.
import { isDocumentId, LEVELS, type Level } from "../types.js";
import type { ArchivedDocRef } from "./types.js";

/** A field as the pipeline stores it (`{ value, confidence, … }`) or a plain value. */
type FieldLike = { value?: unknown } | string | number | null | undefined;

/** The plain value of a field, whichever form it takes. */
function fieldValue(field: FieldLike): string | undefined {
  const v = field !== null && typeof field === "object" ? field.value : field;
  return v === undefined || v === null || v === "" ? undefined : String(v);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DocRefInput {
  /** The document's identity (DocumentId): the SHA-256 of the source file, as manifests name it. */
  sha256?: string;
  /**
   * Accepted as the identity only when it is a DocumentId itself: an archive record's `docId` is the
   * short key form, and counting by it would count a document again once the live ledger saw its SHA-256.
   */
  docId?: string;
  /** Unit written on the document; falls back to the batch's. */
  unit?: string;
  level?: string;
  /** The batch's year, used when the issue date is missing or unreadable. */
  year?: number;
  docType?: string;
  fields?: Record<string, FieldLike>;
}

export interface DocRefDefaults {
  unit?: string;
  level?: Level;
  year?: number;
}

/**
 * The reference the ledger counts: the year of the issue date when it is a real date, else the
 * batch's year; undefined when the document has no identity (a 64-hex SHA-256), no unit or no year.
 */
export function docRefFrom(input: DocRefInput, defaults: DocRefDefaults = {}): ArchivedDocRef | undefined {
  const docId = [input.sha256, input.docId].find(isDocumentId);
  const unit = input.unit ?? defaults.unit;
  const issueDate = fieldValue(input.fields?.issueDate);
  const m = issueDate ? ISO_DATE.exec(issueDate) : null;
  const year = m ? Number(m[1]) : (input.year ?? defaults.year);
  if (!docId || !unit || year === undefined || !Number.isInteger(year)) return undefined;
  const ref: ArchivedDocRef = { docId, unit, year };
  const level = input.level ?? defaults.level;
  if (level && (LEVELS as readonly string[]).includes(level)) ref.level = level as Level;
  if (m && issueDate) ref.issueDate = issueDate;
  if (input.docType) ref.docType = input.docType;
  const dossierCode = fieldValue(input.fields?.dossierCode);
  if (dossierCode) ref.dossierCode = dossierCode.trim().toUpperCase();
  return ref;
}
