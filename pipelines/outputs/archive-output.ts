// ArchiveOutput: a worker's output, the document's original, PDF and metadata.json in an ArchiveStore (storeDocument).
import path from "node:path";
import { documentMetadata } from "../../src/report/document-metadata.js";
import { storeDocument } from "../../src/stages/store.js";
import type { ArchiveStore } from "../../src/storage/archive-store.js";
import type { DocumentResult, Level } from "../../src/types.js";
import { issueYear } from "../../src/report/document-metadata.js";
import type { ArchivalPdfResult } from "../archival-pdf.js";
import type { DocumentOutput, WrittenDocument } from "./document-output.js";

/** What places a document in the archive, besides what was read from it. */
export interface ArchivePlacement {
  /** Archive key id of the document (see docIdOf). */
  docId: string;
  sha256: string;
  batchId: string;
  file: string;
  unit: string;
  level: Level;
  /** The batch's year, used when the issue date cannot be read. */
  year?: number;
}

export class ArchiveOutput implements DocumentOutput {
  constructor(
    private readonly store: ArchiveStore,
    private readonly placement: ArchivePlacement,
  ) {}

  get location(): string {
    return this.store.location;
  }

  async write(doc: DocumentResult, pdf: ArchivalPdfResult | undefined): Promise<WrittenDocument> {
    const p = this.placement;
    const year = issueYear(doc) ?? p.year;
    const stored = await storeDocument(
      {
        docId: p.docId,
        sha256: p.sha256,
        level: p.level,
        unit: p.unit,
        ...(year !== undefined ? { year } : {}),
        docType: doc.extraction.docType,
        originalPath: p.file,
        ...(pdf ? { pdf: pdf.bytes } : {}),
        metadata: {
          ...documentMetadata(
            path.basename(p.file),
            doc,
            pdf ? { sha256: pdf.sha256, signed: pdf.signed } : undefined,
          ),
          batchId: p.batchId,
        },
      },
      this.store,
    );
    return { keys: stored.keys, checksums: stored.checksums, alreadyStored: stored.alreadyArchived };
  }
}
