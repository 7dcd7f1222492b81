// The pen strokes in a fill-in slot, one glyph per handwritten digit: connected ink around the slot's box.
import type { Box, GreyImage } from "../types.js";
import { labelComponents, type Component } from "../imaging/components.js";
import { cropGrey } from "../imaging/content-box.js";
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

/** A component of the slot's ink, with its index in the labels. */
type Part = Component & { k: number };

/** How far (in the main stroke's heights) a digit's other strokes may sit above or below it. */
const STROKE_GAP = 0.15;
/** A stroke above or below a digit this large (share of the main stroke's area) is no speck: refuse. */
const BIG_STRANGER = 0.3;

/**
 * Keeps the strokes of a column that sit at the height of its main (largest) stroke: a 5's flag
 * or a 7's bar does, a stamp's dotted rim or an underline below the digit does not (on a
 * ministry scan those dots joined a "0" and a crossed "7" and made them read "9" and "3").
 * "touching" when what is left out is big enough to be part of a digit.
 */
function atDigitHeight(group: Part[]): Part[] | "touching" {
  const main = group.reduce((a, b) => (b.area > a.area ? b : a));
  const gap = (main.y1 - main.y0) * STROKE_GAP;
  const kept: Part[] = [];
  for (const c of group) {
    if (c.y1 >= main.y0 - gap && c.y0 <= main.y1 + gap) kept.push(c);
    else if (c.area >= main.area * BIG_STRANGER) return "touching";
  }
  return kept;
}

/** Components side by side in one column of writing (a 5's flag, a crossed 7's bar) make one glyph. */
function groupColumns(parts: Part[]): Part[][] {
  const groups: Part[][] = [];
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
 * other), or when there are more strokes than a slot holds. A column's strokes away from its
 * digit's height (a stamp's dots below it) are left out (atDigitHeight).
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
  const grey = cropGrey(g, { x0: rx0, y0: ry0, x1: rx1, y1: ry1 }).data;
  const split = otsuSplit(grey);
  // Halfway between the classes' means: Otsu's own threshold sits at the ink's edge when the crop is two greys.
  const t = (split.dark + split.light) / 2;
  // Paper alone, or ink hardly darker than it: nothing a reader can trust.
  if (split.light - split.dark < 60) return "lowContrast";
  const ink = grey.map((v) => (v <= t ? 1 : 0));
  const minArea = Math.max(4, (bh * 0.08) ** 2);
  const { labels, components } = labelComponents(ink, w, h);
  const inSlot = components
    .map((c, k) => ({ ...c, k }))
    .filter((c) => {
      const cx = rx0 + c.sumX / c.area;
      const overlapsLine = ry0 + c.y1 > box.y0 && ry0 + c.y0 < box.y1;
      return c.area >= minArea && cx >= box.x0 && cx <= box.x1 && overlapsLine;
    });
  if (inSlot.length === 0) return "noInk";
  const groups: Part[][] = [];
  for (const column of groupColumns(inSlot)) {
    const kept = atDigitHeight(column);
    if (kept === "touching") return "touching";
    groups.push(kept);
  }
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
    const mine = new Set(group.map((c) => c.k));
    const data = new Uint8Array(gw * (y1 - y0));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const p = y * w + x;
        if (mine.has(labels[p]!))
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
