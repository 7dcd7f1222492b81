// Renders a progress report as an Excel workbook: a summary, one sheet per level, the unit table and the dossier lists.
import ExcelJS from "exceljs";
import { LEVELS, type Level } from "../types.js";
import type { Figures } from "./figures.js";
import { fmtTime, statusText, words, type Lang, type Words } from "./i18n.js";
import { FULL_POINTS_PCT, type ProgressReport, type UnitProgress } from "./report.js";

export interface XlsxOptions {
  /** @defaultValue "vi" */
  lang?: Lang;
  /** @defaultValue now */
  generatedAt?: Date;
}

const COUNT = "#,##0";
const COUNT_FRACTION = "#,##0.0";
const PERCENT = "0.0%";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Columns of a figures table: label columns first, then the figures. */
function figureColumns(w: Words, labels: { header: string; width: number }[]): Partial<ExcelJS.Column>[] {
  const h = w.head;
  return [
    ...labels.map((l) => ({ header: l.header, width: l.width })),
    { header: h.scope, width: 14, style: { numFmt: COUNT } },
    { header: h.digitized, width: 12, style: { numFmt: COUNT } },
    { header: h.rate, width: 10, style: { numFmt: PERCENT } },
    { header: h.target, width: 10, style: { numFmt: PERCENT } },
    { header: h.gapPoints, width: 12, style: { numFmt: COUNT_FRACTION } },
    { header: h.gapDocs, width: 14, style: { numFmt: COUNT } },
    { header: h.status, width: 34 },
  ];
}

/** Figures as cell values: percentages as fractions so Excel's % format shows them. */
function figureValues(f: Figures, lang: Lang): (number | string | null)[] {
  const frac = (x: number | null) => (x === null ? null : x / 100);
  return [
    f.scope,
    f.digitized,
    frac(f.ratePct),
    frac(f.targetPct),
    f.gapPoints,
    f.gapDocs,
    statusText(f, lang),
  ];
}

/** Bold, filled, bordered, wrapped header; frozen below it; filter on it. */
function styleTable(ws: ExcelJS.Worksheet, headerRow: number, filter = true): void {
  const row = ws.getRow(headerRow);
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.height = 32;
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
  for (let r = headerRow + 1; r <= ws.rowCount; r++)
    ws.getRow(r).eachCell({ includeEmpty: false }, (c) => {
      c.border = THIN;
    });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  if (filter)
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: ws.columnCount } };
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
}

/** Sheet names are at most 31 characters without []:*?/\ . */
function sheetName(s: string): string {
  return s.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

function unitSheet(
  wb: ExcelJS.Workbook,
  name: string,
  rows: UnitProgress[],
  pick: (u: UnitProgress) => Figures,
  w: Words,
  lang: Lang,
): void {
  const ws = wb.addWorksheet(sheetName(name));
  ws.columns = figureColumns(w, [
    { header: "Mã", width: 10 },
    { header: w.head.unit, width: 32 },
    { header: w.head.level, width: 12 },
  ]);
  if (lang === "en") ws.getRow(1).getCell(1).value = "Code";
  for (const u of rows) {
    const r = ws.addRow([u.code, u.name, w.levels[u.level], ...figureValues(pick(u), lang)]);
    r.getCell(2).alignment = { indent: u.depth };
  }
  styleTable(ws, 1);
}

/** The workbook as bytes. */
export async function renderXlsx(report: ProgressReport, options: XlsxOptions = {}): Promise<Buffer> {
  const lang = options.lang ?? "vi";
  const w = words(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = "sohoa";
  wb.created = options.generatedAt ?? new Date();

  const sum = wb.addWorksheet(sheetName(lang === "vi" ? "Tổng hợp" : "Summary"));
  sum.addRow([w.title(report.year)]).font = { bold: true, size: 14 };
  sum.addRow([w.generated, fmtTime(options.generatedAt ?? new Date())]);
  sum.addRow([w.plan, report.plan.name]);
  if (report.plan.source) sum.addRow([w.planSource, report.plan.source]);
  if (report.total.scope === 0)
    sum.addRow([w.noScope(String(report.total.digitized), report.year), w.noScopeHint]).font = {
      color: { argb: "FFB3161B" },
    };
  sum.addRow([]);
  const headerRow = sum.rowCount + 1;
  // Widths and formats only: a `header` here would overwrite the title in row 1.
  figureColumns(w, [{ header: "", width: 34 }]).forEach((c, i) => {
    const col = sum.getColumn(i + 1);
    col.width = c.width!;
    if (c.style?.numFmt) col.numFmt = c.style.numFmt;
  });
  sum.addRow([
    w.head.level,
    w.head.scope,
    w.head.digitized,
    w.head.rate,
    w.head.target,
    w.head.gapPoints,
    w.head.gapDocs,
    w.head.status,
  ]);
  for (const l of LEVELS)
    if (report.levels[l]) sum.addRow([w.levels[l], ...figureValues(report.levels[l]!, lang)]);
  sum.addRow([w.total, ...figureValues(report.total, lang)]).font = { bold: true };
  styleTable(sum, headerRow, false);
  const d = report.dossiers;
  if (d) {
    sum.addRow([]);
    sum.addRow([w.flowTitle]).font = { bold: true };
    const flow = sum.addRow([
      w.flowLine(d.withResult, d.dossiers, ""),
      d.dossiers,
      d.withResult,
      d.flowPct === null ? null : d.flowPct / 100,
      FULL_POINTS_PCT / 100,
    ]);
    flow.getCell(4).numFmt = PERCENT;
    flow.getCell(5).numFmt = PERCENT;
    sum.addRow([
      d.flowPct !== null && d.flowPct >= FULL_POINTS_PCT
        ? w.flowFull
        : w.flowShort(String(Math.round((FULL_POINTS_PCT - (d.flowPct ?? 0)) * 10) / 10), d.toFullPoints),
    ]);
  }

  for (const l of LEVELS) {
    const rows = report.units.filter((u) => u.level === l);
    if (rows.length) unitSheet(wb, w.levels[l], rows, (u) => u.own, w, lang);
  }
  unitSheet(
    wb,
    lang === "vi" ? "Đơn vị (cộng dồn)" : "Units (rolled up)",
    report.units,
    (u) => u.rollup,
    w,
    lang,
  );

  if (d) {
    const ws = wb.addWorksheet(sheetName(lang === "vi" ? "Hồ sơ" : "Dossiers"));
    ws.columns = [
      { header: w.withoutResult(d.withoutResultCount), width: 34 },
      { header: w.resultsWithoutDossier(d.resultsWithoutDossierCount), width: 34 },
      { header: w.head.unit, width: 12 },
    ];
    const n = Math.max(d.withoutResult.length, d.resultsWithoutDossier.length);
    for (let i = 0; i < n; i++) {
      const orphan = d.resultsWithoutDossier[i];
      ws.addRow([d.withoutResult[i] ?? null, orphan?.docId ?? null, orphan?.unit ?? null]);
    }
    styleTable(ws, 1);
  }
  // Times New Roman, as the administrative documents the sheets travel with (Decree 30/2020).
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        c.font = { ...c.font, name: "Times New Roman", size: c.font?.size ?? 12 };
      }),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type { Level };
