// The web's syllable pairs: read from the legacy model's bigram DAWG, letters only, lower case, kept as hashes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TESSDATA, tessdataComponent, unicharsOf } from "../../src/ocr/tessdata.js";
import { dawgWords } from "../dawg-words.js";
import { readWebPairs, webPairs } from "../../src/text/web-pairs.js";

const require = createRequire(import.meta.url);

/** A traineddata file of one component (the unicharset), with the 24-entry table of tessdata 4. */
function onlyUnicharset(): Buffer {
  const unicharset = Buffer.from("2\nNULL 0 Common 0 0 0 NULL # Null\na 3 Latin 1 0 1 a # a\n");
  const table = Buffer.alloc(4 + 24 * 8);
  table.writeInt32LE(24, 0);
  for (let i = 0; i < 24; i++) table.writeBigInt64LE(i === 1 ? BigInt(table.length) : -1n, 4 + i * 8);
  return Buffer.concat([table, unicharset]);
}

describe("webPairs", () => {
  it("holds every pair of two letter syllables the DAWG spells, in lower case, and the same set at every call", () => {
    const pairs = webPairs();
    expect(webPairs()).toBe(pairs);
    const model = gunzipSync(
      readFileSync(
        join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0", "vie.traineddata.gz"),
      ),
    );
    const unichars = unicharsOf(tessdataComponent(model, TESSDATA.unicharset)!);
    const spelled = dawgWords(tessdataComponent(model, TESSDATA.bigramDawg)!, unichars).map((w) =>
      w.normalize("NFC").toLowerCase(),
    );
    const letterPairs = new Set(spelled.filter((w) => /^\p{L}+ \p{L}+$/u.test(w)));
    expect(letterPairs.size).toBeGreaterThan(150_000);
    // One hash a distinct pair: the count may fall short only by the odd 32-bit collision.
    expect(pairs.size).toBeLessThanOrEqual(letterPairs.size);
    expect(pairs.size).toBeGreaterThan(letterPairs.size - 10);
    expect([...letterPairs].filter((pair) => !pairs.has(pair))).toEqual([]);
    const others = spelled.filter((w) => !/^\p{L}+ \p{L}+$/u.test(w) && !letterPairs.has(w)).slice(0, 5000);
    expect(others.filter((w) => pairs.has(w)).length).toBeLessThanOrEqual(1);
  });

  it("knows common administrative pairs and not their mark slips", () => {
    const pairs = webPairs();
    for (const seen of ["sửa đổi", "nhu cầu", "biểu quyết", "trực tiếp", "thẩm quyền"])
      expect(pairs.has(seen)).toBe(true);
    for (const slip of ["sửa đối", "nhu câu", "biếu quyết", "thẩm quyên"])
      expect(pairs.has(slip)).toBe(false);
  });

  it("is empty for a model without a bigram DAWG", () => {
    const none = readWebPairs(onlyUnicharset(), "eng.traineddata");
    expect(none.size).toBe(0);
    expect(none.has("sửa đổi")).toBe(false);
  });
});
