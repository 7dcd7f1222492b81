// Scope, digitized, rate, target and gap of one unit or one aggregate, from summed raw numbers.

/** Raw sums that aggregate by addition; every derived figure comes from these. */
export interface Sums {
  scope: number;
  digitized: number;
  /** Σ scope × target over the units that have a target: the documents the plan expects. */
  expected: number;
  /** Σ scope over the units that have a target. */
  scopeWithTarget: number;
}

/** What a report shows for a unit or an aggregate; percentages are 0..100, gaps in points and documents. */
export interface Figures {
  scope: number;
  digitized: number;
  ratePct: number | null;
  targetPct: number | null;
  /** Documents the plan expects digitized by now. */
  expected: number | null;
  /** Target minus rate, in points: positive means behind the plan. */
  gapPoints: number | null;
  /** Documents still missing to reach the target (0 when on track). */
  gapDocs: number | null;
  onTrack: boolean | null;
}

export function emptySums(): Sums {
  return { scope: 0, digitized: 0, expected: 0, scopeWithTarget: 0 };
}

/** Adds `b` into `a` (in place), optionally scaled. */
export function addSums(a: Sums, b: Sums, weight = 1): Sums {
  a.scope += b.scope * weight;
  a.digitized += b.digitized * weight;
  a.expected += b.expected * weight;
  a.scopeWithTarget += b.scopeWithTarget * weight;
  return a;
}

// Weighted splits of merged units leave float dust; a rate of 59.99999999 is 60.
const EPS = 1e-9;

/** Rounds away float dust, keeping real fractions from weighted splits. */
export function clean(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Derives the shown figures from sums. */
export function figuresOf(s: Sums): Figures {
  const ratePct = s.scope > 0 ? clean((100 * s.digitized) / s.scope) : null;
  const hasTarget = s.scopeWithTarget > 0;
  const targetPct = hasTarget ? clean((100 * s.expected) / s.scopeWithTarget) : null;
  const expected = hasTarget ? clean(s.expected) : null;
  const gapPoints = ratePct !== null && targetPct !== null ? clean(targetPct - ratePct) : null;
  const gapDocs = expected !== null ? clean(Math.max(0, Math.ceil(expected - s.digitized - EPS))) : null;
  const onTrack = ratePct !== null && targetPct !== null ? ratePct + EPS >= targetPct : null;
  return {
    scope: clean(s.scope),
    digitized: clean(s.digitized),
    ratePct,
    targetPct,
    expected,
    gapPoints,
    gapDocs,
    onTrack,
  };
}
