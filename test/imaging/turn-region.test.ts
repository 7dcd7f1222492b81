// Turning only the print's part of a page: the very pixels of turning the whole page and cropping.
import { describe, expect, it } from "vitest";
import { cropGrey } from "../../src/imaging/content-box.js";
import { turnAndScale, turnedBounds } from "../../src/imaging/affine.js";
import { turnRegion, turnWhole } from "../../src/imaging/turn-region.js";
import type { GreyImage } from "../../src/imaging/ink-grey.js";

/** A page of waves and dark "text" bars: any shift of the sampling grid, even a fraction of a pixel, changes pixels. */
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
  it("gives the very pixels of the whole page turned and cropped, for any turn, scale and box", async () => {
    const grey = page(700, 900);
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 16; k++) {
      const degrees = (rnd() - 0.5) * 16 + [0, 90, 180, 270][k % 4]!;
      const scale = [1, 0.8, 0.6667, 1.3333][Math.floor(rnd() * 4)]!;
      const turn = turnAndScale(degrees, scale, grey.width, grey.height);
      const whole = await turnWhole(grey, turn);
      const x0 = Math.floor(rnd() * whole.width * 0.3);
      const y0 = Math.floor(rnd() * whole.height * 0.3);
      const box = {
        x0,
        y0,
        x1: whole.width - Math.floor(rnd() * x0),
        y1: whole.height - Math.floor(rnd() * y0),
      };
      const part = await turnRegion(grey, turn, box);
      const cropped = cropGrey(whole, box);
      expect(part && [part.width, part.height]).toEqual([cropped.width, cropped.height]);
      let differ = 0;
      for (let i = 0; i < cropped.data.length; i++)
        if (Math.abs(cropped.data[i]! - part!.data[i]!) > 1) differ++;
      // A handful at most, on the page's own edge where it meets the white around it (measured: 0 in most
      // boxes, 5 or 6 pixels in two of these sixteen); a grid a fraction of a pixel off changes thousands.
      expect(differ, `${degrees.toFixed(2)}° × ${scale}`).toBeLessThanOrEqual(10);
    }
  });

  it("gives up on a box outside the page, for the caller to turn the whole page", async () => {
    const grey = page(200, 300);
    const turn = turnAndScale(2, 1, grey.width, grey.height);
    expect(await turnRegion(grey, turn, { x0: 400, y0: 400, x1: 500, y1: 500 })).toBeUndefined();
  });
});
