// Reads what a report needs from a ProgressStore and computes one year's report, or a run of years.
import type { Level } from "../types.js";
import { DECISION_468, type Plan } from "./plan.js";
import { computeReport, type ProgressReport } from "./report.js";
import type { ProgressStore } from "./types.js";
import { UnitRegistry } from "./unit-registry.js";

export interface BuildReportOptions {
  year: number;
  plan?: Plan;
  unit?: string;
  level?: Level;
  /** First year of the history (for the level-by-year chart). @defaultValue the report year */
  fromYear?: number;
  /** Match the dossier list (reads every recorded document of the year). @defaultValue true */
  dossiers?: boolean;
}

/** One report per year from `fromYear` to `year`, ascending; the last is the asked-for year. */
export async function buildReports(
  store: ProgressStore,
  options: BuildReportOptions,
): Promise<ProgressReport[]> {
  const plan = options.plan ?? DECISION_468;
  const units = new UnitRegistry(await store.loadUnits());
  const [digitized, scope, dossiers] = await Promise.all([store.counts(), store.scopes(), store.dossiers()]);
  const wantDossiers = options.dossiers !== false && dossiers.length > 0;
  const reports: ProgressReport[] = [];
  for (let y = options.fromYear ?? options.year; y <= options.year; y++) {
    const last = y === options.year;
    const links = last && wantDossiers ? await store.links({ year: y }) : [];
    reports.push(
      computeReport(
        { year: y, units, plan, digitized, scope, ...(last && wantDossiers ? { dossiers, links } : {}) },
        {
          ...(options.unit ? { unit: options.unit } : {}),
          ...(options.level ? { level: options.level } : {}),
        },
      ),
    );
  }
  return reports;
}
