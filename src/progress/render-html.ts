// Renders a progress report as one offline HTML file: inline SVG charts, tables and lists, no scripts.
import type { Figures } from "./figures.js";
import { forecasts } from "./forecast.js";
import { fmtNum, fmtPct, fmtTime, statusText, words, type Lang } from "./i18n.js";
import { FULL_POINTS_PCT, type ProgressReport } from "./report.js";
import { esc, gapChart, LEVEL_COLOURS, levelYearChart, type GapBar } from "./svg-charts.js";
import { trendChart, type TrendSeries } from "./trend-chart.js";
import { LEVELS } from "../types.js";

export interface HtmlOptions {
  /** Units shown in the gap chart. @defaultValue 25 */
  gapChartUnits?: number;
  /** @defaultValue "vi" */
  lang?: Lang;
  /** When the report was made. @defaultValue now */
  generatedAt?: Date;
}

const CSS = `body{font-family:"Times New Roman",system-ui,"Segoe UI",Arial,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;font-size:13px;margin:12px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#e8eef7}td.l,th.l{text-align:left}.behind{color:#b3161b;font-weight:600}.ok{color:#1b7a1b}
.meta{color:#555}.hint{background:#fff4d6;border:1px solid #e0c060;padding:8px 12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #ddd;background:#fff}`;

/** Renders a report; `history` holds one report per year (ascending) and the last one is the main report. */
export function renderHtml(history: ProgressReport[], options: HtmlOptions = {}): string {
  const lang = options.lang ?? "vi";
  const w = words(lang);
  const report = history[history.length - 1]!;
  const n = (x: number | null) => fmtNum(x, lang);
  const p = (x: number | null) => fmtPct(x, lang);
  const status = (f: Figures): string => {
    const text = esc(statusText(f, lang));
    return f.onTrack === null ? text : `<span class="${f.onTrack ? "ok" : "behind"}">${text}</span>`;
  };
  const cells = (f: Figures): string =>
    [n(f.scope), n(f.digitized), p(f.ratePct), p(f.targetPct), n(f.gapPoints), n(f.gapDocs)]
      .map((c) => `<td>${c}</td>`)
      .join("") + `<td class="l">${status(f)}</td>`;
  const h = w.head;
  const head =
    [h.scope, h.digitized, h.rate, h.target, h.gapPoints, h.gapDocs]
      .map((t) => `<th>${esc(t)}</th>`)
      .join("") + `<th class="l">${esc(h.status)}</th>`;
  const labels = { levels: w.levels, target: w.targetKey, gapAxis: w.gapAxis };

  const bars: GapBar[] = report.units
    .filter((u) => u.own.gapPoints !== null)
    .map((u) => ({
      label: `${u.code} ${u.name}`,
      gapPoints: u.own.gapPoints!,
      ratePct: u.own.ratePct!,
      targetPct: u.own.targetPct!,
    }))
    .sort((a, b) => b.gapPoints - a.gapPoints || a.label.localeCompare(b.label))
    .slice(0, options.gapChartUnits ?? 25);
  const fc = forecasts(history, w.total);
  const levelSeries: TrendSeries[] = LEVELS.flatMap((l) => {
    const points = history.flatMap((r) =>
      r.levels[l]?.ratePct != null ? [{ year: r.year, ratePct: r.levels[l]!.ratePct! }] : [],
    );
    return points.length ? [{ key: l, label: w.levels[l], colour: LEVEL_COLOURS[l], points }] : [];
  });
  const totalSeries: TrendSeries = {
    key: "total",
    label: w.total,
    colour: "#000",
    points: fc[0]!.points,
    reachYear: fc[0]!.reachYear,
  };

  const unitRows = report.units
    .map(
      (u) =>
        `<tr><td class="l" style="padding-left:${8 + 16 * u.depth}px">${esc(u.code)} ${esc(u.name)}</td>` +
        `<td class="l">${esc(w.levels[u.level])}</td>${cells(u.rollup)}</tr>`,
    )
    .join("\n");
  const levelRows = LEVELS.filter((l) => report.levels[l])
    .map((l) => `<tr><td class="l">${esc(w.levels[l])}</td>${cells(report.levels[l]!)}</tr>`)
    .join("\n");
  const forecastRows = fc
    .map((f) => {
      const reach = f.reached
        ? w.reached
        : f.pacePoints === null
          ? w.tooFewYears
          : f.reachYear === null
            ? w.never
            : String(f.reachYear);
      const pace = f.pacePoints === null ? "–" : w.pace(fmtNum(Math.round(f.pacePoints * 10) / 10, lang));
      return (
        `<tr><td class="l" style="padding-left:${8 + 16 * f.depth}px">${esc(f.code ? `${f.code} ${f.name}` : f.name)}</td>` +
        `<td>${p(f.ratePct)}</td><td>${esc(pace)}</td><td>${esc(reach)}</td></tr>`
      );
    })
    .join("\n");

  const t = report.total;
  const noScopeUnits = report.units.filter((u) => u.own.scope === 0 && u.own.digitized > 0).length;
  const summary =
    t.scope > 0
      ? `<p id="total">${esc(w.totalLine(n(t.digitized), n(t.scope), p(t.ratePct), p(t.targetPct)))} <b>${status(t)}</b></p>`
      : `<p id="total" class="hint">${esc(w.noScope(n(t.digitized), report.year))}<br>${esc(w.noScopeHint)}</p>`;
  const partial =
    t.scope > 0 && noScopeUnits
      ? `<p class="hint">${esc(w.unitsNoScope(noScopeUnits))} ${esc(w.noScopeHint)}</p>`
      : "";
  const meta =
    `<p class="meta">${esc(w.generated)}: ${fmtTime(options.generatedAt ?? new Date())}<br>${esc(w.plan)}: ${esc(report.plan.name)}` +
    (report.plan.source ? `<br>${esc(w.planSource)}: ${esc(report.plan.source)}` : "") +
    "</p>";

  return (
    `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(w.title(report.year))}</title><style>${CSS}</style></head>
<body>
<h1>${esc(w.title(report.year))}</h1>
${meta}
${summary}${partial}
${flowSection(report, lang)}
<div class="charts">
${trendChart([totalSeries, ...levelSeries], w.trendTitle)}
${levelYearChart(
  history.map((r) => ({ year: r.year, levels: r.levels })),
  w.levelChartTitle,
  labels,
)}
${gapChart(bars, w.gapChartTitle(report.year, bars.length), labels)}
</div>
<h2>${esc(w.perLevel)}</h2>
<table id="levels"><tr><th class="l">${esc(h.level)}</th>${head}</tr>
${levelRows}
<tr><td class="l"><b>${esc(w.total)}</b></td>${cells(t)}</tr></table>
<h2>${esc(w.perUnit)}</h2>
<table id="units"><tr><th class="l">${esc(h.unit)}</th><th class="l">${esc(h.level)}</th>${head}</tr>
${unitRows}
</table>
<h2>${esc(w.forecastTitle)}</h2>
<table id="forecast"><tr><th class="l">${esc(w.forecastHead.unit)}</th><th>${esc(w.forecastHead.rate)}</th>` +
    `<th>${esc(w.forecastHead.pace)}</th><th>${esc(w.forecastHead.reach)}</th></tr>
${forecastRows}
</table>
${report.unknownUnits.length ? `<p>${esc(w.unknownUnits)}: ${report.unknownUnits.map(esc).join(", ")}</p>` : ""}
</body></html>
`
  );
}

