// ArchiveJobInput: one document's job, kept lean on the wire (short keys) to hold Redis memory per job down.
import { BadJobPayloadError } from "../errors/queue-errors.js";
import { isDocumentId, LEVELS, type DocumentId, type Level } from "../types.js";

export interface ArchiveJobInput {
  /** Absolute path of the input file, readable by every worker (shared folder). */
  file: string;
  /** Hex SHA-256 of the file: its identity (DocumentId) and the job id. */
  sha256: DocumentId;
  batchId: string;
  unit: string;
  level: Level;
  year?: number;
  /** Archive id of the document: the first 24 hex digits of its SHA-256. */
  docId: string;
}

/** What goes to Redis: one-letter keys, because 10,000 jobs × every byte adds up. */
export interface ArchiveJobJson {
  f: string;
  s: string;
  b: string;
  u: string;
  l: Level;
  y?: number;
}

/** The document id of a content hash. */
export function docIdOf(sha256: string): string {
  return sha256.slice(0, 24);
}

/** BullMQ job id of a document: content-addressed, so enqueueing a file twice adds one job. */
export function jobIdOf(sha256: string): string {
  return `doc-${sha256}`;
}

export function archiveJobAsJSON(job: ArchiveJobInput): ArchiveJobJson {
  return {
    f: job.file,
    s: job.sha256,
    b: job.batchId,
    u: job.unit,
    l: job.level,
    ...(job.year !== undefined ? { y: job.year } : {}),
  };
}

/** Parses job data from Redis; throws BadJobPayloadError (never retried) on anything malformed. */
export function archiveJobFromJSON(data: unknown): ArchiveJobInput {
  const d = data as Partial<ArchiveJobJson> | null;
  if (!d || typeof d !== "object") throw new BadJobPayloadError("job data is not an object");
  if (typeof d.f !== "string" || !d.f) throw new BadJobPayloadError("missing file (f)");
  if (!isDocumentId(d.s)) throw new BadJobPayloadError(`bad sha256 (s) for ${d.f}`);
  if (typeof d.b !== "string" || !d.b) throw new BadJobPayloadError(`missing batch id (b) for ${d.f}`);
  if (typeof d.u !== "string" || !d.u) throw new BadJobPayloadError(`missing unit (u) for ${d.f}`);
  if (!LEVELS.includes(d.l as Level)) throw new BadJobPayloadError(`bad level (l) ${String(d.l)} for ${d.f}`);
  if (d.y !== undefined && !Number.isInteger(d.y)) throw new BadJobPayloadError(`bad year (y) for ${d.f}`);
  return {
    file: d.f,
    sha256: d.s,
    batchId: d.b,
    unit: d.u,
    level: d.l as Level,
    ...(d.y !== undefined ? { year: d.y } : {}),
    docId: docIdOf(d.s),
  };
}
