// Date labels glued to pen marks: cut off as words of their own, boxed by the engine's characters; labels as printed untouched.
import { describe, expect, it } from "vitest";
import { correctPage } from "../../src/stages/correct.js";
import { splitGluedLabels } from "../../src/text/glued-labels.js";
import type { OcrLine, OcrWord } from "../../src/types.js";

const word = (text: string, x0: number, extra: Partial<OcrWord> = {}): OcrWord => ({
  text,
  box: { x0, y0: 0, x1: x0 + 20 * [...text].length, y1: 40 },
  confidence: 40,
  line: 0,
  ...extra,
});
const line = (...words: OcrWord[]): OcrLine => ({
  text: words.map((w) => w.text).join(" "),
  box: { x0: 0, y0: 0, x1: 2000, y1: 40 },
  confidence: 80,
  words,
});

describe("splitGluedLabels", () => {
  it("cuts 'ngày' and a 'tháng' that lost its t from the pen's day between them", () => {
    const { lines, splits } = splitGluedLabels([
      line(word("Nội,", 0), word("ngày8đuháng", 100), word("4", 400)),
    ]);
    expect(lines[0]!.words.map((w) => w.text)).toEqual(["Nội,", "ngày", "8đu", "tháng", "4"]);
    expect(lines[0]!.text).toBe("Nội, ngày 8đu tháng 4");
    // Without character boxes, the pieces share the word's width by their characters.
    expect(lines[0]!.words.slice(1, 4).map((w) => [w.box.x0, w.box.x1])).toEqual([
      [100, 180],
      [180, 240],
      [240, 320],
    ]);
    expect(splits).toEqual([
      { line: 0, word: 1, from: "ngày8đuháng", to: "ngày 8đu tháng", confidence: 0.8, reason: "invalid" },
    ]);
  });

  it("boxes the pieces by the engine's characters where it gave them, and keeps them on the pen's piece", () => {
    const text = "ngày23";
    const symbols = [...text].map((c, k) => ({
      text: c,
      box: { x0: 10 + k * 30, y0: 0, x1: 35 + k * 30, y1: 40 },
    }));
    const { lines } = splitGluedLabels([line(word(text, 10, { symbols }))]);
    const [label, pen] = lines[0]!.words;
    expect([label!.text, label!.box.x0, label!.box.x1]).toEqual(["ngày", 10, 125]);
    expect([pen!.text, pen!.box.x0, pen!.box.x1]).toEqual(["23", 130, 185]);
    expect(pen!.symbols!.map((s) => s.text)).toEqual(["2", "3"]);
  });

  it("leaves labels as printed alone: with their punctuation, apart, or a word that only starts alike", () => {
    for (const texts of [["Ngày:"], ["ngày,", "12"], ["ngày", "12", "tháng"], ["ngàyấy"], ["ngày)"]]) {
      const input = line(...texts.map((t, k) => word(t, k * 300)));
      const out = splitGluedLabels([input]);
      expect(out.splits).toEqual([]);
      expect(out.lines[0]).toBe(input);
    }
  });

  it("is applied by the correct stage: the label's words stand apart in the text", () => {
    const page = {
      width: 2000,
      height: 100,
      lines: [line(word("Hà", 0), word("Nội,", 60), word("ngày¿", 160))],
    };
    const out = correctPage({ ...page, text: "", confidence: 80, engine: "t" });
    expect(out.text).toBe("Hà Nội, ngày ¿");
    expect(out.corrections).toEqual([expect.objectContaining({ word: 2, from: "ngày¿", to: "ngày ¿" })]);
  });
});
