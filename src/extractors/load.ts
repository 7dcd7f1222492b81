// Loads the registry and picks a document's type from the detectors' scores.
import { extractors, UNKNOWN } from "./index.js";
import { findDocTitle } from "./parsers/title.js";
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
  /** The document's own kind from its title block or symbol (`chi_thi`, `cong_van` …), when read. */
  title?: string;
}

/** Title kinds a result extractor may claim; every other known kind is a non-result type (→ `unknown`). */
const RESULT_TITLES = new Set(["quyet_dinh"]);

/** The best-scoring type at or above the threshold, else `unknown`; a throwing detector scores 0. */
export function classify(all: Map<string, Extractor>, input: DetectInput): Classification {
  const scores: Record<string, number> = {};
  // A Chỉ thị or Công văn quoting "Quyết định số …" in its body is still a Chỉ thị: its own title
  // block decides, and a wrong known type is worse than `unknown`.
  const title = findDocTitle(input.lines, input.folded);
  if (title && !RESULT_TITLES.has(title.kind))
    return { docType: UNKNOWN, score: 1, scores, title: title.kind };
  let best: Classification = { docType: UNKNOWN, score: 0, scores };
  for (const [docType, extractor] of all) {
    if (docType === UNKNOWN) continue;
    let score: number;
    try {
      score = extractor.detect(input);
    } catch {
      score = 0;
    }
    scores[docType] = Number.isFinite(score) ? score : 0;
    if (scores[docType]! > best.score) best = { docType, score: scores[docType]!, scores };
  }
  const withTitle = title ? { title: title.kind } : {};
  return best.score >= DETECT_THRESHOLD
    ? { ...best, ...withTitle }
    : { docType: UNKNOWN, score: 1 - best.score, scores, ...withTitle };
}
