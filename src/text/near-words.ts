// Letter slips the engine makes beyond marks ("tghiệp", "qujển", "ãịnh"): known words a letter or two away.
import type { Candidate } from "./confusions.js";
import { toneOf } from "./syllable.js";

const bare = new Map<string, string>();

/** The letter without its marks (đ as d): two letters sharing it are a mark slip, cheaper than another letter. */
function bareLetter(c: string): string {
  let b = bare.get(c);
  if (b === undefined) {
    b = c === "đ" ? "d" : c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    // The letters of a script, and whatever OCR makes up: kept small all the same.
    if (bare.size < 4096) bare.set(c, b);
  }
  return b;
}

/**
 * Edit distance over the letters of two NFC words, with a letter read for its marked or unmarked twin ("a"/"ấ")
 * costing half: the engine drops and adds marks more often than it swaps letters.
 */
export function letterDistance(a: string, b: string, limit = Infinity): number {
  const x = [...a];
  const y = [...b];
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    let least = i;
    for (let j = 1; j <= y.length; j++) {
      const same = x[i - 1] === y[j - 1] ? 0 : bareLetter(x[i - 1]!) === bareLetter(y[j - 1]!) ? 0.5 : 1;
      const cell = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + same);
      next.push(cell);
      least = Math.min(least, cell);
    }
    // Every path runs through this row: past the limit here, past it at the end.
    if (least > limit) return least;
    row = next;
  }
  return row[y.length]!;
}

/**
 * Words of `vocabulary` within `maxCost` letter edits of `word` (lower case, NFC), nearest first; a short word
 * may change by a third of its letters (one at least): "qujển" may be "quyền", "ttởng" is too far from "trường".
 */
export function nearWords(word: string, vocabulary: readonly string[], maxCost = 2): Candidate[] {
  // A model's vocabulary is one array for its life: the words OCR repeats on a page are looked up once.
  let memo = memos.get(vocabulary);
  if (!memo) memos.set(vocabulary, (memo = new Map()));
  const key = `${maxCost} ${word}`;
  const known = memo.get(key);
  if (known) return known;
  const found = search(word, vocabulary, maxCost);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, found);
  return found;
}

/** The same syllable with its tone mark placed the other way ("hoà", "hòa"): a spelling style, not a slip. */
function sameSyllable(spoken: ReturnType<typeof toneOf>, other: string): boolean {
  if (!spoken) return false;
  const t = toneOf(other);
  return t !== undefined && t.base === spoken.base && t.tone === spoken.tone;
}

const memos = new WeakMap<readonly string[], Map<string, Candidate[]>>();
/** Words remembered per vocabulary, at most: a long batch's OCR words are many, and mostly seen once. */
const MEMO_SIZE = 5000;

function search(word: string, vocabulary: readonly string[], maxCost: number): Candidate[] {
  const length = [...word].length;
  const limit = Math.min(maxCost, Math.max(1, length / 3));
  const out: Candidate[] = [];
  const spoken = toneOf(word);
  for (const known of vocabulary) {
    if (known === word || Math.abs([...known].length - length) > limit) continue;
    const cost = letterDistance(word, known, limit);
    if (cost <= limit && !sameSyllable(spoken, known)) out.push({ word: known, cost });
  }
  return out.sort((a, b) => a.cost - b.cost);
}
