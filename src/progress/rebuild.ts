// Recomputes every count from the archive: the manifests are the truth, the ledger a cache of them.
import type { ArchivedDocRef, ProgressLedger, RebuildSummary } from "./types.js";

/** Replaces the ledger's counts with those of `source` (e.g. `readArchiveManifests(root)`). */
export async function rebuild(
  ledger: ProgressLedger,
  source: AsyncIterable<ArchivedDocRef>,
): Promise<RebuildSummary> {
  return ledger.replaceAll(source);
}

/** An async iterable over an in-memory list, for callers that already hold the refs. */
export async function* fromArray<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
