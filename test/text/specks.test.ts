// Specks: one-glyph words far smaller than the page's letters leave the text; real stops, dashes and colons stay.
import { describe, expect, it } from "vitest";
import { ocrPage } from "../ocr-page.js";
import { speckWords, withoutSpeckColon, wordHeight } from "../../src/text/specks.js";
import type { OcrLine, OcrWord } from "../../src/types.js";

/** A word at x0..x1, y0..y1. */
const word = (text: string, x0: number, x1: number, y0 = 100, y1 = 134, confidence = 90): OcrWord => ({
  text,
  box: { x0, y0, x1, y1 },
  confidence,
  line: 0,
});

const line = (...words: OcrWord[]): OcrLine => ({
  text: words.map((w) => w.text).join(" "),
  box: { x0: words[0]!.box.x0, y0: 100, x1: words.at(-1)!.box.x1, y1: 134 },
  confidence: 90,
  words,
});

describe("wordHeight", () => {
  it("is the median height of the page's confident words, and unknown on a page of few words", () => {
    const body = Array.from({ length: 12 }, (_, i) =>
      word("việc", i * 100, i * 100 + 80, 100, i < 8 ? 134 : 160),
    );
    expect(wordHeight(ocrPage([line(...body)]))).toBe(34);
    expect(wordHeight(ocrPage([line(...body.slice(0, 5))]))).toBeUndefined();
    const doubted = body.map((w) => ({ ...w, confidence: 40 }));
    expect(wordHeight(ocrPage([line(...doubted)]))).toBeUndefined();
  });
});

describe("speckWords", () => {
  const texts = (l: OcrLine) => [...speckWords(l, 34)].map((w) => w.text);

  it("takes a lone mark of a few pixels, and a letter shorter than any letter of the text", () => {
    expect(texts(line(word("công", 0, 80), word("trình", 90, 180), word(":", 640, 642, 120, 123)))).toEqual([
      ":",
    ]);
    expect(texts(line(word("năm", 0, 70), word("n", 80, 93, 126, 134), word("206.", 100, 170)))).toEqual([
      "n",
    ]);
    expect(texts(line(word("ngày", 0, 80), word("Í", 500, 503, 110, 113)))).toEqual(["Í"]);
  });

  it("keeps a stop close after its word, list dashes and rules, and glyphs of the text's size", () => {
    expect(texts(line(word("khoản", 0, 90), word("2", 100, 115), word(".", 118, 124, 128, 134)))).toEqual([]);
    expect(texts(line(word("-", 0, 11, 115, 119), word("Như", 20, 80), word("Điều", 90, 160)))).toEqual([]);
    expect(
      texts(line(word("a)", 0, 20, 104, 134), word("x", 30, 45, 112, 134), word(":", 50, 55, 115, 130))),
    ).toEqual([]);
  });

  it("takes a stop far from any word: seal dust, not punctuation", () => {
    expect(texts(line(word("gửi:", 0, 80), word(".", 900, 903, 128, 132)))).toEqual(["."]);
  });
});

describe("withoutSpeckColon", () => {
  const glued = (colonTop: number, colonBottom: number) => ({
    text: "Luật:",
    symbols: [
      { text: "L", box: { y0: 100, y1: 122 } },
      { text: "u", box: { y0: 107, y1: 122 } },
      { text: "ậ", box: { y0: 100, y1: 126 } },
      { text: "t", box: { y0: 104, y1: 122 } },
      { text: ":", box: { y0: colonTop, y1: colonBottom } },
    ],
  });

  it("drops a trailing colon too small to be one, and keeps a colon that spans the letters", () => {
    expect(withoutSpeckColon(glued(129, 134), 27)).toBe("Luật");
    expect(withoutSpeckColon(glued(109, 122), 27)).toBeUndefined();
  });

  it("needs the character boxes, the page's height and letters before the mark", () => {
    expect(withoutSpeckColon({ text: "Luật:" }, 27)).toBeUndefined();
    expect(withoutSpeckColon(glued(129, 134), undefined)).toBeUndefined();
    expect(
      withoutSpeckColon(
        {
          text: "2:",
          symbols: [
            { text: "2", box: { y0: 0, y1: 20 } },
            { text: ":", box: { y0: 18, y1: 20 } },
          ],
        },
        27,
      ),
    ).toBeUndefined();
  });
});
