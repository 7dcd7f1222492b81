// The trend chart of the HTML report: the rate per year toward the 100% line, each series' projection dashed.
import { esc } from "./svg-charts.js";

const f1 = (x: number): string => (Math.round(x * 10) / 10).toString();

export interface TrendSeries {
  key: string;
  label: string;
  colour: string;
  points: { year: number; ratePct: number }[];
  /** Projected year of 100%, drawn as a dashed line from the last point. */
  reachYear?: number | null;
}

/** Lines of the rate per year toward the 100% line, with each series' projection dashed. */
export function trendChart(series: TrendSeries[], title: string): string {
  const years = series.flatMap((s) => [
    ...s.points.map((p) => p.year),
    ...(s.reachYear ? [s.reachYear] : []),
  ]);
  // No rate in any year (no scope yet): an empty frame rather than an axis from -∞ to ∞.
  const y0 = years.length ? Math.min(...years) : new Date().getFullYear(),
    y1 = Math.max(y0 + 1, ...years);
  if (y1 - y0 > 100) throw new RangeError(`trend chart spans ${y0}–${y1}`);
  const W = 760,
    H = 320,
    left = 44,
    right = 16,
    top = 34,
    bottom = 46;
  const x = (year: number): number => left + ((year - y0) / (y1 - y0)) * (W - left - right);
  const y = (pct: number): number => top + (H - top - bottom) * (1 - Math.min(pct, 110) / 110);
  const parts: string[] = [];
  for (const t of [0, 20, 40, 60, 80, 100]) {
    parts.push(
      `<line x1="${left}" x2="${W - right}" y1="${f1(y(t))}" y2="${f1(y(t))}" ` +
        `stroke="${t === 100 ? "#000" : "#ddd"}"${t === 100 ? ' stroke-dasharray="6 3"' : ""}/>`,
    );
    parts.push(`<text x="${left - 6}" y="${f1(y(t) + 4)}" text-anchor="end" font-size="11">${t}%</text>`);
  }
  for (let yr = y0; yr <= y1; yr++)
    parts.push(
      `<text x="${f1(x(yr))}" y="${H - bottom + 16}" text-anchor="middle" font-size="12">${yr}</text>`,
    );
  series.forEach((s, i) => {
    if (!s.points.length) return;
    const path = s.points.map((p, j) => `${j ? "L" : "M"}${f1(x(p.year))},${f1(y(p.ratePct))}`).join(" ");
    parts.push(
      `<path class="trend" data-key="${esc(s.key)}" d="${path}" fill="none" stroke="${s.colour}" stroke-width="2.5"/>`,
    );
    for (const p of s.points)
      parts.push(
        `<circle cx="${f1(x(p.year))}" cy="${f1(y(p.ratePct))}" r="3" fill="${s.colour}">` +
          `<title>${esc(s.label)} ${p.year}: ${f1(p.ratePct)}%</title></circle>`,
      );
    const last = s.points[s.points.length - 1]!;
    if (s.reachYear && s.reachYear > last.year) {
      parts.push(
        `<line class="projection" x1="${f1(x(last.year))}" y1="${f1(y(last.ratePct))}" ` +
          `x2="${f1(x(s.reachYear))}" y2="${f1(y(100))}" stroke="${s.colour}" stroke-dasharray="4 4"/>`,
      );
    }
    parts.push(
      `<rect x="${left + i * 130}" y="${H - 18}" width="12" height="12" fill="${s.colour}"/>` +
        `<text x="${left + i * 130 + 16}" y="${H - 8}" font-size="12">${esc(s.label)}</text>`,
    );
  });
  return `<svg class="chart" id="chart-trend" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>${parts.join("")}</svg>`;
}
