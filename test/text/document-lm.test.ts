// The document as evidence: sure words on other lines and pages vouch for a spelling; a line never for itself.
import { describe, expect, it } from "vitest";
import { correctPages } from "../../src/stages/correct.js";
import { correctWords } from "../../src/text/correct.js";
import { documentLm } from "../../src/text/document-lm.js";
import { buildLm } from "../../src/text/lm.js";
import { buildPage } from "../../src/ocr/page.js";
import type { OcrLine, OcrPage } from "../../src/types.js";

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
/** "rửa(97) tiền" → words with their confidences (90 where none is given). */
const line = (text: string, li = 0): OcrLine => {
  const words = text.split(" ").map((t) => {
    const m = /^(.*?)(?:\((\d+)\))?$/u.exec(t)!;
    return { text: m[1]!, box, confidence: m[2] ? Number(m[2]) : 90, line: li };
  });
  return { text: words.map((w) => w.text).join(" "), box, confidence: 90, words };
};
const page = (...texts: string[]): OcrPage =>
  buildPage(
    "t",
    100,
    100,
    texts.map((t) => line(t).words),
  );
const base = buildLm("một văn bản; sửa đổi bổ sung");

describe("knowsLetters", () => {
  it("knows a pair by its letters, whatever their marks, and only as a pair", () => {
    expect(base.knowsLetters("sửa", "đối")).toBe(true);
    expect(base.knowsLetters("SUA", "DOI")).toBe(true);
    expect(base.knowsLetters("đổi", "sửa")).toBe(false);
    expect(base.knowsLetters("văn", "sửa")).toBe(false);
  });
});

describe("documentLm", () => {
  it("counts the sure syllables and pairs of the other lines, never the line's own", () => {
    const lines = [line("chống rửa(97) tiền(97)"), line("rửa(97) tiên(93)"), line("rửa(97) tiền(60)")];
    const lms = documentLm(base, lines);
    expect(lms.forLine(1).bigram("rửa", "tiền")).toBe(1);
    expect(lms.forLine(1).bigram("rửa", "tiên")).toBe(0);
    expect(lms.forLine(0).bigram("rửa", "tiên")).toBe(1);
    // A doubtful read (60) is no evidence, nor is a pair across punctuation.
    expect(lms.forLine(0).bigram("rửa", "tiền")).toBe(0);
    expect(
      documentLm(base, [line("rửa, tiền(97)"), line("x")])
        .forLine(1)
        .bigram("rửa", "tiền"),
    ).toBe(0);
  });

  it("adds the document's words to the base model, and keeps the base model's vocabulary", () => {
    const lms = documentLm(base, [line("khủng(97) bố(97)"), line("văn bản")]);
    expect(lms.forLine(1).unigram("khủng")).toBe(1);
    expect(lms.forLine(0).unigram("văn")).toBe(base.unigram("văn") + 1);
    expect(lms.forLine(1).unigram("văn")).toBe(base.unigram("văn"));
    expect(lms.forLine(1).vocabulary()).toBe(base.vocabulary());
    expect(lms.forLine(0).unigram("khủng")).toBe(0);
  });

  it("does not count a sure pair the base model knows with other marks: the engine repeats its slips", () => {
    const lms = documentLm(base, [line("sửa(97) đối(92)"), line("sửa đổi")]);
    expect(lms.forLine(1).bigram("sửa", "đối")).toBe(0);
    expect(correctWords(line("sửa(97) đối(81) bổ sung").words, lms.forLine(1)).map((f) => f.to)).toEqual([
      "đổi",
    ]);
  });

  it("lets a pair read many times over outweigh a word's own pair", () => {
    const sure = Array.from({ length: 8 }, () => line("rửa(97) tiền(97)"));
    const lms = documentLm(base, [...sure, line("rửa(97) tiên(95)"), line("chống rửa(97) tiên(80)")]);
    expect(correctWords(line("chống rửa(97) tiên(80)").words, lms.forLine(9)).map((f) => f.to)).toEqual([
      "tiền",
    ]);
    const few = documentLm(base, [line("rửa(97) tiền(97)"), line("rửa(97) tiên(95)"), line("rửa tiên(80)")]);
    expect(correctWords(line("rửa tiên(80)").words, few.forLine(2))).toEqual([]);
  });
});

describe("correctPages", () => {
  it("repairs a page from the words another page reads well, and leaves a PDF's own text as it is", () => {
    // A crop neither the hand-written model nor the web's pairs know: only the document itself can tell.
    const first = page("Bãi bỏ cụm từ cây mác(88) ca(95)");
    const second = page("giống cây mắc(97) ca(97)", "hạt mắc(97) ca(97)");
    const [out, kept] = correctPages([first, second]);
    expect(out!.text).toBe("Bãi bỏ cụm từ cây mắc ca");
    expect(out!.corrections).toEqual([expect.objectContaining({ line: 0, word: 5, from: "mác", to: "mắc" })]);
    expect(kept).toBe(second);
    const alone = correctPages([first])[0]!;
    expect(alone.text).toBe("Bãi bỏ cụm từ cây mác ca");
    const asRead = correctPages([first, page("mác(97) ca(97)")], { asRead: new Set([0]) });
    expect(asRead[0]).toBe(first);
  });
});
