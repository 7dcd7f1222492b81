// Rectify: a phone photo of a sheet becomes a flat, cropped page image before orientation and deskew.
import sharp from "sharp";
import type { PageContext } from "../context.js";
import { analysisCopyOf, type AnalysisCopy } from "../imaging/analysis-image.js";
import { homographyFrom, warpPerspective, type Point } from "../imaging/homography.js";
import { loadInkGrey, rawInput, type GreyImage } from "../imaging/ink-grey.js";
import { findSheet } from "../imaging/sheet.js";
import type { Page } from "../types.js";

export interface RectifyResult {
  /** The page downstream stages read: the rectified sheet, or the page unchanged. */
  page: Page;
  /** That page's ink plane (see loadInkGrey): the one given, or the rectified sheet's. */
  grey: GreyImage;
  /** "photo" when rectified, "photoSheetNotFound" when a photo's sheet could not be found. */
  flags: string[];
  /** The sheet's corners in the original image's pixels (top-left, top-right, bottom-right, bottom-left). */
  corners?: [Point, Point, Point, Point];
}

/** Long side of the copy the sheet is looked for on: corners land within a pixel or two of it. */
const DETECT_LONG_SIDE = 640;
/** Long side of the rectified page at most: A4 at 300 dpi. */
const MAX_LONG_SIDE = 3508;
/** A4's short side, inches: what a rectified sheet's resolution is reckoned from. */
const A4_SHORT_INCHES = 8.27;
/** Sheets whose sides are this close to A4's √2 are given A4's proportions exactly. */
const A4_SNAP = 0.08;

/**
 * Finds whether the page is a photo of a sheet on a background; if so, crops and flattens the
 * sheet by a perspective warp (bilinear, on the decoded pixels) into a new page image in the
 * work folder. The source file is never changed: the archive keeps the untouched photo as the
 * original. A scan comes back unchanged, with no flag.
 */
export async function rectifyPhoto(
  page: Page,
  grey: GreyImage,
  ctx: PageContext,
  analysis?: AnalysisCopy,
): Promise<RectifyResult> {
  // A scan costs only this small copy, made from the analysis copy rather than the full plane.
  const source = analysis ?? grey;
  const scale = Math.min(1, DETECT_LONG_SIDE / Math.max(grey.width, grey.height));
  const { data, info } = await sharp(source.data, rawInput(source))
    .resize(Math.max(1, Math.round(grey.width * scale)), Math.max(1, Math.round(grey.height * scale)), {
      fit: "fill",
    })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const finding = findSheet(data, info.width, info.height);
  if (!finding.photo) return { page, grey, flags: [] };
  if (!finding.corners) {
    ctx.log.info({ reason: finding.reason }, "photo of a sheet, but the sheet was not found; read as a scan");
    return { page, grey, flags: ["photoSheetNotFound"] };
  }
  const [sx, sy] = [grey.width / info.width, grey.height / info.height];
  const corners = finding.corners.map(([x, y]) => [x * sx, y * sy] as Point) as [Point, Point, Point, Point];
  const size = outputSize(corners, grey.width / 2, grey.height / 2);
  const toSource = homographyFrom(
    [
      [0, 0],
      [size.width, 0],
      [size.width, size.height],
      [0, size.height],
    ],
    corners,
  );
  const colour = page.colour === "colour";
  const decoded = await sharp(page.image, { limitInputPixels: false })
    .removeAlpha()
    .toColourspace(colour ? "srgb" : "b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const channels = decoded.info.channels;
  const pixels = warpPerspective(
    decoded.data,
    decoded.info.width,
    decoded.info.height,
    channels,
    toSource,
    size.width,
    size.height,
  );
  const jpeg = page.format === "jpeg";
  const image = ctx.path(jpeg ? "rectified.jpg" : "rectified.png");
  const out = sharp(pixels, { raw: { width: size.width, height: size.height, channels } }).withMetadata({
    density: size.dpi,
  });
  await (jpeg ? out.jpeg({ quality: 90 }) : out.png({ compressionLevel: 3 })).toFile(image);
  const rectified: Page = {
    index: page.index,
    image,
    format: jpeg ? "jpeg" : "png",
    width: size.width,
    height: size.height,
    dpi: size.dpi,
    // Bilinear resampling greys a bilevel page's edges; it is a grey page from here on.
    colour: colour ? "colour" : "grey",
  };
  ctx.log.debug({ corners, width: size.width, height: size.height }, "photo rectified");
  return { page: rectified, grey: await loadInkGrey(rectified), flags: ["photo"], corners };
}

/**
 * The flattened sheet's size. Its proportions come from the perspective itself (Zhang & He,
 * "Whiteboard scanning": the focal length that makes the quadrilateral a rectangle seen by a
 * camera centred on the photo), given A4's exactly when close to them; its height is the longer
 * of the sheet's two sides as photographed (the sharpest the photo allows), no more than A4 at
 * 300 dpi. Its resolution reckons the short side as A4's: a photo's own dpi says nothing of the paper.
 */
function outputSize(
  q: readonly Point[],
  cx: number,
  cy: number,
): { width: number; height: number; dpi: number } {
  const side = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);
  let ratio = perspectiveAspect(q, cx, cy);
  const long = Math.max(ratio, 1 / ratio);
  if (Math.abs(long / Math.SQRT2 - 1) < A4_SNAP) ratio = ratio < 1 ? Math.SQRT1_2 : Math.SQRT2;
  let height = Math.max(side(q[0]!, q[3]!), side(q[1]!, q[2]!));
  let width = height * ratio;
  const shrink = Math.min(1, MAX_LONG_SIDE / Math.max(width, height));
  [width, height] = [width * shrink, height * shrink];
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  return { width: w, height: h, dpi: Math.max(72, Math.round(Math.min(w, h) / A4_SHORT_INCHES)) };
}

