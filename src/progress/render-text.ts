// Renders a progress report as an aligned text table, CSV or JSON.
import type { Figures } from "./figures.js";
import { LEVELS } from "../types.js";
import { fmtNum, fmtPct, statusText, words, type Lang } from "./i18n.js";
import { FULL_POINTS_PCT, type ProgressReport } from "./report.js";

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

/** Pads columns to their widest cell; numbers right-aligned. */
function align(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i < 2 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Units with their rolled-up figures (a leaf's equal its own), then levels and the total, in the report's language. */
export function renderTable(report: ProgressReport, lang: Lang = "vi"): string {
  const w = words(lang);
  const h = w.head;
  const head = [h.scope, h.digitized, h.rate, h.target, h.gapPoints, h.gapDocs, h.status];
  const cells = (f: Figures) => [
    fmtNum(f.scope, lang),
    fmtNum(f.digitized, lang),
    fmtPct(f.ratePct, lang),
    fmtPct(f.targetPct, lang),
    fmtNum(f.gapPoints, lang),
    fmtNum(f.gapDocs, lang),
    statusText(f, lang),
  ];
  const rows = [[h.unit, h.level, ...head]];
  for (const u of report.units)
    rows.push([`${"  ".repeat(u.depth)}${u.code} ${u.name}`, w.levels[u.level], ...cells(u.rollup)]);
  const levels = [[w.perLevel, "", ...head]];
  for (const l of LEVELS) if (report.levels[l]) levels.push([w.levels[l], "", ...cells(report.levels[l]!)]);
  levels.push([w.total, "", ...cells(report.total)]);
  const out = [`${w.title(report.year)}: ${w.plan} ${report.plan.name}`, "", align(rows), "", align(levels)];
  if (report.total.scope === 0)
    out.push("", w.noScope(fmtNum(report.total.digitized, lang), report.year), w.noScopeHint);
  if (report.unknownUnits.length) out.push("", `${w.unknownUnits}: ${report.unknownUnits.join(", ")}`);
  const d = report.dossiers;
  if (d) {
    out.push("", `${w.flowTitle}: ${w.flowLine(d.withResult, d.dossiers, fmtPct(d.flowPct, lang))}`);
    if (d.flowPct !== null) {
      const short = fmtNum(Math.round((FULL_POINTS_PCT - d.flowPct) * 10) / 10, lang);
      out.push(d.flowPct >= FULL_POINTS_PCT ? w.flowFull : w.flowShort(short, d.toFullPoints));
    }
    if (d.withoutResult.length)
      out.push(`  ${w.withoutResult(d.withoutResultCount)}: ${d.withoutResult.join(", ")}`);
    if (d.resultsWithoutDossier.length) {
      const ids = d.resultsWithoutDossier.map((l) => l.docId.slice(0, 12)).join(", ");
      out.push(`  ${w.resultsWithoutDossier(d.resultsWithoutDossierCount)}: ${ids}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Quotes a CSV cell when it needs it. */
function csvCell(v: string | number | boolean | null | undefined): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FIG_KEYS = [
  "scope",
  "digitized",
  "ratePct",
  "targetPct",
  "expected",
  "gapPoints",
  "gapDocs",
  "onTrack",
] as const;

/** One row per unit with own and rolled-up figures, then one per level and the total. */
export function renderCsv(report: ProgressReport): string {
  const head = [
    "year",
    "kind",
    "code",
    "name",
    "level",
    "parent",
    ...FIG_KEYS.map((k) => `own_${k}`),
    ...FIG_KEYS.map((k) => `rollup_${k}`),
  ];
  const lines = [head.join(",")];
  const figs = (f: Figures) => FIG_KEYS.map((k) => f[k]);
  const line = (cells: (string | number | boolean | null | undefined)[]) =>
    lines.push(cells.map(csvCell).join(","));
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
