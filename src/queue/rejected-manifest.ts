// Files enqueue rejected, written into the batch's manifest as failed records so the archive names them too.
import { createHash } from "node:crypto";
import type { ArchiveStore } from "../storage/archive-store.js";
import type { ArchiveRecord } from "../storage/archive-record.js";
import { writeManifestEntry } from "../storage/manifest.js";
import type { BatchRegistry } from "./batch-registry.js";

/** A stable document id for a file that has no content hash (it was never read whole). */
function rejectedDocId(file: string): string {
  return `rejected-${createHash("sha256").update(file).digest("hex").slice(0, 24)}`;
}

export async function writeRejectedEntries(
  store: ArchiveStore,
  registry: BatchRegistry,
  batchId: string,
): Promise<number> {
  const [batch, rejected] = await Promise.all([registry.get(batchId), registry.rejected(batchId)]);
  if (!batch || !rejected.length) return 0;
  for (const r of rejected) {
    const record: ArchiveRecord = {
      docId: rejectedDocId(r.file),
      batchId,
      file: r.file,
      sha256: "",
      outcome: "failed",
      keys: {},
      checksums: {},
      unit: batch.unit,
      level: batch.level,
      ...(batch.year !== undefined ? { year: batch.year } : {}),
      docType: "unknown",
      fields: {},
      pages: 0,
      timings: {},
      error: r.error,
      finishedAt: new Date(batch.createdAt).toISOString(),
      attempts: 0,
    };
    await writeManifestEntry(store, record);
  }
  return rejected.length;
}
