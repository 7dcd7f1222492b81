// Read pen slots written into the text: the engine's marks give way to the read digits, the rest of the line stays.
import { describe, expect, it } from "vitest";
import { ocrPage } from "../ocr-page.js";
import { penSlotsByPage, writePenSlots, writeSlot } from "../../src/handwriting/slot-text.js";
import type { ExtractionResult, OcrLine, OcrWord } from "../../src/types.js";

/** A word at [x0, x1) on the line at y 100..140; `chars` gives it character boxes, 20 px each from x0. */
function word(text: string, x0: number, x1: number, chars = false): OcrWord {
  const box = { x0, y0: 100, x1, y1: 140 };
  const symbols = chars
    ? [...text].map((c, i) => ({ text: c, box: { x0: x0 + i * 20, y0: 100, x1: x0 + i * 20 + 18, y1: 140 } }))
    : undefined;
  return { text, box, confidence: 90, line: 0, ...(symbols ? { symbols } : {}) };
}

function line(...words: OcrWord[]): OcrLine {
  return {
    text: words.map((w) => w.text).join(" "),
    box: { x0: words[0]!.box.x0, y0: 100, x1: words.at(-1)!.box.x1, y1: 140 },
    confidence: 90,
    words,
  };
}

const slotBox = (x0: number, x1: number) => ({ x0, y0: 95, x1, y1: 145 });

describe("writeSlot", () => {
  it("replaces the engine's marks in a number slot and joins the digits to the printed symbol", () => {
    const l = line(word("Số:", 0, 60), word("{0o", 80, 140), word("/QĐ-TTg", 160, 300));
    const out = writeSlot(l, { slot: "number", box: slotBox(70, 155), digits: "707", confidence: 0.97 });
    expect(out.line.text).toBe("Số: 707/QĐ-TTg");
    expect(out.line.words[1]!.box.x0).toBe(70);
    expect(out.index).toEqual([0, undefined, 1]);
  });

  it("fills an empty number slot the engine read nothing in, and leaves the rest of the line whole", () => {
    const l = line(
      word("Số:", 0, 60),
      word("/QĐ-TTg", 160, 300),
      word("Hà", 400, 440),
      word("ngày33", 460, 580, true),
    );
    const out = writeSlot(l, { slot: "number", box: slotBox(60, 160), digits: "729", confidence: 0.98 });
    expect(out.line.text).toBe("Số: 729/QĐ-TTg Hà ngày33");
    expect(out.index).toEqual([0, 1, 2, 3]);
    const day = writeSlot(l, { slot: "day", box: slotBox(539, 581), digits: "23", confidence: 0.98 });
    expect(day.line.text).toBe("Số: /QĐ-TTg Hà ngày 23");
  });

  it("cuts a day glued to its labels out by the engine's character boxes", () => {
    const l = line(word("Hà", 0, 40), word("ngày82tháng", 60, 280, true), word("4", 300, 320));
    // "ngày" is characters 0-3 (60..138), "82" 4-5 (140..178), "tháng" 6-10.
    const out = writeSlot(l, { slot: "day", box: slotBox(139, 179), digits: "22", confidence: 0.96 });
    expect(out.line.text).toBe("Hà ngày 22 tháng 4");
    expect(out.line.words.map((w) => w.box.x0)).toEqual([0, 60, 139, 180, 300]);
    expect(out.index).toEqual([0, 1, 4]);
  });

  it("writes a separate day word and keeps a word with no character boxes whole outside the slot", () => {
    const l = line(word("ngày", 0, 80), word("ẨÌ", 100, 140), word("tháng", 160, 260), word("01", 280, 320));
    const out = writeSlot(l, { slot: "day", box: slotBox(85, 155), digits: "17", confidence: 0.99 });
    expect(out.line.text).toBe("ngày 17 tháng 01");
    expect(out.line.words[1]!.confidence).toBe(99);
  });

  it("leaves an unread slot empty: the engine's marks go, the printed words around them stay", () => {
    const l = line(word("ngày", 0, 80), word("2{", 100, 140), word("tháng", 160, 260), word("(", 280, 300));
    const out = writeSlot(l, { slot: "day", box: slotBox(85, 155), digits: "", confidence: 0 });
    expect(out.line.text).toBe("ngày tháng (");
    expect(out.index).toEqual([0, undefined, 1, 2]);
    const number = line(
      word("Số:", 0, 50),
      word("3", 60, 80),
      word("-", 90, 100),
      word("/2026/TT-BCA", 110, 300),
    );
    const cleared = writeSlot(number, { slot: "number", box: slotBox(55, 105), digits: "", confidence: 0 });
    expect(cleared.line.text).toBe("Số: /2026/TT-BCA");
    expect(cleared.line.words[1]!.box.x0).toBe(110);
  });
});

describe("writePenSlots", () => {
  it("rewrites only the slot's line, rebuilds the text and moves the corrections after the slot", () => {
    const title = {
      ...line(word("QUYẾT", 0, 100), word("ĐỊNH", 120, 200)),
      box: { x0: 0, y0: 10, x1: 200, y1: 50 },
    };
    const date = line(word("ngày", 0, 80), word("ẨÌ", 100, 140), word("thảng", 160, 260));
    const p = {
      ...ocrPage([title, date]),
      corrections: [
        { line: 0, word: 0, from: "QUYÉT", to: "QUYẾT", confidence: 0.9, reason: "invalid" as const },
        { line: 1, word: 1, from: "ẨÌ", to: "ÂÌ", confidence: 0.5, reason: "invalid" as const },
        { line: 1, word: 2, from: "thảng", to: "tháng", confidence: 0.9, reason: "invalid" as const },
      ],
    };
    const out = writePenSlots(p, [{ slot: "day", box: slotBox(85, 155), digits: "17", confidence: 0.97 }]);
    expect(out.text).toBe("QUYẾT ĐỊNH\nngày 17 thảng");
    expect(out.lines[0]).toBe(title);
    expect(out.corrections?.map((c) => [c.line, c.word])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it("leaves the page as it is when no line holds the slot", () => {
    const p = ocrPage([line(word("ngày", 0, 80))]);
    const far = { slot: "day", box: { x0: 0, y0: 500, x1: 80, y1: 540 }, digits: "1", confidence: 1 };
    expect(writePenSlots(p, [far])).toBe(p);
  });
});

describe("penSlotsByPage", () => {
  it("gives the places of handwritten fields, read or not, but not shared ones", () => {
    const box = slotBox(0, 10);
    const fields: ExtractionResult["fields"] = {
      documentNumber: {
        value: "707/QĐ-TTg",
        confidence: 0.97,
        valid: true,
        handwritten: {
          slots: ["number"],
          raw: "{0o",
          places: [{ slot: "number", page: 1, box }],
          read: { slots: { number: "707" }, confidence: 0.97 },
        },
      },
      issueDate: {
        value: "2026-04",
        confidence: 0.3,
        valid: true,
        handwritten: { slots: ["day"], raw: "82", places: [{ slot: "day", page: 1, box }] },
      },
      signer: {
        value: "x",
        confidence: 0.3,
        valid: true,
        handwritten: {
          slots: ["day"],
          raw: "",
          places: [{ slot: "day", page: 0, box, shared: true }],
          read: { slots: { day: "1" }, confidence: 0.99 },
        },
      },
    };
    expect([...penSlotsByPage({ fields }).entries()]).toEqual([
      [
        1,
        [
          { slot: "number", box, digits: "707", confidence: 0.97 },
          { slot: "day", box, digits: "", confidence: 0 },
        ],
      ],
    ]);
  });
});
