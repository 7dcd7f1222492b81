// Document kinds by their own title block; handwritten number and day slots; signer forms of real papers.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { weightOf } from "../../src/extractors/parsers/fill-in-box.js";
import { dateFill, numberFill, readSlot } from "../../src/extractors/parsers/fill-ins.js";
import { findSigner } from "../../src/extractors/parsers/signer.js";
import { fold } from "../../src/extractors/parsers/text.js";
import { findDocTitle, symbolKind, titleOfLine } from "../../src/extractors/parsers/title.js";
import { extract } from "../../src/stages/extract.js";
import type { OcrPage } from "../../src/types.js";

const unknownDir = path.resolve(import.meta.dirname, "../../fixtures/unknown");
const read = (f: string) => fs.readFileSync(path.join(unknownDir, f), "utf8");
const title = (text: string) => {
  const lines = text.split("\n").filter(Boolean);
  return findDocTitle(lines, lines.map(fold))?.kind;
};

describe("title block", () => {
  it("reads a capitalised title line, with OCR slips, and never a body line quoting it", () => {
    expect(titleOfLine("QUYÉT ĐỊNH")).toBe("quyet dinh");
    expect(titleOfLine("CHÍ THỊ")).toBe("chi thi");
    expect(titleOfLine("Quyết định số 45/QĐ-UBND ngày 20 tháng 01")).toBeUndefined();
    expect(titleOfLine("QUYẾT ĐỊNH số 45/QĐ-UBND nêu rõ")).toBeUndefined();
  });

  it("takes the kind from the symbol when the title is lost, and a công văn from V/v or Kính gửi", () => {
    expect(symbolKind("Số: 2 # /CT-UBND Quảng Ngãi")).toBe("chi_thi");
    expect(symbolKind("Số: 15/QĐÐ-UBND")).toBe("quyet_dinh");
    expect(symbolKind("Số: 3722/VPCP-CN")).toBeUndefined();
    expect(title("UBND TỈNH X\nSố: 299/UBND-TTHC\nV/v hướng dẫn hồ sơ\nKính gửi: các sở")).toBe("cong_van");
  });

  it("finds each made-up non-result paper's own kind", () => {
    expect(
      ["chi-thi.txt", "cong-van.txt", "nghi-quyet.txt", "thong-tu.txt"].map((f) => title(read(f))),
    ).toEqual(["chi_thi", "cong_van", "nghi_quyet", "thong_tu"]);
  });
});

describe("classification of papers that quote decisions", () => {
  for (const f of ["chi-thi.txt", "cong-van.txt", "nghi-quyet.txt", "thong-tu.txt"]) {
    it(`${f} is unknown with generic fields, never a decision`, async () => {
      const r = await extract({ pages: [], text: read(f) });
      expect(r.docType).toBe("unknown");
      expect(r.reviewReasons.some((x) => x.startsWith("title block reads as"))).toBe(true);
      expect(r.fields.issuer).toBeDefined();
    });
  }

  it("still takes a real decision whose body quotes other decisions", async () => {
    const text = read("chi-thi.txt").replace("CHÍ THỊ", "QUYẾT ĐỊNH").replace("/CT-UBND", "/QĐ-UBND");
    expect((await extract({ pages: [], text })).docType).toBe("decision");
  });
});

