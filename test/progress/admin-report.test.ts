// Reports for administrators: the made-up province's stock and flow figures, worked out by hand, in text and XLSX.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeReport,
  DECISION_468,
  forecasts,
  renderHtml,
  renderTable,
  UnitRegistry,
  type ProgressReport,
} from "../../src/progress/index.js";
import { renderXlsx } from "../../src/progress/render-xlsx.js";
import { tempDir } from "./helpers.js";
import { DOSSIERS, mauReports } from "./province.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let history: ProgressReport[];
let report: ProgressReport;
const AT = new Date("2026-11-30T03:00:00Z");

beforeAll(async () => {
  tmp = await tempDir();
  history = await mauReports(tmp.dir);
  report = history[history.length - 1]!;
});
afterAll(async () => tmp.remove());

describe("Tỉnh Mẫu, 2023, by hand", () => {
  it("stock: Huyện Đông rolled up is 109 / 200 = 54.5% against (60 + 22 + 33) / 200 = 57.5%: behind 3 points, 6 documents", () => {
    const d = report.units.find((u) => u.code === "951")!;
    expect(d.rollup).toMatchObject({
      scope: 200,
      digitized: 109,
      ratePct: 54.5,
      targetPct: 57.5,
      gapPoints: 3,
      gapDocs: 6,
      onTrack: false,
    });
    // Total 259 / 400 = 64.75% against 255 / 400 = 63.75%: on track.
    expect(report.total).toMatchObject({
      scope: 400,
      digitized: 259,
      ratePct: 64.75,
      targetPct: 63.75,
      onTrack: true,
    });
  });

  it("flow: 7 of 10 settled dossiers linked = 70%, one more to the 80% line; lists of the rest", () => {
    const f = report.dossiers!;
    expect(f).toMatchObject({
      dossiers: 10,
      withResult: 7,
      flowPct: 70,
      toFullPoints: 1,
      withoutResultCount: 3,
    });
    expect(f.withoutResult).toEqual(DOSSIERS.slice(7));
    // 13 of Xã Đông An's results have no listed dossier: 12 without a code, 1 with an unlisted one.
    expect(f.resultsWithoutDossierCount).toBe(13);
  });

  it("forecast: the total goes 40 → 52 → 64.75 (12.375 points a year) and reaches 100% in 2026", () => {
    const total = forecasts(history, "Tổng cộng")[0]!;
    expect(total.pacePoints).toBeCloseTo(12.375, 9);
    expect(total.reachYear).toBe(2026);
  });

  it("text report speaks Vietnamese by default and English on request", () => {
    const vi = renderTable(report);
    expect(vi).toContain("Chậm 3 điểm / 6 văn bản");
    expect(vi).toContain("7 trên 10 hồ sơ");
    expect(vi).toContain("70,0%");
    expect(vi).toContain("cần thêm 1 hồ sơ");
    const en = renderTable(report, "en");
    expect(en).toContain("Behind by 3 points / 6 documents");
    expect(en).toContain("7 of 10 settled dossiers");
  });

  it("without scope: a hint, never 'N trên 0'", async () => {
    const units = new UnitRegistry([{ code: "95", name: "Tỉnh Mẫu", level: "provincial" }]);
    const r = computeReport({
      year: 2024,
      units,
      plan: DECISION_468,
      digitized: [{ unit: "95", year: 2024, count: 2 }],
      scope: [],
    });
    const html = renderHtml([r], { generatedAt: AT });
    expect(html).toContain("Đã số hóa 2 văn bản, nhưng chưa có số kết quả còn hiệu lực");
    expect(html).toContain("sohoa progress scope set");
    expect(html).not.toMatch(/2 trên 0/);
    expect(renderTable(r, "en")).toContain("no valid results (scope) are set for 2024");
  });

  it("HTML carries the generation time, the plan and its source", () => {
    const html = renderHtml(history, { generatedAt: AT });
    expect(html).toContain("Thời điểm lập báo cáo: 2026-11-30 10:00:00 (UTC+7)");
    expect(html).toContain("Căn cứ: Decision 468/QĐ-TTg of 27/3/2021");
    expect(html).toContain('<html lang="vi">');
  });
});

describe("XLSX export", () => {
  it("opens and reads back: one sheet per level, the unit table, formats and frozen headers", async () => {
    const bytes = await renderXlsx(report, { generatedAt: AT });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "Tổng hợp",
      "Cấp tỉnh",
      "Cấp huyện",
      "Cấp xã",
      "Đơn vị (cộng dồn)",
      "Hồ sơ",
    ]);

    const communes = wb.getWorksheet("Cấp xã")!;
    expect(communes.getRow(1).getCell(2).value).toBe("Đơn vị");
    expect(communes.getRow(2).values).toEqual([
      undefined,
      "95001",
      "Xã Đông An",
      "Cấp xã",
      40,
      20,
      0.5,
      0.55,
      5,
      2,
      "Chậm 5 điểm / 2 văn bản",
    ]);
    expect(communes.getRow(3).getCell(10).value).toBe("Đạt tiến độ");
    expect(communes.getRow(2).getCell(6).numFmt).toBe("0.0%");
    expect(communes.getRow(2).getCell(4).numFmt).toBe("#,##0");
    expect(communes.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(communes.getColumn(2).width).toBe(32);
    expect(communes.getRow(1).getCell(1).font).toMatchObject({ bold: true, name: "Times New Roman" });
    expect(communes.getRow(2).getCell(2).alignment).toMatchObject({ indent: 2 });

    const units = wb.getWorksheet("Đơn vị (cộng dồn)")!;
    const district = units.getRow(3).values as unknown[];
    expect(district.slice(1, 11)).toEqual([
      "951",
      "Huyện Đông",
      "Cấp huyện",
      200,
      109,
      0.545,
      0.575,
      3,
      6,
      "Chậm 3 điểm / 6 văn bản",
    ]);

    const summary = wb.getWorksheet("Tổng hợp")!;
    const cells = summary
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null);
    expect(cells).toContain("Quyết định 468/QĐ-TTg (national default)");
    expect(cells).toContain("Decision 468/QĐ-TTg of 27/3/2021");
    expect(cells).toContain("2026-11-30 10:00:00 (UTC+7)");
    const totalRow = summary
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === "Tổng cộng") as unknown[];
    expect(totalRow.slice(2, 6)).toEqual([400, 259, 0.6475, 0.6375]);
    expect(cells).toContain(0.7); // flow rate
    expect(cells).toContain(0.8); // full-points line

    const lists = wb.getWorksheet("Hồ sơ")!;
    expect(lists.getColumn(1).values.slice(2)).toEqual(DOSSIERS.slice(7));
  });
});
