// A decision's pen-written number through the real pipeline (native OCR): read and filled in, or, with
// readHandwriting off, only reported. The page is printed text with real MNIST digits written in the blank.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recognizeDocument } from "../../pipelines/recognize.js";
import { defaultLimits } from "../../src/limits.js";
import { silentLogger } from "../../src/logger.js";
import { isNativeTesseractAvailable, NativeOcrEngine } from "../../src/ocr/native-engine.js";
import { preflight } from "../../src/stages/preflight.js";
import { skipWithout } from "../require-tool.js";
import { mnistTestDigit } from "./mnist.js";

const skip = skipWithout(
  "tesseract with vie data",
  await isNativeTesseractAvailable(),
  "apt-get install tesseract-ocr tesseract-ocr-vie",
);

const W = 2480;
const H = 900;
/** MNIST test digits 0, 1, 2: a 7, a 2 and a 1. */
const PEN = [0, 1, 2];

/** A decision's header at 300 dpi with "Số:" and "/QĐ-UBND" printed and the number written by pen between them. */
async function writePage(file: string): Promise<void> {
  const text = (x: number, y: number, s: string, bold = false): string =>
    `<text x="${x}" y="${y}" font-family="Liberation Serif" font-size="46"${bold ? ' font-weight="bold"' : ""}>${s}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>
${text(200, 150, "ỦY BAN NHÂN DÂN", true)}${text(1250, 150, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true)}
${text(200, 220, "XÃ HÒA BÌNH", true)}${text(1450, 220, "Độc lập - Tự do - Hạnh phúc", true)}
${text(200, 330, "Số:")}${text(470, 330, "/QĐ-UBND")}${text(1350, 330, "Hòa Bình, ngày 12 tháng 3 năm 2024")}
${text(1000, 470, "QUYẾT ĐỊNH", true)}
${text(700, 540, "Về việc công nhận kết quả giải quyết thủ tục hành chính")}
${text(200, 660, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")}
</svg>`;
  const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  PEN.forEach((k, i) => {
    const { ink } = mnistTestDigit(k);
    for (let y = 0; y < 56; y++)
      for (let x = 0; x < 56; x++)
        if (ink.data[(y >> 1) * 28 + (x >> 1)]! >= 128) data[(280 + y) * W + 290 + i * 48 + x] = 30;
  });
  await sharp(data, { raw: { width: W, height: H, channels: 1 } })
    .png()
    .withMetadata({ density: 300 })
    .toFile(file);
}

describe.skipIf(skip)("pen-written number through the pipeline", () => {
  let dir: string;
  let engine: NativeOcrEngine;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sohoa-pen-"));
    await writePage(path.join(dir, "decision.png"));
    engine = new NativeOcrEngine({ concurrency: 1 });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function read(readHandwriting: boolean, name: string) {
    const source = await preflight(path.join(dir, "decision.png"), defaultLimits);
    const workDir = await mkdtemp(path.join(dir, `${name}-`));
    const doc = await recognizeDocument(
      source,
      { ocr: engine, limits: defaultLimits, readHandwriting },
      { workDir, log: silentLogger },
    );
    return doc;
  }

  it("reads the pen number and fills it in, still for review, and the text layer says it too", async () => {
    const truth = PEN.map((k) => mnistTestDigit(k).label).join("");
    const doc = await read(true, "on");
    expect(doc.extraction.fields.documentNumber).toMatchObject({
      value: `${truth}/QĐ-UBND`,
      valid: false,
      handwritten: { slots: ["number"], read: { slots: { number: truth } } },
    });
    const line = doc.pages[0]!.ocr.lines.find((l) => l.text.includes("/QĐ-UBND"));
    expect(line?.text).toMatch(new RegExp(`^Số: ${truth}/QĐ-UBND\\b`));
    expect(doc.text).toContain(`Số: ${truth}/QĐ-UBND`);
  });

  it("only reports it with readHandwriting off", async () => {
    const doc = await read(false, "off");
    const field = doc.extraction.fields.documentNumber;
    // The engine's reading of the pen strokes stays in the text, whatever it is; the reader's digits are not put there.
    const truth = PEN.map((k) => mnistTestDigit(k).label).join("");
    expect(doc.text).not.toContain(`Số: ${truth}/QĐ-UBND`);
    expect(field).toMatchObject({ value: "…/QĐ-UBND", handwritten: { slots: ["number"] } });
    expect(field?.handwritten?.read).toBeUndefined();
  });
});
