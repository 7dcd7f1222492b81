// The box holding a page's print: OCR need not lay out empty margins and scanner borders.
import type { Box } from "../types.js";
import type { GreyImage } from "./ink-grey.js";

/** Darker than this counts as print for the box. */
const INK = 128;

/**
 * Rows and columns with a few dark pixels hold print; ones dark for more than half their length
 * are scanner borders or page edges and do not. The box is padded so strokes at its edge and
 * faint marks beside print stay inside. Returns the whole image when nothing qualifies.
 */
export function contentBox(grey: GreyImage, padding: number): Box {
  const { data, width, height } = grey;
  const rows = new Uint32Array(height);
  const cols = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let n = 0;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! < INK) {
        n++;
        cols[x]!++;
      }
    }
    rows[y] = n;
  }
  const rowHasPrint = (y: number) => rows[y]! > 2 && rows[y]! < width / 2;
  const colHasPrint = (x: number) => cols[x]! > 2 && cols[x]! < height / 2;
  let y0 = 0;
  while (y0 < height && !rowHasPrint(y0)) y0++;
  let y1 = height - 1;
  while (y1 > y0 && !rowHasPrint(y1)) y1--;
  let x0 = 0;
  while (x0 < width && !colHasPrint(x0)) x0++;
  let x1 = width - 1;
  while (x1 > x0 && !colHasPrint(x1)) x1--;
  if (y0 >= y1 || x0 >= x1) return { x0: 0, y0: 0, x1: width, y1: height };
  return {
    x0: Math.max(0, x0 - padding),
    y0: Math.max(0, y0 - padding),
    x1: Math.min(width, x1 + 1 + padding),
    y1: Math.min(height, y1 + 1 + padding),
  };
}

/**
 * The pixels inside `box`, always as a new image (callers change it in place); where the box runs past
 * the image, white (paper).
 */
export function cropGrey(grey: GreyImage, box: Box): GreyImage {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const inside = box.x0 >= 0 && box.y0 >= 0 && box.x1 <= grey.width && box.y1 <= grey.height;
  const data = Buffer.alloc(width * height, inside ? 0 : 255);
  const [from, to] = [Math.max(0, -box.x0), Math.min(width, grey.width - box.x0)];
  if (to > from)
    for (let y = Math.max(0, -box.y0); y < Math.min(height, grey.height - box.y0); y++) {
      const row = (y + box.y0) * grey.width + box.x0;
      grey.data.copy(data, y * width + from, row + from, row + to);
    }
  return { data, width, height };
}
