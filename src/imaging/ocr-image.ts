// The page image handed to the OCR engine: one uncompressed grey TIFF strip.
import { open, readFile } from "node:fs/promises";
import sharp from "sharp";
import type { GreyImage } from "./ink-grey.js";

/** Tag, TIFF type (3 SHORT, 4 LONG, 5 RATIONAL) and value (or offset) of one baseline IFD entry. */
type Entry = [tag: number, type: 3 | 4 | 5, value: number];

const ENTRIES = 12;
const IFD_OFFSET = 8;
const RATIONALS = IFD_OFFSET + 2 + ENTRIES * 12 + 4;
const DATA_OFFSET = RATIONALS + 16;

/**
 * Writes `grey` as a baseline TIFF: 8-bit, BlackIsZero, one uncompressed strip, with its resolution.
 * Leptonica reads it in one block, where its binary-PGM reader calls fread once a pixel (about
 * 5% of Tesseract's CPU on a page, measured on the dev scans); it costs no compression either.
 */
export async function writeOcrTiff(file: string, grey: GreyImage, dpi: number): Promise<void> {
  const { width, height } = grey;
  const entries: Entry[] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, DATA_OFFSET],
    [277, 3, 1],
    [278, 4, height],
    [279, 4, width * height],
    [282, 5, RATIONALS],
    [283, 5, RATIONALS + 8],
    [296, 3, 2],
  ];
  const head = Buffer.alloc(DATA_OFFSET);
  head.write("II", 0, "latin1");
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(IFD_OFFSET, 4);
  head.writeUInt16LE(ENTRIES, IFD_OFFSET);
  entries.forEach(([tag, type, value], i) => {
    const at = IFD_OFFSET + 2 + i * 12;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(1, at + 4);
    if (type === 3) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  });
  // Next-IFD offset stays 0: one page. Resolution as dpi/1 for both axes.
  const res = Math.max(1, Math.round(dpi));
  for (const at of [RATIONALS, RATIONALS + 8]) {
    head.writeUInt32LE(res, at);
    head.writeUInt32LE(1, at + 4);
  }
  const handle = await open(file, "w");
  try {
    await handle.writev([head, grey.data.subarray(0, width * height)]);
  } finally {
    await handle.close();
  }
}

/** The pixels of a TIFF laid out exactly as writeOcrTiff writes it, read in place; undefined for any other file. */
function ownTiff(bytes: Buffer): GreyImage | undefined {
  if (bytes.length < DATA_OFFSET || bytes.toString("latin1", 0, 2) !== "II" || bytes.readUInt16LE(2) !== 42)
    return undefined;
  if (bytes.readUInt32LE(4) !== IFD_OFFSET || bytes.readUInt16LE(IFD_OFFSET) !== ENTRIES) return undefined;
  const value = (i: number): number => bytes.readUInt32LE(IFD_OFFSET + 2 + i * 12 + 8);
  const [width, height, offset] = [value(0), value(1), value(5)];
  if (offset !== DATA_OFFSET || bytes.length < DATA_OFFSET + width * height) return undefined;
  return { data: bytes.subarray(DATA_OFFSET, DATA_OFFSET + width * height), width, height };
}

/**
 * The grey pixels of a page's OCR image: the clean stage's TIFF read in place, any other image (a text-layer
 * page's own scan) decoded; undefined when the file cannot be read as an image.
 */
export async function readOcrImage(file: string): Promise<GreyImage | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  return decodeOcrImage(bytes);
}

/** readOcrImage on bytes already read. */
export async function decodeOcrImage(bytes: Buffer): Promise<GreyImage | undefined> {
  const own = ownTiff(bytes);
  if (own) return own;
  try {
    const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
    return info.channels === 1 ? { data, width: info.width, height: info.height } : undefined;
  } catch {
    return undefined;
  }
}
