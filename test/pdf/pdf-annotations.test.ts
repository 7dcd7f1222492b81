// A source PDF's printable annotations (a government e-signature's visible block) are drawn over the
// archival page and never read by OCR; hidden and screen-only ones are not drawn.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { archiveUnread, FIXTURES, ingestFile, workDir } from "../ingest/helpers.js";
import type { Box } from "../../src/types.js";

const run = promisify(execFile);

/** Mean RGB of a box of an RGB(A) raster. */
async function meanColour(image: string | Buffer, box: Box): Promise<[number, number, number]> {
  const { data, info } = await sharp(image)
    .extract({ left: box.x0, top: box.y0, width: box.x1 - box.x0, height: box.y1 - box.y0 })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i++) sum[i % 3]! += data[i]!;
  const n = info.width * info.height;
  return sum.map((v) => Math.round(v / n)) as [number, number, number];
}

// The fixture's annotations in points, and the page's 200 dpi raster scale (A5: 420.84 × 595.44 pt).
const SCALE = 1169 / 420.84;
const PAGE_HEIGHT = 595.44;
const toPixels = (x0: number, y0: number, x1: number, y1: number): Box => ({
  x0: Math.round(x0 * SCALE) + 2,
  y0: Math.round((PAGE_HEIGHT - y1) * SCALE) + 2,
  x1: Math.round(x1 * SCALE) - 2,
  y1: Math.round((PAGE_HEIGHT - y0) * SCALE) - 2,
});
const SIGNATURE = toPixels(4, PAGE_HEIGHT - 40, 244, PAGE_HEIGHT - 4);
const HIDDEN_STAMP = toPixels(200, 100, 300, 160);
const SCREEN_ONLY = toPixels(40, 100, 140, 160);

describe("annotations of a source PDF", () => {
  it("draws the printable signature block over the archival page, outside what OCR reads", async () => {
    const { source, pages } = await ingestFile(path.join(FIXTURES, "annotated.pdf"));
    const [page] = pages;
    expect(page!.overlays).toHaveLength(1);
    const [overlay] = page!.overlays!;
    expect(overlay!.subtype).toBe("Widget");
    for (const key of ["x0", "y0", "x1", "y1"] as const)
      expect(Math.abs(overlay!.box[key] - SIGNATURE[key])).toBeLessThanOrEqual(3);
    // The page image OCR reads is the scan alone: no red there.
    const [r, g] = await meanColour(page!.image, SIGNATURE);
    expect(r - g).toBeLessThan(10);

    const file = path.join(await workDir(), "archival.pdf");
    await writeFile(file, await archiveUnread(source, pages));
    expect((await run("qpdf", ["--check", file])).stdout).toContain(
      "No syntax or stream encoding errors found",
    );
    // Poppler draws what the archival page holds (it has no annotations of its own left).
    const prefix = path.join(path.dirname(file), "drawn");
    await run("pdftoppm", ["-r", "200", "-png", "-singlefile", file, prefix]);
    const drawn = await readFile(`${prefix}.png`);
    const [sr, sg, sb] = await meanColour(drawn, SIGNATURE);
    expect(sr).toBeGreaterThan(150);
    expect(Math.max(sg, sb)).toBeLessThan(60);
    const [hr, , hiddenBlue] = await meanColour(drawn, HIDDEN_STAMP);
    expect(hiddenBlue - hr).toBeLessThan(10);
    const [qr, qg] = await meanColour(drawn, SCREEN_ONLY);
    expect(qg - qr).toBeLessThan(10);
  });

  it("reports the page as carrying its source's annotations", async () => {
    const { pages } = await ingestFile(path.join(FIXTURES, "annotated.pdf"));
    expect(pages[0]!.flags).toContain("sourceAnnotationsDrawn");
    const plain = await ingestFile(path.join(FIXTURES, "g4.pdf"));
    expect(plain.pages[0]!.overlays).toBeUndefined();
  });
});
