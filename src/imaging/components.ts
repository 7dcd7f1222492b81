// Connected components of a binary image, to drop ink that cannot be text (page edges, seals, rules).

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
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!ink[i]) continue;
      let label = 0;
      const neighbours = [
        x > 0 ? labels[i - 1]! : 0,
        y > 0 && x > 0 ? labels[i - width - 1]! : 0,
        y > 0 ? labels[i - width]! : 0,
        y > 0 && x < width - 1 ? labels[i - width + 1]! : 0,
      ];
      for (const n of neighbours) {
        if (!n) continue;
        if (!label) label = n;
        else if (n !== label) union(label, n);
      }
      if (!label) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const count = parent.length;
  const x0 = new Int32Array(count).fill(width);
  const y0 = new Int32Array(count).fill(height);
  const x1 = new Int32Array(count).fill(-1);
  const y1 = new Int32Array(count).fill(-1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!labels[i]) continue;
      const r = find(labels[i]!);
      labels[i] = r;
      if (x < x0[r]!) x0[r] = x;
      if (x > x1[r]!) x1[r] = x;
      if (y < y0[r]!) y0[r] = y;
      if (y > y1[r]!) y1[r] = y;
    }
  }
  let remaining = 0;
  for (let i = 0; i < labels.length; i++) {
    const r = labels[i]!;
    if (!r) continue;
    if (x1[r]! - x0[r]! + 1 > maxWidth || y1[r]! - y0[r]! + 1 > maxHeight) ink[i] = 0;
    else remaining++;
  }
  return remaining;
}
