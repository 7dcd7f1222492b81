// The web's syllable pairs: read from the legacy model's bigram DAWG, letters only, lower case.
import { describe, expect, it } from "vitest";
import { readWebPairs, webPairs } from "../../src/text/web-pairs.js";

/** A traineddata file of one component (the unicharset), with the 24-entry table of tessdata 4. */
function onlyUnicharset(): Buffer {
  const unicharset = Buffer.from("2\nNULL 0 Common 0 0 0 NULL # Null\na 3 Latin 1 0 1 a # a\n");
  const table = Buffer.alloc(4 + 24 * 8);
  table.writeInt32LE(24, 0);
  for (let i = 0; i < 24; i++) table.writeBigInt64LE(i === 1 ? BigInt(table.length) : -1n, 4 + i * 8);
  return Buffer.concat([table, unicharset]);
}

describe("webPairs", () => {
  it("holds pairs of letters in lower case, and the same set at every call", () => {
    const pairs = webPairs();
    expect(pairs.size).toBeGreaterThan(150_000);
    expect(webPairs()).toBe(pairs);
    for (const pair of [...pairs].slice(0, 5000)) {
      expect(pair).toMatch(/^\p{L}+ \p{L}+$/u);
      expect(pair).toBe(pair.toLowerCase());
    }
  });

  it("knows common administrative pairs and not their mark slips", () => {
    const pairs = webPairs();
    for (const seen of ["sửa đổi", "nhu cầu", "biểu quyết", "trực tiếp", "thẩm quyền"])
      expect(pairs.has(seen)).toBe(true);
    for (const slip of ["sửa đối", "nhu câu", "biếu quyết", "thẩm quyên"])
      expect(pairs.has(slip)).toBe(false);
  });

  it("is empty for a model without a bigram DAWG", () => {
    expect(readWebPairs(onlyUnicharset(), "eng.traineddata").size).toBe(0);
  });
});
