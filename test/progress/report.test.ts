// Hand-computed rates, targets, gaps and roll-ups of a made-up province through the 1/7/2025 merger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeReport,
  DECISION_468,
  LocalProgressStore,
  readUnitsCsv,
  UnitRegistry,
  type ProgressReport,
  type UnitProgress,
} from "../../src/progress/index.js";
import { FIXTURES, load, makeDocs, tempDir, type YearData } from "./helpers.js";

// [unit, scope, digitized]
const DATA: YearData = {
  2021: [
    ["B01", 10, 4],
    ["90", 100, 30],
    ["901", 50, 10],
    ["902", 40, 8],
    ["90001", 20, 3],
    ["90002", 20, 2],
    ["90003", 10, 2],
  ],
  2022: [
    ["B01", 10, 10],
    ["90", 100, 50],
    ["90001", 20, 6],
  ],
  2024: [
    ["90", 100, 95],
    ["901", 50, 40],
    ["902", 40, 30],
    ["90001", 20, 15],
    ["90002", 20, 16],
    ["90003", 10, 5],
  ],
  // First half under the old units, second half under the merged commune; all of 2025 rolls up to the successors.
  2025: [
    ["90", 100, 90],
    ["901", 30, 24],
    ["902", 20, 20],
    ["90001", 10, 10],
    ["90002", 10, 6],
    ["90101", 20, 19],
    ["90003", 10, 9],
  ],
  // One 2026 result still written with the old commune code 90001.
  2026: [
    ["90", 50, 45],
    ["90101", 30, 29],
    ["90001", 0, 1],
    ["90003", 10, 10],
  ],
};

let store: LocalProgressStore;
let registry: UnitRegistry;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.remove;
  store = await LocalProgressStore.open(tmp.dir);
  registry = new UnitRegistry(await readUnitsCsv(`${FIXTURES}units-thu.csv`));
  await load(store, DATA);
  // A retried job records the same documents again: nothing may change.
  for (const doc of makeDocs("90", 2021, 30)) await store.record(doc);
});
afterAll(async () => {
  await store.close();
  await cleanup();
});

async function reportFor(year: number): Promise<ProgressReport> {
  return computeReport({
    year,
    units: registry,
    plan: DECISION_468,
    digitized: await store.counts(),
    scope: await store.scopes(),
  });
}
function row(report: ProgressReport, code: string): UnitProgress {
  const r = report.units.find((u) => u.code === code);
  if (!r) throw new Error(`no row ${code} in ${report.year}`);
  return r;
}

