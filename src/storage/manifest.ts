// Batch manifests: one object per finished document, consolidated into manifest.jsonl when the batch ends.
import type { ArchiveStore } from "./archive-store.js";
import { archiveRecordAsJSON, archiveRecordFromJSON, type ArchiveRecord } from "./archive-record.js";
import { batchKeys } from "./keys.js";

/**
 * S3 cannot append, so every store uses the same scheme: `batches/<id>/docs/<docId>.json` is written
 * (replaced on retry) as each document finishes, and `batches/<id>/manifest.jsonl` is rewritten from
 * those whenever the batch completes. Readers take manifest.jsonl plus any newer per-document object.
 */
export async function writeManifestEntry(store: ArchiveStore, record: ArchiveRecord): Promise<string> {
  const key = batchKeys(record.batchId).doc(record.docId);
  await store.put(key, new TextEncoder().encode(JSON.stringify(archiveRecordAsJSON(record)) + "\n"), {
    contentType: "application/json",
    overwrite: true,
  });
  return key;
}

/** Every record of a batch, one per document, sorted by input file; per-document objects win. */
export async function readManifest(store: ArchiveStore, batchId: string): Promise<ArchiveRecord[]> {
  const keys = batchKeys(batchId);
  const byDoc = new Map<string, ArchiveRecord>();
  if (await store.head(keys.manifest)) {
    const text = new TextDecoder().decode(await store.get(keys.manifest));
    for (const line of text.split("\n"))
      if (line.trim()) {
        const r = archiveRecordFromJSON(line);
        byDoc.set(r.docId, r);
      }
  }
  for (const key of await store.list(keys.docsPrefix)) {
    const r = archiveRecordFromJSON(new TextDecoder().decode(await store.get(key)));
    byDoc.set(r.docId, r);
  }
  return [...byDoc.values()].sort((a, b) => a.file.localeCompare(b.file) || a.docId.localeCompare(b.docId));
}

/** Rewrites `manifest.jsonl` from the per-document objects; returns its key and line count. */
export async function consolidateManifest(
  store: ArchiveStore,
  batchId: string,
): Promise<{ key: string; documents: number }> {
  const records = await readManifest(store, batchId);
  const key = batchKeys(batchId).manifest;
  const body =
    records.map((r) => JSON.stringify(archiveRecordAsJSON(r))).join("\n") + (records.length ? "\n" : "");
  await store.put(key, new TextEncoder().encode(body), {
    contentType: "application/x-ndjson",
    overwrite: true,
  });
  return { key, documents: records.length };
}
