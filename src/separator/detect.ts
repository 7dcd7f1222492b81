// Looks at one page image: the separator sheet's QR code, if any, and whether the page is blank.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import sharp from "sharp";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { parsePayload, type ParsedPayload } from "./payload.js";

let ready: Promise<void> | undefined;

/** Loads the decoder's .wasm from the npm package itself: the library would otherwise fetch it from a CDN. */
function loadDecoder(): Promise<void> {
  ready ??= (async () => {
    const wasm = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    const wasmBinary = (await readFile(wasm)).buffer as ArrayBuffer;
    await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return ready;
}

/** Longest side the page is reduced to before decoding: a 70 mm code keeps ~6 px per module. */
const DECODE_SIDE = 1400;

export interface PageLook {
  /** What the sheet QR code said, when one of ours was found. */
  sheet?: ParsedPayload;
  /** Share of ink pixels in the page without its margins, 0..1. */
  ink: number;
}

/** Ink share under which a page is blank (dust, a punched hole, the scanner's edge shadow). */
export const BLANK_INK = 0.002;

/** Decodes QR codes (ours only) and measures ink on a grey, reduced copy of the page. */
export async function lookAtPage(image: string, side = DECODE_SIDE): Promise<PageLook> {
  await loadDecoder();
  const { data, info } = await sharp(image, { limitInputPixels: false })
    .greyscale()
    .resize(side, side, { fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = data[i]!;
    rgba[4 * i] = v;
    rgba[4 * i + 1] = v;
    rgba[4 * i + 2] = v;
    rgba[4 * i + 3] = 255;
  }
  const found = await readBarcodes(
    { data: rgba, width, height, colorSpace: "srgb" } as unknown as Parameters<typeof readBarcodes>[0],
    {
      formats: ["QRCode"],
      tryHarder: true,
      maxNumberOfSymbols: 4,
    },
  );
  const look: PageLook = { ink: inkShare(data, width, height) };
  for (const b of found) {
    const parsed = parsePayload(b.text);
    if (parsed.kind !== "other") {
      look.sheet = parsed;
      break;
    }
  }
  return look;
}

/** Dark pixels inside a 6% margin: edges carry the scanner's shadows and punched holes. */
function inkShare(grey: Buffer, width: number, height: number): number {
  const mx = Math.round(width * 0.06),
    my = Math.round(height * 0.06);
  let ink = 0,
    total = 0;
  for (let y = my; y < height - my; y++) {
    for (let x = mx; x < width - mx; x++) {
      total++;
      if (grey[y * width + x]! < 128) ink++;
    }
  }
  return total ? ink / total : 0;
}
