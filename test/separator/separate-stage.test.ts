// The separate stage alone: page looks in, page ranges and links out.
import { describe, expect, it } from "vitest";
import { BadSeparatorError } from "../../src/errors/index.js";
import { createLogger } from "../../src/logger.js";
import type { PageLook } from "../../src/separator/detect.js";
import { separate, type StackPage } from "../../src/stages/separate.js";

const ctx = { workDir: "/tmp", log: createLogger({ level: "silent" }) };
const text: PageLook = { ink: 0.05 };
const blank: PageLook = { ink: 0.0001 };
const sheet = (dossierCode: string): PageLook => ({
  ink: 0.06,
  sheet: { kind: "sheet", link: { dossierCode } },
});
const pages = (...looks: PageLook[]): StackPage[] => looks.map((look, index) => ({ index, look }));
const qr = { mode: "qr" as const, file: "stack.pdf", blankInk: 0.002 };

describe("separate", () => {
  it("keeps pages before the first sheet as an unlinked document, drops sheets and their blank backs", () => {
    const r = separate(pages(text, sheet("A"), blank, text, blank, text, sheet("B"), text), ctx, qr);
    expect(r.slices).toEqual([
      { pages: [0] },
      { pages: [3, 4, 5], sheetPage: 1, link: { dossierCode: "A" } },
      { pages: [7], sheetPage: 6, link: { dossierCode: "B" } },
    ]);
    // The blank page inside document A (page 4) stays: only a sheet's back is dropped.
    expect(r.dropped).toEqual([1, 2, 6]);
  });

  it("reports a sheet with nothing after it instead of making an empty document", () => {
    const r = separate(pages(sheet("A"), sheet("B"), text), ctx, qr);
    expect(r.slices).toEqual([{ pages: [2], sheetPage: 1, link: { dossierCode: "B" } }]);
  });

  it("stops the stack on a sheet whose code is not a dossier code, naming the page", () => {
    const bad: PageLook = { ink: 0.06, sheet: { kind: "bad", reason: 'not a dossier code: "X"' } };
    expect(() => separate(pages(sheet("A"), text, bad, text), ctx, qr)).toThrow(BadSeparatorError);
    expect(() => separate(pages(sheet("A"), text, bad, text), ctx, qr)).toThrow(
      /stack\.pdf: separator sheet: page 3/,
    );
  });

  it("splits at runs of blank pages in blank mode", () => {
    const r = separate(pages(text, blank, blank, text, text, blank, text), ctx, { ...qr, mode: "blank" });
    expect(r.slices.map((s) => s.pages)).toEqual([[0], [3, 4], [6]]);
    expect(r.dropped).toEqual([1, 2, 5]);
  });
});
