// Test helper: a small real scan (sharp-rendered text) with synthetic OCR words, as a DocumentResult.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Affine, DocumentResult, OcrLine, OcrWord, Orientation } from "../../src/types.js";

export const LINES = ["Quyết định số 15/QĐ-UBND", "Về việc cấp giấy phép xây dựng"];

export interface MadeDocument {
  doc: DocumentResult;
  imagePath: string;
  imageBytes: Buffer;
}

/** Renders LINES upright at 150 dpi, then turns the stored image by `orientation` (counter-clockwise). */
export async function makeDocument(
  dir: string,
  options: {
    format?: "jpeg" | "png" | "tiff";
    orientation?: Orientation;
    width?: number;
    height?: number;
    dpi?: number;
  } = {},
): Promise<MadeDocument> {
  const format = options.format ?? "jpeg";
  const orientation = options.orientation ?? 0;
  const W = options.width ?? 900;
  const H = options.height ?? 300;
  const dpi = options.dpi ?? 150;
  const size = 36;
  const lines: OcrLine[] = [];
  const svgText: string[] = [];
  LINES.forEach((text, li) => {
    const baseline = 80 + li * 90;
    svgText.push(
      `<text x="40" y="${baseline}" font-family="DejaVu Serif" font-size="${size}">${text}</text>`,
    );
    // Synthetic boxes: words laid out left to right with widths proportional to their length.
    let x = 40;
    const words: OcrWord[] = text.split(" ").map((w) => {
      const width = Math.round(w.length * size * 0.55);
      const box = { x0: x, y0: baseline - size, x1: x + width, y1: baseline + 6 };
      x += width + Math.round(size * 0.3);
      return { text: w, box, confidence: 90, line: li };
    });
    lines.push({
      text,
      box: { x0: 40, y0: baseline - size, x1: x, y1: baseline + 6 },
      confidence: 90,
      words,
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>${svgText.join("")}</svg>`;
  const upright = await sharp(Buffer.from(svg)).png().toBuffer();
  // sharp rotates clockwise; a counter-clockwise quarter-turn of the content is a clockwise turn of 360-o.
  let stored = sharp(upright).rotate((360 - orientation) % 360);
  stored = format === "jpeg" ? stored.jpeg({ quality: 85 }) : format === "png" ? stored.png() : stored.tiff();
  const imageBytes = await stored.toBuffer();
  const imagePath = path.join(dir, `page.${format === "jpeg" ? "jpg" : format}`);
  await writeFile(imagePath, imageBytes);
  const quarter = orientation / 90;
  const [sw, sh] = quarter % 2 === 1 ? [H, W] : [W, H];
  // Upright (ocr) pixels → stored pixels for each counter-clockwise quarter-turn.
  const toSource: Affine = [
    { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 },
    { a: 0, b: -1, c: 1, d: 0, e: 0, f: W },
    { a: -1, b: 0, c: 0, d: -1, e: W, f: H },
    { a: 0, b: 1, c: -1, d: 0, e: H, f: 0 },
  ][quarter]!;
  const text = LINES.join("\n");
  const sha256 = createHash("sha256").update(imageBytes).digest("hex");
  const doc: DocumentResult = {
    source: {
      path: imagePath,
      name: path.basename(imagePath),
      sha256,
      bytes: imageBytes.length,
      mime: "image/jpeg",
    },
    pages: [
      {
        page: {
          index: 0,
          image: imagePath,
          format,
          width: sw,
          height: sh,
          dpi,
          colour: "grey",
          orientation,
          skewDegrees: 0,
          ocrImage: imagePath,
          ocrWidth: W,
          ocrHeight: H,
          ocrDpi: dpi,
          toSource,
          flags: [],
        },
        ocr: { width: W, height: H, lines, text, confidence: 90, engine: "synthetic" },
        timings: {},
      },
    ],
    text,
    extraction: {
      docType: "decision",
      typeConfidence: 0.9,
      fields: { documentNumber: { value: "15/QĐ-UBND", confidence: 0.9, valid: true } },
      needsReview: false,
      reviewReasons: [],
    },
    timings: {},
  };
  return { doc, imagePath, imageBytes };
}
