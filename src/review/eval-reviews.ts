// What the clerks' reviews say about the pipeline: its first reading (v1) scored against the latest approved version.
import { scoreExtraction, type ExtractionScore, type Labelled } from "../eval/fields.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import { readJson, versionKeys } from "../storage/versions.js";
import type { StoredMetadata } from "./decide.js";
import { QueueIndex } from "./queue-index.js";

export interface ReviewEval {
  /** Documents with an approved review: the truth set. */
  reviewed: number;
  /** Documents marked "not a settlement result": left out of the score. */
  excluded: number;
  score: ExtractionScore;
}

/** Pairs every approved document's v1 (the prediction) with its latest version (the truth) and scores them. */
export async function evalReviews(store: ArchiveStore, index?: QueueIndex): Promise<ReviewEval> {
  const idx = index ?? (await QueueIndex.build(store));
  const predictions: Labelled[] = [];
  const truths: Labelled[] = [];
  let excluded = 0;
  for (const e of idx.all()) {
    if (e.status === "excluded") excluded++;
    if (e.status !== "approved" || e.version < 2) continue;
    const [first, last] = await Promise.all([
      readJson<StoredMetadata>(store, versionKeys(e.prefix, 1).metadata),
      readJson<StoredMetadata>(store, versionKeys(e.prefix, e.version).metadata),
    ]);
    // The prefix names one document; file names may repeat across batches.
    predictions.push({ file: e.prefix, docType: first.docType, fields: first.fields });
    truths.push({ file: e.prefix, docType: last.docType, fields: last.fields });
  }
  return { reviewed: truths.length, excluded, score: scoreExtraction(predictions, truths) };
}
