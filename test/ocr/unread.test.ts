// The second read's helpers: read words whitened, unread ink measured, new lines put in reading order.
import { describe, expect, it } from "vitest";
import { inkShare, maskBoxes, mergeLines } from "../../src/ocr/unread.js";
import type { OcrLine, OcrPage } from "../../src/types.js";

function line(text: string, y: number): OcrLine {
  const box = { x0: 100, y0: y, x1: 400, y1: y + 40 };
  return { text, box, confidence: 90, words: [{ text, box, confidence: 90, line: 0 }] };
}

describe("maskBoxes and inkShare", () => {
  it("whitens each box with its margin and leaves the rest of the ink", () => {
    const g = { data: Buffer.alloc(100 * 100, 0), width: 100, height: 100 };
    expect(inkShare(g)).toBe(1);
    const masked = maskBoxes(g, [{ x0: 10, y0: 10, x1: 20, y1: 20 }], 5);
    expect(masked.data[15 * 100 + 15]).toBe(255);
    expect(masked.data[6 * 100 + 6]).toBe(255);
    expect(masked.data[4 * 100 + 4]).toBe(0);
    expect(inkShare(masked)).toBeCloseTo(1 - 400 / 10000, 6);
    expect(g.data[15 * 100 + 15]).toBe(0);
  });

  it("clips boxes that reach past the image", () => {
    const g = { data: Buffer.alloc(10 * 10, 0), width: 10, height: 10 };
    expect(inkShare(maskBoxes(g, [{ x0: -5, y0: -5, x1: 50, y1: 50 }], 2))).toBe(0);
  });
});

describe("mergeLines", () => {
  it("puts each new line after the last line starting above it and renumbers the words", () => {
    const page: OcrPage = {
      width: 500,
      height: 3000,
      lines: [line("Điều 3.", 100), line("Nơi nhận:", 2300), line("- Lưu: VT", 2500)],
      text: "Điều 3.\nNơi nhận:\n- Lưu: VT",
      confidence: 90,
      engine: "t",
    };
    const out = mergeLines(page, [line("Lê Minh Hưng", 2600), line("THỦ TƯỚNG", 2320)]);
    expect(out.text).toBe("Điều 3.\nNơi nhận:\nTHỦ TƯỚNG\n- Lưu: VT\nLê Minh Hưng");
    expect(out.lines.map((l) => l.words[0]!.line)).toEqual([0, 1, 2, 3, 4]);
    expect(mergeLines(page, [])).toBe(page);
  });
});
