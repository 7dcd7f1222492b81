// Makes a small 300-dpi crop with one Vietnamese line, and scores recognised text against it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";

export const CROP_TEXT = "Quyết định số 15/QĐ-UBND về việc cấp giấy phép";
export const CROP_WIDTH = 1500;
export const CROP_HEIGHT = 130;

/** Writes the crop as PNG (and optionally TIFF) into a fresh temp folder; `cleanup` removes it. */
export async function makeCrop(): Promise<{
  dir: string;
  png: string;
  tiff: string;
  cleanup: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), "sohoa-ocr-test-"));
  // 12 pt at 300 dpi is 50 px: the size of body text on a real scan.
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CROP_WIDTH}" height="${CROP_HEIGHT}">
    <rect width="100%" height="100%" fill="white"/>
    <text x="40" y="82" font-family="DejaVu Serif, Liberation Serif, serif" font-size="46" fill="black">${CROP_TEXT}</text>
  </svg>`;
  const png = join(dir, "crop.png");
  const tiff = join(dir, "crop.tif");
  await sharp(Buffer.from(svg)).greyscale().withMetadata({ density: 300 }).png().toFile(png);
  await sharp(png).tiff({ compression: "lzw" }).toFile(tiff);
  return { dir, png, tiff, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Share of the truth's words found in the text (multiset recall), NFC. */
export function wordOverlap(text: string, truth = CROP_TEXT): number {
  const pool = text.normalize("NFC").split(/\s+/u).filter(Boolean);
  const want = truth.normalize("NFC").split(/\s+/u);
  let hit = 0;
  for (const w of want) {
    const i = pool.indexOf(w);
    if (i >= 0) {
      hit++;
      pool.splice(i, 1);
    }
  }
  return hit / want.length;
}
