// Connected components of a binary image: to drop ink that cannot be text (page edges, seals, rules), and to cut
// pen strokes into glyphs (src/handwriting/slot-glyphs.ts).

/** One 8-connected component: its box (x1, y1 exclusive), pixel count and sum of x (for its middle). */
export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  sumX: number;
}

/**
 * The 8-connected components of `ink` (non-zero = ink), in two passes with union-find: each pixel's
 * component index in `labels` (−1 for paper), and every component in the order its first pixel is met.
 */
export function labelComponents(
  ink: Uint8Array,
  width: number,
  height: number,
): { labels: Int32Array; components: Component[] } {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // The label so far met with a neighbour's: the first one found, the others joined to it.
  const meet = (label: number, n: number): number => {
    if (!n) return label;
    if (!label) return n;
    if (n !== label) union(label, n);
    return label;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!ink[i]) continue;
      // Left, up-left, up, up-right, in that order; no array a pixel (this loop meets every ink pixel).
      let label = x > 0 ? labels[i - 1]! : 0;
      if (y > 0) {
        if (x > 0) label = meet(label, labels[i - width - 1]!);
        label = meet(label, labels[i - width]!);
        if (x < width - 1) label = meet(label, labels[i - width + 1]!);
      }
      if (!label) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  // Roots become component indexes 0, 1, … in the order the second pass meets them.
  const index = new Int32Array(parent.length).fill(-1);
  const components: Component[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!labels[i]) {
        labels[i] = -1;
        continue;
      }
      const r = find(labels[i]!);
      if (index[r] === -1) {
        index[r] = components.length;
        components.push({ x0: x, y0: y, x1: x + 1, y1: y + 1, area: 0, sumX: 0 });
      }
      const k = index[r]!;
      const c = components[k]!;
      labels[i] = k;
      if (x < c.x0) c.x0 = x;
      if (x >= c.x1) c.x1 = x + 1;
      if (y >= c.y1) c.y1 = y + 1;
      c.area++;
      c.sumX += x;
    }
  }
  return { labels, components };
}

/**
 * Clears, in place, every 8-connected component whose box is taller than `maxHeight` or
 * wider than `maxWidth`; returns how many ink pixels remain.
 */
export function dropLargeComponents(
  ink: Uint8Array,
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): number {
  const { labels, components } = labelComponents(ink, width, height);
  const large = components.map((c) => c.x1 - c.x0 > maxWidth || c.y1 - c.y0 > maxHeight);
  let remaining = 0;
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    if (k < 0) continue;
    if (large[k]) ink[i] = 0;
    else remaining++;
  }
  return remaining;
}
