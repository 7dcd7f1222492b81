// Reads the batch manifests of an archive (any ArchiveStore: folder or S3) as ArchivedDocRefs for `rebuild`.
import type { ArchiveStore } from "../storage/archive-store.js";
import { readManifest } from "../storage/manifest.js";
import { docRefFrom } from "./doc-ref.js";
import type { ArchivedDocRef } from "./types.js";

/** Outcomes of a manifest record that mean "this document is in the archive" ("review": archived, fields need a person). */
export const ARCHIVED_OUTCOMES: ReadonlySet<string> = new Set(["archived", "review"]);

export interface ManifestReadOptions {
  /** Told about each record that is skipped (not archived, unreadable, no identity, unit or year). */
  onSkip?: (batchId: string, file: string, reason: string) => void;
}

/** The ids of every batch with a manifest in the archive, sorted so a rebuild reads them in a stable order. */
export async function listBatches(store: ArchiveStore): Promise<string[]> {
  const ids = new Set<string>();
  for (const key of await store.list("batches/")) {
    const id = key.split("/")[1];
    if (id) ids.add(id);
  }
  return [...ids].sort();
}

/** Every archived document of every batch of the archive, read through the store (the manifests are the truth). */
export async function* readArchiveManifests(
  store: ArchiveStore,
  options: ManifestReadOptions = {},
): AsyncGenerator<ArchivedDocRef> {
  for (const batchId of await listBatches(store)) {
    for (const record of await readManifest(store, batchId)) {
      if (!ARCHIVED_OUTCOMES.has(record.outcome)) {
        options.onSkip?.(batchId, record.file, `outcome ${record.outcome}`);
        continue;
      }
      const ref = docRefFrom(record);
      if (!ref) {
        options.onSkip?.(batchId, record.file, "no SHA-256, unit or year");
        continue;
      }
      yield ref;
    }
  }
}
