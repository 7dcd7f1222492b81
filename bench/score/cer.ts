// Character error rate: Levenshtein distance over code points / length of the truth.
import { foldText } from "./normalize.js";

/** Edit distance (insert, delete, substitute all cost 1) between two code-point arrays. */
export function levenshtein(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Two rows are enough; pages are a few thousand characters, so O(n·m) stays in milliseconds.
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const cost = ai === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

export interface CerScore {
  /** Edits needed to turn the hypothesis into the truth. */
  edits: number;
  /** Code points in the folded truth. */
  truthChars: number;
  /** edits / truthChars (1 when the truth is empty and the hypothesis is not). */
  cer: number;
}

/** CER of one hypothesis against its truth, both NFC with whitespace folded. */
export function characterErrorRate(hypothesis: string, truth: string): CerScore {
  const h = [...foldText(hypothesis)];
  const t = [...foldText(truth)];
  const edits = levenshtein(h, t);
  const cer = t.length === 0 ? (h.length === 0 ? 0 : 1) : edits / t.length;
  return { edits, truthChars: t.length, cer };
}

/** Corpus CER: total edits over total truth characters, so long pages weigh more. */
export function corpusCer(scores: readonly CerScore[]): number {
  const chars = scores.reduce((s, x) => s + x.truthChars, 0);
  const edits = scores.reduce((s, x) => s + x.edits, 0);
  return chars === 0 ? 0 : edits / chars;
}
