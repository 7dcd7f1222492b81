// The engine's mark confusions (ế/é/ể, ầ/â, ơ/o, đ/d, ư/u): every spelling of a word's letters that differs only in marks.
import { isValidSyllable, toneOf } from "./syllable.js";

/** Letters that differ only by a vowel mark, and the cost of reading one for another. */
const FAMILY: Record<string, string[]> = {
  a: ["a", "ă", "â"],
  ă: ["a", "ă", "â"],
  â: ["a", "ă", "â"],
  e: ["e", "ê"],
  ê: ["e", "ê"],
  o: ["o", "ô", "ơ"],
  ô: ["o", "ô", "ơ"],
  ơ: ["o", "ô", "ơ"],
  u: ["u", "ư"],
  ư: ["u", "ư"],
  d: ["d", "đ"],
  đ: ["d", "đ"],
};

const TONE_MARK: Record<string, string> = {
  ngang: "",
  sac: "\u0301",
  huyen: "\u0300",
  hoi: "\u0309",
  nga: "\u0303",
  nang: "\u0323",
};
const TONES = Object.keys(TONE_MARK);
const VOWEL = /[aăâeêioôơuưy]/;

/**
 * Where the tone mark goes (the traditional placement the documents print: "hóa", "thủy",
 * "hoàn", "người"): on the vowel with a mark of its own, else on the first of two final
 * vowels, else on the last vowel before the final consonant.
 */
export function toneIndex(base: string): number {
  let start = 0;
  if (/^qu/.test(base)) start = 2;
  else if (/^gi[^aăâeêioôơuưy]?/.test(base) && VOWEL.test(base[2] ?? "")) start = 2;
  const idx: number[] = [];
  for (let i = start; i < base.length; i++) if (VOWEL.test(base[i]!)) idx.push(i);
  if (idx.length === 0) return base.search(VOWEL);
  const marked = idx.filter((i) => /[ăâêôơư]/.test(base[i]!));
  if (marked.length > 0) return marked[marked.length - 1]!;
  const last = idx[idx.length - 1]!;
  const open = last === base.length - 1;
  if (idx.length === 1) return idx[0]!;
  if (open) return idx.length === 3 ? idx[1]! : idx[0]!;
  return last;
}

/** Writes a syllable from its toneless letters and tone, NFC. */
export function render(base: string, tone: string): string {
  const i = toneIndex(base);
  if (i < 0 || !TONE_MARK[tone]) return base.normalize("NFC");
  return (base.slice(0, i + 1) + TONE_MARK[tone] + base.slice(i + 1)).normalize("NFC");
}

export interface Candidate {
  /** Lower case, NFC. */
  word: string;
  /** Number of marks changed: vowel marks, đ/d, and the tone. */
  cost: number;
}

/** Every valid syllable spelled with the same letters as `word` but other marks, at most `maxCost` changes away. */
export function markVariants(word: string, maxCost = 2): Candidate[] {
  const t = toneOf(word);
  if (!t) return [];
  const letters = [...t.base];
  const options = letters.map((c) => FAMILY[c] ?? [c]);
  const out: Candidate[] = [];
  const walk = (i: number, acc: string, cost: number): void => {
    if (cost > maxCost) return;
    if (i === letters.length) {
      for (const tone of TONES) {
        const total = cost + (tone === t.tone ? 0 : 1);
        if (total === 0 || total > maxCost) continue;
        const w = render(acc, tone);
        if (isValidSyllable(w)) out.push({ word: w, cost: total });
      }
      return;
    }
    for (const o of options[i]!) walk(i + 1, acc + o, cost + (o === letters[i] ? 0 : 1));
  };
  walk(0, "", 0);
  return out.sort((a, b) => a.cost - b.cost);
}
