// Computes a year's progress report: per unit (own and rolled up), per level and in total.
import { LEVELS, type Level } from "../types.js";
import { addSums, clean, emptySums, figuresOf, type Figures, type Sums } from "./figures.js";
import { targetPercent, type Plan } from "./plan.js";
import type { DocLink, DossierEntry, UnitYearCount } from "./types.js";
import type { UnitRegistry } from "./unit-registry.js";

/** Decision 766: the "Số hóa hồ sơ" group gives full points at this share of settled dossiers with a linked result. */
export const FULL_POINTS_PCT = 80;

export interface ReportInput {
  year: number;
  units: UnitRegistry;
  plan: Plan;
  /** Digitized documents per unit and year (any years: other years are ignored). */
  digitized: UnitYearCount[];
  /** Valid results in scope per unit and year, set or imported. */
  scope: UnitYearCount[];
  /** Dossier list; where a unit has no scope set for the year, its dossier count is its scope. */
  dossiers?: DossierEntry[];
  /** Recorded documents, for matching against the dossier list. */
  links?: DocLink[];
}

export interface ReportOptions {
  /** Only this unit's subtree (levels and total are then the subtree's). */
  unit?: string;
  /** Only rows of this level (levels and total stay whole). */
  level?: Level;
  /** At most this many dossier codes / document ids in each unmatched list. @defaultValue 200 */
  listLimit?: number;
}

export interface UnitProgress {
  code: string;
  name: string;
  level: Level;
  /** Parent as it stands in the report's year. */
  parent?: string;
  depth: number;
  own: Figures;
  rollup: Figures;
}

export interface DossierMatch {
  dossiers: number;
  withResult: number;
  /** Dossiers of the year with no digitized result (first `listLimit`). */
  withoutResult: string[];
  withoutResultCount: number;
  /** Decision 766 flow indicator: settled dossiers with a linked digitized result, in percent; null without dossiers. */
  flowPct: number | null;
  /** Dossiers still to link to reach the full-points line. */
  toFullPoints: number;
  /** Digitized results of units with a dossier list whose dossier code is missing or unknown. */
  resultsWithoutDossier: DocLink[];
  resultsWithoutDossierCount: number;
}

export interface ProgressReport {
  year: number;
  plan: { id: string; name: string; source?: string };
  total: Figures;
  levels: Partial<Record<Level, Figures>>;
  units: UnitProgress[];
  /** Unit codes with figures but not in the registry: counted in the total only. */
  unknownUnits: string[];
  dossiers?: DossierMatch;
}

/** Sums one (unit, count) list of the year into the units that carry it in that year. */
function spread(
  rows: UnitYearCount[],
  input: ReportInput,
  into: Map<string, number>,
  unknown: Set<string>,
): void {
  for (const r of rows) {
    if (r.year !== input.year) continue;
    for (const t of input.units.resolve(r.unit, input.year)) {
      if (!input.units.get(t.code)) unknown.add(t.code);
      into.set(t.code, (into.get(t.code) ?? 0) + r.count * t.weight);
    }
  }
}

/** The year's scope per raw unit: the set scope, else the number of listed dossiers. */
function scopeRows(input: ReportInput): UnitYearCount[] {
  const set = new Set(input.scope.filter((r) => r.year === input.year).map((r) => r.unit));
  const fromDossiers = new Map<string, number>();
  for (const d of input.dossiers ?? []) {
    if (d.year === input.year && !set.has(d.unit))
      fromDossiers.set(d.unit, (fromDossiers.get(d.unit) ?? 0) + 1);
  }
  return [...input.scope, ...[...fromDossiers].map(([unit, count]) => ({ unit, year: input.year, count }))];
}

