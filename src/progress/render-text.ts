// Renders a progress report as an aligned text table, CSV or JSON.
import type { Figures } from "./figures.js";
import type { ProgressReport } from "./report.js";

/** A percentage with one decimal, or "–" where there is none. */
export function pct(x: number | null): string {
  return x === null ? "–" : `${x.toFixed(1)}%`;
}

/** A count, with one decimal only where a split merger made it fractional. */
export function num(x: number | null): string {
  if (x === null) return "–";
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** A signed gap in points: positive means behind. */
export function gap(x: number | null): string {
  return x === null ? "–" : `${x > 0 ? "+" : ""}${x.toFixed(1)}`;
}

function status(f: Figures): string {
  return f.onTrack === null ? "–" : f.onTrack ? "on track" : "behind";
}

function figureCells(f: Figures): string[] {
  return [num(f.scope), num(f.digitized), pct(f.ratePct), pct(f.targetPct), gap(f.gapPoints), num(f.gapDocs), status(f)];
}

const HEAD = ["scope", "digitized", "rate", "target", "gap pts", "gap docs", "status"];

/** Pads columns to their widest cell; numbers right-aligned. */
function align(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  return rows
    .map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

/** Units with their rolled-up figures (a leaf's equal its own), then levels and the total. */
export function renderTable(report: ProgressReport): string {
  const rows = [["unit", "level", ...HEAD]];
  for (const u of report.units) rows.push([`${"  ".repeat(u.depth)}${u.code} ${u.name}`, u.level, ...figureCells(u.rollup)]);
  const levels = [["level (own figures)", "", ...HEAD]];
  for (const [level, f] of Object.entries(report.levels)) levels.push([level, "", ...figureCells(f!)]);
  levels.push(["total", "", ...figureCells(report.total)]);
  const out = [`Progress ${report.year} against ${report.plan.name}`, "", align(rows), "", align(levels)];
  if (report.unknownUnits.length) out.push("", `Units not in the registry (total only): ${report.unknownUnits.join(", ")}`);
  const d = report.dossiers;
  if (d) {
    out.push("", `Dossiers: ${d.withResult}/${d.dossiers} with a digitized result; ${d.withoutResultCount} without, ${d.resultsWithoutDossierCount} results without a dossier`);
    if (d.withoutResult.length) out.push(`  without result: ${d.withoutResult.join(", ")}`);
    if (d.resultsWithoutDossier.length) out.push(`  results without dossier: ${d.resultsWithoutDossier.map((l) => l.docId.slice(0, 12)).join(", ")}`);
  }
  return `${out.join("\n")}\n`;
}

/** Quotes a CSV cell when it needs it. */
function csvCell(v: string | number | boolean | null | undefined): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FIG_KEYS = ["scope", "digitized", "ratePct", "targetPct", "expected", "gapPoints", "gapDocs", "onTrack"] as const;

/** One row per unit with own and rolled-up figures, then one per level and the total. */
export function renderCsv(report: ProgressReport): string {
  const head = ["year", "kind", "code", "name", "level", "parent", ...FIG_KEYS.map((k) => `own_${k}`), ...FIG_KEYS.map((k) => `rollup_${k}`)];
  const lines = [head.join(",")];
  const figs = (f: Figures) => FIG_KEYS.map((k) => f[k]);
  const line = (cells: (string | number | boolean | null | undefined)[]) => lines.push(cells.map(csvCell).join(","));
  for (const u of report.units) {
    line([report.year, "unit", u.code, u.name, u.level, u.parent ?? "", ...figs(u.own), ...figs(u.rollup)]);
  }
  for (const [level, f] of Object.entries(report.levels)) {
    line([report.year, "level", level, level, level, "", ...figs(f!), ...figs(f!)]);
  }
  line([report.year, "total", "", "total", "", "", ...figs(report.total), ...figs(report.total)]);
  return `${lines.join("\n")}\n`;
}

export function renderJson(report: ProgressReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
