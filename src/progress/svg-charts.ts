// Inline SVG charts for the HTML report, drawn here so the report needs no script and no network.
import { LEVELS, type Level } from "../types.js";

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const LEVEL_COLOURS: Record<Level, string> = {
  central: "#6b4c9a",
  provincial: "#1f77b4",
  district: "#ff7f0e",
  commune: "#2ca02c",
};

export interface LevelYearPoint {
  year: number;
  levels: Partial<Record<Level, { ratePct: number | null; targetPct: number | null }>>;
}

/** Words of the charts in the report's language; English where absent. */
export interface ChartLabels {
  levels?: Partial<Record<Level, string>>;
  target?: string;
  gapAxis?: string;
  total?: string;
}

const f1 = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Grouped bars: for each year, each level's rate, with its target as a black tick across the bar. */
export function levelYearChart(points: LevelYearPoint[], title: string, labels: ChartLabels = {}): string {
  const levels = LEVELS.filter((l) => points.some((p) => p.levels[l]));
  const W = 760,
    H = 320,
    left = 44,
    right = 12,
    top = 34,
    bottom = 46;
  const plotW = W - left - right,
    plotH = H - top - bottom;
  const groupW = plotW / Math.max(1, points.length);
  const barW = Math.min(28, (groupW - 12) / Math.max(1, levels.length));
  const y = (pct: number): number => top + plotH - (Math.min(pct, 110) / 110) * plotH;
  const parts: string[] = [];
  for (const t of [0, 20, 40, 60, 80, 100]) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${f1(y(t))}" y2="${f1(y(t))}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${f1(y(t) + 4)}" text-anchor="end" font-size="11">${t}%</text>`);
  }
  points.forEach((p, gi) => {
    const gx = left + gi * groupW + (groupW - barW * levels.length) / 2;
    levels.forEach((level, li) => {
      const v = p.levels[level];
      if (!v) return;
      const x = gx + li * barW;
      if (v.ratePct !== null) {
        const h = Math.max(1, y(0) - y(v.ratePct));
        parts.push(
          `<rect class="bar" x="${f1(x)}" y="${f1(y(0) - h)}" width="${f1(barW - 2)}" height="${f1(h)}" ` +
            `fill="${LEVEL_COLOURS[level]}"><title>${p.year} ${level}: ${f1(v.ratePct)}% ` +
            `(target ${v.targetPct === null ? "–" : `${f1(v.targetPct)}%`})</title></rect>`,
        );
      }
      if (v.targetPct !== null) {
        parts.push(
          `<line class="target" x1="${f1(x - 1)}" x2="${f1(x + barW - 1)}" ` +
            `y1="${f1(y(v.targetPct))}" y2="${f1(y(v.targetPct))}" stroke="#000" stroke-width="3"/>`,
        );
      }
    });
    parts.push(
      `<text x="${f1(left + gi * groupW + groupW / 2)}" y="${H - bottom + 16}" text-anchor="middle" font-size="12">${p.year}</text>`,
    );
  });
  const legend = levels
    .map(
      (l, i) =>
        `<rect x="${left + i * 120}" y="${H - 18}" width="12" height="12" fill="${LEVEL_COLOURS[l]}"/>` +
        `<text x="${left + i * 120 + 16}" y="${H - 8}" font-size="12">${esc(labels.levels?.[l] ?? l)}</text>`,
    )
    .join("");
  const targetKey =
    `<line x1="${left + levels.length * 120}" x2="${left + levels.length * 120 + 14}" ` +
    `y1="${H - 12}" y2="${H - 12}" stroke="#000" stroke-width="3"/>` +
    `<text x="${left + levels.length * 120 + 18}" y="${H - 8}" font-size="12">${esc(labels.target ?? "target")}</text>`;
  return `<svg class="chart" id="chart-levels" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="${left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>${parts.join("")}${legend}${targetKey}</svg>`;
}

export interface GapBar {
  label: string;
  gapPoints: number;
  ratePct: number;
  targetPct: number;
}

/** Horizontal bars of the gap to target in points, worst first; red is behind, green ahead. */
export function gapChart(bars: GapBar[], title: string, labels: ChartLabels = {}): string {
  const rowH = 20,
    W = 760,
    top = 34,
    labelW = 260,
    right = 60;
  const H = top + Math.max(1, bars.length) * rowH + 24;
  const maxAbs = Math.max(10, ...bars.map((b) => Math.abs(b.gapPoints)));
  const plotW = W - labelW - right;
  const zero = labelW + (plotW * maxAbs) / (2 * maxAbs);
  const scale = plotW / (2 * maxAbs);
  const parts = [`<line x1="${f1(zero)}" x2="${f1(zero)}" y1="${top - 4}" y2="${H - 20}" stroke="#888"/>`];
  bars.forEach((b, i) => {
    const yy = top + i * rowH;
    const w = Math.max(1, Math.abs(b.gapPoints) * scale);
    const x = b.gapPoints >= 0 ? zero : zero - w;
    const colour = b.gapPoints > 0 ? "#d62728" : "#2ca02c";
    parts.push(
      `<text x="${labelW - 6}" y="${yy + 14}" text-anchor="end" font-size="11">${esc(b.label)}</text>`,
    );
    parts.push(
      `<rect class="bar" x="${f1(x)}" y="${yy + 3}" width="${f1(w)}" height="${rowH - 6}" fill="${colour}">` +
        `<title>${esc(b.label)}: rate ${f1(b.ratePct)}%, target ${f1(b.targetPct)}%</title></rect>`,
    );
    parts.push(
      `<text x="${f1(b.gapPoints >= 0 ? x + w + 4 : x - 4)}" y="${yy + 14}" font-size="11" ` +
        `text-anchor="${b.gapPoints >= 0 ? "start" : "end"}">${b.gapPoints > 0 ? "+" : ""}${f1(b.gapPoints)}</text>`,
    );
  });
  parts.push(
    `<text x="${f1(zero)}" y="${H - 6}" text-anchor="middle" font-size="11">` +
      `${esc(labels.gapAxis ?? "gap to target (points; right = behind)")}</text>`,
  );
  return `<svg class="chart" id="chart-gaps" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}"><text x="8" y="20" font-size="14" font-weight="bold">${esc(title)}</text>${parts.join("")}</svg>`;
}
