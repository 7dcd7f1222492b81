// Pixels ingest decodes anyway are handed on: the plane a page carries is the one its written image decodes to.
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadInkGrey } from "../../src/imaging/ink-grey.js";
import type { Page } from "../../src/types.js";
import { FIXTURES, ingestFile, workDir } from "./helpers.js";

/** The ink plane decoded afresh from the page's written image, as if ingest had handed nothing on. */
async function decodedAfresh(page: Page) {
  const { decoded: _carried, ...fresh } = page;
  return loadInkGrey(fresh);
}

async function expectCarriedPlane(page: Page): Promise<void> {
  expect(page.decoded, "ingest hands the decoded plane on").toBeDefined();
  // A grey or bilevel page is written with one channel, not widened to RGB.
  const { channels } = await sharp(page.image).metadata();
  expect(channels).toBe(page.colour === "colour" ? 3 : 1);
  const fresh = await decodedAfresh(page);
  expect([page.decoded!.width, page.decoded!.height]).toEqual([fresh.width, fresh.height]);
  expect(page.decoded!.data.equals(fresh.data)).toBe(true);
}

describe("decoded ink plane handed on by ingest", () => {
  it.each(["g4.pdf", "flate-grey.pdf", "flate-rgb-predictor.pdf", "strips.pdf", "cmyk.pdf"])(
    "%s: the drawn page's plane equals its PNG's",
    async (name) => {
      const { pages } = await ingestFile(path.join(FIXTURES, name));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) await expectCarriedPlane(page);
    },
  );

  it("a colour and a grey TIFF page carry their planes (red channel for colour)", async () => {
    const dir = await workDir();
    const width = 120;
    const height = 90;
    const rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) rgb.set([(i * 5) % 256, (i * 3) % 256, (i * 11) % 256], i * 3);
    const colour = path.join(dir, "colour.tif");
    await sharp(rgb, { raw: { width, height, channels: 3 } })
      .withMetadata({ density: 300 })
      .tiff({ compression: "lzw" })
      .toFile(colour);
    const grey = path.join(dir, "grey.tif");
    const plane = Buffer.from(rgb.filter((_, i) => i % 3 === 1));
    await sharp(plane, { raw: { width, height, channels: 1 } })
      .toColourspace("b-w")
      .tiff({ compression: "lzw" })
      .toFile(grey);
    const [c, g] = [(await ingestFile(colour)).pages[0]!, (await ingestFile(grey)).pages[0]!];
    expect([c.colour, g.colour]).toEqual(["colour", "grey"]);
    await expectCarriedPlane(c);
    await expectCarriedPlane(g);
    expect(c.decoded!.data[1]).toBe(5);
  });

  it("a JPEG page carries nothing: it is decoded where it is read", async () => {
    const file = path.join(await workDir(), "page.jpg");
    await sharp({ create: { width: 64, height: 48, channels: 3, background: "#f0f0f0" } })
      .jpeg()
      .toFile(file);
    const { pages } = await ingestFile(file);
    expect(pages[0]!.format).toBe("jpeg");
    expect(pages[0]!.decoded).toBeUndefined();
  });
});
