// Plan files, unit/scope/dossier CSVs and dossier codes: good input parses, bad input names file and path.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlanInvalidError, ProgressInputError } from "../../src/errors/index.js";
import {
  computeReport,
  DECISION_468,
  loadPlan,
  parseDossierCode,
  planTable,
  readDossiersCsv,
  readUnitsCsv,
  targetPercent,
  UnitRegistry,
} from "../../src/progress/index.js";
import { FIXTURES, tempDir } from "./helpers.js";

describe("plans", () => {
  it("Decision 468: 2021 40/30/20/15, then central 100 and +20 points a year capped at 100", () => {
    const rows = planTable(DECISION_468, 2020, 2026).map((r) => [
      r.year,
      r.targets.central,
      r.targets.provincial,
      r.targets.district,
      r.targets.commune,
    ]);
    expect(rows).toEqual([
      [2020, undefined, undefined, undefined, undefined],
      [2021, 40, 30, 20, 15],
      [2022, 100, 50, 40, 35],
      [2023, 100, 70, 60, 55],
      [2024, 100, 90, 80, 75],
      [2025, 100, 100, 100, 95],
      [2026, 100, 100, 100, 100],
    ]);
  });

  it("loads a YAML local plan (Hanoi 161: 30% city, 20% district, 15% commune in 2021)", async () => {
    const plan = await loadPlan(`${FIXTURES}hanoi-161.yaml`);
    expect([2021, 2022, 2024, 2025, 2030].map((y) => targetPercent(plan, "commune", y))).toEqual([
      15, 30, 60, 90, 90,
    ]);
    expect(targetPercent(plan, "provincial", 2021)).toBe(30);
    expect(targetPercent(plan, "central", 2021)).toBeUndefined();
  });

  it("names the file and the path of each problem", async () => {
    const error = await loadPlan(`${FIXTURES}bad-plan.yaml`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanInvalidError);
    const message = (error as Error).message;
    expect(message).toContain("bad-plan.yaml");
    expect(message).toContain("targets.commune[1]: give either `percent` or `addPoints`");
    expect(message).toContain("targets.district[0].percent");
  });

  it("reports broken JSON and unknown levels with the file name", async () => {
    const tmp = await tempDir();
    try {
      await writeFile(join(tmp.dir, "p.json"), "{ nope");
      await expect(loadPlan(join(tmp.dir, "p.json"))).rejects.toThrow(/p\.json: invalid plan: cannot parse/);
      await writeFile(
        join(tmp.dir, "q.json"),
        JSON.stringify({ id: "q", name: "Q", targets: { ward: [{ year: 2021, percent: 10 }] } }),
      );
      await expect(loadPlan(join(tmp.dir, "q.json"))).rejects.toThrow(
        /q\.json: invalid plan: targets: Unrecognized key: "ward"/,
      );
    } finally {
      await tmp.remove();
    }
  });
});

describe("dossier codes", () => {
  it("accepts both formats and reads the receipt date", () => {
    expect(parseDossierCode("000.00.00.H49-210315-0001")).toEqual({
      agency: "000.00.00.H49",
      receivedOn: "2021-03-15",
      sequence: "0001",
      format: "2018",
    });
    expect(parseDossierCode("H55.242-260125-010001")).toEqual({
      agency: "H55.242",
      receivedOn: "2026-01-25",
      sequence: "010001",
      format: "2026",
    });
    expect(parseDossierCode("000.00.00.H49-211315-0001")).toBeUndefined(); // month 13
    expect(parseDossierCode("15/QĐ-UBND")).toBeUndefined();
  });

  it("matches dossiers to digitized results both ways", async () => {
    const dossiers = await readDossiersCsv(`${FIXTURES}dossiers-thu.csv`);
    expect(dossiers.map((d) => d.year)).toEqual([2024, 2024, 2024, 2024]);
    const units = new UnitRegistry(await readUnitsCsv(`${FIXTURES}units-thu.csv`));
    const links = [
      { docId: "d1", unit: "90", year: 2024, dossierCode: "000.00.00.H90-240315-0001" },
      { docId: "d2", unit: "90", year: 2024 },
      { docId: "d3", unit: "90", year: 2024, dossierCode: "000.00.00.H90-999999-0001" },
      { docId: "d4", unit: "90001", year: 2024 }, // no dossier list for this unit: not listed
    ];
    const r = computeReport({
      year: 2024,
      units,
      plan: DECISION_468,
      digitized: [{ unit: "90", year: 2024, count: 3 }],
      scope: [],
      dossiers,
      links,
    });
    expect(r.dossiers).toMatchObject({
      dossiers: 4,
      withResult: 1,
      withoutResultCount: 3,
      resultsWithoutDossierCount: 2,
    });
    expect(r.dossiers!.withoutResult).toEqual([
      "000.00.00.H90-240316-0002",
      "000.00.00.H90-240317-0003",
      "H90.001-240420-010001",
    ]);
    expect(r.dossiers!.resultsWithoutDossier.map((l) => l.docId)).toEqual(["d2", "d3"]);
    // Without a set scope, the dossier list is the scope: 3 dossiers for unit 90 → 3 of 3.
    expect(r.units.find((u) => u.code === "90")!.own).toMatchObject({ scope: 3, digitized: 3, ratePct: 100 });
  });
});

describe("CSV input", () => {
  it("reads units with successors and shares", async () => {
    const tmp = await tempDir();
    try {
      const file = join(tmp.dir, "u.csv");
      await writeFile(
        file,
        "code,name,level,parent,successors,successionDate\n90,T,tỉnh,,,\n901,H,huyện,90,,\n" +
          "90001,X,xã,901,90101=0.75;90102=0.25,2025-07-01\n90101,Y,xã,90,,\n90102,Z,phường,90,,\n",
      );
      const units = await readUnitsCsv(file);
      expect(units[2]).toMatchObject({
        level: "commune",
        successors: [
          { code: "90101", share: 0.75 },
          { code: "90102", share: 0.25 },
        ],
      });
      const reg = new UnitRegistry(units);
      expect(reg.resolve("90001", 2024)).toEqual([{ code: "90001", weight: 1 }]);
      expect(reg.resolve("90001", 2025)).toEqual([
        { code: "90101", weight: 0.75 },
        { code: "90102", weight: 0.25 },
      ]);
    } finally {
      await tmp.remove();
    }
  });

  it("names the file, line and column of a bad row", async () => {
    const tmp = await tempDir();
    try {
      const file = join(tmp.dir, "bad.csv");
      await writeFile(file, "code,name,level,parent\n90,T,provincial,\n901,H,county,90\n");
      const error = await readUnitsCsv(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProgressInputError);
      expect((error as Error).message).toBe(
        `${file}: line 3: level: unknown level "county" (use central, provincial, district, commune)`,
      );
      await writeFile(file, "code,name,level,parent\n901,H,district,99\n");
      await expect(readUnitsCsv(file)).rejects.toThrow("unit 901 refers to unknown unit 99");
    } finally {
      await tmp.remove();
    }
  });
});
