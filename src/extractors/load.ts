// Loads the registry and picks a document's type from the detectors' scores.
import { extractors, UNKNOWN } from "./index.js";
import type { DetectInput, Extractor } from "./types.js";

/** A detector score below this leaves the document `unknown`. */
export const DETECT_THRESHOLD = 0.5;

let cache: Map<string, Extractor> | undefined;

/** Every registered extractor, loaded once, in registry order. */
export async function loadExtractors(): Promise<Map<string, Extractor>> {
  if (cache) return cache;
  const loaded = new Map<string, Extractor>();
  for (const [docType, load] of Object.entries(extractors)) loaded.set(docType, (await load()).default);
  cache = loaded;
  return loaded;
}

export interface Classification {
  docType: string;
  score: number;
  /** Every detector's score, for logs and review. */
  scores: Record<string, number>;
}

/** The best-scoring type at or above the threshold, else `unknown`; a throwing detector scores 0. */
export function classify(all: Map<string, Extractor>, input: DetectInput): Classification {
  const scores: Record<string, number> = {};
  let best: Classification = { docType: UNKNOWN, score: 0, scores };
  for (const [docType, extractor] of all) {
    if (docType === UNKNOWN) continue;
    let score = 0;
    try {
      score = extractor.detect(input);
    } catch {
      score = 0;
    }
    scores[docType] = Number.isFinite(score) ? score : 0;
    if (scores[docType]! > best.score) best = { docType, score: scores[docType]!, scores };
  }
  return best.score >= DETECT_THRESHOLD ? best : { docType: UNKNOWN, score: 1 - best.score, scores };
}
