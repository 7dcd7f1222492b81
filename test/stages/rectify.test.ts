// Phone photos of a sheet: found, cropped and flattened before deskew; scans left alone; a photo without a sheet flagged.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { pageContext } from "../../src/context.js";
import { analysisCopyOf } from "../../src/imaging/analysis-image.js";
import { applyHomography, homographyFrom, type Point } from "../../src/imaging/homography.js";
import { loadInkGrey } from "../../src/imaging/ink-grey.js";
import { silentLogger } from "../../src/logger.js";
import { rectify as rectifyStage, rectifyPhoto } from "../../src/stages/rectify.js";
import type { Page } from "../../src/types.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/orientation");
const dir = mkdtempSync(path.join(tmpdir(), "sohoa-rectify-"));
const ctx = (i: number) => pageContext({ workDir: dir, log: silentLogger }, i);

/** As the rectify stage calls it: on the page's ink plane, decoded once, and its analysis copy. */
async function rectify(p: Page, c: ReturnType<typeof ctx>) {
  const grey = await loadInkGrey(p);
  return rectifyPhoto(p, grey, c, await analysisCopyOf(grey));
}

function page(
  file: string,
  width: number,
  height: number,
  dpi: number,
  format: Page["format"] = "jpeg",
): Page {
  return { index: 0, image: file, format, width, height, dpi, colour: "colour" };
}

describe("homography", () => {
  it("maps four points onto four points, and points between them consistently", () => {
    const from: Point[] = [
      [0, 0],
      [100, 0],
      [100, 140],
      [0, 140],
    ];
    const to: Point[] = [
      [12, 30],
      [130, 22],
      [150, 190],
      [5, 170],
    ];
    const h = homographyFrom(from, to);
    for (let k = 0; k < 4; k++) {
      const [x, y] = applyHomography(h, from[k]![0], from[k]![1]);
      expect(x).toBeCloseTo(to[k]![0], 6);
      expect(y).toBeCloseTo(to[k]![1], 6);
    }
    // The centre of the rectangle goes to where the quadrilateral's diagonals cross.
    const [cx, cy] = applyHomography(h, 50, 70);
    const back = homographyFrom(to, from);
    const [bx, by] = applyHomography(back, cx, cy);
    expect([bx, by].map((v) => Math.round(v * 1000) / 1000)).toEqual([50, 70]);
  });
});

