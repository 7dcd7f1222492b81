// Stamp frames: a lone ruled box of stamp size is found, dashed and tilted; table cells and big boxes are not.
import { describe, expect, it } from "vitest";
import { findFrames } from "../../src/ocr/frames.js";
import type { GreyImage } from "../../src/imaging/ink-grey.js";

const DPI = 240;

function blank(width = 2000, height = 2800): GreyImage {
  return { data: Buffer.alloc(width * height, 255), width, height };
}

/** A 3-pixel line from (x0, y0) to (x1, y1), broken every `dash` pixels when given. */
function rule(g: GreyImage, x0: number, y0: number, x1: number, y1: number, dash = 0): void {
  const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let i = 0; i <= n; i++) {
    if (dash && i % dash >= dash - 3) continue;
    const x = Math.round(x0 + ((x1 - x0) * i) / n);
    const y = Math.round(y0 + ((y1 - y0) * i) / n);
    for (let d = 0; d < 3; d++) {
      const at = x1 - x0 > y1 - y0 ? (y + d) * g.width + x : y * g.width + x + d;
      g.data[at] = 0;
    }
  }
}

/** A box with corners (x0, y0), (x1, y1); `tilt` pixels of drop from left to right. */
function box(g: GreyImage, x0: number, y0: number, x1: number, y1: number, tilt = 0, dash = 0): void {
  rule(g, x0, y0, x1, y0 + tilt, dash);
  rule(g, x0, y1, x1, y1 + tilt, dash);
  rule(g, x0, y0, x0, y1, dash);
  rule(g, x1, y0 + tilt, x1, y1 + tilt, dash);
}

describe("findFrames", () => {
  it("finds a dashed, slightly tilted stamp box and nothing else", () => {
    const g = blank();
    box(g, 1300, 500, 1750, 690, 8, 14);
    const frames = findFrames(g, { dpi: DPI });
    expect(frames).toHaveLength(1);
    const f = frames[0]!;
    expect(Math.abs(f.x0 - 1300)).toBeLessThan(12);
    expect(Math.abs(f.x1 - 1750)).toBeLessThan(12);
    expect(f.y0).toBeLessThanOrEqual(504);
    expect(f.y1).toBeGreaterThanOrEqual(690);
  });

  it("finds a stamp pressed on askew, whose long rules fall in pieces a row apart, none across most of it", () => {
    const g = blank();
    box(g, 300, 900, 860, 1060, 24);
    const frames = findFrames(g, { dpi: DPI });
    expect(frames).toHaveLength(1);
    expect(Math.abs(frames[0]!.x0 - 300)).toBeLessThan(12);
    expect(Math.abs(frames[0]!.x1 - 860)).toBeLessThan(12);
  });

  it("leaves a table's cells alone: its column rules are taller than a stamp", () => {
    const g = blank();
    for (let r = 0; r <= 6; r++) rule(g, 200, 1000 + r * 160, 1800, 1000 + r * 160);
    for (const x of [200, 700, 1200, 1800]) rule(g, x, 1000, x, 1960);
    expect(findFrames(g, { dpi: DPI })).toEqual([]);
  });

  it("leaves boxes too small or too wide for a stamp", () => {
    const g = blank();
    box(g, 100, 100, 300, 200);
    box(g, 100, 1500, 1300, 1700);
    expect(findFrames(g, { dpi: DPI })).toEqual([]);
  });
});