/** The Decision 766 flow indicator beside the stock rate, with the lists to act on. */
function flowSection(report: ProgressReport, lang: Lang): string {
  const d = report.dossiers;
  if (!d) return "";
  const w = words(lang);
  const verdict =
    d.flowPct === null
      ? ""
      : d.flowPct >= FULL_POINTS_PCT
        ? `<span class="ok">${esc(w.flowFull)}</span>`
        : `<span class="behind">` +
          `${esc(w.flowShort(fmtNum(Math.round((FULL_POINTS_PCT - d.flowPct) * 10) / 10, lang), d.toFullPoints))}</span>`;
  const list = (title: string, items: string[], more: number) =>
    `<details${items.length ? " open" : ""}><summary>${esc(title)}</summary>` +
    `<p>${items.map(esc).join(", ")}${more > items.length ? ", …" : ""}</p></details>`;
  return `<h2>${esc(w.flowTitle)}</h2>
<p id="flow">${esc(w.flowLine(d.withResult, d.dossiers, fmtPct(d.flowPct, lang)))} ${verdict}</p>
${list(w.withoutResult(d.withoutResultCount), d.withoutResult, d.withoutResultCount)}
${list(
  w.resultsWithoutDossier(d.resultsWithoutDossierCount),
  d.resultsWithoutDossier.map((l) => `${l.unit}: ${l.docId.slice(0, 12)}`),
  d.resultsWithoutDossierCount,
)}`;
}
