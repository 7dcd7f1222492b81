// OCR word confidences cap the confidence of names and text, so weakly read values land in review.
import { describe, expect, it } from "vitest";
import extractor from "../../src/extractors/decision.js";
import { alignOcrLines, ocrConfidence } from "../../src/extractors/ocr-confidence.js";
import { detectInput, LOW_CONFIDENCE, runExtractor } from "../../src/extractors/run.js";
import type { OcrLine, OcrPage } from "../../src/types.js";

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };

/** An OCR page from lines of "word:confidence" tokens (confidence 96 when left out). */
function page(spec: string[]): OcrPage {
  const lines: OcrLine[] = spec.map((l, line) => {
    const words = l.split(" ").map((t) => {
      const m = /^(.*):(\d+)$/.exec(t);
      return { text: m ? m[1]! : t, confidence: m ? Number(m[2]) : 96, box, line };
    });
    return {
      text: words.map((w) => w.text).join(" "),
      box,
      confidence: Math.min(...words.map((w) => w.confidence)),
      words,
    };
  });
  return {
    width: 100,
    height: 100,
    lines,
    text: lines.map((l) => l.text).join("\n"),
    confidence: 90,
    engine: "test",
  };
}

const page1 = page([
  "BỘ NỘI VỤ",
  "Số: 88/QĐ-BNV:31",
  "Hà Nội, ngày 4 tháng 5 năm 2021",
  "QUYẾT ĐỊNH",
  "Về việc khen thưởng",
]);
const page2 = page(["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Khúc Văn:41 Tường"]);
const pages = [page1, page2];
const text = `${page1.text}\n\n${page2.text}`;

describe("OCR confidence", () => {
  it("aligns OCR lines of every page with the text lines, blank page joins skipped", () => {
    const aligned = alignOcrLines(detectInput(text, pages));
    expect(aligned).toHaveLength(8);
    expect(aligned[7]?.text).toBe("Khúc Văn Tường");
  });

  it("is the weakest word of the value's line, / 100, matched without diacritics", () => {
    const aligned = alignOcrLines(detectInput(text, pages));
    expect(ocrConfidence(aligned, { value: "Khúc Văn Tường", confidence: 0.95, line: 8 })).toBe(0.41);
    expect(ocrConfidence(aligned, { value: "Khuc Van Tuong", confidence: 0.95, line: 8 })).toBe(0.41);
    expect(ocrConfidence(aligned, { value: "2021-05-04", confidence: 0.95, line: 3 })).toBe(0.96);
    expect(ocrConfidence(aligned, { value: "Nguyễn Văn An", confidence: 0.95, line: 1 })).toBeUndefined();
  });

  it("caps the signer's confidence and flags it, but leaves checked codes alone", () => {
    const run = runExtractor(extractor, detectInput(text, pages));
    expect(run.fields.signer).toMatchObject({ value: "Khúc Văn Tường", confidence: 0.41, valid: false });
    expect(run.fields.signer!.issues!.join()).toMatch(/low confidence \(0\.41, OCR\)/);
    expect(run.fields.documentNumber).toMatchObject({ value: "88/QĐ-BNV", confidence: 0.95, valid: true });
    expect(run.fields.issuer).toMatchObject({ value: "BỘ NỘI VỤ", valid: true });
    expect(run.fields.issuer!.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it("changes nothing when the text does not come from the pages", () => {
    const run = runExtractor(extractor, detectInput(text.replace("Khúc Văn Tường", "Khúc Văn Tưởng"), pages));
    expect(run.fields.signer).toMatchObject({ value: "Khúc Văn Tưởng", confidence: 0.95, valid: true });
  });
});
