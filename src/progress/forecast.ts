// Trend of the stock rate per year and the year a unit reaches 100% at its current pace (least-squares line).
import type { ProgressReport } from "./report.js";

export interface TrendPoint {
  year: number;
  ratePct: number;
}

export interface Forecast {
  code: string;
  name: string;
  depth: number;
  points: TrendPoint[];
  /** Rate of the last year with one. */
  ratePct: number | null;
  /** Points gained per year (slope of the least-squares line); null with fewer than two years. */
  pacePoints: number | null;
  /** First year the line reaches 100%; the last year when already there; null when it never does at this pace. */
  reachYear: number | null;
  reached: boolean;
}

/** Slope of the least-squares line through the points. */
export function slope(points: TrendPoint[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.year, 0) / n;
  const my = points.reduce((a, p) => a + p.ratePct, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.year - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.year - mx) * (p.ratePct - my), 0);
  return sxx === 0 ? null : sxy / sxx;
}

/** The forecast for one series of yearly rates. */
export function forecastOf(code: string, name: string, depth: number, points: TrendPoint[]): Forecast {
  const last = points[points.length - 1];
  const pace = slope(points);
  const f: Forecast = {
    code,
    name,
    depth,
    points,
    ratePct: last?.ratePct ?? null,
    pacePoints: pace,
    reachYear: null,
    reached: false,
  };
  if (!last) return f;
  if (last.ratePct >= 100 - 1e-9) return { ...f, reached: true, reachYear: last.year };
  // From the last observed rate onward at the fitted pace: what a manager reads as "at this speed".
  if (pace !== null && pace > 1e-9) f.reachYear = last.year + Math.ceil((100 - last.ratePct) / pace - 1e-9);
  return f;
}

/** One forecast per unit of the last report (rolled-up rates), plus the total first. */
export function forecasts(history: ProgressReport[], totalLabel: string): Forecast[] {
  const last = history[history.length - 1];
  if (!last) return [];
  const series = (pick: (r: ProgressReport) => number | null | undefined): TrendPoint[] =>
    history.flatMap((r) => {
      const v = pick(r);
      return v === null || v === undefined ? [] : [{ year: r.year, ratePct: v }];
    });
  const out = [
    forecastOf(
      "",
      totalLabel,
      0,
      series((r) => r.total.ratePct),
    ),
  ];
  for (const u of last.units) {
    out.push(
      forecastOf(
        u.code,
        u.name,
        u.depth,
        series((r) => r.units.find((x) => x.code === u.code)?.rollup.ratePct),
      ),
    );
  }
  return out;
}
