// A made-up province (Tỉnh Mẫu) whose 2023 figures are worked out by hand in the tests that load it.
import { createHash } from "node:crypto";
import {
  buildReports,
  DECISION_468,
  LocalProgressStore,
  readUnitsCsv,
  type ProgressReport,
} from "../../src/progress/index.js";
import { FIXTURES } from "./helpers.js";

/** Ten dossiers of Xã Đông An settled in 2023. */
export const DOSSIERS = Array.from(
  { length: 10 },
  (_, i) => `000.00.00.H95-2303${String(i + 1).padStart(2, "0")}-${String(i + 1).padStart(4, "0")}`,
);

const id = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Loads the province into a ledger folder and builds the reports 2021–2023.
 * 2023 (Decision 468 targets: provincial 70%, district 60%, commune 55%):
 *   95 Tỉnh Mẫu 200 / 150, 951 Huyện Đông 100 / 50, 95001 Xã Đông An 40 / 20, 95002 Xã Đông Bình 60 / 39.
 * 2021 and 2022: only the province, 100 / 40 and 100 / 52.
 * Of Xã Đông An's 20 results, 7 carry a listed dossier code, 1 an unlisted one, 12 none.
 */
export async function mauReports(dir: string): Promise<ProgressReport[]> {
  const store = await LocalProgressStore.open(dir);
  try {
    await store.saveUnits(await readUnitsCsv(`${FIXTURES}units-mau.csv`));
    const rows: [string, number, number, number][] = [
      ["95", 2021, 100, 40],
      ["95", 2022, 100, 52],
      ["95", 2023, 200, 150],
      ["951", 2023, 100, 50],
      ["95001", 2023, 40, 20],
      ["95002", 2023, 60, 39],
    ];
    for (const [unit, year, scope, digitized] of rows) {
      await store.setScope(unit, year, scope);
      for (let i = 0; i < digitized; i++) {
        const ref = { docId: id(`${unit}|${year}|${i}`), unit, year };
        const code =
          unit === "95001"
            ? i < 7
              ? DOSSIERS[i]
              : i === 7
                ? "000.00.00.H95-230401-0099"
                : undefined
            : undefined;
        await store.record(code ? { ...ref, dossierCode: code } : ref);
      }
    }
    await store.addDossiers(DOSSIERS.map((dossierCode) => ({ dossierCode, unit: "95001", year: 2023 })));
    return await buildReports(store, { year: 2023, fromYear: 2021, plan: DECISION_468 });
  } finally {
    await store.close();
  }
}
