// A sheet of paper photographed on a background: is the page such a photo, and where are the sheet's four corners?
import type { Point } from "./homography.js";
import { otsu } from "./otsu.js";

export interface SheetFinding {
  /** The frame shows background (table, hand, shadow) around the page: a photo, not a scan. */
  photo: boolean;
  /** Top-left, top-right, bottom-right, bottom-left in the small image's pixels, when found. */
  corners?: [Point, Point, Point, Point];
  /** Why no sheet was found on a photo. */
  reason?: string;
}

/** Share of the frame's outer ring that must be background for a photo. */
const RING_BACKGROUND = 0.5;
/** Paper must be at least this much brighter than the background around it for a photo. */
const MIN_PAPER_CONTRAST = 70;
/** Smallest and largest share of the frame a photographed sheet may fill. */
const SHEET_AREA = [0.15, 0.97] as const;
/** The sheet region must fill its quadrilateral this well (a hand over an edge is allowed for). */
const QUAD_FILL = 0.88;

/**
 * On a small grey copy: paper is what is brighter than Otsu's threshold; background is the
 * darker part connected to the frame's edge. A scan is paper up to its edges or a flat scanner
 * border; a photo shows textured or shaded background around the page. The sheet is the largest
 * region that is not background; its corners are its extreme points along the diagonals,
 * refined by lines fitted to its edges.
 */
export function findSheet(grey: Uint8Array, width: number, height: number): SheetFinding {
  const threshold = otsu(grey);
  const background = borderConnected(grey, width, height, threshold);
  const ring = Math.max(2, Math.round(Math.min(width, height) * 0.03));
  let ringCount = 0;
  let ringBackground = 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= ring && y >= ring && x < width - ring && y < height - ring) continue;
      const i = y * width + x;
      ringCount++;
      if (background[i]) {
        ringBackground++;
        sum += grey[i]!;
        sumSq += grey[i]! * grey[i]!;
      }
    }
  }
  if (ringBackground < ringCount * RING_BACKGROUND) return { photo: false };
  const mean = sum / ringBackground;
  const deviation = Math.sqrt(Math.max(0, sumSq / ringBackground - mean * mean));
  // A scanner's lid or border is flat and near black; a table, a hand or a floor is not.
  if (mean < 50 && deviation < 10) return { photo: false };
  // A scanner's grey bed around a sheet laid askew is only a little darker than the paper; what
  // a phone sees around a sheet (a desk, a hand, a floor) is far darker.
  if (paperLevel(grey, threshold) - mean < MIN_PAPER_CONTRAST) return { photo: false };

  const sheet = largestRegion(background, width, height);
  if (sheet.area < width * height * SHEET_AREA[0])
    return { photo: true, reason: "no region of paper large enough for a sheet" };
  if (sheet.area > width * height * SHEET_AREA[1]) return { photo: false };
  const rough = extremeCorners(sheet.mask, width, height);
  const corners = refineCorners(sheet.mask, width, height, rough) ?? rough;
  const area = quadArea(corners);
  if (!(area > 0) || sheet.area < area * QUAD_FILL || sheet.area > area * 1.08) {
    return { photo: true, reason: "the paper region is not a quadrilateral" };
  }
  if (!convexWithSaneAngles(corners))
    return { photo: true, reason: "the sheet's corners do not make a plausible page" };
  return { photo: true, corners };
}

/** Median of the pixels brighter than `threshold`: the paper's grey. */
function paperLevel(grey: Uint8Array, threshold: number): number {
  const hist = new Float64Array(256);
  let n = 0;
  for (let i = 0; i < grey.length; i++) {
    if (grey[i]! > threshold) {
      hist[grey[i]!]!++;
      n++;
    }
  }
  let seen = 0;
  for (let v = 255; v > threshold; v--) {
    seen += hist[v]!;
    if (seen >= n / 2) return v;
  }
  return 255;
}

/** Pixels at or below `threshold` reachable from the frame's edge through such pixels (4-connected). */
function borderConnected(grey: Uint8Array, width: number, height: number, threshold: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const stack: number[] = [];
  const push = (i: number) => {
    if (!mask[i] && grey[i]! <= threshold) {
      mask[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % width;
    if (x > 0) push(i - 1);
    if (x < width - 1) push(i + 1);
    if (i >= width) push(i - width);
    if (i < width * (height - 1)) push(i + width);
  }
  return mask;
}

/** The largest 4-connected region of pixels that are not background. */
function largestRegion(
  background: Uint8Array,
  width: number,
  height: number,
): { mask: Uint8Array; area: number } {
  const label = new Int32Array(width * height);
  let best = { id: 0, area: 0 };
  let next = 1;
  for (let start = 0; start < label.length; start++) {
    if (background[start] || label[start]) continue;
    const id = next++;
    let area = 0;
    const stack = [start];
    label[start] = id;
    while (stack.length) {
      const i = stack.pop()!;
      area++;
      const x = i % width;
      for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
        if (j >= 0 && j < label.length && !background[j] && !label[j]) {
          label[j] = id;
          stack.push(j);
        }
      }
    }
    if (area > best.area) best = { id, area };
  }
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) if (label[i] === best.id) mask[i] = 1;
  return { mask, area: best.area };
}

