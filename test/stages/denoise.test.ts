// The denoise stage: words in a stamp frame and made-up words go to the overlay, the document's words stay.
import { describe, expect, it } from "vitest";
import { ocrPage } from "../ocr-page.js";
import { splitNoise } from "../../src/stages/denoise.js";
import type { OcrLine } from "../../src/types.js";

/** A line of "word:confidence" pairs from x, each word 100 px wide, at row y. */
function line(spec: string, x: number, y: number): OcrLine {
  const words = spec.split(" ").map((s, i) => {
    const at = s.lastIndexOf(":");
    return {
      text: s.slice(0, at),
      confidence: Number(s.slice(at + 1)),
      box: { x0: x + i * 110, y0: y, x1: x + i * 110 + 100, y1: y + 40 },
      line: 0,
    };
  });
  const text = words.map((w) => w.text).join(" ");
  return { text, box: { x0: x, y0: y, x1: x + words.length * 110, y1: y + 40 }, confidence: 90, words };
}

describe("splitNoise", () => {
  it("moves the words of a stamp frame to the overlay, and keeps the same line's words outside it", () => {
    const p = ocrPage([
      line("tâm:97 hành:97 chính:97 tỉnh:97 ĐẾN:80 Ngày:72", 200, 600),
      line("quốc:96 tế:96 Long:97 Thành:97", 200, 660),
    ]);
    const out = splitNoise(p, [{ x0: 600, y0: 550, x1: 1000, y1: 700 }]);
    expect(out.lines.map((l) => l.text)).toEqual(["tâm hành chính tỉnh", "quốc tế Long Thành"]);
    expect(out.overlay?.map((l) => l.text)).toEqual(["ĐẾN Ngày"]);
    expect(out.text).toBe("tâm hành chính tỉnh\nquốc tế Long Thành");
  });

  it("keeps the date words of the printed date line a stamp was put over, not the stamp's own field", () => {
    const p = ocrPage([line("Hà:97 Nội,:93 ngày:30 lÔj:0", 200, 600), line("Giờ:60 Ngày::72", 600, 660)]);
    const out = splitNoise(p, [{ x0: 500, y0: 550, x1: 1000, y1: 720 }]);
    expect(out.lines.map((l) => l.text)).toEqual(["Hà Nội, ngày"]);
    expect(out.overlay?.map((l) => l.text)).toEqual(["lÔj", "Giờ Ngày:"]);
  });

  it("drops made-up lines whole and keeps the page as it is when nothing is noise", () => {
    const p = ocrPage([line("3N:11", 600, 480), line("Căn:97 cứ:97 Luật:97", 200, 900)]);
    const out = splitNoise(p, []);
    expect(out.lines.map((l) => l.text)).toEqual(["Căn cứ Luật"]);
    expect(out.overlay?.[0]?.text).toBe("3N");
    const clean = ocrPage([line("Căn:97 cứ:97 Luật:97", 200, 900)]);
    expect(splitNoise(clean, [])).toBe(clean);
  });

  it("moves specks far smaller than the page's words to the overlay", () => {
    const body = line("Căn:97 cứ:97 Luật:97 Tổ:97 chức:97 Chính:97 phủ:97 ngày:97 tháng:97 năm:97", 200, 900);
    const withSpeck = line("Kính:96 gửi::96 .:0", 200, 960);
    const dot = withSpeck.words[2]!;
    withSpeck.words[2] = { ...dot, box: { x0: 1400, y0: 990, x1: 1403, y1: 994 } };
    const out = splitNoise(ocrPage([body, withSpeck]), []);
    expect(out.lines.map((l) => l.text)).toEqual([body.text, "Kính gửi:"]);
    expect(out.overlay?.map((l) => l.text)).toEqual(["."]);
  });
});