/** Width over height of the rectangle whose photo is the quadrilateral TL, TR, BR, BL (principal point cx, cy). */
export function perspectiveAspect(q: readonly Point[], cx: number, cy: number): number {
  const h = (p: Point): [number, number, number] => [p[0] - cx, p[1] - cy, 1];
  const [m1, m2, m4, m3] = [h(q[0]!), h(q[1]!), h(q[2]!), h(q[3]!)];
  const cross = (a: number[], b: number[]) => [
    a[1]! * b[2]! - a[2]! * b[1]!,
    a[2]! * b[0]! - a[0]! * b[2]!,
    a[0]! * b[1]! - a[1]! * b[0]!,
  ];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const k2 = dot(cross(m1, m4), m3) / dot(cross(m2, m4), m3);
  const k3 = dot(cross(m1, m4), m2) / dot(cross(m3, m4), m2);
  const n2 = m2.map((v, i) => k2 * v - m1[i]!);
  const n3 = m3.map((v, i) => k3 * v - m1[i]!);
  const f2 = -(n2[0]! * n3[0]! + n2[1]! * n3[1]!) / (n2[2]! * n3[2]!);
  // Seen nearly face on, the focal length is undetermined and the affine ratio is the answer.
  const usable = Number.isFinite(f2) && f2 > 0 && Math.abs(n2[2]!) > 1e-6 && Math.abs(n3[2]!) > 1e-6;
  const along = (n: number[]) =>
    usable ? (n[0]! ** 2 + n[1]! ** 2) / f2 + n[2]! ** 2 : n[0]! ** 2 + n[1]! ** 2;
  const ratio = Math.sqrt(along(n2) / along(n3));
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1 / Math.SQRT2;
}

/** A page as the later stages read it: the scan, or the sheet flattened out of a photo, with its ink plane. */
export interface RectifiedPage {
  page: Page;
  grey: GreyImage;
  /** The reduced copy of `grey` the photo check read (a scan's, not a flattened sheet's): orientation reuses it. */
  analysis?: AnalysisCopy;
  /** The ingest's flags plus "photo" / "photoSheetNotFound". */
  flags: string[];
}

/** The rectify stage: decodes the page's ink plane once, and flattens a phone photo's sheet (rectifyPhoto). */
export async function rectify(input: Page, ctx: PageContext): Promise<RectifiedPage> {
  const grey = await loadInkGrey(input);
  // The page goes on without the pixels ingest handed over: from here they travel as `grey` alone.
  const { decoded: _handedOver, ...scan } = input;
  ctx.signal?.throwIfAborted();
  const analysis = await analysisCopyOf(grey);
  const result = await rectifyPhoto(scan, grey, ctx, analysis);
  const flags = [...(scan.flags ?? []), ...result.flags];
  if (result.grey !== grey) return { page: result.page, grey: result.grey, flags };
  return { page: result.page, grey, analysis, flags };
}
