// Turning only the print's part of a page: the same pixels as turning the whole page and cropping, within a sub-pixel shift.
import { describe, expect, it } from "vitest";
import { cropGrey } from "../../src/imaging/content-box.js";
import { turnAndScale } from "../../src/imaging/affine.js";
import { turnedBounds, turnRegion, turnWhole } from "../../src/imaging/turn-region.js";
import type { GreyImage } from "../../src/imaging/ink-grey.js";

/** A page of smooth waves (a sub-pixel shift moves each pixel by a few grey levels at most) with dark "text" bars. */
function page(width: number, height: number): GreyImage {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const bar = y % 40 < 12 && x % 90 < 70 && x > 150 && x < width - 150;
      data[y * width + x] = bar ? 30 : 190 + Math.round(40 * Math.sin(x / 9) * Math.cos(y / 11));
    }
  return { data, width, height };
}

describe("turnedBounds", () => {
  it("gives the size libvips gives the turned page", async () => {
    const grey = page(301, 407);
    for (const [deg, scale] of [
      [3.7, 0.8],
      [-6.9, 1],
      [90.4, 0.6667],
      [180, 1.3333],
      [0.2, 1],
    ] as const) {
      const turn = turnAndScale(deg, scale, grey.width, grey.height);
      const whole = await turnWhole(grey, turn);
      const b = turnedBounds(turn.matrix, grey.width, grey.height);
      expect([b.width, b.height]).toEqual([whole.width, whole.height]);
    }
  });
});

describe("turnRegion", () => {
  it("matches the whole page turned and cropped, box for box", async () => {
    const grey = page(900, 1200);
    for (const [deg, scale] of [
      [3.7, 0.8],
      [-6.9, 1],
      [90.4, 1],
      [-0.3, 0.8],
    ] as const) {
      const turn = turnAndScale(deg, scale, grey.width, grey.height);
      const whole = await turnWhole(grey, turn);
      const box = { x0: 120, y0: 160, x1: whole.width - 140, y1: whole.height - 90 };
      const part = await turnRegion(grey, turn, box);
      const cropped = cropGrey(whole, box);
      expect(part && [part.width, part.height]).toEqual([cropped.width, cropped.height]);
      let diff = 0;
      for (let i = 0; i < cropped.data.length; i++) diff += Math.abs(cropped.data[i]! - part!.data[i]!);
      // Under half a pixel apart: a few grey levels on average, where a pixel's shift would be tens.
      expect(diff / cropped.data.length).toBeLessThan(6);
    }
  });

  it("gives up on a box outside the page, for the caller to turn the whole page", async () => {
    const grey = page(200, 300);
    const turn = turnAndScale(2, 1, grey.width, grey.height);
    expect(await turnRegion(grey, turn, { x0: 400, y0: 400, x1: 500, y1: 500 })).toBeUndefined();
  });
});
