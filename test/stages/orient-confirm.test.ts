// The OCR check of orientation: a text-dense sample read in each candidate turn, scored by plausible words.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "../../src/context.js";
import { inkPointsOf } from "../../src/imaging/analysis-image.js";
import { loadInkGrey } from "../../src/imaging/ink-grey.js";
import { silentLogger } from "../../src/logger.js";
import { createOcrEngine, type OcrEngine } from "../../src/ocr/index.js";
import {
  confirmOrientation,
  densestSquare,
  isPlausibleVietnameseToken,
  turnGrey,
  voteOf,
} from "../../src/stages/orient-confirm.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/orientation");

describe("isPlausibleVietnameseToken", () => {
  it("takes Vietnamese syllables in one case pattern", () => {
    for (const w of ["Quyết", "định", "ỦY", "nghiêng", "Điều", "xã", "HÒA", "của"])
      expect(isPlausibleVietnameseToken(w), w).toBe(true);
  });
  it("rejects what text read in a wrong turn comes out as", () => {
    for (const w of ["qUyết", "x7", "|||", "ỹ", "nghiêngg", "bcd", "ĐĐ1", "'", "w"])
      expect(isPlausibleVietnameseToken(w), w).toBe(false);
  });
  it("rejects letter strings no Vietnamese syllable is spelt with (upside-down reads)", () => {
    for (const w of ["uạb", "ơnt", "ẹhn", "ihgn", "tsk", "ƃuǝ"])
      expect(isPlausibleVietnameseToken(w), w).toBe(false);
  });
});

describe("voteOf", () => {
  it("counts confident plausible words, ignores trailing punctuation, and uses the injected word test", () => {
    const words = [
      { text: "Quyết", confidence: 90 },
      { text: "định,", confidence: 80 },
      { text: "7|", confidence: 20 },
    ];
    const vote = voteOf(0, words, isPlausibleVietnameseToken);
    expect(vote).toMatchObject({ orientation: 0, words: 3, wordShare: 0.667, meanConfidence: 63.3 });
    expect(vote.score).toBeCloseTo(1.7, 5);
    expect(voteOf(0, words, (w) => w === "Quyết").score).toBeCloseTo(0.9, 5);
  });
});

describe("densestSquare", () => {
  it("lands on the ink, inside the page", () => {
    const xs = new Float32Array(200).map((_, i) => 300 + (i % 20));
    const ys = new Float32Array(200).map((_, i) => 400 + Math.floor(i / 20));
    const box = densestSquare({ xs, ys, width: 500, height: 700, scale: 0.5 }, 200, 1000, 1400);
    expect(box.x1 - box.x0).toBe(200);
    expect(box.x0).toBeLessThanOrEqual(600);
    expect(box.x1).toBeGreaterThanOrEqual(640);
    expect(box.y0).toBeLessThanOrEqual(800);
    expect(box.y1).toBeGreaterThanOrEqual(820);
  });
});

describe("confirmOrientation", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sohoa-orient-confirm-"));
  let ocr: OcrEngine;
  beforeAll(async () => {
    ocr = await createOcrEngine({ engine: "auto", concurrency: 1 });
  });
  afterAll(async () => ocr?.close());

  it("reads a page turned upside down as text only when turned back", async () => {
    const image = path.join(FIXTURES, "heavy-seal.jpg");
    const upright = await loadInkGrey({
      index: 0,
      image,
      format: "jpeg",
      width: 0,
      height: 0,
      dpi: 150,
      colour: "colour",
    });
    const grey = await turnGrey(upright, 180);
    const ctx = pageContext({ workDir: dir, log: silentLogger }, 0);
    const votes = await confirmOrientation(
      grey,
      await inkPointsOf(grey),
      [0, 180, 90],
      { ocr, dpi: 150 },
      ctx,
    );
    expect(votes.map((v) => v.orientation)).toEqual([0, 180, 90]);
    const [asShown, turnedBack, sideways] = votes;
    expect(turnedBack!.score).toBeGreaterThan(10);
    expect(turnedBack!.wordShare).toBeGreaterThan(0.6);
    expect(turnedBack!.score).toBeGreaterThan(3 * Math.max(asShown!.score, sideways!.score));
    const none = await confirmOrientation(
      grey,
      await inkPointsOf(grey),
      [180],
      { ocr, dpi: 150, isWord: () => false },
      ctx,
    );
    expect(none[0]!.score).toBe(0);
  });
});
