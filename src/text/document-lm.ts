// The document's own words as evidence: syllables and pairs the engine read with confidence on its other lines.
import { TOKEN } from "./correct.js";
import type { Lm } from "./lm.js";
import { isValidSyllable } from "./syllable.js";

/** From this OCR confidence (0..100) up, a word the document reads counts as its own vocabulary. */
const SURE = 90;

interface Counts {
  uni: Map<string, number>;
  bi: Map<string, number>;
}

const add = (m: Map<string, number>, k: string, n: number): void => {
  m.set(k, (m.get(k) ?? 0) + n);
};

/**
 * A pair the base model contradicts: it knows the same letters with other marks ("sửa đổi" against the document's
 * "sửa đối"). The engine repeats its slips, so a sure read of one is no evidence against the model.
 */
const contradicted = (base: Lm, a: string, b: string): boolean =>
  base.bigram(a, b) === 0 && base.knowsLetters(a, b);

/** One line's sure syllables and the pairs of sure neighbours; punctuation and doubtful words break pairs. */
function countLine(
  words: ReadonlyArray<{ text: string; confidence: number }>,
  into: Counts,
  counted: (a: string, b: string) => boolean,
): void {
  let prev: string | undefined;
  for (const w of words) {
    const p = TOKEN.exec(w.text.normalize("NFC"));
    const sure = p !== null && w.confidence >= SURE && isValidSyllable(p[2]!);
    if (!sure) {
      prev = undefined;
      continue;
    }
    const word = p[2]!.toLowerCase();
    add(into.uni, word, 1);
    if (prev !== undefined && p[1] === "" && counted(prev, word)) add(into.bi, `${prev} ${word}`, 1);
    prev = p[3] === "" ? word : undefined;
  }
}

/**
 * The base model with the document's own sure words added, for one line at a time (`lines` are every page's lines
 * in order): `forLine(li)` leaves line `li` out, so a word never vouches for itself ("phái triển" read at 93 is no
 * evidence that "phái triển" is right).
 * A document names its subject again and again ("rửa tiền", "dầu hỏa"): where one place is misread, the others
 * are the evidence the hand-written model lacks.
 */
export function documentLm(
  base: Lm,
  lines: ReadonlyArray<{ words: ReadonlyArray<{ text: string; confidence: number }> }>,
): { forLine(li: number): Lm } {
  // The document's counts only: a line's own are counted again when it is corrected, so a 2,000-page scan holds
  // one vocabulary's worth of counts, not a map a line.
  const counted = (a: string, b: string): boolean => !contradicted(base, a, b);
  const all: Counts = { uni: new Map(), bi: new Map() };
  for (const l of lines) countLine(l.words, all, counted);
  return {
    forLine(li) {
      const own: Counts = { uni: new Map(), bi: new Map() };
      if (lines[li]) countLine(lines[li].words, own, counted);
      const count = (m: keyof Counts, k: string): number => (all[m].get(k) ?? 0) - (own[m].get(k) ?? 0);
      return {
        unigram: (w) => base.unigram(w) + count("uni", w.toLowerCase()),
        bigram: (a, b) => base.bigram(a, b) + count("bi", `${a.toLowerCase()} ${b.toLowerCase()}`),
        // The letter slips' candidates stay the base model's words: one array for every document, so the slips
        // looked up once (near-words.ts) are not looked up again for each.
        vocabulary: () => base.vocabulary(),
        knowsLetters: (a, b) => base.knowsLetters(a, b),
        attested: (a, b) => base.attested(a, b),
      };
    },
  };
}
