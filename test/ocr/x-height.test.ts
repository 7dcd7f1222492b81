import { describe, expect, it } from "vitest";
import { ocrScale } from "../../src/stages/clean.js";
import { measureXHeight } from "../../src/ocr/x-height.js";

/** Ink points of `lines` text lines: a dense core of `core` rows, sparse accents above, a few descenders below. */
function textLines(
  lines: number,
  core: number,
  scale: number,
): { xs: Float32Array; ys: Float32Array; width: number; height: number; scale: number } {
  const xs: number[] = [];
  const ys: number[] = [];
  const pitch = core * 3;
  for (let l = 0; l < lines; l++) {
    const top = 40 + l * pitch;
    for (let r = 0; r < core + 6; r++) {
      // 4 accent rows, the core, 2 descender rows.
      const density = r < 4 ? 15 : r < 4 + core ? 120 : 10;
      for (let k = 0; k < density; k++) {
        xs.push(50 + ((k * 37) % 500));
        ys.push(top + r + 0.5);
      }
    }
  }
  return {
    xs: Float32Array.from(xs),
    ys: Float32Array.from(ys),
    width: 600,
    height: 40 + lines * pitch + 40,
    scale,
  };
}

describe("measureXHeight", () => {
  it("reads the line cores, not the accents above them, in source pixels", () => {
    const xh = measureXHeight(textLines(10, 8, 0.5), 0);
    expect(xh).toBeGreaterThan(15);
    expect(xh).toBeLessThan(19);
  });

  it("reads lines turned a quarter when given the turn", () => {
    const p = textLines(10, 8, 0.5);
    const turned = {
      ...p,
      xs: p.ys,
      ys: Float32Array.from(p.xs, (x) => p.width - x),
      width: p.height,
      height: p.width,
    };
    const xh = measureXHeight(turned, 270);
    expect(xh).toBeGreaterThan(15);
    expect(xh).toBeLessThan(19);
  });

  it("says nothing for a page with too few lines", () => {
    expect(measureXHeight(textLines(3, 8, 0.5), 0)).toBeUndefined();
  });
});

describe("ocrScale", () => {
  it("keeps the dpi cap when no target is asked for, or the x-height is unknown", () => {
    expect(ocrScale(300, 32)).toBeCloseTo(0.8);
    expect(ocrScale(300, undefined, { maxOcrDpi: 240, targetXHeight: 16 })).toBeCloseTo(0.8);
    expect(ocrScale(300, undefined, { maxOcrDpi: 240 })).toBeCloseTo(0.8);
    expect(ocrScale(200, undefined)).toBe(1);
  });

  it("reduces large text to the target x-height, no lower than the floor dpi", () => {
    expect(ocrScale(300, 32, { targetXHeight: 16, minOcrDpi: 150 })).toBeCloseTo(0.5);
    expect(ocrScale(300, 32, { targetXHeight: 16 })).toBeCloseTo(2 / 3);
    expect(ocrScale(300, 60, { targetXHeight: 16, minOcrDpi: 150 })).toBeCloseTo(0.5);
    expect(ocrScale(200, 10, { targetXHeight: 16 })).toBe(1);
  });

  it("enlarges a coarse scan to the floor dpi, and leaves 150 dpi and finer alone", () => {
    expect(ocrScale(100, undefined)).toBeCloseTo(2);
    expect(ocrScale(96, 12, { targetXHeight: 16 })).toBeCloseTo(200 / 96);
    expect(ocrScale(120, undefined, { minOcrDpi: 240 })).toBeCloseTo(2);
    expect(ocrScale(150, undefined)).toBe(1);
    expect(ocrScale(100, undefined, { enlargeBelowDpi: 72 })).toBe(1);
  });
});
