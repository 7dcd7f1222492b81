// The e-signature banner and the stamp's dotted fields leave the text; the header beside and below them stays.
import { describe, expect, it } from "vitest";
import { ocrPage } from "../ocr-page.js";
import { splitOverlay } from "../../src/text/overlay.js";
import type { OcrLine } from "../../src/types.js";

/** A line of words laid left to right from x, each 100 px wide, at row y. */
function line(text: string, x: number, y: number): OcrLine {
  const words = text.split(" ").map((t, i) => ({
    text: t,
    box: { x0: x + i * 110, y0: y, x1: x + i * 110 + 100, y1: y + 40 },
    confidence: 90,
    line: 0,
  }));
  return { text, box: { x0: x, y0: y, x1: x + words.length * 110, y1: y + 40 }, confidence: 90, words };
}

describe("splitOverlay", () => {
  it("drops the banner with its wrapped value, keeps the header line under it whole", () => {
    const p = ocrPage([
      line("Ký bởi: Ủy ban nhân dân", 1500, 100),
      line("tỉnh Bình An", 1500, 150),
      line("Thời gian ký: 05/01/2021", 1500, 200),
      line("ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 200, 300),
      line("Số: 12/CT-UBND Bình An, ngày 04 tháng 01 năm 2021", 200, 400),
    ]);
    const out = splitOverlay(p);
    expect(out.overlay.map((l) => l.text)).toEqual([
      "Ký bởi: Ủy ban nhân dân",
      "tỉnh Bình An",
      "Thời gian ký: 05/01/2021",
    ]);
    expect(out.page.text).toBe(
      "ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/CT-UBND Bình An, ngày 04 tháng 01 năm 2021",
    );
  });

  it("takes only the stamp's dotted fields off a line that also holds the title", () => {
    const out = splitOverlay(ocrPage([line("THÔNG TƯ Kính chuyển........ LHĐT.....", 900, 700)]));
    expect(out.page.text).toBe("THÔNG TƯ");
  });

  it("leaves a page without banner or stamp as it is, and a 'Cơ quan:' label low on a form alone", () => {
    const p = ocrPage([line("Cơ quan: Sở Tư pháp", 200, 2000), line("Thời gian ký: 10:00", 200, 2100)]);
    expect(splitOverlay(p)).toEqual({ page: p, overlay: [] });
  });
});

describe("stray symbols", () => {
  it("drops rules and borders, keeps punctuation and the dash", () => {
    const out = splitOverlay(
      ocrPage([line("Độc lập - Tự do | Hạnh phúc ——", 900, 500), line("—————", 200, 560)]),
    );
    expect(out.page.text).toBe("Độc lập - Tự do Hạnh phúc");
  });
});
