// Benchmark: a progress report over 10,000 units and 1,000,000 archived documents, against simple peers.
// Run: npx tsx bench/progress-bench.ts [units=10000] [docs=1000000]
import { performance } from "node:perf_hooks";
import {
  computeReport,
  DECISION_468,
  DocCounter,
  renderCsv,
  renderHtml,
  renderJson,
  renderTable,
  toLink,
  UnitRegistry,
  type ArchivedDocRef,
  type UnitRecord,
  type UnitYearCount,
} from "../src/progress/index.js";

const UNITS = Number(process.argv[2] ?? 10_000);
const DOCS = Number(process.argv[3] ?? 1_000_000);
const YEARS = [2021, 2022, 2023, 2024, 2025];

/** 34 provinces, ~20 districts each, communes for the rest; every district abolished and every pair of communes merged on 1/7/2025. */
function makeUnits(): UnitRecord[] {
  const units: UnitRecord[] = [{ code: "B00", name: "Bộ", level: "central" }];
  const provinces = 34;
  for (let p = 0; p < provinces; p++) units.push({ code: `P${p}`, name: `Tỉnh ${p}`, level: "provincial" });
  const districts: string[] = [];
  for (let d = 0; units.length < 34 + 1 + 680; d++) {
    const code = `D${d}`;
    districts.push(code);
    units.push({
      code,
      name: `Huyện ${d}`,
      level: "district",
      parent: `P${d % provinces}`,
      successors: [{ code: `P${d % provinces}`, share: 1 }],
      successionDate: "2025-07-01",
    });
  }
  const old = Math.floor(((UNITS - units.length) * 2) / 3);
  for (let c = 0; c < old; c++) {
    const merged = `N${Math.floor(c / 2)}`;
    units.push({
      code: `C${c}`,
      name: `Xã ${c}`,
      level: "commune",
      parent: districts[c % districts.length]!,
      successors: [{ code: merged, share: 1 }],
      successionDate: "2025-07-01",
    });
  }
  for (let n = 0; units.length < UNITS; n++)
    units.push({
      code: `N${n}`,
      name: `Xã mới ${n}`,
      level: "commune",
      parent: `P${n % provinces}`,
      validFrom: "2025-07-01",
    });
  return units;
}

/** Deterministic documents, 5% of them repeats (retried jobs); made before timing, as the archive holds them already. */
function makeDocs(units: UnitRecord[]): ArchivedDocRef[] {
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const docs: ArchivedDocRef[] = new Array(DOCS);
  for (let i = 0; i < DOCS; i++) {
    const id = rand() < 0.05 && i > 0 ? Math.floor(rand() * i) : i;
    const unit = units[id % units.length]!;
    const year = YEARS[Math.floor(id / units.length) % YEARS.length]!;
    docs[i] = { docId: id.toString(16).padStart(64, "0"), unit: unit.code, year, level: unit.level };
  }
  return docs;
}

/** The archive as the rebuild sees it: an AsyncIterable of references. */
async function* stream(docs: ArchivedDocRef[]): AsyncGenerator<ArchivedDocRef> {
  yield* docs;
}

const units = makeUnits();
const registry = new UnitRegistry(units);
const scope: UnitYearCount[] = units.flatMap((u) => YEARS.map((year) => ({ unit: u.code, year, count: 30 })));

const docs = makeDocs(units);
const t0 = performance.now();
const counter = new DocCounter();
for await (const doc of stream(docs)) counter.add(toLink(doc));
const digitized = counter.counts();
const t1 = performance.now();
const history = YEARS.map((year) =>
  computeReport({ year, units: registry, plan: DECISION_468, digitized, scope }),
);
const t2 = performance.now();
const main = history[history.length - 1]!;
const out = {
  table: renderTable(main).length,
  json: renderJson(main).length,
  csv: renderCsv(main).length,
  html: renderHtml(history).length,
};
const t3 = performance.now();

// Peer 1: the same per-unit-year count done naively: a synchronous loop, a Set and a plain object.
const t4 = performance.now();
const seen = new Set<string>();
const naive: Record<string, number> = {};
for (const doc of docs) {
  if (seen.has(doc.docId)) continue;
  seen.add(doc.docId);
  const key = `${doc.unit}|${doc.year}`;
  naive[key] = (naive[key] ?? 0) + 1;
}
const t5 = performance.now();
// Peer 2: serialising the finished report alone.
const t6 = performance.now();
const jsonBytes = JSON.stringify(main).length;
const t7 = performance.now();

const ms = (a: number, b: number): number => Math.round(b - a);
const total = ms(t0, t3);
console.log(
  JSON.stringify(
    {
      units: units.length,
      documents: DOCS,
      distinct: counter.documents,
      cells: digitized.length,
      naiveCells: Object.keys(naive).length,
      rowsInReport: main.units.length,
      outputChars: out,
      ms: { countDocs: ms(t0, t1), computeReports5Years: ms(t1, t2), render4Formats: ms(t2, t3), total },
      peers: { naiveCountMs: ms(t4, t5), jsonStringifyReportMs: ms(t6, t7), jsonBytes },
      ratios: {
        totalOverNaiveCount: +(total / ms(t4, t5)).toFixed(2),
        reportAndRenderOverStringify: +(ms(t1, t3) / Math.max(1, ms(t6, t7))).toFixed(1),
      },
      targetMs: 5000,
      withinTarget: total <= 5000,
    },
    null,
    2,
  ),
);