describe("progress report over a made-up province", () => {
  it("2021: own figures against Decision 468, roll-ups weighted by scope", async () => {
    const r = await reportFor(2021);
    expect(r.units.map((u) => `${"-".repeat(u.depth)}${u.code}`)).toEqual([
      "90",
      "-901",
      "--90001",
      "--90002",
      "-902",
      "--90003",
      "B01",
    ]);
    expect(row(r, "B01").own).toMatchObject({
      scope: 10,
      digitized: 4,
      ratePct: 40,
      targetPct: 40,
      gapPoints: 0,
      onTrack: true,
    });
    expect(row(r, "90").own).toMatchObject({
      scope: 100,
      digitized: 30,
      ratePct: 30,
      targetPct: 30,
      onTrack: true,
    });
    expect(row(r, "90002").own).toMatchObject({
      ratePct: 10,
      targetPct: 15,
      gapPoints: 5,
      gapDocs: 1,
      onTrack: false,
    });
    // 901: scope 50+20+20 = 90, digitized 10+3+2 = 15, expected 10+3+3 = 16.
    const d1 = row(r, "901").rollup;
    expect(d1).toMatchObject({ scope: 90, digitized: 15, expected: 16, gapDocs: 1, onTrack: false });
    expect(d1.ratePct).toBeCloseTo(16.6667, 3);
    expect(d1.targetPct).toBeCloseTo(17.7778, 3);
    expect(d1.gapPoints).toBeCloseTo(1.1111, 3);
    // 902: scope 50, digitized 10, expected 8 + 1.5 = 9.5.
    expect(row(r, "902").rollup).toMatchObject({
      scope: 50,
      digitized: 10,
      ratePct: 20,
      targetPct: 19,
      gapPoints: -1,
      gapDocs: 0,
      onTrack: true,
    });
    // Province: 240 in scope, 55 digitized, 55.5 expected.
    const p = row(r, "90").rollup;
    expect(p).toMatchObject({
      scope: 240,
      digitized: 55,
      expected: 55.5,
      targetPct: 23.125,
      gapDocs: 1,
      onTrack: false,
    });
    expect(p.ratePct).toBeCloseTo(22.9167, 3);
    expect(r.total).toMatchObject({
      scope: 250,
      digitized: 59,
      expected: 59.5,
      targetPct: 23.8,
      ratePct: 23.6,
      onTrack: false,
    });
    expect(r.levels.district).toMatchObject({
      scope: 90,
      digitized: 18,
      ratePct: 20,
      targetPct: 20,
      onTrack: true,
    });
    expect(r.levels.commune).toMatchObject({
      scope: 50,
      digitized: 7,
      ratePct: 14,
      targetPct: 15,
      gapDocs: 1,
      onTrack: false,
    });
  });

  it("2022: central jumps to 100%, the others +20 points", async () => {
    const r = await reportFor(2022);
    expect(row(r, "B01").own).toMatchObject({ ratePct: 100, targetPct: 100, onTrack: true });
    expect(row(r, "90").own).toMatchObject({ ratePct: 50, targetPct: 50, onTrack: true });
    expect(row(r, "90001").own).toMatchObject({ ratePct: 30, targetPct: 35, gapPoints: 5, gapDocs: 1 });
    // No scope set: no rate, but the unit is still listed.
    expect(row(r, "90002").own).toMatchObject({ scope: 0, ratePct: null, onTrack: null });
  });

  it("2024: before the change, old districts and communes stay as they were", async () => {
    const r = await reportFor(2024);
    expect(r.units.map((u) => u.code)).toEqual(["90", "901", "90001", "90002", "902", "90003", "B01"]);
    expect(row(r, "90003").own).toMatchObject({
      ratePct: 50,
      targetPct: 75,
      gapPoints: 25,
      gapDocs: 3,
      onTrack: false,
    });
    expect(row(r, "902").rollup).toMatchObject({
      scope: 50,
      digitized: 35,
      expected: 39.5,
      ratePct: 70,
      targetPct: 79,
      gapPoints: 9,
      gapDocs: 5,
    });
    expect(row(r, "90").rollup).toMatchObject({
      scope: 240,
      digitized: 201,
      expected: 199.5,
      ratePct: 83.75,
      targetPct: 83.125,
      onTrack: true,
    });
  });

  it("2025: districts abolished, A1+A2 merged; their figures roll into the successors", async () => {
    const r = await reportFor(2025);
    expect(r.units.map((u) => `${"-".repeat(u.depth)}${u.code}`)).toEqual(["90", "-90003", "-90101", "B01"]);
    expect(row(r, "90003").parent).toBe("90");
    // Province own: 90 + districts 901, 902 → scope 150, digitized 134, target 100.
    const own = row(r, "90").own;
    expect(own).toMatchObject({ scope: 150, digitized: 134, targetPct: 100, gapDocs: 16, onTrack: false });
    expect(own.ratePct).toBeCloseTo(89.3333, 3);
    // Merged commune: 10+10+20 in scope, 10+6+19 digitized, target 95.
    expect(row(r, "90101").own).toMatchObject({
      scope: 40,
      digitized: 35,
      ratePct: 87.5,
      targetPct: 95,
      gapPoints: 7.5,
      gapDocs: 3,
    });
    expect(row(r, "90").rollup).toMatchObject({
      scope: 200,
      digitized: 178,
      expected: 197.5,
      ratePct: 89,
      targetPct: 98.75,
      gapPoints: 9.75,
      gapDocs: 20,
    });
    expect(r.levels.district).toBeUndefined();
    expect(r.levels.commune).toMatchObject({
      scope: 50,
      digitized: 44,
      ratePct: 88,
      targetPct: 95,
      expected: 47.5,
      gapDocs: 4,
    });
  });

  it("2026: the commune target reaches 100% and an old code still lands in its successor", async () => {
    const r = await reportFor(2026);
    expect(row(r, "90101").own).toMatchObject({
      scope: 30,
      digitized: 30,
      ratePct: 100,
      targetPct: 100,
      onTrack: true,
    });
    expect(row(r, "90").rollup).toMatchObject({
      scope: 90,
      digitized: 85,
      targetPct: 100,
      gapDocs: 5,
      onTrack: false,
    });
    expect(row(r, "90").rollup.ratePct).toBeCloseTo(94.4444, 3);
  });

  it("filters by unit (subtree, with its own totals) and by level", async () => {
    const r = computeReport(
      {
        year: 2021,
        units: registry,
        plan: DECISION_468,
        digitized: await store.counts(),
        scope: await store.scopes(),
      },
      { unit: "902" },
    );
    expect(r.units.map((u) => u.code)).toEqual(["902", "90003"]);
    expect(r.total).toMatchObject({ scope: 50, digitized: 10, targetPct: 19 });
    const communes = computeReport(
      {
        year: 2021,
        units: registry,
        plan: DECISION_468,
        digitized: await store.counts(),
        scope: await store.scopes(),
      },
      { level: "commune" },
    );
    expect(communes.units.map((u) => u.code)).toEqual(["90001", "90002", "90003"]);
    expect(communes.total.scope).toBe(250);
  });

  it("counts figures of unknown units in the total and names them", () => {
    const r = computeReport({
      year: 2021,
      units: registry,
      plan: DECISION_468,
      digitized: [{ unit: "99999", year: 2021, count: 3 }],
      scope: [{ unit: "99999", year: 2021, count: 6 }],
    });
    expect(r.unknownUnits).toEqual(["99999"]);
    expect(r.total).toMatchObject({ scope: 6, digitized: 3, ratePct: 50, targetPct: null });
  });
});
