// The OCR image writer: a TIFF that other decoders and the OCR engine read back pixel for pixel.
import { mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { readOcrImage, writeOcrTiff } from "../../src/imaging/ocr-image.js";

const work = mkdtempSync(path.join(tmpdir(), "sohoa-ocr-image-"));

describe("writeOcrTiff", () => {
  it("writes every pixel and the resolution, readable by libvips", async () => {
    const width = 37;
    const height = 23;
    const data = Buffer.alloc(width * height);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 256;
    const file = path.join(work, "ramp.tif");
    await writeOcrTiff(file, { data, width, height }, 240);
    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: "tiff", width, height, channels: 1, density: 240 });
    const back = await sharp(file).extractChannel(0).raw().toBuffer();
    expect(back.equals(data)).toBe(true);
  });

  it("writes only the image's own pixels when its buffer is longer", async () => {
    const data = Buffer.alloc(4 * 3 + 10, 9);
    const file = path.join(work, "slice.tif");
    await writeOcrTiff(file, { data, width: 4, height: 3 }, 300);
    const back = await sharp(file).extractChannel(0).raw().toBuffer();
    expect(back.length).toBe(12);
    expect([...back]).toEqual(new Array(12).fill(9));
  });
});

describe("readOcrImage", () => {
  it("reads the writer's TIFF in place, other images by decoding, and nothing else", async () => {
    const data = Buffer.from([0, 128, 255, 7, 8, 9]);
    const own = path.join(work, "own.tif");
    await writeOcrTiff(own, { data, width: 3, height: 2 }, 240);
    const g = await readOcrImage(own);
    expect([g?.width, g?.height]).toEqual([3, 2]);
    expect([...g!.data]).toEqual([...data]);
    const png = path.join(work, "other.png");
    await sharp(data, { raw: { width: 3, height: 2, channels: 1 } })
      .toColourspace("b-w")
      .png()
      .toFile(png);
    const decoded = await readOcrImage(png);
    expect([...decoded!.data]).toEqual([...data]);
    const text = path.join(work, "not-an-image.tif");
    await writeFile(text, "II* but not a picture");
    expect(await readOcrImage(text)).toBeUndefined();
    expect(await readOcrImage(path.join(work, "missing.tif"))).toBeUndefined();
  });
});
