// The read-handwriting stage on pen digits (real MNIST test digits, bilevel as a scan gives them) written into slots.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOcrTiff } from "../../src/imaging/ocr-image.js";
import { readHandwriting, READ_MIN_CONFIDENCE } from "../../src/stages/read-handwriting.js";
import type { Box, ExtractionResult, FieldValue, GreyImage } from "../../src/types.js";
import { mnistTestDigit } from "./mnist.js";

const WIDTH = 900;
const HEIGHT = 260;
/** A 50 px text line, as at 300 dpi: the number slot, and the day slot further right. */
const NUMBER_SLOT: Box = { x0: 100, y0: 100, x1: 280, y1: 150 };
const DAY_SLOT: Box = { x0: 600, y0: 100, x1: 720, y1: 150 };

/** MNIST test indices by label, so a test can write the number it wants. */
function indicesOf(label: number, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; out.length < count; k++) if (mnistTestDigit(k).label === label) out.push(k);
  return out;
}

/** A page with MNIST digits written at 2× (a digit about 40 px tall), black-or-white, from `x` on. */
function write(page: GreyImage, digits: number[], x: number): void {
  digits.forEach((k, i) => {
    const { ink } = mnistTestDigit(k);
    for (let y = 0; y < 56; y++)
      for (let dx = 0; dx < 56; dx++)
        if (ink.data[(y >> 1) * 28 + (dx >> 1)]! >= 128) page.data[(97 + y) * WIDTH + x + i * 48 + dx] = 25;
  });
}

function blankPage(): GreyImage {
  return { data: Buffer.alloc(WIDTH * HEIGHT, 245), width: WIDTH, height: HEIGHT };
}

function handwrittenField(value: string, slot: string, box: Box, shared = false): FieldValue {
  return {
    value,
    confidence: 0.3,
    valid: false,
    issues: [`${slot} slot handwritten`],
    handwritten: {
      slots: [slot],
      raw: "4‡",
      page: 0,
      box,
      places: [{ slot, page: 0, box, ...(shared ? { shared: true as const } : {}) }],
    },
  };
}

function extraction(fields: Record<string, FieldValue>): ExtractionResult {
  return {
    docType: "decision",
    typeConfidence: 1,
    fields,
    needsReview: true,
    reviewReasons: ["number slot handwritten"],
  };
}

describe("readHandwriting", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sohoa-hw-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function run(
    page: GreyImage,
    fields: Record<string, FieldValue>,
    name: string,
  ): Promise<ExtractionResult> {
    const ocrImage = path.join(dir, `${name}.tif`);
    await writeOcrTiff(ocrImage, page, 300);
    return readHandwriting(extraction(fields), [{ page: { ocrImage, ocrCrop: { x: 0, y: 0 } } }]);
  }

  it("fills a pen number in only when sure, and what it fills in is right", async () => {
    let filled = 0;
    for (let n = 0; n < 10; n++) {
      const digits = [3 * n, 3 * n + 1, 3 * n + 2];
      const page = blankPage();
      write(page, digits, 110);
      const truth = digits.map((k) => mnistTestDigit(k).label).join("");
      const out = await run(
        page,
        { documentNumber: handwrittenField("…/QĐ-UBND", "number", NUMBER_SLOT) },
        `n${n}`,
      );
      const f = out.fields.documentNumber!;
      if (!f.handwritten?.read) {
        expect(f.value).toBe("…/QĐ-UBND");
        continue;
      }
      filled++;
      expect(f.value).toBe(`${truth}/QĐ-UBND`);
      expect(f.handwritten.read).toMatchObject({ slots: { number: truth } });
      expect(f.confidence).toBeGreaterThanOrEqual(READ_MIN_CONFIDENCE);
      // Still a pen-written value: kept for a person's look, with what was read.
      expect(f.valid).toBe(false);
      expect(out.reviewReasons.some((r) => r.includes(`number ${truth}`))).toBe(true);
    }
    expect(filled).toBeGreaterThanOrEqual(7);
  });

  it("completes a date from its pen day, and never makes an impossible one", async () => {
    const [one] = indicesOf(1, 1);
    const [seven] = indicesOf(7, 1);
    const [three] = indicesOf(3, 1);
    const [five] = indicesOf(5, 1);
    const day17 = blankPage();
    write(day17, [one!, seven!], 610);
    const out = await run(day17, { issueDate: handwrittenField("2024-03", "day", DAY_SLOT) }, "d17");
    expect(out.fields.issueDate).toMatchObject({
      value: "2024-03-17",
      handwritten: { read: { slots: { day: "17" } } },
    });
    const day35 = blankPage();
    write(day35, [three!, five!], 610);
    const bad = await run(day35, { issueDate: handwrittenField("2024-03", "day", DAY_SLOT) }, "d35");
    expect(bad.fields.issueDate).toMatchObject({ value: "2024-03" });
    expect(bad.fields.issueDate?.handwritten?.read).toBeUndefined();
  });

  it("leaves scribbles, slots shared with printed words, and fields without places alone", async () => {
    const scribble = blankPage();
    for (let y = 105; y < 145; y++)
      for (let x = 120; x < 250; x++) if ((x * 7 + y * 3) % 11 < 6) scribble.data[y * WIDTH + x] = 25;
    const a = await run(
      scribble,
      { documentNumber: handwrittenField("…/QĐ-UBND", "number", NUMBER_SLOT) },
      "s",
    );
    expect(a.fields.documentNumber).toMatchObject({ value: "…/QĐ-UBND", confidence: 0.3 });
    const digits = blankPage();
    write(digits, [0, 1, 2], 110);
    const b = await run(
      digits,
      { documentNumber: handwrittenField("…/QĐ-UBND", "number", NUMBER_SLOT, true) },
      "sh",
    );
    expect(b.fields.documentNumber?.value).toBe("…/QĐ-UBND");
    const { places: _, ...noPlaces } = handwrittenField("…/QĐ-UBND", "number", NUMBER_SLOT).handwritten!;
    const c = await run(
      digits,
      { documentNumber: { ...handwrittenField("…/QĐ-UBND", "number", NUMBER_SLOT), handwritten: noPlaces } },
      "np",
    );
    expect(c.fields.documentNumber?.value).toBe("…/QĐ-UBND");
    expect(c.reviewReasons).toEqual(["number slot handwritten"]);
  });
});
