// A tiny language model of administrative Vietnamese: syllable and syllable-pair counts from text sohoa wrote itself,
// beside the pairs that Vietnamese web text attests (web-pairs.ts).
import { fold } from "../extractors/parsers/text.js";
import { ADMIN_TEXT } from "./data/admin-text.js";
import { webPairs, type PairSet } from "./web-pairs.js";

export interface Lm {
  unigram(word: string): number;
  bigram(a: string, b: string): number;
  /** Every syllable the model has counted (lower case); the same array at every call. */
  vocabulary(): readonly string[];
  /** True when the model has counted a pair of these letters with any marks ("sửa đổi" for "sửa đối", "sua doi"). */
  knowsLetters(a: string, b: string): boolean;
  /** True when the pair is attested in general Vietnamese text: no count, and weaker evidence than `bigram`. */
  attested(a: string, b: string): boolean;
}

/** Lower-case syllables of a text, one sentence piece at a time (punctuation breaks pairs). */
export function pieces(text: string): string[][] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .split(/[.,;:!?()\n"“”]+/)
    .map((p) => p.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w)))
    .filter((p) => p.length > 0);
}

/** Counts the syllables and adjacent pairs of `text`; `attested` holds lower-case pairs known from elsewhere. */
export function buildLm(text: string, attested: PairSet = new Set()): Lm {
  const uni = new Map<string, number>();
  const bi = new Map<string, number>();
  let vocabulary: string[] | undefined;
  let bare: Set<string> | undefined;
  for (const piece of pieces(text)) {
    piece.forEach((w, i) => {
      uni.set(w, (uni.get(w) ?? 0) + 1);
      if (i > 0) bi.set(`${piece[i - 1]} ${w}`, (bi.get(`${piece[i - 1]} ${w}`) ?? 0) + 1);
    });
  }
  return {
    unigram: (w) => uni.get(w.toLowerCase()) ?? 0,
    bigram: (a, b) => bi.get(`${a.toLowerCase()} ${b.toLowerCase()}`) ?? 0,
    vocabulary: () => (vocabulary ??= [...uni.keys()]),
    knowsLetters: (a, b) => {
      // Folded as the extractors fold text: lower case, no marks, đ as d (what the engine's mark slips leave alone).
      bare ??= new Set([...bi.keys()].map(fold));
      return bare.has(fold(`${a} ${b}`));
    },
    attested: (a, b) => attested.has(`${a.toLowerCase()} ${b.toLowerCase()}`),
  };
}

let admin: Lm | undefined;

/** The model of sohoa's own administrative text with the web's pairs, built once. */
export function adminLm(): Lm {
  admin ??= buildLm(ADMIN_TEXT, webPairs());
  return admin;
}
