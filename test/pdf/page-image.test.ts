// A WebP page: PDF/A cannot hold WebP, so a lossy one becomes a fine JPEG and a lossless one stays lossless.
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, PDFRawStream } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { embedPageImage, isLossyWebp } from "../../src/pdf/page-image.js";
import type { Page } from "../../src/types.js";

const dir = mkdtempSync(path.join(tmpdir(), "sohoa-page-image-"));

/** A 600×800 page of grey paper with dark bars and noise: what a phone's WebP export of a scan looks like. */
async function webp(name: string, options: sharp.WebpOptions): Promise<string> {
  const width = 600;
  const height = 800;
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const ink = y % 40 < 12 && x > 50 && x < 550 && (x >> 3) % 3 !== 0;
      const v = ink ? 30 : 235 - ((x * 7 + y * 13) % 17);
      rgb.set([v, v - 5, v - 10], (y * width + x) * 3);
    }
  const file = path.join(dir, name);
  await sharp(rgb, { raw: { width, height, channels: 3 } })
    .webp(options)
    .toFile(file);
  return file;
}

const pageOf = (image: string): Page => ({
  index: 0,
  image,
  format: "webp",
  width: 600,
  height: 800,
  dpi: 100,
  colour: "colour",
});

describe("WebP pages in the archival PDF", () => {
  it("tells a lossy WebP from a lossless one and from other files", async () => {
    expect(isLossyWebp(await readFile(await webp("lossy.webp", { quality: 80 })))).toBe(true);
    expect(isLossyWebp(await readFile(await webp("lossless.webp", { lossless: true })))).toBe(false);
    expect(isLossyWebp(await readFile(await webp("alpha.webp", { quality: 80, alphaQuality: 50 })))).toBe(
      true,
    );
    expect(isLossyWebp(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBe(false);
  });

  it("embeds a lossy WebP as a JPEG near its own size, a lossless one losslessly", async () => {
    const lossy = await webp("page-lossy.webp", { quality: 80 });
    const doc = await PDFDocument.create();
    const embedded = await embedPageImage(doc, pageOf(lossy));
    expect(embedded.encoding).toBe("jpeg");
    await doc.flush();
    const object = doc.context.lookup(embedded.ref);
    expect(object).toBeInstanceOf(PDFRawStream);
    const stream = object as PDFRawStream;
    expect(stream.dict.toString()).toContain("/DCTDecode");
    const source = (await readFile(lossy)).length;
    expect(stream.getContents().length).toBeLessThan(3 * source);
    const lossless = await webp("page-lossless.webp", { lossless: true });
    expect((await embedPageImage(doc, pageOf(lossless))).encoding).toBe("flate");
  });
});
