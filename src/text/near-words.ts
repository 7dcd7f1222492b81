// Letter slips the engine makes beyond marks ("tghiệp", "qujển", "ãịnh"): known words a letter or two away.
import type { Candidate } from "./confusions.js";

/** The letter without its marks (đ as d): two letters sharing it are a mark slip, cheaper than another letter. */
const bareLetter = (c: string): string =>
  c === "đ" ? "d" : c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/**
 * Edit distance over the letters of two NFC words, with a letter read for its marked or unmarked twin ("a"/"ấ")
 * costing half: the engine drops and adds marks more often than it swaps letters.
 */
export function letterDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      const same = x[i - 1] === y[j - 1] ? 0 : bareLetter(x[i - 1]!) === bareLetter(y[j - 1]!) ? 0.5 : 1;
      next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + same));
    }
    row = next;
  }
  return row[y.length]!;
}

/**
 * Words of `vocabulary` within `maxCost` letter edits of `word` (lower case, NFC), nearest first; a short word
 * may change by a third of its letters (one at least): "qujển" may be "quyền", "ttởng" is too far from "trường".
 */
export function nearWords(word: string, vocabulary: Iterable<string>, maxCost = 2): Candidate[] {
  const length = [...word].length;
  const limit = Math.min(maxCost, Math.max(1, length / 3));
  const out: Candidate[] = [];
  for (const known of vocabulary) {
    if (known === word || Math.abs([...known].length - length) > limit) continue;
    const cost = letterDistance(word, known);
    if (cost <= limit) out.push({ word: known, cost });
  }
  return out.sort((a, b) => a.cost - b.cost);
}
