// Syllable pairs attested in Vietnamese web text: the bigram list of Tesseract's legacy Vietnamese model (npm data).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  LONGEST_WORD,
  TESSDATA,
  tessdataComponent,
  unicharsOf,
  vieDataDir,
  walkDawg,
} from "../ocr/tessdata.js";

/** A set of lower-case "syllable syllable" pairs, asked one pair at a time. */
export interface PairSet {
  has(pair: string): boolean;
  readonly size: number;
}

/**
 * The full `vie.traineddata` of tessdata 4.0.0 (Apache-2.0), shipped by @tesseract.js-data/vie, which the WebAssembly
 * engine already depends on. Its legacy part carries a bigram DAWG that Google built from a Vietnamese web crawl:
 * 263,665 pairs, no counts.
 */
function traineddataPath(): string {
  return join(vieDataDir("4.0.0"), "vie.traineddata.gz");
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of the UTF-16 units of `text`, carried on from `hash`. */
function fnv(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** The sorted hashes as a PairSet: one 32-bit number a pair (a false match once in some 20,000 look-ups of unknown pairs). */
function hashedSet(hashes: Uint32Array): PairSet {
  return {
    size: hashes.length,
    has(pair) {
      const h = fnv(FNV_OFFSET, pair);
      let lo = 0;
      let hi = hashes.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = hashes[mid]!;
        if (at === h) return true;
        if (at < h) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    },
  };
}

/**
 * The pairs of two syllables of letters alone in a traineddata file's bigram DAWG, lower case ("sửa đổi", not
 * "??/????/TT-BTNMT ngày" or "Nhà |"). Each pair is kept as its hash, computed letter by letter on the walk: no
 * string is built, so reading takes a third of the time and keeps 0.8 MB, not 26 MB of strings.
 */
export function readWebPairs(file: Buffer, name: string): PairSet {
  const unicharset = tessdataComponent(file, TESSDATA.unicharset, name);
  const bigrams = tessdataComponent(file, TESSDATA.bigramDawg, name);
  if (!unicharset || !bigrams) return hashedSet(new Uint32Array(0));
  // Each character folded once (NFC, lower case), not each pair; figures and symbols are not followed at all.
  const unichars = unicharsOf(unicharset).map((u) => u.normalize("NFC").toLowerCase());
  const space = unichars.map((u) => u === " ");
  const letters = unichars.map((u) => /^\p{L}+$/u.test(u));
  // Per depth of the walk: the hash of the letters so far, and how many spaces they hold.
  const hash = new Uint32Array(LONGEST_WORD + 1);
  const spaces = new Uint8Array(LONGEST_WORD + 1);
  hash[0] = FNV_OFFSET;
  const found: number[] = [];
  walkDawg(
    bigrams,
    (id, depth, endsWord) => {
      const gap = space[id] === true;
      if (!(letters[id] || gap) || (gap && (depth === 0 || spaces[depth] === 1))) return false;
      spaces[depth + 1] = spaces[depth]! + (gap ? 1 : 0);
      hash[depth + 1] = fnv(hash[depth]!, unichars[id]!);
      if (endsWord && !gap && spaces[depth + 1] === 1) found.push(hash[depth + 1]!);
      return true;
    },
    name,
  );
  const sorted = Uint32Array.from(found).sort();
  // The same pair in other capitals ("Sửa đổi") hashes alike once lower case: one entry each.
  const unique = sorted.filter((h, i) => i === 0 || h !== sorted[i - 1]);
  return hashedSet(unique);
}

let web: PairSet | undefined;

/** The web's pairs, read once a process. */
export function webPairs(): PairSet {
  if (!web) {
    const path = traineddataPath();
    web = readWebPairs(gunzipSync(readFileSync(path)), path);
  }
  return web;
}
