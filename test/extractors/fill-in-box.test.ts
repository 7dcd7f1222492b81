// Where a fill-in slot sits: between its printed label and the next printed word, and, when OCR glued
// the pen digits to the label ("ngày23"), cut out of that word at the label's last character.
import { describe, expect, it } from "vitest";
import { slotPlace } from "../../src/extractors/parsers/fill-in-box.js";
import { buildPage } from "../../src/ocr/page.js";
import type { Box, OcrSymbol } from "../../src/types.js";

/** A word from `x` whose characters are `width` px each (given as symbols when `symbols`). */
function word(
  text: string,
  x: number,
  symbols = false,
  width = 20,
): { text: string; box: Box; confidence: number; symbols?: OcrSymbol[] } {
  const chars = [...text];
  const box = { x0: x, y0: 100, x1: x + chars.length * width, y1: 140 };
  return {
    text,
    box,
    confidence: 90,
    ...(symbols
      ? {
          symbols: chars.map((c, i) => ({
            text: c,
            box: { x0: x + i * width, y0: 104, x1: x + (i + 1) * width, y1: 136 },
          })),
        }
      : {}),
  };
}

function placeOn(words: ReturnType<typeof word>[], slot: "number" | "day" | "month") {
  const page = buildPage("native", 2000, 400, [words]);
  return slotPlace([page], page.lines[0]!, slot);
}

describe("slotPlace", () => {
  it("takes the blank between a label alone and the next printed word", () => {
    const place = placeOn(
      [word("Hà", 0), word("Nội,", 60), word("ngày", 160), word("tháng", 400), word("4", 520)],
      "day",
    );
    expect(place).toEqual({ page: 0, box: { x0: 240, y0: 100, x1: 400, y1: 140 } });
  });

  it("cuts a slot glued to its label at the label's last character, up to the next word", () => {
    const place = placeOn(
      [word("Nội,", 60), word("ngày23", 160, true), word("tháng", 400), word("4", 520)],
      "day",
    );
    // "ngày" ends at 160 + 4 × 20; the slot runs to "tháng".
    expect(place).toEqual({ page: 0, box: { x0: 240, y0: 100, x1: 400, y1: 140 }, confidence: 90 });
  });

  it("stops at the printed word glued on the right, and keeps a label's comma with the label", () => {
    const both = placeOn([word("ngày82tháng", 160, true), word("4", 520)], "day");
    expect(both?.box).toMatchObject({ x0: 240, x1: 280 });
    expect(both?.shared).toBeUndefined();
    const comma = placeOn([word("ngày,2", 160, true), word("tháng", 400)], "day");
    expect(comma?.box).toMatchObject({ x0: 260, x1: 400 });
    const number = placeOn([word("Số:47/QĐ-UBND", 100, true)], "number");
    expect(number?.box).toMatchObject({ x0: 160, x1: 200 });
  });

  it("leaves a glued slot shared without character boxes, or with nothing between label and print", () => {
    expect(placeOn([word("ngày23", 160), word("tháng", 400)], "day")?.shared).toBe(true);
    expect(placeOn([word("ngàytháng", 160, true)], "day")?.shared).toBe(true);
    // Nothing printed after it on the line: where the pen number ends is unknown.
    expect(placeOn([word("Nội,", 60), word("ngày2", 160, true)], "day")?.shared).toBe(true);
  });
});
