// Split document codes: joined within a line and across a line break, with the engine's words kept; prose untouched.
import { describe, expect, it } from "vitest";
import { correctPage } from "../../src/stages/correct.js";
import { joinSplitCodes } from "../../src/text/split-codes.js";
import type { OcrLine, OcrPage } from "../../src/types.js";

const line = (text: string, li: number): OcrLine => {
  const words = text.split(" ").map((t, i) => ({
    text: t,
    box: { x0: i * 100, y0: li * 50, x1: i * 100 + 90, y1: li * 50 + 40 },
    confidence: 90,
    line: li,
  }));
  return { text, box: { x0: 0, y0: li * 50, x1: 1000, y1: li * 50 + 40 }, confidence: 90, words };
};
const lines = (...texts: string[]) => texts.map((t, i) => line(t, i));

describe("joinSplitCodes", () => {
  it("joins a code cut after its hyphen at the line break, on the first line", () => {
    const out = joinSplitCodes(lines("tại Tờ trình 4017/TTr-", "BNNMT ngày 23 tháng 4"));
    expect(out.lines.map((l) => l.text)).toEqual(["tại Tờ trình 4017/TTr-BNNMT", "ngày 23 tháng 4"]);
    expect(out.corrections).toEqual([
      { line: 0, word: 3, from: "4017/TTr- BNNMT", to: "4017/TTr-BNNMT", confidence: 0.8, reason: "invalid" },
    ]);
    expect(out.origin).toEqual([0, 1]);
  });

  it("drops a line that was only the code's tail, and renumbers the lines after it", () => {
    const out = joinSplitCodes(lines("Thông tư số 18/2025/TT-", "BCT.", "Điều 2. Hiệu lực"));
    expect(out.lines.map((l) => l.text)).toEqual(["Thông tư số 18/2025/TT-BCT.", "Điều 2. Hiệu lực"]);
    expect(out.origin).toEqual([0, 2]);
    expect(out.lines[1]!.words.every((w) => w.line === 1)).toBe(true);
  });

  it("joins within a line: a hyphen's tail, a legislature's number, a number's first figures after 'số'", () => {
    const out = joinSplitCodes(
      lines("Luật số 64/2025QH 15 và Nghị định số 1 93/2025/NĐ-CP; Thông tư 18/2025/TT- BCT"),
    );
    expect(out.lines[0]!.text).toBe(
      "Luật số 64/2025QH15 và Nghị định số 193/2025/NĐ-CP; Thông tư 18/2025/TT-BCT",
    );
    expect(out.corrections.map((j) => j.word)).toEqual([2, 7, 10]);
    expect(out.lines[0]!.words[2]!.box).toEqual({ x0: 200, y0: 0, x1: 390, y1: 40 });
  });

  it("puts a stop, comma or semicolon standing alone back on its word, not a lone colon", () => {
    const out = joinSplitCodes(lines("tại khoản 2 . Điều 3 ; và Tờ trình :"));
    expect(out.lines[0]!.text).toBe("tại khoản 2. Điều 3; và Tờ trình :");
    expect(out.corrections.map((j) => j.from)).toEqual(["2 .", "3 ;"]);
  });

  it("moves corrections made before to where their words are after the joins", () => {
    const earlier = {
      line: 2,
      word: 1,
      from: "ngày¿",
      to: "ngày ¿",
      confidence: 0.8,
      reason: "invalid" as const,
    };
    const out = joinSplitCodes(lines("Số: 18/2025/TT-", "BCT", "Hà Nội, ngày ¿"), [earlier]);
    expect(out.lines.map((l) => l.text)).toEqual(["Số: 18/2025/TT-BCT", "Hà Nội, ngày ¿"]);
    expect(out.corrections).toContainEqual({ ...earlier, line: 1 });
    const same = joinSplitCodes(lines("khoản 2 . và ngày ¿"), [{ ...earlier, line: 0, word: 4 }]);
    expect(same.corrections).toContainEqual({ ...earlier, line: 0, word: 3 });
  });

  it("leaves prose, dates and codes that are whole alone", () => {
    for (const text of [
      "Độc lập - Tự do - Hạnh phúc",
      "ngày 18 tháng 02 năm 2025 của Bộ",
      "Số: 12/QĐ-UBND Hà Nội, ngày 5",
      "khoản 1 Điều 3 Luật số 64/2025/QH15 được",
    ]) {
      const out = joinSplitCodes(lines(text, "Ủy ban nhân dân"));
      expect(out.corrections).toEqual([]);
      expect(out.lines.map((l) => l.text)).toEqual([text, "Ủy ban nhân dân"]);
    }
  });

  it("is applied by the correct stage before words are judged, the year's slash put back", () => {
    const ls = lines("Căn cứ Luật số 64/2025QH 15 được", "sửa đổi bởi Thông tư 18/2025/TT-", "BCT.");
    const page: OcrPage = { width: 1000, height: 200, lines: ls, text: "", confidence: 90, engine: "t" };
    const out = correctPage(page);
    expect(out.text).toBe("Căn cứ Luật số 64/2025/QH15 được\nsửa đổi bởi Thông tư 18/2025/TT-BCT.");
    expect(out.corrections).toContainEqual(
      expect.objectContaining({ line: 1, word: 5, from: "18/2025/TT- BCT.", to: "18/2025/TT-BCT." }),
    );
  });
});