/** Extreme points along −x−y, x−y, x+y, −x+y: the corners of a quadrilateral turned less than 45°. */
function extremeCorners(mask: Uint8Array, width: number, height: number): [Point, Point, Point, Point] {
  const best = [-Infinity, -Infinity, -Infinity, -Infinity];
  const at: Point[] = [
    [0, 0],
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      const scores = [-x - y, x - y, x + y, -x + y];
      for (let k = 0; k < 4; k++) {
        if (scores[k]! > best[k]!) {
          best[k] = scores[k]!;
          at[k] = [x + 0.5, y + 0.5];
        }
      }
    }
  }
  return at as [Point, Point, Point, Point];
}

/**
 * Corners as intersections of lines fitted to the region's edge pixels along each side
 * (away from the corners, where rounding and shadows bend the outline).
 */
function refineCorners(
  mask: Uint8Array,
  width: number,
  height: number,
  rough: readonly Point[],
): [Point, Point, Point, Point] | undefined {
  const edge: Point[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      const onFrame = x === 0 || y === 0 || x === width - 1 || y === height - 1;
      if (onFrame || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]) {
        edge.push([x + 0.5, y + 0.5]);
      }
    }
  }
  const lines: Array<[number, number, number]> = [];
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = rough[k]!;
    const [bx, by] = rough[(k + 1) % 4]!;
    const length = Math.hypot(bx - ax, by - ay);
    if (length < 4) return undefined;
    const [dx, dy] = [(bx - ax) / length, (by - ay) / length];
    const near = edge.filter(([x, y]) => {
      const t = (x - ax) * dx + (y - ay) * dy;
      const d = Math.abs(-(x - ax) * dy + (y - ay) * dx);
      return t > length * 0.15 && t < length * 0.85 && d < Math.max(3, length * 0.04);
    });
    if (near.length < 10) return undefined;
    lines.push(fitLine(near));
  }
  const out: Point[] = [];
  for (let k = 0; k < 4; k++) {
    const p = intersect(lines[(k + 3) % 4]!, lines[k]!);
    if (!p) return undefined;
    out.push(p);
  }
  return out as [Point, Point, Point, Point];
}

/** Total least squares line n·p = c through points, as [nx, ny, c]. */
function fitLine(points: readonly Point[]): [number, number, number] {
  let mx = 0;
  let my = 0;
  for (const [x, y] of points) [mx, my] = [mx + x, my + y];
  [mx, my] = [mx / points.length, my / points.length];
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const [nx, ny] = [-Math.sin(angle), Math.cos(angle)];
  return [nx, ny, nx * mx + ny * my];
}

function intersect(a: readonly number[], b: readonly number[]): Point | undefined {
  const det = a[0]! * b[1]! - a[1]! * b[0]!;
  if (Math.abs(det) < 1e-9) return undefined;
  return [(a[2]! * b[1]! - a[1]! * b[2]!) / det, (a[0]! * b[2]! - a[2]! * b[0]!) / det];
}

export function quadArea(q: readonly Point[]): number {
  let s = 0;
  for (let k = 0; k < q.length; k++)
    s += q[k]![0] * q[(k + 1) % q.length]![1] - q[(k + 1) % q.length]![0] * q[k]![1];
  return Math.abs(s) / 2;
}

/** Convex, clockwise in image pixels, every corner between 55° and 125°. */
function convexWithSaneAngles(q: readonly Point[]): boolean {
  for (let k = 0; k < 4; k++) {
    const [px, py] = q[(k + 3) % 4]!;
    const [cx, cy] = q[k]!;
    const [nx, ny] = q[(k + 1) % 4]!;
    const [ax, ay, bx, by] = [px - cx, py - cy, nx - cx, ny - cy];
    const cross = ax * by - ay * bx;
    if (cross >= 0) return false;
    const angle =
      (Math.acos((ax * bx + ay * by) / (Math.hypot(ax, ay) * Math.hypot(bx, by))) * 180) / Math.PI;
    if (angle < 55 || angle > 125) return false;
  }
  return true;
}
