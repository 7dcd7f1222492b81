// The clean stage's geometry: a mark in the prepared image maps back onto the same mark in the source.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { pageContext } from "../../src/context.js";
import { applyAffine } from "../../src/imaging/affine.js";
import { loadInkGrey } from "../../src/imaging/ink-grey.js";
import { silentLogger } from "../../src/logger.js";
import { cleanForOcr } from "../../src/stages/clean.js";
import type { Orientation, Page, PreparedPage } from "../../src/types.js";

/** Pixels of the grey TIFF the clean stage writes for OCR, read back by an independent decoder. */
async function readOcrImage(
  file: string,
): Promise<{ data: Buffer; info: { width: number; height: number } }> {
  return sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
}

/** Centre of the dark pixels of the OCR image, in the page's upright frame (the image is cropped to the print). */
async function darkCentroid(prepared: PreparedPage): Promise<[number, number]> {
  const [x, y] = await darkCentroidOf(prepared.ocrImage);
  return [x + (prepared.ocrCrop?.x ?? 0), y + (prepared.ocrCrop?.y ?? 0)];
}

/** Centre of the dark pixels of a grey image. */
async function darkCentroidOf(file: string): Promise<[number, number]> {
  const { data, info } = await readOcrImage(file);
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 100) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return [sx / n, sy / n];
}

async function sourceWithMark(dir: string, colour: "black" | "red"): Promise<Page> {
  const file = path.join(dir, `src-${colour}.png`);
  const fill = colour === "black" ? "#000" : "#e00";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#fff"/>
    <rect x="300" y="50" width="20" height="20" fill="${fill}"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return { index: 0, image: file, format: "png", width: 400, height: 300, dpi: 200, colour: "colour" };
}

describe("cleanForOcr", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sohoa-clean-"));
  const ctx = pageContext({ workDir: dir, log: silentLogger }, 0);

  for (const [orientation, skew] of [
    [0, 0],
    [0, 5.5],
    [90, -3],
    [180, 2],
    [270, 0.7],
  ] as Array<[Orientation, number]>) {
    it(`maps prepared pixels back to the source (orientation ${orientation}, skew ${skew}°)`, async () => {
      const page = await sourceWithMark(dir, "black");
      const prepared = await cleanForOcr(
        page,
        await loadInkGrey(page),
        { orientation, skewDegrees: skew, flags: [] },
        ctx,
      );
      const [px, py] = await darkCentroid(prepared);
      const [sx, sy] = applyAffine(prepared.toSource, px, py);
      expect(Math.abs(sx - 310)).toBeLessThan(1.5);
      expect(Math.abs(sy - 60)).toBeLessThan(1.5);
      const turnedSideways = orientation === 90 || orientation === 270;
      expect(prepared.ocrWidth > prepared.ocrHeight).toBe(!turnedSideways);
    });
  }

  it("enlarges a 100 dpi scan to 200 dpi for OCR, upright or not, and still maps back", async () => {
    const page = { ...(await sourceWithMark(dir, "black")), dpi: 100 };
    const prepared = await cleanForOcr(
      page,
      await loadInkGrey(page),
      { orientation: 0, skewDegrees: 0, flags: [] },
      ctx,
    );
    expect(prepared.ocrDpi).toBe(200);
    expect([prepared.ocrWidth, prepared.ocrHeight]).toEqual([800, 600]);
    const [px, py] = await darkCentroid(prepared);
    const [sx, sy] = applyAffine(prepared.toSource, px, py);
    expect(Math.abs(sx - 310)).toBeLessThan(1.5);
    expect(Math.abs(sy - 60)).toBeLessThan(1.5);
  });

  it("brings a 600 dpi scan down to the OCR resolution and still maps back", async () => {
    const page = { ...(await sourceWithMark(dir, "black")), dpi: 600 };
    const prepared = await cleanForOcr(
      page,
      await loadInkGrey(page),
      { orientation: 0, skewDegrees: 3, flags: [] },
      ctx,
      { maxOcrDpi: 300 },
    );
    expect(prepared.ocrDpi).toBe(300);
    expect(prepared.ocrWidth).toBeLessThan(230);
    const [px, py] = await darkCentroid(prepared);
    const [sx, sy] = applyAffine(prepared.toSource, px, py);
    expect(Math.abs(sx - 310)).toBeLessThan(2);
    expect(Math.abs(sy - 60)).toBeLessThan(2);
  });

  it("turns clockwise: content turned 90° counter-clockwise comes back upright", async () => {
    const page = await sourceWithMark(dir, "black");
    const prepared = await cleanForOcr(
      page,
      await loadInkGrey(page),
      { orientation: 90, skewDegrees: 0, flags: [] },
      ctx,
    );
    const [px, py] = await darkCentroid(prepared);
    // Clockwise quarter-turn of a 400×300 page: (x, y) → (300 - y, x).
    expect(Math.abs(px - (300 - 60))).toBeLessThan(1.5);
    expect(Math.abs(py - 310)).toBeLessThan(1.5);
  });

  it("drops red ink from colour pages", async () => {
    const page = await sourceWithMark(dir, "red");
    const prepared = await cleanForOcr(
      page,
      await loadInkGrey(page),
      { orientation: 0, skewDegrees: 0, flags: [] },
      ctx,
    );
    const { data } = await readOcrImage(prepared.ocrImage);
    expect(Math.min(...data)).toBeGreaterThan(150);
  });
});
