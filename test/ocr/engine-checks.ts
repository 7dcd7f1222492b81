// Assertions shared by the real-engine tests: text, boxes and confidences of a recognised crop.
import { expect } from "vitest";
import type { OcrPage } from "../../src/types.js";
import { CROP_HEIGHT, CROP_WIDTH, wordOverlap } from "./crop.js";

/** The crop's line is read (≥ 80 % of its words), with boxes inside the image and sane confidences. */
export function expectCropRecognised(page: OcrPage, engine: string): void {
  expect(page.engine).toBe(engine);
  expect([page.width, page.height]).toEqual([CROP_WIDTH, CROP_HEIGHT]);
  expect(wordOverlap(page.text)).toBeGreaterThanOrEqual(0.8);
  expect(page.text).toBe(page.text.normalize("NFC"));
  expect(page.text).toBe(page.lines.map((l) => l.text).join("\n"));
  const words = page.lines.flatMap((l) => l.words);
  expect(words.length).toBeGreaterThanOrEqual(8);
  for (const w of words) {
    expect(w.box.x0).toBeGreaterThanOrEqual(0);
    expect(w.box.y0).toBeGreaterThanOrEqual(0);
    expect(w.box.x1).toBeLessThanOrEqual(CROP_WIDTH);
    expect(w.box.y1).toBeLessThanOrEqual(CROP_HEIGHT);
    expect(w.box.x1).toBeGreaterThan(w.box.x0);
    expect(w.box.y1).toBeGreaterThan(w.box.y0);
    expect(w.confidence).toBeGreaterThanOrEqual(0);
    expect(w.confidence).toBeLessThanOrEqual(100);
  }
  // Words run left to right on a single line; the text sits in the middle band of the crop.
  const xs = words.map((w) => w.box.x0);
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  expect(page.confidence).toBeGreaterThan(50);
}
