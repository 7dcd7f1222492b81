// Code repairs: look-alike characters inside numbers and codes, the eth for Đ; plain words and clean codes untouched.
import { describe, expect, it } from "vitest";
import { fixCode } from "../../src/text/codes.js";
import { correctWords } from "../../src/text/correct.js";

describe("fixCode", () => {
  it("reads I, l and | touching a figure as 1, and the fraction slash as a slash", () => {
    expect(fixCode("23/2004/QHI1")).toBe("23/2004/QH11");
    expect(fixCode("112/2025\u2044QHI5,")).toBe("112/2025/QH15,");
    expect(fixCode("I7")).toBe("17");
    expect(fixCode("2l")).toBe("21");
  });

  it("reads the eth as Đ, in codes and words", () => {
    expect(fixCode("/Q\u00d0-")).toBe("/QĐ-");
    expect(fixCode("TGĐ\u00d0")).toBe("TGĐĐ");
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
