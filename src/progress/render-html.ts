// Renders a progress report as one offline HTML file: inline SVG charts and the unit table, no scripts.
import type { Figures } from "./figures.js";
import type { ProgressReport } from "./report.js";
import { gap, num, pct } from "./render-text.js";
import { esc, gapChart, levelYearChart, type GapBar } from "./svg-charts.js";

export interface HtmlOptions {
  /** Units shown in the gap chart. @defaultValue 25 */
  gapChartUnits?: number;
}

const CSS = `body{font-family:system-ui,"Segoe UI",Arial,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;font-size:13px;margin:12px 0}th,td{border-bottom:1px solid #e3e3e3;padding:3px 8px;text-align:right}
th{background:#f4f4f4}td.l,th.l{text-align:left}.behind{color:#b3161b;font-weight:600}.ok{color:#1b7a1b}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #ddd;background:#fff}`;

function status(f: Figures): string {
  if (f.onTrack === null) return "–";
  return f.onTrack ? `<span class="ok">on track</span>` : `<span class="behind">behind</span>`;
}

function cells(f: Figures): string {
  return [num(f.scope), num(f.digitized), pct(f.ratePct), pct(f.targetPct), gap(f.gapPoints), num(f.gapDocs)]
    .map((c) => `<td>${c}</td>`)
    .join("") + `<td>${status(f)}</td>`;
}

const HEAD = "<th>scope</th><th>digitized</th><th>rate</th><th>target</th><th>gap pts</th><th>gap docs</th><th>status</th>";

/** `history` holds one report per year (ascending) for the level chart; the last one is the main report. */
export function renderHtml(history: ProgressReport[], options: HtmlOptions = {}): string {
  const report = history[history.length - 1]!;
  const levelChart = levelYearChart(
    history.map((r) => ({ year: r.year, levels: r.levels })),
    "Rate against target per level and year",
  );
  const bars: GapBar[] = report.units
    .filter((u) => u.own.gapPoints !== null)
    .map((u) => ({ label: `${u.code} ${u.name}`, gapPoints: u.own.gapPoints!, ratePct: u.own.ratePct!, targetPct: u.own.targetPct! }))
    .sort((a, b) => b.gapPoints - a.gapPoints || a.label.localeCompare(b.label))
    .slice(0, options.gapChartUnits ?? 25);
  const unitRows = report.units
    .map((u) => `<tr><td class="l" style="padding-left:${8 + 16 * u.depth}px">${esc(u.code)} ${esc(u.name)}</td><td class="l">${u.level}</td>${cells(u.rollup)}</tr>`)
    .join("\n");
  const levelRows = Object.entries(report.levels)
    .map(([level, f]) => `<tr><td class="l">${level}</td>${cells(f!)}</tr>`)
    .join("\n");
  const d = report.dossiers;
  const dossierText = d
    ? `<h2>Dossiers</h2><p>${d.withResult} of ${d.dossiers} dossiers have a digitized result; ${d.withoutResultCount} have none; ${d.resultsWithoutDossierCount} digitized results have no dossier.</p>` +
      (d.withoutResult.length ? `<p>Without result: ${d.withoutResult.map(esc).join(", ")}</p>` : "")
    : "";
  const unknown = report.unknownUnits.length ? `<p>Units not in the registry (counted in the total only): ${report.unknownUnits.map(esc).join(", ")}</p>` : "";
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>sohoa progress ${report.year}</title><style>${CSS}</style></head>
<body>
<h1>Progress ${report.year}</h1>
<p>Plan: ${esc(report.plan.name)}. Total: ${num(report.total.digitized)} of ${num(report.total.scope)} results digitized (${pct(report.total.ratePct)}, target ${pct(report.total.targetPct)}).</p>
<div class="charts">
${levelChart}
${gapChart(bars, `Units by gap to target, ${report.year} (worst ${bars.length})`)}
</div>
<h2>Per level (own figures)</h2>
<table><tr><th class="l">level</th>${HEAD}</tr>
${levelRows}
<tr><td class="l"><b>total</b></td>${cells(report.total)}</tr></table>
<h2>Per unit (rolled up)</h2>
<table><tr><th class="l">unit</th><th class="l">level</th>${HEAD}</tr>
${unitRows}
</table>
${dossierText}${unknown}
</body></html>
`;
}
