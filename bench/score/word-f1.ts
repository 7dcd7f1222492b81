// Word F1 over the multiset of whitespace tokens (order ignored, duplicates counted).
import { words } from "./normalize.js";

export interface WordScore {
  /** Tokens present in both, counted with multiplicity. */
  matched: number;
  hypothesisWords: number;
  truthWords: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Builds precision/recall/F1 from counts; empty-vs-empty counts as a perfect score. */
export function f1FromCounts(matched: number, hypothesisWords: number, truthWords: number): WordScore {
  const precision = hypothesisWords === 0 ? (truthWords === 0 ? 1 : 0) : matched / hypothesisWords;
  const recall = truthWords === 0 ? (hypothesisWords === 0 ? 1 : 0) : matched / truthWords;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { matched, hypothesisWords, truthWords, precision, recall, f1 };
}

/** Word F1 of one hypothesis against its truth. */
export function wordF1(hypothesis: string, truth: string): WordScore {
  const counts = new Map<string, number>();
  for (const w of words(truth)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const hyp = words(hypothesis);
  let matched = 0;
  for (const w of hyp) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      matched++;
      counts.set(w, left - 1);
    }
  }
  const truthWords = [...counts.values()].reduce((s, n) => s + n, 0) + matched;
  return f1FromCounts(matched, hyp.length, truthWords);
}

/** Micro-averaged F1 over a corpus (sums the counts of every file). */
export function corpusWordF1(scores: readonly WordScore[]): WordScore {
  const sum = (k: "matched" | "hypothesisWords" | "truthWords"): number =>
    scores.reduce((s, x) => s + x[k], 0);
  return f1FromCounts(sum("matched"), sum("hypothesisWords"), sum("truthWords"));
}
