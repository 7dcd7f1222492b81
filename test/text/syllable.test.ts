// Syllable inventory and mark confusions: real words pass, misread marks fail, candidates are spelled right.
import { describe, expect, it } from "vitest";
import { markVariants, render } from "../../src/text/confusions.js";
import { isValidSyllable, toneOf } from "../../src/text/syllable.js";

describe("isValidSyllable", () => {
  it("accepts well-formed syllables, with qu/gi onsets, in any case", () => {
    const words =
      "quyết định ủy ban nhân dân giữ gìn nghiêng khuya thuở xoong người những ở QUYẾT Hạnh".split(" ");
    expect(words.filter((w) => !isValidSyllable(w))).toEqual([]);
  });

  it("rejects a stop final with a level tone, misplaced k/gh/ngh, stray letters and abbreviations", () => {
    for (const w of ["QUYÉT", "thàt", "hoàt", "ghá", "ngé", "kan", "tyên", "UBND", "QĐ", "xyz", "4‡", "ca1"])
      expect(isValidSyllable(w), w).toBe(false);
  });
});

describe("mark variants", () => {
  it("writes the tone where the documents print it", () => {
    const words = ["hóa", "thủy", "hoàn", "người", "ngoài", "quyết", "giữ", "của", "mười"];
    expect(words.map((w) => render(toneOf(w)!.base, toneOf(w)!.tone))).toEqual(words);
  });

  it("offers only valid spellings, cheapest first", () => {
    expect(markVariants("QUYÉT")[0]).toEqual({ word: "quyết", cost: 1 });
    expect(markVariants("bồ", 1).map((c) => c.word)).toContain("bổ");
    expect(markVariants("ubnd")).toEqual([]);
  });
});
