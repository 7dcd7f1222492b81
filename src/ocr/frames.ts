// Stamp frames on the OCR image: a lone ruled box of stamp size ("ĐẾN" received stamps, office stamps), not a table.
import type { GreyImage } from "../imaging/ink-grey.js";
import { readOcrImage } from "../imaging/ocr-image.js";
import type { Box } from "../types.js";

/** Darker than this (0..255) is ink. */
const INK = 140;
/** Cells per inch of the coarse ink grid the rules are found on: it bridges dashes and fine breaks of scanned borders. */
const GRID_DPI = 60;

interface Rule {
  /** First and last cell across the rule (its thickness, tilt included). */
  a0: number;
  a1: number;
  /** First and last cell along it. */
  from: number;
  to: number;
}

/** The coarse grid: a cell is ink when any pixel under it is. */
function grid(g: GreyImage, cell: number): { c: Uint8Array; w: number; h: number } {
  const w = Math.ceil(g.width / cell);
  const h = Math.ceil(g.height / cell);
  const c = new Uint8Array(w * h);
  for (let y = 0; y < g.height; y++) {
    const row = Math.floor(y / cell) * w;
    const base = y * g.width;
    for (let x = 0; x < g.width; x++) if (g.data[base + x]! < INK) c[row + Math.floor(x / cell)] = 1;
  }
  return { c, w, h };
}

/**
 * Straight runs of ink cells at least `min` long along one axis (one empty cell bridged), joined with runs on the
 * next two rows (columns) that touch them, so a slightly tilted stamp border is one rule.
 */
function rules(m: { c: Uint8Array; w: number; h: number }, horizontal: boolean, min: number): Rule[] {
  const out: Rule[] = [];
  const lines = horizontal ? m.h : m.w;
  const len = horizontal ? m.w : m.h;
  const push = (a: number, from: number, to: number): void => {
    if (to - from + 1 < min) return;
    const hit = out.find((r) => a - r.a1 <= 2 && from <= r.to + 3 && to >= r.from - 3);
    if (!hit) out.push({ a0: a, a1: a, from, to });
    else Object.assign(hit, { a1: a, from: Math.min(hit.from, from), to: Math.max(hit.to, to) });
  };
  for (let a = 0; a < lines; a++) {
    let start = -1;
    let last = -1;
    for (let b = 0; b <= len; b++) {
      if (b < len && m.c[horizontal ? a * m.w + b : b * m.w + a] === 1) {
        if (start < 0 || b - last > 2) {
          if (start >= 0) push(a, start, last);
          start = b;
        }
        last = b;
      } else if (b === len && start >= 0) push(a, start, last);
    }
  }
  return out;
}

/** Cells from `lo` to `hi` that the rules' pieces cover together, overlaps counted once. */
function covered(pieces: readonly Rule[], lo: number, hi: number): number {
  const spans = pieces
    .map((p) => [Math.max(p.from, lo), Math.min(p.to, hi)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = lo;
  for (const [a, b] of spans) {
    total += Math.max(0, b - Math.max(a, end));
    end = Math.max(end, b);
  }
  return total;
}

export interface FrameOptions {
  /** The image's resolution, for the size limits. */
  dpi: number;
}

/**
 * Boxes of stamp size (1 to 4 inches wide, half an inch to 2 inches tall) between two thin upright rules,
 * with a rule across most of the width at their top or bottom (in pieces, where the stamp sits askew): the border
 * of a received stamp ("ĐẾN", office name, date and number fields). Upright rules taller than 2 inches are a
 * table's columns, not a stamp's sides.
 */
export function findFrames(g: GreyImage, options: FrameOptions): Box[] {
  const cell = Math.max(1, Math.round(options.dpi / GRID_DPI));
  const m = grid(g, cell);
  // Half-inch pieces: a stamp pressed on askew breaks its long rules into pieces a row or two apart.
  const hs = rules(m, true, GRID_DPI / 2);
  const vs = rules(m, false, GRID_DPI / 3).filter(
    (v) => v.a1 - v.a0 <= GRID_DPI / 20 && v.to - v.from <= GRID_DPI * 2,
  );
  const frames: Box[] = [];
  for (const left of vs) {
    for (const right of vs) {
      const w = right.a0 - left.a1;
      if (w < GRID_DPI || w > GRID_DPI * 4) continue;
      const y0 = Math.min(left.from, right.from);
      const y1 = Math.max(left.to, right.to);
      const overlap = Math.min(left.to, right.to) - Math.max(left.from, right.from);
      if (overlap < GRID_DPI / 2 || overlap < (y1 - y0) / 2) continue;
      const edge = (y: number): boolean =>
        covered(
          hs.filter((h) => Math.abs((h.a0 + h.a1) / 2 - y) <= GRID_DPI / 8),
          left.a1,
          right.a0,
        ) >=
        w * 0.6;
      if (!edge(y0) && !edge(y1)) continue;
      frames.push({ x0: left.a0 * cell, y0: y0 * cell, x1: (right.a1 + 1) * cell, y1: (y1 + 1) * cell });
    }
  }
  return frames;
}

/** The stamp frames of the OCR image; none when the file cannot be read as an image. */
export async function findFramesIn(image: string, options: FrameOptions): Promise<Box[]> {
  const grey = await readOcrImage(image);
  return grey ? findFrames(grey, options) : [];
}
