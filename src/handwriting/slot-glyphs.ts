// The pen strokes in a fill-in slot, one glyph per handwritten digit: connected ink around the slot's box.
import type { Box, GreyImage } from "../types.js";
import { otsuSplit } from "../imaging/otsu.js";
import type { InkImage } from "./normalise.js";

/** One handwritten glyph: its box in the image and its ink (0 = paper, 255 = full ink), only its own strokes. */
export interface Glyph {
  box: Box;
  ink: InkImage;
}

/** Why a slot's strokes were not cut into digits: each means "do not guess". */
export type GlyphRefusal = "noInk" | "lowContrast" | "touching" | "tooMany";

/** Most digits a slot holds: a document number ("12345"), a day or a month ("17", "4"). */
const MAX_GLYPHS = 6;

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  sumX: number;
  pixels: number[];
}

/** 8-connected components of `ink` (w × h, 1 = ink). */
function components(ink: Uint8Array, w: number, h: number): Component[] {
  const label = new Int32Array(w * h).fill(-1);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || label[start]! >= 0) continue;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, area: 0, sumX: 0, pixels: [] };
    label[start] = out.length;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      c.pixels.push(p);
      c.area++;
      c.sumX += x;
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x + 1);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y + 1);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (ink[q] && label[q]! < 0) {
            label[q] = out.length;
            stack.push(q);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** Components side by side in one column of writing (a 5's flag, a crossed 7's bar) make one glyph. */
function groupColumns(parts: Component[]): Component[][] {
  const groups: Component[][] = [];
  for (const c of [...parts].sort((a, b) => a.x0 - b.x0)) {
    const last = groups.at(-1);
    const x0 = last ? Math.min(...last.map((p) => p.x0)) : 0;
    const x1 = last ? Math.max(...last.map((p) => p.x1)) : 0;
    const overlap = last ? Math.min(x1, c.x1) - Math.max(x0, c.x0) : 0;
    if (last && overlap > 0.5 * Math.min(x1 - x0, c.x1 - c.x0)) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

/**
 * The glyphs written in a slot. The search area reaches above and below the slot's OCR box
 * (handwriting overruns the line) but a stroke belongs to the slot only when its middle lies
 * inside the box, so the printed slash or "tháng" beside it stay out. Refuses, rather than
 * guessing, when the ink is faint, when one glyph is wider than tall (digits written into each
 * other), or when there are more strokes than a slot holds.
 */
export function slotGlyphs(g: GreyImage, box: Box): Glyph[] | GlyphRefusal {
  const bh = Math.max(1, box.y1 - box.y0);
  const rx0 = Math.max(0, Math.floor(box.x0 - bh * 0.3));
  const rx1 = Math.min(g.width, Math.ceil(box.x1 + bh * 0.3));
  const ry0 = Math.max(0, Math.floor(box.y0 - bh * 0.6));
  const ry1 = Math.min(g.height, Math.ceil(box.y1 + bh * 0.6));
  const w = rx1 - rx0;
  const h = ry1 - ry0;
  if (w <= 0 || h <= 0) return "noInk";
  const grey = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    grey.set(g.data.subarray((ry0 + y) * g.width + rx0, (ry0 + y) * g.width + rx1), y * w);
  const split = otsuSplit(grey);
  // Halfway between the classes' means: Otsu's own threshold sits at the ink's edge when the crop is two greys.
  const t = (split.dark + split.light) / 2;
  // Paper alone, or ink hardly darker than it: nothing a reader can trust.
  if (split.light - split.dark < 60) return "lowContrast";
  const ink = grey.map((v) => (v <= t ? 1 : 0));
  const minArea = Math.max(4, (bh * 0.08) ** 2);
  const inSlot = components(ink, w, h).filter((c) => {
    const cx = rx0 + c.sumX / c.area;
    const overlapsLine = ry0 + c.y1 > box.y0 && ry0 + c.y0 < box.y1;
    return c.area >= minArea && cx >= box.x0 && cx <= box.x1 && overlapsLine;
  });
  if (inSlot.length === 0) return "noInk";
  const groups = groupColumns(inSlot);
  if (groups.length > MAX_GLYPHS) return "tooMany";
  const tallest = Math.max(
    ...groups.map((gr) => Math.max(...gr.map((c) => c.y1)) - Math.min(...gr.map((c) => c.y0))),
  );
  const glyphs: Glyph[] = [];
  for (const group of groups) {
    const x0 = Math.min(...group.map((c) => c.x0));
    const x1 = Math.max(...group.map((c) => c.x1));
    const y0 = Math.min(...group.map((c) => c.y0));
    const y1 = Math.max(...group.map((c) => c.y1));
    // A speck beside the digits (a dot, a stray mark) is no digit.
    if (y1 - y0 < tallest * 0.4) continue;
    // Strokes running out of the search area (a stamp's frame, a rule, the next word) are no digit of
    // the slot's, and a glyph much wider than tall is digits written into each other. A crossed pair
    // narrower than that ("37" with the 7's bar through the 3) is left to the recogniser, which is
    // unsure of it, as of anything that is no single digit.
    const cut = x0 === 0 || y0 === 0 || x1 === w || y1 === h;
    if (cut || x1 - x0 > (y1 - y0) * 1.25 || y1 - y0 > bh * 2) return "touching";
    const gw = x1 - x0;
    const data = new Uint8Array(gw * (y1 - y0));
    for (const c of group) {
      for (const p of c.pixels) {
        const x = p % w;
        const y = (p - x) / w;
        data[(y - y0) * gw + (x - x0)] = 255 - Math.min(grey[p]!, t) * (255 / Math.max(1, t)) * 0.5;
      }
    }
    glyphs.push({
      box: { x0: rx0 + x0, y0: ry0 + y0, x1: rx0 + x1, y1: ry0 + y1 },
      ink: { width: gw, height: y1 - y0, data },
    });
  }
  return glyphs.length > 0 ? glyphs : "noInk";
}
