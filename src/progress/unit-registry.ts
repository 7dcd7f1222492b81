// The registry of administrative units, and where an old unit's figures go in a given year.
import type { Level, Successor, UnitRecord } from "./types.js";

/** A unit code with the share of the original unit's figures it receives. */
export interface WeightedUnit {
  code: string;
  weight: number;
}

/** Figures of year Y are reported as units stood on 31 December of Y (the reporting date). */
export function yearEnd(year: number): string {
  return `${year}-12-31`;
}

// Merger chains are short (commune → merged commune); a long one means a cycle in the table.
const MAX_CHAIN = 16;

export class UnitRegistry {
  private readonly byCode = new Map<string, UnitRecord>();

  constructor(units: readonly UnitRecord[] = []) {
    for (const unit of units) this.byCode.set(unit.code, unit);
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): UnitRecord | undefined {
    return this.byCode.get(code);
  }

  all(): UnitRecord[] {
    return [...this.byCode.values()];
  }

  /** Successors that have taken over `code` by the end of `year`, or none. */
  successorsIn(code: string, year: number): Successor[] | undefined {
    const unit = this.byCode.get(code);
    if (!unit?.successors?.length) return undefined;
    if (unit.successionDate && unit.successionDate > yearEnd(year)) return undefined;
    return unit.successors;
  }

  /**
   * Where the figures of `code` for `year` are reported: the unit itself before its succession,
   * its successors (transitively, weights multiplied) in the years after it.
   */
  resolve(code: string, year: number): WeightedUnit[] {
    const out = new Map<string, number>();
    const walk = (c: string, weight: number, depth: number): void => {
      const next = depth < MAX_CHAIN ? this.successorsIn(c, year) : undefined;
      if (!next) {
        out.set(c, (out.get(c) ?? 0) + weight);
        return;
      }
      for (const s of next) walk(s.code, weight * s.share, depth + 1);
    };
    walk(code, 1, 0);
    return [...out].map(([c, weight]) => ({ code: c, weight }));
  }

  /** Whether the unit exists, and has not been succeeded, at the end of `year`. */
  activeIn(code: string, year: number): boolean {
    const unit = this.byCode.get(code);
    if (!unit) return false;
    if (unit.validFrom && unit.validFrom > yearEnd(year)) return false;
    return this.successorsIn(code, year) === undefined;
  }

  /** The parent as it stands in `year`: an abolished district's communes hang under its successor. */
  parentIn(code: string, year: number): string | undefined {
    const parent = this.byCode.get(code)?.parent;
    if (!parent) return undefined;
    const targets = this.resolve(parent, year);
    // With a split parent, the largest share keeps the children.
    let best: WeightedUnit | undefined;
    for (const t of targets) if (!best || t.weight > best.weight) best = t;
    return best && best.code !== code ? best.code : undefined;
  }

  levelOf(code: string): Level | undefined {
    return this.byCode.get(code)?.level;
  }
}
