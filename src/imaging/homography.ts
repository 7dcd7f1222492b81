// Plane-to-plane perspective maps and a bilinear warp through one, on interleaved 8-bit pixels.

/** Row-major 3×3 matrix with h[8] = 1: (x, y) ↦ ((h0·x + h1·y + h2) / w, (h3·x + h4·y + h5) / w), w = h6·x + h7·y + 1. */
export type Homography = Float64Array;

export type Point = readonly [number, number];

/** The homography taking each `from[i]` to `to[i]` (four points, no three in a line). */
export function homographyFrom(from: readonly Point[], to: readonly Point[]): Homography {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const h = solve(a, b);
  return Float64Array.from([...h, 1]);
}

export function applyHomography(h: Homography, x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + 1;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Gaussian elimination with partial pivoting; throws on a singular system. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12) throw new RangeError("the four points do not define a perspective map");
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Output pixel (u, v) takes the source at `toSource`(u + ½, v + ½) − ½, bilinearly; outside
 * the source it is white. `channels` interleaved 8-bit samples per pixel.
 */
export function warpPerspective(
  src: Uint8Array,
  width: number,
  height: number,
  channels: number,
  toSource: Homography,
  outWidth: number,
  outHeight: number,
): Buffer {
  const out = Buffer.alloc(outWidth * outHeight * channels, 255);
  const [h0, h1, h2, h3, h4, h5, h6, h7] = toSource as unknown as number[];
  const stride = width * channels;
  for (let v = 0; v < outHeight; v++) {
    const cy = v + 0.5;
    for (let u = 0; u < outWidth; u++) {
      const cx = u + 0.5;
      const w = h6! * cx + h7! * cy + 1;
      const x = (h0! * cx + h1! * cy + h2!) / w - 0.5;
      const y = (h3! * cx + h4! * cy + h5!) / w - 0.5;
      if (x < 0 || y < 0 || x > width - 1 || y > height - 1) continue;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const x1 = Math.min(x0 + 1, width - 1);
      const y1 = Math.min(y0 + 1, height - 1);
      const o = (v * outWidth + u) * channels;
      const r0 = y0 * stride;
      const r1 = y1 * stride;
      for (let c = 0; c < channels; c++) {
        const top = src[r0 + x0 * channels + c]! * (1 - fx) + src[r0 + x1 * channels + c]! * fx;
        const bottom = src[r1 + x0 * channels + c]! * (1 - fx) + src[r1 + x1 * channels + c]! * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}
