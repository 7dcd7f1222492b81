// ArchiveRecord: what the archive keeps about one document, one line of a batch manifest.
import { BadJobPayloadError } from "../errors/queue-errors.js";
import type { SohoaErrorJson } from "../errors/sohoa-error.js";
import { LEVELS, type DocumentId, type Fields, type Level, type StageTimings } from "../types.js";

export type ArchiveOutcome = "archived" | "failed" | "review";

export interface ArchiveKeys {
  pdf?: string;
  original?: string;
  metadata?: string;
}

export interface ArchiveRecord {
  docId: string;
  batchId: string;
  /** Input file as enqueued (absolute path). */
  file: string;
  /** SHA-256 of the input file: the document's identity. */
  sha256: DocumentId;
  /** "review" = archived, but fields need a person. */
  outcome: ArchiveOutcome;
  keys: ArchiveKeys;
  /** Key → hex SHA-256 of each stored object. */
  checksums: Record<string, string>;
  unit: string;
  level: Level;
  year?: number;
  docType: string;
  fields: Fields;
  /** Page count, for pages-per-minute figures. */
  pages: number;
  /** Milliseconds per stage. */
  timings: StageTimings;
  error?: SohoaErrorJson;
  /** ISO 8601 time the document finished. */
  finishedAt: string;
  /** Attempts used (1 = first try). */
  attempts?: number;
}

/** Who the record is about: the job's identity and placement. */
export type RecordSubject = Pick<
  ArchiveRecord,
  "docId" | "batchId" | "file" | "sha256" | "unit" | "level" | "year"
>;

/** What a finished document adds to its record. */
export interface RecordResult {
  docType: string;
  fields: Fields;
  needsReview: boolean;
  pages: number;
  /** Year the document was filed under (its issue date's, else the batch's). */
  year?: number;
  keys: ArchiveKeys;
  checksums: Record<string, string>;
  timings: StageTimings;
}

/**
 * The one place an ArchiveRecord is made, for a success (`result`) or a failure (`error`):
 * a failure keeps the job's placement, type "unknown", no fields, no keys.
 */
export function buildArchiveRecord(
  subject: RecordSubject,
  outcome: { result: RecordResult } | { error: SohoaErrorJson },
  attempts?: number,
): ArchiveRecord {
  const r = "result" in outcome ? outcome.result : undefined;
  const year = r?.year ?? subject.year;
  return {
    docId: subject.docId,
    batchId: subject.batchId,
    file: subject.file,
    sha256: subject.sha256,
    outcome: r ? (r.needsReview ? "review" : "archived") : "failed",
    keys: r?.keys ?? {},
    checksums: r?.checksums ?? {},
    unit: subject.unit,
    level: subject.level,
    ...(year !== undefined ? { year } : {}),
    docType: r?.docType ?? "unknown",
    fields: r?.fields ?? {},
    pages: r?.pages ?? 0,
    timings: r?.timings ?? {},
    ...("error" in outcome ? { error: outcome.error } : {}),
    finishedAt: new Date().toISOString(),
    ...(attempts !== undefined ? { attempts } : {}),
  };
}

/** Wire/manifest form; identical fields, plain JSON values. */
export type ArchiveRecordJson = ArchiveRecord;

export function archiveRecordAsJSON(record: ArchiveRecord): ArchiveRecordJson {
  return JSON.parse(JSON.stringify(record)) as ArchiveRecordJson;
}

/** Parses one manifest line or stored record; throws BadJobPayloadError naming the missing field. */
export function archiveRecordFromJSON(input: unknown): ArchiveRecord {
  const r = (typeof input === "string" ? JSON.parse(input) : input) as Partial<ArchiveRecordJson> | null;
  if (!r || typeof r !== "object") throw new BadJobPayloadError("archive record is not an object");
  for (const field of [
    "docId",
    "batchId",
    "file",
    "sha256",
    "outcome",
    "unit",
    "level",
    "docType",
  ] as const) {
    if (typeof r[field] !== "string") throw new BadJobPayloadError(`archive record lacks ${field}`);
  }
  if (!LEVELS.includes(r.level as Level))
    throw new BadJobPayloadError(`archive record has unknown level ${r.level}`);
  if (!["archived", "failed", "review"].includes(r.outcome as string))
    throw new BadJobPayloadError(`archive record has unknown outcome ${r.outcome}`);
  return {
    docId: r.docId!,
    batchId: r.batchId!,
    file: r.file!,
    sha256: r.sha256!,
    outcome: r.outcome as ArchiveOutcome,
    keys: r.keys ?? {},
    checksums: r.checksums ?? {},
    unit: r.unit!,
    level: r.level as Level,
    ...(typeof r.year === "number" ? { year: r.year } : {}),
    docType: r.docType!,
    fields: r.fields ?? {},
    pages: typeof r.pages === "number" ? r.pages : 0,
    timings: r.timings ?? {},
    ...(r.error ? { error: r.error } : {}),
    finishedAt: r.finishedAt ?? new Date(0).toISOString(),
    ...(typeof r.attempts === "number" ? { attempts: r.attempts } : {}),
  };
}
