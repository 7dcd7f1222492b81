// Code repairs: look-alike characters inside numbers and codes, the eth for Đ; plain words and clean codes untouched.
import { describe, expect, it } from "vitest";
import { fixCode, withoutStrayMark } from "../../src/text/codes.js";
import { correctWords } from "../../src/text/correct.js";

describe("fixCode", () => {
  it("reads I, l and | touching a figure as 1, and the fraction slash as a slash", () => {
    expect(fixCode("23/2004/QHI1")).toBe("23/2004/QH11");
    expect(fixCode("112/2025\u2044QHI5,")).toBe("112/2025/QH15,");
    expect(fixCode("I7")).toBe("17");
    expect(fixCode("2l")).toBe("21");
    expect(fixCode("1]")).toBe("11");
    expect(fixCode("1],")).toBe("11,");
    expect(fixCode("[1]")).toBeUndefined();
    expect(fixCode("a]")).toBeUndefined();
  });

  it("reads the eth as Đ, in codes and words", () => {
    expect(fixCode("/Q\u00d0-")).toBe("/QĐ-");
    expect(fixCode("\u00d0ông")).toBe("Đông");
  });

  it("reads a Đ and an eth side by side as the one glyph read twice", () => {
    expect(fixCode("TGĐ\u00d0")).toBe("TGĐ");
    expect(fixCode("/QĐ\u00d0-UBND")).toBe("/QĐ-UBND");
    expect(fixCode("\u00d0Đ")).toBe("Đ");
    expect(fixCode("đ\u00f0")).toBe("đ");
    // Two Vietnamese Đs are two letters ("ĐĐ", a company's abbreviation): only the eth betrays a double read.
    expect(fixCode("ĐĐ")).toBeUndefined();
  });

  it("puts back the slash after a code's year", () => {
    expect(fixCode("64/2025QH15")).toBe("64/2025/QH15");
    expect(fixCode("40/2025NĐ-CP,")).toBe("40/2025/NĐ-CP,");
    expect(fixCode("2025ABC")).toBeUndefined();
    expect(fixCode("ngày 12/2025")).toBeUndefined();
  });

  it("leaves words without figures and clean codes alone", () => {
    expect(fixCode("Luật")).toBeUndefined();
    expect(fixCode("lập")).toBeUndefined();
    expect(fixCode("14-KI/TW")).toBeUndefined();
    expect(fixCode("300/2025/NĐ-CP")).toBeUndefined();
  });

  it("is applied by the word correction, with the engine's word kept", () => {
    const fixes = correctWords([
      { text: "I7", confidence: 57 },
      { text: "tháng", confidence: 96 },
    ]);
    expect(fixes).toEqual([{ index: 0, from: "I7", to: "17", confidence: 0.8, reason: "invalid" }]);
  });
});

describe("withoutStrayMark", () => {
  it("drops one speck glued to a word's front", () => {
    expect(withoutStrayMark("'khúng")).toBe("khúng");
    expect(withoutStrayMark("§83/TTr-UBND")).toBe("83/TTr-UBND");
    expect(withoutStrayMark(".92/TTr-UBND")).toBe("92/TTr-UBND");
  });

  it("keeps quotes, brackets, leader dots and bare punctuation", () => {
    for (const w of ["“dầu", '"6.', "(APG)", "...", "..........Nguyễn", "-", "khủng", "./."])
      expect(withoutStrayMark(w)).toBeUndefined();
  });

  it("is one fix a word with whatever else the word needed, from the engine's spelling", () => {
    const fixes = correctWords([
      { text: "'QUYÉT", confidence: 60 },
      { text: "§I7", confidence: 60 },
      { text: "ĐỊNH", confidence: 90 },
    ]);
    expect(fixes.map((f) => [f.index, f.from, f.to])).toEqual([
      [0, "'QUYÉT", "QUYẾT"],
      [1, "§I7", "17"],
    ]);
  });
});
