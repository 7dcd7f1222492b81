// Syllable pairs attested in Vietnamese web text: the bigram list of Tesseract's legacy Vietnamese model (npm data).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { dawgWords, TESSDATA, tessdataComponent, unicharsOf } from "../ocr/tessdata.js";

const require = createRequire(import.meta.url);

/**
 * The full `vie.traineddata` of tessdata 4.0.0 (Apache-2.0), shipped by @tesseract.js-data/vie, which the WebAssembly
 * engine already depends on. Its legacy part carries a bigram DAWG that Google built from a Vietnamese web crawl:
 * 263,665 pairs, no counts.
 */
function traineddataPath(): string {
  return join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0", "vie.traineddata.gz");
}

/** Two syllables of letters alone: "sửa đổi", not "??/????/TT-BTNMT ngày" or "Nhà |". */
const PAIR = /^\p{L}+ \p{L}+$/u;

/** Reads the pairs of letters from a traineddata file's bigram DAWG, lower case. */
export function readWebPairs(file: Buffer, name: string): Set<string> {
  const unicharset = tessdataComponent(file, TESSDATA.unicharset, name);
  const bigrams = tessdataComponent(file, TESSDATA.bigramDawg, name);
  const pairs = new Set<string>();
  if (!unicharset || !bigrams) return pairs;
  // Each character folded once, not each of the 263,665 pairs; figures and symbols are not followed at all.
  const unichars = unicharsOf(unicharset).map((u) => u.normalize("NFC").toLowerCase());
  const letters = unichars.map((u) => /^(?:\p{L}+| )$/u.test(u));
  const keep = (id: number): boolean => letters[id] === true;
  for (const words of dawgWords(bigrams, unichars, { name, keep })) if (PAIR.test(words)) pairs.add(words);
  return pairs;
}

let web: Set<string> | undefined;

/** The web's pairs, read once a process (about a third of a second, some 20 MB of strings). */
export function webPairs(): ReadonlySet<string> {
  if (!web) {
    const path = traineddataPath();
    web = readWebPairs(gunzipSync(readFileSync(path)), path);
  }
  return web;
}
