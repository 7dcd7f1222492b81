// Clean: the image OCR reads — upright, deskewed, grey, red seals dropped — made in one resample.
import sharp from "sharp";
import type { PageContext } from "../context.js";
import { unrotateMap } from "../imaging/affine.js";
import { fadeSealGrey } from "../imaging/seal-filter.js";
import type { Orientation, Page, PreparedPage } from "../types.js";

export interface Geometry {
  orientation: Orientation;
  skewDegrees: number;
  flags: string[];
}

/**
 * Turning and deskewing are applied together, as one clockwise rotation by orientation + skew,
 * so the page is resampled once and keeps its sharpness. Colour pages are read through the
 * red channel, where red seal ink is as light as paper while black print and blue ink stay dark.
 */
export async function cleanForOcr(page: Page, geometry: Geometry, ctx: PageContext): Promise<PreparedPage> {
  const angle = geometry.orientation + geometry.skewDegrees;
  const ocrImage = ctx.path("ocr.png");
  let pipeline = sharp(page.image, { limitInputPixels: false });
  pipeline = page.colour === "colour" ? pipeline.extractChannel("red") : pipeline.greyscale();
  if (Math.abs(angle) >= 0.01) pipeline = pipeline.rotate(angle, { background: { r: 255, g: 255, b: 255, alpha: 1 } });
  let info: sharp.OutputInfo;
  if (page.colour === "colour") {
    info = await pipeline.png({ compressionLevel: 1, adaptiveFiltering: false }).toFile(ocrImage);
  } else {
    // Grey scans have no colour to drop the seal by; its mid-grey is faded instead.
    const raw = await pipeline.raw().toBuffer({ resolveWithObject: true });
    const faded = fadeSealGrey(raw.data, raw.info.width, raw.info.height);
    if (faded) ctx.log.debug("faded mid-grey seal ink");
    info = await sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: 1 } })
      .png({ compressionLevel: 1, adaptiveFiltering: false })
      .toFile(ocrImage);
  }
  const toSource = unrotateMap(angle, page.width, page.height, info.width, info.height);
  return {
    ...page,
    orientation: geometry.orientation,
    skewDegrees: geometry.skewDegrees,
    ocrImage,
    ocrWidth: info.width,
    ocrHeight: info.height,
    toSource,
    flags: geometry.flags,
  };
}
