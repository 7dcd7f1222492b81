// Limits checked before a PDF image is decoded: pixel count from the dictionary, and Flate output counted while inflating.
import { createInflate } from "node:zlib";
import { LimitExceededError } from "../errors/index.js";
import type { Limits } from "../limits.js";

/** An image as the ingest sees it before decoding: declared size and its stored bytes. */
export interface ImageToCheck {
  width: number;
  height: number;
  /** Decoded bytes the dictionary promises (width × height × components × bits / 8). */
  declaredBytes: number;
  filters: string[];
  /** The stream as stored (decrypted), filters not applied. */
  raw: Buffer;
}

/** A well-formed stream may exceed its declared size by PNG predictor tags and a little padding, never by more. */
export function inflateAllowance(image: ImageToCheck): number {
  return Math.ceil(image.declaredBytes * 1.25) + image.height + 65_536;
}

/**
 * Fails with `sohoa:limitExceeded` when the image is larger than the page limit, or when its Flate
 * data inflates past what its header declares (a bomb, or a lying header). The data is counted
 * in 64 KiB chunks and dropped, so checking a bomb costs no memory.
 */
export async function checkImageBounds(
  file: string,
  pageIndex: number,
  image: ImageToCheck,
  limits: Limits,
): Promise<void> {
  const where = `page ${pageIndex + 1}`;
  const pixels = image.width * image.height;
  if (pixels > limits.maxPagePixels) {
    throw new LimitExceededError(
      file,
      `${where} image pixel count (${image.width}×${image.height})`,
      pixels,
      limits.maxPagePixels,
    );
  }
  const flate = image.filters.indexOf("FlateDecode");
  if (flate < 0) return;
  // Only ASCII armour may come before Flate here; other chains are left to the engine, which decodes row by row.
  const before = image.filters.slice(0, flate);
  if (!before.every((f) => f === "ASCII85Decode" || f === "ASCIIHexDecode")) return;
  let data = image.raw;
  for (const f of before) data = f === "ASCII85Decode" ? ascii85(data) : asciiHex(data);
  const allowance = inflateAllowance(image);
  const inflated = await countInflated(data, allowance);
  if (inflated > allowance) {
    const what = `${where} image data inflates past its declared ${image.width}×${image.height} (bytes)`;
    throw new LimitExceededError(file, what, inflated, allowance);
  }
}

/** Bytes the zlib stream inflates to, counting stops just past `stopAfter`; a damaged stream counts what came out. */
function countInflated(data: Buffer, stopAfter: number): Promise<number> {
  return new Promise((resolve) => {
    const inflater = createInflate({ chunkSize: 64 * 1024 });
    let total = 0;
    const finish = (): void => {
      inflater.removeAllListeners();
      inflater.on("error", () => undefined);
      inflater.destroy();
      resolve(total);
    };
    inflater.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > stopAfter) finish();
    });
    inflater.on("end", finish);
    inflater.on("error", finish);
    inflater.end(data);
  });
}

function asciiHex(data: Buffer): Buffer {
  const text = data.toString("latin1").replace(/\s+/g, "");
  const end = text.indexOf(">");
  const hex = end >= 0 ? text.slice(0, end) : text;
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, "hex");
}

function ascii85(data: Buffer): Buffer {
  const text = data.toString("latin1").replace(/\s+/g, "").replace(/^<~/, "");
  const end = text.indexOf("~>");
  const body = end >= 0 ? text.slice(0, end) : text;
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number): void => {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 85 + (group[i] ?? 84);
    for (let i = 0; i < count; i++) out.push((value >>> (24 - 8 * i)) & 0xff);
    group = [];
  };
  for (const ch of body) {
    if (ch === "z" && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    group.push(ch.charCodeAt(0) - 33);
    if (group.length === 5) flush(4);
  }
  if (group.length > 1) flush(group.length - 1);
  return Buffer.from(out);
}
