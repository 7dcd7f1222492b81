// Cutting a fill-in slot's pen strokes into digit glyphs, and refusing when that cannot be done safely.
import { describe, expect, it } from "vitest";
import { slotGlyphs } from "../../src/handwriting/slot-glyphs.js";
import type { Box, GreyImage } from "../../src/types.js";

/** A white page with dark rectangles ("strokes") drawn on it. */
function page(strokes: Box[], ink = 20, size = { width: 400, height: 200 }): GreyImage {
  const data = Buffer.alloc(size.width * size.height, 245);
  for (const s of strokes)
    for (let y = s.y0; y < s.y1; y++) for (let x = s.x0; x < s.x1; x++) data[y * size.width + x] = ink;
  return { data, ...size };
}

// The slot as OCR boxed it: one text line 40 px high.
const SLOT: Box = { x0: 100, y0: 80, x1: 220, y1: 120 };
/** A digit-sized stroke pair (a "4"-like stem and bar) at x. */
const digitAt = (x: number): Box[] => [
  { x0: x, y0: 82, x1: x + 5, y1: 118 },
  { x0: x - 12, y0: 100, x1: x + 6, y1: 104 },
];

describe("slotGlyphs", () => {
  it("cuts one glyph per written digit, in reading order, with only its own strokes", () => {
    const got = slotGlyphs(page([...digitAt(130), ...digitAt(170), ...digitAt(205)]), SLOT);
    expect(Array.isArray(got)).toBe(true);
    const glyphs = got as Exclude<typeof got, string>;
    expect(glyphs.map((g) => g.box.x0)).toEqual([118, 158, 193]);
    for (const g of glyphs) {
      expect(g.ink.height).toBe(36);
      expect(g.ink.width).toBe(18);
      // Stroke pixels carry ink, paper none.
      expect(Math.max(...g.ink.data)).toBeGreaterThan(200);
      expect(g.ink.data.filter((v) => v === 0).length).toBeGreaterThan(g.ink.data.length / 3);
    }
  });

  it("leaves out the printed slash beside the slot and specks", () => {
    const slash = { x0: 226, y0: 84, x1: 232, y1: 118 };
    const speck = { x0: 150, y0: 112, x1: 152, y1: 114 };
    const got = slotGlyphs(page([...digitAt(140), slash, speck]), SLOT);
    expect(Array.isArray(got) && got.length).toBe(1);
  });

  it("leaves out a stamp's dots below a digit in its column, and refuses a big stroke there", () => {
    // A dotted rim under the line, inside the slot's box as OCR drew it (it reaches 12 px below).
    const rim = [0, 1, 2].map((i) => ({ x0: 124 + i * 6, y0: 126, x1: 128 + i * 6, y1: 129 }));
    const slot = { ...SLOT, y1: 132 };
    const got = slotGlyphs(page([...digitAt(130), ...rim]), slot);
    expect(Array.isArray(got) && got.map((g) => [g.box.y0, g.box.y1])).toEqual([[82, 118]]);
    const underline = { x0: 118, y0: 124, x1: 136, y1: 130 };
    expect(slotGlyphs(page([...digitAt(130), underline]), slot)).toBe("touching");
  });

  it("refuses digits written into each other, strokes running out of the slot, and too many strokes", () => {
    const wide = [{ x0: 120, y0: 85, x1: 200, y1: 118 }];
    expect(slotGlyphs(page(wide), SLOT)).toBe("touching");
    // A stamp frame's rule crossing the slot and running on.
    expect(slotGlyphs(page([...digitAt(150), { x0: 150, y0: 60, x1: 154, y1: 200 }]), SLOT)).toBe("touching");
    const bars = Array.from({ length: 8 }, (_, i) => ({
      x0: 104 + i * 14,
      y0: 84,
      x1: 108 + i * 14,
      y1: 118,
    }));
    expect(slotGlyphs(page(bars), SLOT)).toBe("tooMany");
  });

  it("refuses paper without ink, and ink too faint to read", () => {
    expect(slotGlyphs(page([]), SLOT)).toBe("noInk");
    expect(slotGlyphs(page(digitAt(150), 200), SLOT)).toBe("lowContrast");
    // Ink only outside the slot's box.
    expect(slotGlyphs(page(digitAt(300)), SLOT)).toBe("noInk");
  });
});
