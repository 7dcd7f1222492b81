// The legal bases' semicolons: a "Căn cứ" paragraph that another basis follows ends with ";", whatever OCR read.
import { describe, expect, it } from "vitest";
import { correctPage } from "../../src/stages/correct.js";
import { basisSemicolons } from "../../src/text/legal-basis.js";
import type { OcrLine, OcrPage } from "../../src/types.js";

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
const line = (text: string, i: number): OcrLine => ({
  text,
  box,
  confidence: 90,
  words: text.split(" ").map((w) => ({ text: w, box, confidence: 90, line: i })),
});
const lines = (...texts: string[]) => texts.map(line);

describe("basisSemicolons", () => {
  it("finds the comma that ends each basis another basis follows, over wrapped lines", () => {
    const page = lines(
      "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025,",
      "Căn cứ Nghị định số 39/2022/NĐ-CP ngày 18 tháng 6 năm 2022 của Chính",
      "phủ ban hành Quy chế làm việc của Chính phủ,",
      "Theo đề nghị của Bộ trưởng Bộ Nội vụ,",
      "QUYẾT ĐỊNH:",
    );
    expect(basisSemicolons(page)).toEqual([
      { line: 0, word: 12 },
      { line: 2, word: 9 },
    ]);
  });

  it("leaves the last basis, semicolons already there, and commas inside a paragraph", () => {
    expect(basisSemicolons(lines("Căn cứ Luật Đất đai;", "Căn cứ Luật Xây dựng,", "QUYẾT ĐỊNH:"))).toEqual(
      [],
    );
    expect(
      basisSemicolons(lines("Căn cứ Luật A, Luật B,", "sửa đổi, bổ sung;", "Xét đề nghị của Sở,")),
    ).toEqual([]);
    expect(basisSemicolons(lines("Theo đề nghị của Sở,", "Căn cứ Luật Đất đai,", "Điều 1. Giao,"))).toEqual(
      [],
    );
    expect(basisSemicolons(lines("Căn cứ Luật Đất đai,,", "Căn cứ Luật Xây dựng;"))).toEqual([]);
  });
});

describe("correct stage", () => {
  it("writes the semicolon and keeps the engine's comma in the corrections, once a word", () => {
    const page: OcrPage = {
      width: 100,
      height: 100,
      lines: lines("Căn cứ Luật Tổ chức chính quyên,", "Xét đề nghị của Sở Nội vụ."),
      text: "",
      confidence: 90,
      engine: "t",
    };
    const out = correctPage(page);
    expect(out.lines[0]!.text).toBe("Căn cứ Luật Tổ chức chính quyền;");
    expect(out.corrections).toEqual([
      { line: 0, word: 6, from: "quyên,", to: "quyền;", confidence: expect.any(Number), reason: "context" },
    ]);
  });
});
