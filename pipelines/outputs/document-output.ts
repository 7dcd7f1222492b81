// The output port of processDocument: where a finished document goes (a folder for `sohoa run`, the archive for workers).
import type { DocumentResult } from "../../src/types.js";
import type { ArchivalPdfResult } from "../archival-pdf.js";

/** Where each written object is, relative to the output (folder path or archive key). */
export interface WrittenKeys {
  pdf?: string;
  original?: string;
  metadata?: string;
  text?: string;
}

export interface WrittenDocument {
  keys: WrittenKeys;
  /** Key → hex SHA-256 of what is stored there; empty when the output keeps no checksums. */
  checksums: Record<string, string>;
  /** An earlier run had already stored this document completely; nothing was written. */
  alreadyStored: boolean;
}

/**
 * Obligations of every output:
 * - `write` stores everything for the document or throws (a SohoaError, retryable for transient faults);
 * - it never replaces a document that an earlier run stored completely (it reports `alreadyStored`);
 * - `pdf` is absent when the run makes no archival PDF (`--no-pdf`); the rest is written regardless.
 */
export interface DocumentOutput {
  /** Folder or store location, for logs. */
  readonly location: string;
  write(doc: DocumentResult, pdf: ArchivalPdfResult | undefined): Promise<WrittenDocument>;
}
