// Orientation on upright pages that fool naive measures: never turned wrongly, turned copies put upright or left alone.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageContext } from "../../src/context.js";
import { inkPointsOf } from "../../src/imaging/analysis-image.js";
import { loadInkGrey, type GreyImage } from "../../src/imaging/ink-grey.js";
import { silentLogger } from "../../src/logger.js";
import { createOcrEngine, type OcrEngine } from "../../src/ocr/index.js";
import { turnGrey } from "../../src/stages/orient-confirm.js";
import { detectOrientation, orientPage } from "../../src/stages/orient.js";
import type { ColourMode, Orientation } from "../../src/types.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/orientation");
const CASES: Array<{ file: string; dpi: number; colour: ColourMode }> = [
  { file: "landscape-table.jpg", dpi: 150, colour: "grey" },
  { file: "sparse-emblem.jpg", dpi: 150, colour: "colour" },
  { file: "heavy-seal.jpg", dpi: 150, colour: "colour" },
  { file: "bilevel-200.tif", dpi: 200, colour: "bilevel" },
];

describe("orientPage", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sohoa-orient-"));
  const ctx = (i: number) => pageContext({ workDir: dir, log: silentLogger }, i);
  let ocr: OcrEngine;
  beforeAll(async () => {
    ocr = await createOcrEngine({ engine: "auto", concurrency: 1 });
  });
  afterAll(async () => ocr?.close());

  for (const c of CASES) {
    it(`${c.file}: upright kept, every turned copy put upright or left as displayed, never turned wrongly`, async () => {
      const image = path.join(FIXTURES, c.file);
      const upright = await loadInkGrey({
        index: 0,
        image,
        format: "png",
        width: 0,
        height: 0,
        dpi: c.dpi,
        colour: c.colour,
      });
      const outcomes: string[] = [];
      for (const truth of [0, 90, 180, 270] as Orientation[]) {
        // Content turned counter-clockwise by `truth`: what the stage has to undo.
        const grey: GreyImage = await turnGrey(upright, ((360 - truth) % 360) as Orientation);
        const decision = await orientPage(grey, await inkPointsOf(grey), { ocr, dpi: c.dpi }, ctx(truth));
        outcomes.push(`${truth}→${decision.orientation} ${decision.decision}`);
        if (truth === 0) expect(decision.orientation).toBe(0);
        else if (decision.orientation !== truth)
          expect(decision).toMatchObject({ decision: "abstained", orientation: 0 });
        expect(decision.runnerUp).not.toBe(decision.orientation);
        expect(decision.confidence).toBeGreaterThanOrEqual(0);
        expect(decision.confidence).toBeLessThanOrEqual(1);
      }
      // These pages are meant to be hard, not impossible: most turned copies are put upright.
      expect(
        outcomes.filter((o) => /^(\d+)→\1 (measured|confirmedByOcr)/.test(o)).length,
        outcomes.join(", "),
      ).toBeGreaterThanOrEqual(3);
    });
  }

  it("an unsure page without an OCR engine is kept as displayed, abstained", async () => {
    const image = path.join(FIXTURES, "sparse-emblem.jpg");
    const upright = await loadInkGrey({
      index: 0,
      image,
      format: "jpeg",
      width: 0,
      height: 0,
      dpi: 150,
      colour: "colour",
    });
    const grey = await turnGrey(upright, 90);
    const points = await inkPointsOf(grey);
    const measure = detectOrientation(points);
    const decision = await orientPage(grey, points, { dpi: 150 }, ctx(9));
    if (measure.clear)
      expect(decision).toMatchObject({ decision: "measured", orientation: measure.orientation });
    else expect(decision).toMatchObject({ decision: "abstained", orientation: 0 });
  });

  it("a blank page is not turned", async () => {
    const blank: GreyImage = { data: Buffer.alloc(400 * 600, 250), width: 400, height: 600 };
    const decision = await orientPage(blank, await inkPointsOf(blank), { ocr, dpi: 100 }, ctx(10));
    expect(decision).toMatchObject({ orientation: 0, blank: true, decision: "abstained" });
  });
});
