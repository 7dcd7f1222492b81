// The second read with the real engine: ink the first read skipped comes back as lines; what it read is not read twice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY } from "../../src/imaging/affine.js";
import { writeOcrTiff } from "../../src/imaging/ocr-image.js";
import { createLogger } from "../../src/logger.js";
import { isNativeTesseractAvailable, NativeOcrEngine } from "../../src/ocr/native-engine.js";
import { reread } from "../../src/stages/reread.js";
import type { OcrPage, PreparedPage } from "../../src/types.js";
import { skipWithout } from "../require-tool.js";

const skip = skipWithout(
  "tesseract with vie data",
  await isNativeTesseractAvailable(),
  "apt-get install tesseract-ocr tesseract-ocr-vie",
);

const W = 1800;
const H = 900;

describe.skipIf(skip)("reread", () => {
  let dir: string;
  let engine: NativeOcrEngine;
  let prepared: PreparedPage;
  let first: OcrPage;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sohoa-reread-"));
    const text = (x: number, y: number, t: string, weight = "normal"): string =>
      `<text x="${x}" y="${y}" font-family="DejaVu Serif, serif" font-size="46" font-weight="${weight}">${t}</text>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
      <rect width="100%" height="100%" fill="white"/>
      ${text(60, 120, "Quyết định này có hiệu lực thi hành kể từ ngày ký.")}
      ${text(1000, 600, "KT. CHỦ TỊCH", "bold")}
      ${text(1000, 800, "Nguyễn Văn An", "bold")}
    </svg>`;
    const { data, info } = await sharp(Buffer.from(svg))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = join(dir, "ocr.tif");
    await writeOcrTiff(image, { data, width: info.width, height: info.height }, 300);
    prepared = {
      index: 0,
      image,
      format: "png",
      width: W,
      height: H,
      dpi: 300,
      colour: "grey",
      orientation: 0,
      skewDegrees: 0,
      ocrImage: image,
      ocrWidth: W,
      ocrHeight: H,
      ocrDpi: 300,
      toSource: IDENTITY,
      flags: [],
    };
    engine = await NativeOcrEngine.create({ concurrency: 1 });
    const whole = await engine.recognize(image, { dpi: 300 });
    // The first read as automatic segmentation gives it on a real page: the signer's block dropped.
    const kept = whole.lines.filter((l) => l.box.y1 < 300);
    first = { ...whole, lines: kept, text: kept.map((l) => l.text).join("\n") };
  });
  afterAll(async () => {
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("adds the skipped block's lines after the text above it, and reads the first line once", async () => {
    const ctx = {
      ocr: engine,
      log: createLogger({ level: "warn" }),
      workDir: dir,
      pageIndex: 0,
      path: (n: string) => join(dir, n),
    };
    const out = await reread(first, prepared, ctx);
    expect(first.text).toContain("hiệu lực");
    expect(first.text).not.toContain("Nguyễn");
    expect(out.lines).toHaveLength(first.lines.length + 2);
    expect(out.text.split("\n").slice(-2)).toEqual(["KT. CHỦ TỊCH", "Nguyễn Văn An"]);
    expect(out.text.match(/hiệu lực/g)).toHaveLength(1);
  });

  it("leaves a page whose ink was all read as it is", async () => {
    const ctx = {
      ocr: engine,
      log: createLogger({ level: "warn" }),
      workDir: dir,
      pageIndex: 0,
      path: (n: string) => join(dir, n),
    };
    const whole = await engine.recognize(prepared.ocrImage, { dpi: 300 });
    expect(await reread(whole, prepared, ctx)).toBe(whole);
  });
});