describe("handwritten fill-ins", () => {
  it("tells pen strokes from printed digits", () => {
    expect(readSlot("day", "17")).toMatchObject({ digits: "17", suspect: false });
    for (const raw of ["4‡", "2 #", "Ø2", "Z", "", "#"])
      expect(readSlot("number", raw).suspect, raw).toBe(true);
    expect(numberFill("Số: 47 /QĐ-UBND")).toMatchObject({
      number: { raw: "47", suspect: true },
      printed: "/QĐ-UBND",
    });
    expect(numberFill("Số: 47/QĐ-UBND")).toMatchObject({ number: { digits: "47", suspect: false } });
    // OCR parts the symbol at its hyphen; a lower-case word after it is the line's text, not the symbol.
    expect(numberFill("Số: {0o /QĐ- TTg Hà Nội, ngày82tháng 4 năm 2026")?.printed).toBe("/QĐ-TTg");
    expect(numberFill("Số: 12 /QĐ-UBND ngày 3 tháng 4")?.printed).toBe("/QĐ-UBND");
    expect(numberFill("Số: 12 /QĐ- ngày 3 tháng 4")?.printed).toBe("/QĐ-");
    // A pen stroke read as a slash of its own before the printed one.
    expect(numberFill("Số: Z22/ /QĐ-UBND Hòa Bình")).toMatchObject({
      number: { raw: "Z22/", suspect: true },
      printed: "/QĐ-UBND",
    });
    // A stroke read as a comma after "ngày"; the day's own pen mark keeps it suspect, the empty month too.
    expect(dateFill("Hà Nội, ngày,24' tháng năm 2026")).toMatchObject({
      day: { raw: "24'", suspect: true },
      month: { raw: "", suspect: true },
      year: "2026",
    });
    expect(dateFill("Quảng Ngãi, ngày 2# thángØ? năm 2021")).toMatchObject({
      day: { suspect: true },
      month: { raw: "Ø?", suspect: true },
      year: "2021",
    });
  });

  /**
   * An OCR line as Tesseract boxes print: 12 px an "n" of a serif face (an "m" wider, an "i" narrower), 14 px
   * between words; `wide` words swallowed a pen stroke. `x` and `end` are each word's left and right edges.
   */
  function ocrLineOf(
    text: string,
    wide: Record<string, number> = {},
  ): { line: OcrPage; x: number[]; end: number[] } {
    let at = 0;
    const x: number[] = [];
    const end: number[] = [];
    const words = text.split(" ").map((w) => {
      x.push(at);
      const box = { x0: at, y0: 300, x1: at + Math.round(12 * weightOf(w)) + (wide[w] ?? 0), y1: 340 };
      end.push(box.x1);
      at = box.x1 + 14;
      return { text: w, box, confidence: 80, line: 0 };
    });
    const ocrLine = { text, box: { x0: 0, y0: 300, x1: at, y1: 340 }, confidence: 80, words };
    return {
      line: { width: 2480, height: 3508, lines: [ocrLine], text, confidence: 80, engine: "t" },
      x,
      end,
    };
  }
  const NUMBER_LINE = "Số: Ø3 /CT-UBND Hòa Bình Xanh, ngày 1# tháng 3 năm 2023";

  it("marks a slot OCR glued to its label, or inside its label's box, as shared: no reader cuts digits from it", async () => {
    const glued = "Số: Ø3 /CT-UBND Hòa Bình Xanh, ngày82tháng 3 năm 2023";
    const { line, x, end } = ocrLineOf(glued);
    const r = await extract({ pages: [line], text: read("chi-thi.txt").replace(/^Số:.*$/m, glued) });
    expect(r.fields.issueDate?.handwritten?.places).toEqual([
      { slot: "day", page: 0, box: { x0: x[6], y0: 300, x1: end[6], y1: 340 }, shared: true },
    ]);
    // The number's own blank is not shared: from the label's end to the slash.
    expect(r.fields.documentNumber?.handwritten?.places).toEqual([
      { slot: "number", page: 0, box: { x0: end[0], y0: 300, x1: x[2], y1: 340 } },
    ]);
    // "ngày15" boxed as "ngày": its box is wider than four letters need, so the "1" may be in it.
    const swallowed = ocrLineOf(NUMBER_LINE, { ngày: 30 });
    const s = await extract({ pages: [swallowed.line], text: read("chi-thi.txt") });
    expect(s.fields.issueDate?.handwritten?.places?.[0]?.shared).toBe(true);
  });

  it("keeps the printed part, marks the slot with its page and box, and never outputs a non-digit number", async () => {
    const { line, x, end } = ocrLineOf(NUMBER_LINE);
    const r = await extract({ pages: [line], text: read("chi-thi.txt") });
    expect(r.fields.documentNumber).toMatchObject({
      value: "…/CT-UBND",
      valid: false,
      // The whole blank between "Số:" and the printed symbol, where the pen number was written.
      handwritten: {
        slots: ["number"],
        raw: "Ø3",
        page: 0,
        box: { x0: end[0], x1: x[2] },
        places: [{ slot: "number", page: 0, box: { x0: end[0], x1: x[2] } }],
      },
    });
    // "ngày 1# tháng": the day's OCR word lies between its labels.
    expect(r.fields.issueDate).toMatchObject({
      value: "2023-03",
      valid: false,
      handwritten: { slots: ["day"], page: 0, places: [{ slot: "day", box: { x0: end[6], x1: x[8] } }] },
    });
    expect(r.fields.issueDate?.handwritten?.places?.[0]?.shared).toBeUndefined();
    expect(r.reviewReasons.some((x) => /number slot handwritten/.test(x))).toBe(true);
  });

  it("gives an unread pen month the blank between its labels, however wide an m is", async () => {
    // A Government resolution's place-date line as the engine boxed it (sohoa's OCR of a public 2026 scan):
    // the pen day read "#3", the pen month not read at all. "năm" is 72 px for three letters, as wide as
    // Times sets an "m"; counted as three average letters it looked as if it had swallowed the month.
    const boxes: Array<[string, number, number]> = [
      ["Số:", 462, 515],
      ["445", 527, 594],
      ["/NQ-CP", 619, 762],
      ["Hà", 1015, 1069],
      ["Nội,", 1078, 1148],
      ["ngày", 1165, 1250],
      ["#3", 1275, 1326],
      ["tháng", 1356, 1456],
      ["năm", 1552, 1624],
      ["2026", 1637, 1724],
    ];
    const words = boxes.map(([text, x0, x1]) => ({
      text,
      box: { x0, y0: 399, x1, y1: 443 },
      confidence: 60,
      line: 0,
    }));
    const text = words.map((w) => w.text).join(" ");
    const page: OcrPage = {
      width: 2480,
      height: 3508,
      lines: [{ text, box: { x0: 462, y0: 399, x1: 1724, y1: 443 }, confidence: 60, words }],
      text,
      confidence: 60,
      engine: "t",
    };
    const r = await extract({ pages: [page], text: read("chi-thi.txt").replace(/^Số:.*$/m, text) });
    const month = r.fields.issueDate?.handwritten?.places?.find((p) => p.slot === "month");
    expect(month).toEqual({ slot: "month", page: 0, box: { x0: 1456, y0: 399, x1: 1552, y1: 443 } });
    expect(weightOf("năm")).toBeGreaterThan(weightOf("tin") + 1);
  });

  it("never takes a body date when the place-date line is unreadable: its slots are reported handwritten", async () => {
    const r = await extract({ pages: [], text: read("thong-tu.txt") });
    expect(r.fields.issueDate).toMatchObject({
      value: "…",
      valid: false,
      handwritten: { slots: ["day", "month"], raw: "ngàyJ© lh@wÔR\\ tău X4ĐẾN |" },
    });
    const yearKept = await extract({
      pages: [],
      text: read("thong-tu.txt").replace("ngàyJ© lh@wÔR\\ tău X4ĐẾN |", "ngày)  tháng?? năm 2024 ĐẾN"),
    });
    expect(yearKept.fields.issueDate).toMatchObject({
      value: "2024",
      handwritten: { slots: ["day", "month"] },
    });
    expect(r.fields.documentNumber?.value).toBe("…/2024/TT-BTP");
    expect(r.reviewReasons.join(" ")).toMatch(/day and month slot looks handwritten/);
  });
});

describe("signer forms", () => {
  it.each([
    [["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Thu"], 2],
    [["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Văn Sang"], 2],
    [["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Đặng Thu Hà"], 2],
    [["Q. CHÁNH VĂN PHÒNG", "Kiều Minh Tâm"], 1],
    [["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Lò Văn Pọm"], 2],
    [["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Hà Minh Châu"], 3],
  ])("%j", (lines, nameLine) => {
    const got = findSigner(lines);
    expect(got?.line).toBe(nameLine);
    expect(got?.position).toEqual(lines.slice(0, nameLine));
    expect(got?.name?.value).toBe(lines[nameLine]);
  });
});
