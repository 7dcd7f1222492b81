// A turned region is the whole turned image's pixels in that box, made from the source under it alone.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { turnAndScale } from "../../src/imaging/affine.js";
import { cropGrey } from "../../src/imaging/content-box.js";
import { affineOutputSize, turnedRegion } from "../../src/imaging/turned-region.js";
import type { Box, GreyImage } from "../../src/types.js";

/** A smooth grey wave: a shift of a pixel or two shows, half a pixel of grid offset hardly does. */
function pattern(width: number, height: number): GreyImage {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = 128 + 100 * Math.sin(x / 7) * Math.cos(y / 9);
  return { data, width, height };
}

/** Mean absolute difference between the region and the whole image's box shifted by (dx, dy). */
function differenceAt(whole: GreyImage, box: Box, region: GreyImage, dx: number, dy: number): number {
  const expected = cropGrey(whole, { x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy });
  let sum = 0;
  for (let i = 0; i < expected.data.length; i++) sum += Math.abs(expected.data[i]! - region.data[i]!);
  return sum / expected.data.length;
}

async function wholeTurned(grey: GreyImage, degrees: number, scale: number): Promise<GreyImage> {
  const { matrix } = turnAndScale(degrees, scale, grey.width, grey.height);
  const { data, info } = await sharp(grey.data, {
    raw: { width: grey.width, height: grey.height, channels: 1 },
  })
    .affine(matrix, { background: "#ffffff", interpolator: "bilinear" })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe("affineOutputSize", () => {
  it("predicts sharp.affine's output size over turns, skews and scales", async () => {
    for (const [w, h, deg, scale] of [
      [815, 586, 0.54, 1],
      [631, 1067, 92.24, 0.807],
      [1070, 358, 184.55, 0.84],
      [746, 742, 269.52, 0.517],
      [394, 364, 0.19, 0.719],
      [500, 700, -6.9, 0.8],
    ] as const) {
      const whole = await wholeTurned(pattern(w, h), deg, scale);
      const { matrix } = turnAndScale(deg, scale, w, h);
      expect(affineOutputSize(matrix, w, h), `${w}×${h} ${deg}° ×${scale}`).toEqual({
        width: whole.width,
        height: whole.height,
      });
    }
  });
});

describe("turnedRegion", () => {
  for (const [deg, scale] of [
    [3.3, 0.8],
    [-6.9, 1],
    [90.7, 0.8],
    [181.2, 1],
    [268.4, 0.65],
  ] as const) {
    it(`matches the whole turned image inside the box (${deg}°, ×${scale})`, async () => {
      const grey = pattern(640, 820);
      const whole = await wholeTurned(grey, deg, scale);
      const box = {
        x0: Math.round(whole.width * 0.15),
        y0: Math.round(whole.height * 0.2),
        x1: Math.round(whole.width * 0.8),
        y1: Math.round(whole.height * 0.9),
      };
      const region = await turnedRegion(grey, deg, scale, box);
      expect([region.x, region.y]).toEqual([box.x0, box.y0]);
      expect([region.image.width, region.image.height]).toEqual([box.x1 - box.x0, box.y1 - box.y0]);
      // Up to half a pixel of grid offset: close to the whole image's box, far from it shifted by two pixels.
      const here = differenceAt(whole, box, region.image, 0, 0);
      expect(here).toBeLessThan(4);
      for (const [dx, dy] of [
        [2, 0],
        [-2, 0],
        [0, 2],
        [0, -2],
      ] as const)
        expect(differenceAt(whole, box, region.image, dx, dy)).toBeGreaterThan(2 * here);
    });
  }

  it("keeps to the whole image where the box reaches past its edge", async () => {
    const grey = pattern(300, 200);
    const whole = await wholeTurned(grey, 4, 1);
    const region = await turnedRegion(grey, 4, 1, { x0: -20, y0: 10, x1: whole.width + 30, y1: 120 });
    expect(region.x).toBeGreaterThanOrEqual(0);
    expect(region.x + region.image.width).toBeLessThanOrEqual(whole.width);
    expect(region.image.height).toBe(110);
  });
});
