// Grey scans keep a seal as a flat mid-grey over the signer's name; this finds that grey and fades it.

/** Ink at least this dark is print; pixels beside it are kept whatever their grey. */
const PRINT_MAX = 70;

export interface GreyBand {
  lo: number;
  hi: number;
}

/**
 * A seal is printed in one flat ink, so in a grey scan it shows as a narrow spike in the
 * histogram between print and paper; anti-aliased text edges spread evenly over that range.
 * Returns the spike's band, or undefined when the page has none.
 */
export function findSealBand(data: Uint8Array): GreyBand | undefined {
  const hist = new Float64Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  const smooth = (v: number) => (hist[v - 1]! + hist[v]! + hist[v + 1]!) / 3;
  let best: { level: number; ratio: number; height: number } | undefined;
  for (let v = 85; v <= 175; v++) {
    const base = (smooth(v - 25) + smooth(v + 25)) / 2 + 1;
    const height = smooth(v);
    const ratio = height / base;
    if (ratio > 2.2 && height > data.length * 0.0001 && (!best || ratio > best.ratio)) best = { level: v, ratio, height };
  }
  if (!best) return undefined;
  const base = (smooth(best.level - 25) + smooth(best.level + 25)) / 2 + 1;
  let lo = best.level;
  let hi = best.level;
  while (lo > PRINT_MAX + 5 && smooth(lo - 1) > base * 1.5) lo--;
  while (hi < 200 && smooth(hi + 1) > base * 1.5) hi++;
  return { lo: lo - 4, hi: hi + 4 };
}

/**
 * Whitens, in place, pixels in the seal's grey band that lie farther than `radius` from any
 * black print pixel: letters keep their edges, the seal's rings and fill go. Returns whether
 * a seal band was found (and faded).
 */
export function fadeSealGrey(data: Uint8Array, width: number, height: number, radius = 2): boolean {
  const band = findSealBand(data);
  if (!band) return false;
  const near = dilate(data, width, height, radius);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v >= band.lo && v <= band.hi && !near[i]) data[i] = 255;
  }
  return true;
}

/** Mask of pixels within a (2r+1)² window of a print pixel, by two running-count passes. */
function dilate(data: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let count = 0;
    for (let x = 0; x < Math.min(r, width); x++) if (data[row + x]! < PRINT_MAX) count++;
    for (let x = 0; x < width; x++) {
      const add = x + r;
      const drop = x - r - 1;
      if (add < width && data[row + add]! < PRINT_MAX) count++;
      if (drop >= 0 && data[row + drop]! < PRINT_MAX) count--;
      rows[row + x] = count > 0 ? 1 : 0;
    }
  }
  const out = new Uint8Array(data.length);
  for (let x = 0; x < width; x++) {
    let count = 0;
    for (let y = 0; y < Math.min(r, height); y++) count += rows[y * width + x]!;
    for (let y = 0; y < height; y++) {
      const add = y + r;
      const drop = y - r - 1;
      if (add < height) count += rows[add * width + x]!;
      if (drop >= 0) count -= rows[drop * width + x]!;
      out[y * width + x] = count > 0 ? 1 : 0;
    }
  }
  return out;
}
