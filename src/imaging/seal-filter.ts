// Grey scans keep a seal as a flat mid-grey over the signer's name; this finds that grey and fades it.

/** Darker than this is always print, never a seal. */
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
    if (ratio > 2.2 && height > data.length * 0.0001 && (!best || ratio > best.ratio))
      best = { level: v, ratio, height };
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
 * Paints paper, in place, over seal-grey pixels that lie farther than `radius` from any print
 * pixel: letters keep their edges, the seal's rings and fill go. Returns whether a seal band
 * was found (and faded).
 */
export function fadeSealGrey(data: Uint8Array, width: number, height: number, radius = 2): boolean {
  const band = findSealBand(data);
  if (!band) return false;
  // Anything darker than the seal's ink is print; the seal's anti-aliased edges run from its
  // ink up to the paper, so everything from the band to just under paper goes, unless beside print.
  const paper = paperLevel(data);
  const printMax = band.lo - 8;
  const near = dilate(data, width, height, radius, printMax);
  const top = Math.max(band.hi, paper - 30);
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v >= band.lo && v <= top && !near[i]) data[i] = paper;
  }
  return true;
}

/** The most common light grey: the paper. */
function paperLevel(data: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < data.length; i++) hist[data[i]!]!++;
  let level = 255;
  for (let v = 160; v < 256; v++) if (hist[v]! > hist[level]!) level = v;
  return level;
}

/** Mask of pixels within a (2r+1)² window of a print pixel, by two running-count passes. */
function dilate(data: Uint8Array, width: number, height: number, r: number, printMax: number): Uint8Array {
  const rows = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let count = 0;
    for (let x = 0; x < Math.min(r, width); x++) if (data[row + x]! < printMax) count++;
    for (let x = 0; x < width; x++) {
      const add = x + r;
      const drop = x - r - 1;
      if (add < width && data[row + add]! < printMax) count++;
      if (drop >= 0 && data[row + drop]! < printMax) count--;
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
