// Store stage: puts the original scan, the signed PDF and the metadata JSON under the document's keys, once.
import path from "node:path";
import { ObjectConflictError } from "../errors/storage-errors.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import type { ArchiveKeys } from "../storage/archive-record.js";
import { documentKeys } from "../storage/keys.js";
import type { Level } from "../types.js";

export interface StoreDocumentInput {
  docId: string;
  /** SHA-256 of the original file. */
  sha256: string;
  level: Level;
  unit: string;
  year?: number;
  docType: string;
  originalPath: string;
  /** The signed PDF/A; absent when the pipeline stops short of it (e.g. review-only runs). */
  pdf?: Uint8Array;
  /** Everything else the metadata JSON should hold (fields, timings, review reasons …). */
  metadata: Record<string, unknown>;
}

export interface StoredDocument {
  keys: ArchiveKeys;
  /** Key → hex SHA-256. */
  checksums: Record<string, string>;
  /** The metadata JSON was already there: the document was archived by an earlier run, nothing was written. */
  alreadyArchived: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  tif: "image/tiff",
  tiff: "image/tiff",
  webp: "image/webp",
  pdf: "application/pdf",
};

/** What the metadata JSON of an archived document holds about its objects. */
interface StoredMetadata {
  keys: ArchiveKeys;
  checksums: Record<string, string>;
}

async function readStored(store: ArchiveStore, key: string): Promise<StoredDocument> {
  const meta = JSON.parse(new TextDecoder().decode(await store.get(key))) as StoredMetadata;
  const info = await store.head(key);
  return {
    keys: { ...meta.keys, metadata: key },
    checksums: { ...meta.checksums, ...(info?.sha256 ? { [key]: info.sha256 } : {}) },
    alreadyArchived: true,
  };
}

/**
 * Order matters: original, then PDF, then metadata.json last, so a metadata.json means "complete".
 * A PDF left by an interrupted attempt is adopted, not replaced (signing times differ between runs,
 * and the archive never overwrites).
 */
export async function storeDocument(input: StoreDocumentInput, store: ArchiveStore): Promise<StoredDocument> {
  const ext = path.extname(input.originalPath).slice(1).toLowerCase() || "bin";
  const keys = documentKeys(input, ext);
  if (await store.head(keys.metadata)) return readStored(store, keys.metadata);

  const common = {
    docid: input.docId,
    level: input.level,
    unit: input.unit,
    doctype: input.docType,
    source: input.sha256,
  };
  const checksums: Record<string, string> = {};
  const original = await store.put(keys.original, input.originalPath, {
    sha256: input.sha256,
    contentType: CONTENT_TYPES[ext] ?? "application/octet-stream",
    metadata: common,
  });
  checksums[original.key] = original.sha256;
  const out: ArchiveKeys = { original: original.key };

  if (input.pdf) {
    const left = await store.head(keys.pdf);
    const sha =
      left?.sha256 ??
      (await store.put(keys.pdf, input.pdf, { contentType: "application/pdf", metadata: common })).sha256;
    checksums[keys.pdf] = sha;
    out.pdf = keys.pdf;
  }

  const metadata = {
    ...input.metadata,
    docId: input.docId,
    sha256: input.sha256,
    unit: input.unit,
    level: input.level,
    ...(input.year !== undefined ? { year: input.year } : {}),
    docType: input.docType,
    keys: { ...out, metadata: keys.metadata },
    checksums,
  };
  const body = new TextEncoder().encode(JSON.stringify(metadata, null, 2) + "\n");
  try {
    const put = await store.put(keys.metadata, body, { contentType: "application/json", metadata: common });
    return {
      keys: { ...out, metadata: put.key },
      checksums: { ...checksums, [put.key]: put.sha256 },
      alreadyArchived: false,
    };
  } catch (error) {
    // Another worker finished the same document first: its record stands.
    if (error instanceof ObjectConflictError) return readStored(store, keys.metadata);
    throw error;
  }
}
