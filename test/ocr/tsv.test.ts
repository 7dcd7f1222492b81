// Unit tests of the Tesseract TSV parser.
import { describe, expect, it } from "vitest";
import { parseTesseractTsv, TsvFormatError } from "../../src/ocr/tsv.js";

const HEADER =
  "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const row = (...cells: Array<string | number>): string => cells.join("\t");

// Two blocks, the first with two lines; decomposed "ế" (e + U+0302 + U+0301) must come out NFC.
const TSV = [
  HEADER,
  row(1, 1, 0, 0, 0, 0, 0, 0, 800, 600, -1, ""),
  row(2, 1, 1, 0, 0, 0, 10, 10, 300, 80, -1, ""),
  row(3, 1, 1, 1, 0, 0, 10, 10, 300, 80, -1, ""),
  row(4, 1, 1, 1, 1, 0, 10, 10, 300, 30, -1, ""),
  row(5, 1, 1, 1, 1, 1, 10, 10, 100, 30, 96.5, "Quye\u0302\u0301t"),
  row(5, 1, 1, 1, 1, 2, 120, 12, 90, 28, 91, "định"),
  row(4, 1, 1, 1, 2, 0, 10, 60, 200, 30, -1, ""),
  row(5, 1, 1, 1, 2, 1, 10, 60, 60, 30, 88, "số"),
  row(5, 1, 1, 1, 2, 2, 80, 60, 40, 30, 95, " "),
  row(2, 1, 2, 0, 0, 0, 500, 400, 200, 40, -1, ""),
  row(3, 1, 2, 1, 0, 0, 500, 400, 200, 40, -1, ""),
  row(4, 1, 2, 1, 1, 0, 500, 400, 200, 40, -1, ""),
  row(5, 1, 2, 1, 1, 1, 500, 400, 330, 40, 70, "15/QĐ-UBND"),
  "",
].join("\n");

describe("parseTesseractTsv", () => {
  const page = parseTesseractTsv(TSV, "native");

  it("takes the page size from the level-1 row", () => {
    expect([page.width, page.height]).toEqual([800, 600]);
  });

  it("groups words into lines in output order, NFC, blank words dropped", () => {
    expect(page.lines.map((l) => l.text)).toEqual(["Quyết định", "số", "15/QĐ-UBND"]);
    expect(page.text).toBe("Quyết định\nsố\n15/QĐ-UBND");
    expect(page.text).toBe(page.text.normalize("NFC"));
    expect(page.lines[1]!.words).toHaveLength(1);
  });

  it("converts left/top/width/height to boxes, clamped to the image, and numbers lines", () => {
    const [first, second] = page.lines[0]!.words;
    expect(first!.box).toEqual({ x0: 10, y0: 10, x1: 110, y1: 40 });
    expect(second!.line).toBe(0);
    expect(page.lines[0]!.box).toEqual({ x0: 10, y0: 10, x1: 210, y1: 40 });
    // 500 + 330 overflows the 800-px page.
    expect(page.lines[2]!.words[0]!.box.x1).toBe(800);
    expect(page.lines[2]!.words[0]!.line).toBe(2);
  });

  it("averages word confidences per line and per page", () => {
    expect(page.lines[0]!.confidence).toBeCloseTo((96.5 + 91) / 2);
    expect(page.confidence).toBeCloseTo((96.5 + 91 + 88 + 70) / 4);
  });

  it("gives a word the characters level-6 rows place in it, only when they spell it inside its box", () => {
    const glued = [
      HEADER,
      row(1, 1, 0, 0, 0, 0, 0, 0, 800, 600, -1, ""),
      row(5, 1, 1, 1, 1, 1, 100, 10, 120, 36, 90, "ngày23"),
      row(5, 1, 1, 1, 1, 2, 240, 10, 90, 36, 96, "tháng"),
      row(5, 1, 1, 1, 2, 1, 100, 60, 40, 36, 80, "4"),
      ...[..."ngày23"].map((c, i) => row(6, 1, 1, 1, 1, 1, 100 + i * 20, 12, 20, 32, 95, c)),
      // A row numbered for "4" that spells something else: a numbering slip, dropped.
      row(6, 1, 1, 1, 2, 1, 100, 60, 20, 36, 95, "7"),
      "",
    ].join("\n");
    const [first, second] = parseTesseractTsv(glued).lines;
    expect(first!.words[0]!.symbols?.map((c) => c.text).join("")).toBe("ngày23");
    expect(first!.words[0]!.symbols?.[3]!.box).toEqual({ x0: 160, y0: 12, x1: 180, y1: 44 });
    expect(first!.words[1]!.symbols).toBeUndefined();
    expect(second!.words[0]!.symbols).toBeUndefined();
    // The page's words and text are as without the level-6 rows.
    expect(parseTesseractTsv(glued).text).toBe("ngày23 tháng\n4");
  });

  it("returns an empty page for a blank image", () => {
    const blank = parseTesseractTsv([HEADER, row(1, 1, 0, 0, 0, 0, 0, 0, 50, 40, -1, "")].join("\n"));
    expect(blank).toMatchObject({ width: 50, height: 40, lines: [], text: "", confidence: 0 });
  });

  it("rejects text that is not TSV", () => {
    expect(() => parseTesseractTsv("Quyết định số 15")).toThrow(TsvFormatError);
  });
});
