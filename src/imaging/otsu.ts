// Otsu's threshold: the grey that best splits pixels into dark (ink) and light (paper) classes.

export interface OtsuSplit {
  /** Last grey of the dark class at the best split. */
  threshold: number;
  /** Mean grey of the dark class. */
  dark: number;
  /** Mean grey of the light class. */
  light: number;
}

/** Otsu's best split of `values` (0..255); an image of one grey gives threshold 128 and the extremes as means. */
export function otsuSplit(values: Uint8Array): OtsuSplit {
  const hist = new Float64Array(256);
  for (let i = 0; i < values.length; i++) hist[values[i]!]!++;
  const total = values.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v]!;
  let weight = 0;
  let sum = 0;
  let between = -1;
  let split: OtsuSplit = { threshold: 128, dark: 0, light: 255 };
  for (let t = 0; t < 256; t++) {
    weight += hist[t]!;
    sum += t * hist[t]!;
    if (weight === 0 || weight === total) continue;
    const dark = sum / weight;
    const light = (sumAll - sum) / (total - weight);
    const b = weight * (total - weight) * (dark - light) ** 2;
    if (b > between) {
      between = b;
      split = { threshold: t, dark, light };
    }
  }
  return split;
}

/** Otsu's threshold of `values`: pixels at or below it are the dark class. */
export function otsu(values: Uint8Array): number {
  return otsuSplit(values).threshold;
}