describe("rectifyPhoto", () => {
  it("finds the photographed sheet's corners, flattens it to A4 proportions and flags the page as a photo", async () => {
    const file = path.join(FIXTURES, "photo.jpg");
    const truth = JSON.parse(readFileSync(path.join(FIXTURES, "photo.json"), "utf8")) as { corners: Point[] };
    const result = await rectify(page(file, 1200, 1500, 72), ctx(0));
    expect(result.flags).toEqual(["photo"]);
    expect(result.corners).toBeDefined();
    // Within 1 % of the photo's diagonal (19 px), corner by corner.
    for (let k = 0; k < 4; k++) {
      const [x, y] = result.corners![k]!;
      expect(Math.hypot(x - truth.corners[k]![0], y - truth.corners[k]![1]), `corner ${k}`).toBeLessThan(19);
    }
    const out = result.page;
    expect([result.grey.width, result.grey.height]).toEqual([out.width, out.height]);
    expect(out.image).not.toBe(file);
    expect(out.height / out.width).toBeCloseTo(Math.SQRT2, 2);
    const meta = await sharp(out.image).metadata();
    expect([meta.width, meta.height]).toEqual([out.width, out.height]);
    // Flattened: no table left at the edges; the sheet's paper runs to the frame.
    const { data, info } = await sharp(out.image).greyscale().raw().toBuffer({ resolveWithObject: true });
    const edge = (x: number, y: number) => data[y * info.width + x]!;
    const inset = Math.round(info.width * 0.02);
    const probes = [
      [inset, inset],
      [info.width - inset, inset],
      [inset, info.height - inset],
      [info.width - inset, Math.round(info.height / 2)],
    ];
    for (const [x, y] of probes) {
      expect(edge(x!, y!), `pixel ${x},${y}`).toBeGreaterThan(120);
    }
  });

  it("leaves a scan alone, unflagged", async () => {
    const file = path.join(FIXTURES, "heavy-seal.jpg");
    const scan = page(file, 1241, 1754, 150);
    const result = await rectify(scan, ctx(1));
    expect(result.flags).toEqual([]);
    expect(result.page).toBe(scan);
  });

  it("leaves a scan with a flat black scanner border alone", async () => {
    const file = path.join(dir, "bordered.png");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#050505"/>
      <rect x="40" y="30" width="520" height="740" fill="#fafafa"/><rect x="100" y="100" width="300" height="12" fill="#222"/></svg>`;
    await sharp(Buffer.from(svg)).png().toFile(file);
    const result = await rectify(page(file, 600, 800, 100, "png"), ctx(2));
    expect(result.flags).toEqual([]);
    expect(result.page.image).toBe(file);
  });

  it("leaves a sheet scanned askew on a light grey scanner bed alone (deskew straightens it, its bytes are kept)", async () => {
    const file = path.resolve(import.meta.dirname, "../../fixtures/samples/xac-nhan-hon-nhan-2-trang.tif");
    const { data, info } = await sharp(file, { page: 1 })
      .greyscale()
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const scan: Page = {
      index: 1,
      image: file,
      format: "tiff",
      width: info.width,
      height: info.height,
      dpi: 200,
      colour: "grey",
    };
    const result = await rectifyPhoto(scan, { data, width: info.width, height: info.height }, ctx(5));
    expect(result.flags).toEqual([]);
    expect(result.page).toBe(scan);
  });

  it("flags a photo whose sheet is not a quadrilateral it can find, and reads it as it is", async () => {
    const file = path.join(dir, "no-sheet.jpg");
    // A round paper plate of light on a textured dark table: background all round, no four corners.
    const stripes = Array.from(
      { length: 40 },
      (_, i) => `<rect x="0" y="${i * 20}" width="600" height="9" fill="#6b4a2b"/>`,
    ).join("");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#8a6440"/>${stripes}
      <ellipse cx="300" cy="400" rx="230" ry="300" fill="#f2efe8"/></svg>`;
    await sharp(Buffer.from(svg)).jpeg().toFile(file);
    const photo = page(file, 600, 800, 72);
    const result = await rectify(photo, ctx(3));
    expect(result.flags).toEqual(["photoSheetNotFound"]);
    expect(result.page).toBe(photo);
  });
});

describe("processPage on a phone photo", () => {
  it("reads the rectified sheet upright, flags it a photo and records how its orientation was settled", async () => {
    const { processPage } = await import("../../pipelines/page.js");
    const { createOcrEngine } = await import("../../src/ocr/index.js");
    const ocr = await createOcrEngine({ engine: "auto", concurrency: 1 });
    try {
      const file = path.join(FIXTURES, "photo.jpg");
      const result = await processPage(
        page(file, 1200, 1500, 72),
        { pageTimeoutSeconds: 120, file },
        { ...ctx(4), ocr },
      );
      expect(result.page.flags).toContain("photo");
      expect(result.page.image).not.toBe(file);
      expect(result.page.orientation).toBe(0);
      expect(result.page.orientationDecision).toMatch(/^(measured|confirmedByOcr)$/);
      expect(result.ocr.text).toContain("QUYẾT ĐỊNH");
      expect(result.ocr.text).toMatch(/Ủy ban nhân dân xã/iu);
    } finally {
      await ocr.close();
    }
  });
});

describe("the rectify stage", () => {
  it("hands a scan's analysis copy on to orientation, and none for a flattened sheet", async () => {
    const scan = await rectifyStage(page(path.join(FIXTURES, "heavy-seal.jpg"), 1241, 1754, 150), ctx(5));
    expect(scan.flags).toEqual([]);
    expect(scan.analysis).toBeDefined();
    const fresh = await analysisCopyOf(scan.grey);
    expect([scan.analysis!.width, scan.analysis!.height, scan.analysis!.scale]).toEqual([
      fresh.width,
      fresh.height,
      fresh.scale,
    ]);
    expect(scan.analysis!.data.equals(fresh.data)).toBe(true);
    const photo = await rectifyStage(page(path.join(FIXTURES, "photo.jpg"), 1200, 1500, 72), ctx(6));
    expect(photo.flags).toEqual(["photo"]);
    expect(photo.analysis).toBeUndefined();
  });
});
