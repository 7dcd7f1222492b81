// Archive key layout `<level>/<unit>/<year>/<docType>/<docId>/<name>`, built from validated parts only.
import { InvalidKeyError } from "../errors/storage-errors.js";
import type { Level } from "../types.js";

/** Parts that place one document in the archive; every part is checked before use. */
export interface DocumentKeyParts {
  level: Level;
  unit: string;
  /** Year of the result; `unknown-year` when it could not be read. */
  year?: number;
  docType: string;
  docId: string;
}

/** Names of the objects kept per document, below its key prefix. */
export const OBJECT_NAMES = {
  pdf: "document.pdf",
  metadata: "metadata.json",
  /** The original keeps its extension: `original.<ext>`. */
  original: "original",
} as const;

// Control characters (C0, DEL, C1) would make keys unprintable or split log lines.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Throws InvalidKeyError unless `part` is one safe path segment. */
export function assertKeyPart(part: string): string {
  if (typeof part !== "string" || part.length === 0) throw new InvalidKeyError(String(part), "empty");
  if (part.length > 200) throw new InvalidKeyError(part.slice(0, 40) + "…", "longer than 200 characters");
  if (part.includes("/") || part.includes("\\")) throw new InvalidKeyError(part, "contains a path separator");
  if (part === "." || part === ".." || part.includes("..")) throw new InvalidKeyError(part, "contains '..'");
  if (CONTROL.test(part)) throw new InvalidKeyError(part, "contains a control character");
  if (part !== part.trim()) throw new InvalidKeyError(part, "has leading or trailing spaces");
  return part;
}

/** Joins validated segments; the only way keys are made, so no key escapes its prefix. */
export function joinKey(...parts: string[]): string {
  return parts.map(assertKeyPart).join("/");
}

/** Checks a whole key (as read back from a caller) segment by segment. */
export function assertKey(key: string): string {
  key.split("/").forEach(assertKeyPart);
  return key;
}

/** `<level>/<unit>/<year>/<docType>/<docId>` — the prefix of one document's objects. */
export function documentPrefix(p: DocumentKeyParts): string {
  const year = p.year === undefined ? "unknown-year" : String(p.year);
  if (p.year !== undefined && !(Number.isInteger(p.year) && p.year >= 1900 && p.year <= 2200)) {
    throw new InvalidKeyError(year, "year must be an integer between 1900 and 2200");
  }
  return joinKey(p.level, p.unit, year, p.docType, p.docId);
}

/** Keys of a document's signed PDF, original scan (keeping its extension) and metadata JSON. */
export function documentKeys(
  p: DocumentKeyParts,
  originalExt: string,
): { pdf: string; original: string; metadata: string } {
  const prefix = documentPrefix(p);
  const ext = originalExt.replace(/^\./, "").toLowerCase();
  const original = ext ? `${OBJECT_NAMES.original}.${ext}` : OBJECT_NAMES.original;
  return {
    pdf: `${prefix}/${OBJECT_NAMES.pdf}`,
    original: `${prefix}/${assertKeyPart(original)}`,
    metadata: `${prefix}/${OBJECT_NAMES.metadata}`,
  };
}

/** Keys of a batch's manifest: one object per document, and the consolidated JSON lines. */
export function batchKeys(batchId: string): {
  docsPrefix: string;
  doc: (docId: string) => string;
  manifest: string;
} {
  const base = joinKey("batches", batchId);
  return {
    docsPrefix: `${base}/docs/`,
    doc: (docId: string) => `${base}/docs/${assertKeyPart(docId)}.json`,
    manifest: `${base}/manifest.jsonl`,
  };
}