export function computeReport(input: ReportInput, options: ReportOptions = {}): ProgressReport {
  const { year, units, plan } = input;
  const unknown = new Set<string>();
  const digitized = new Map<string, number>();
  const scope = new Map<string, number>();
  spread(input.digitized, input, digitized, unknown);
  spread(scopeRows(input), input, scope, unknown);

  const targets = new Map<Level, number | undefined>(LEVELS.map((l) => [l, targetPercent(plan, l, year)]));
  const ownSums = (code: string, level: Level | undefined): Sums => {
    const s = { ...emptySums(), scope: scope.get(code) ?? 0, digitized: digitized.get(code) ?? 0 };
    const t = level ? targets.get(level) : undefined;
    if (t !== undefined) {
      s.expected = (s.scope * t) / 100;
      s.scopeWithTarget = s.scope;
    }
    return s;
  };

  // The tree as it stands at the end of the year.
  const active = units.all().filter((u) => units.activeIn(u.code, year));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  const parentOf = new Map<string, string | undefined>();
  for (const u of active) {
    const p = units.parentIn(u.code, year);
    const parent = p && units.activeIn(p, year) ? p : undefined;
    parentOf.set(u.code, parent);
    if (parent) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(u.code);
    else roots.push(u.code);
  }

  const rows: UnitProgress[] = [];
  const rollups = new Map<string, Sums>();
  const visit = (code: string, depth: number): Sums => {
    const unit = units.get(code)!;
    const own = ownSums(code, unit.level);
    const row: UnitProgress = {
      code,
      name: unit.name,
      level: unit.level,
      depth,
      own: figuresOf(own),
      rollup: figuresOf(own),
    };
    const parent = parentOf.get(code);
    if (parent) row.parent = parent;
    rows.push(row);
    const total = addSums(emptySums(), own);
    for (const child of (children.get(code) ?? []).sort()) addSums(total, visit(child, depth + 1));
    row.rollup = figuresOf(total);
    rollups.set(code, total);
    return total;
  };
  for (const root of roots.sort()) visit(root, 0);

  // Restrict to a subtree: rows from the unit to the end of its descendants in depth-first order.
  let shown = rows;
  if (options.unit) {
    const start = rows.findIndex((r) => r.code === options.unit);
    if (start < 0) shown = [];
    else {
      let end = start + 1;
      while (end < rows.length && rows[end]!.depth > rows[start]!.depth) end++;
      shown = rows.slice(start, end);
    }
  }

  const levelSums = new Map<Level, Sums>();
  let total = emptySums();
  for (const r of shown) {
    const s = ownSums(r.code, r.level);
    addSums(levelSums.get(r.level) ?? levelSums.set(r.level, emptySums()).get(r.level)!, s);
  }
  if (options.unit) total = rollups.get(options.unit) ?? emptySums();
  else {
    for (const root of roots) addSums(total, rollups.get(root)!);
    for (const code of unknown) addSums(total, ownSums(code, undefined));
  }
  const levels: Partial<Record<Level, Figures>> = {};
  for (const l of LEVELS) {
    const s = levelSums.get(l);
    if (s) levels[l] = figuresOf(s);
  }

  const report: ProgressReport = {
    year,
    plan: { id: plan.id, name: plan.name, ...(plan.source ? { source: plan.source } : {}) },
    total: figuresOf(total),
    levels,
    units: options.level ? shown.filter((r) => r.level === options.level) : shown,
    unknownUnits: [...unknown].sort(),
  };
  if (input.dossiers?.length) {
    const inScope = options.unit ? new Set(shown.map((r) => r.code)) : undefined;
    report.dossiers = matchDossiers(input, options.listLimit ?? 200, inScope);
  }
  return report;
}

/** Matches the year's dossier list against recorded documents by dossier code. */
export function matchDossiers(input: ReportInput, limit: number, inScope?: Set<string>): DossierMatch {
  const { year, units } = input;
  const keep = (unit: string): boolean =>
    !inScope || units.resolve(unit, year).some((t) => inScope.has(t.code));
  const listed = (input.dossiers ?? []).filter((d) => d.year === year && keep(d.unit));
  const allCodes = new Set((input.dossiers ?? []).map((d) => d.dossierCode));
  const linked = new Set<string>();
  for (const l of input.links ?? []) if (l.dossierCode) linked.add(l.dossierCode);
  const missing = listed
    .filter((d) => !linked.has(d.dossierCode))
    .map((d) => d.dossierCode)
    .sort();
  const unitsWithList = new Set(listed.map((d) => d.unit));
  const orphans = (input.links ?? [])
    .filter(
      (l) => l.year === year && unitsWithList.has(l.unit) && !(l.dossierCode && allCodes.has(l.dossierCode)),
    )
    .sort((a, b) => a.docId.localeCompare(b.docId));
  const withResult = listed.length - missing.length;
  return {
    dossiers: listed.length,
    flowPct: listed.length ? clean((100 * withResult) / listed.length) : null,
    toFullPoints: Math.max(0, Math.ceil((FULL_POINTS_PCT * listed.length) / 100 - withResult - 1e-9)),
    withResult,
    withoutResult: missing.slice(0, limit),
    withoutResultCount: missing.length,
    resultsWithoutDossier: orphans.slice(0, limit),
    resultsWithoutDossierCount: orphans.length,
  };
}
