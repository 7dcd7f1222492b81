// `npm run bench -- [corpus] [--engine auto|native|wasm] [--skip-refs] [--refs-only]
//  [--ocrmypdf-output pdf|pdfa] [--skip-ocrmypdf] [--profile-pages N] [--results FILE] [--big-tiff] [--node22]
//  [--extras-only] [--no-build] [--keep-out]`: sohoa against OCRmyPDF and bare Tesseract.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkArchivalPdfs, createBenchKeys, type ArchivalChecks } from "./archival-checks.js";
import { runBigTiff } from "./big-tiff.js";
import { loadCorpus } from "./corpus.js";
import { scoreOcr, scoreSohoa } from "./evaluate.js";
import { runNode22 } from "./node22.js";
import {
  countPages,
  runBareTesseract,
  runOcrmypdf,
  type OcrmypdfOutputType,
  type SystemRun,
} from "./references.js";
import { ensureBuilt, runSohoa } from "./sohoa-run.js";
import { profileStages } from "./stage-profile.js";
import { fmt, pct, renderTable } from "./table.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    engine: { type: "string", default: "auto" },
    "skip-refs": { type: "boolean", default: false },
    "refs-only": { type: "boolean", default: false },
    "ocrmypdf-output": { type: "string", default: "pdf" },
    "big-tiff": { type: "boolean", default: false },
    node22: { type: "boolean", default: false },
    "keep-out": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "extras-only": { type: "boolean", default: false },
    "profile-pages": { type: "string", default: "8" },
    results: { type: "string" },
    "skip-ocrmypdf": { type: "boolean", default: false },
  },
});

const corpusDir = resolve(positionals[0] ?? "../shared/bench/dev");
const outputType = values["ocrmypdf-output"] as OcrmypdfOutputType;
if (outputType !== "pdf" && outputType !== "pdfa") throw new Error("--ocrmypdf-output must be pdf or pdfa");
const corpus = loadCorpus(corpusDir);
const work = await mkdtemp(join(tmpdir(), "sohoa-bench-"));
const results: Record<string, unknown> = {
  corpus: corpusDir,
  date: new Date().toISOString(),
  node: process.version,
  engine: values.engine,
};

const pages = (await Promise.all(corpus.files.map(countPages))).reduce((s, n) => s + n, 0);
process.stderr.write(`corpus ${corpusDir}: ${corpus.files.length} files, ${pages} pages\n`);

interface Column {
  run: SystemRun;
  extra?: Awaited<ReturnType<typeof scoreSohoa>>;
}
const columns: Column[] = [];
let archival: ArchivalChecks | undefined;

if (!values["refs-only"] || values["big-tiff"] || values.node22) await ensureBuilt(values["no-build"]);
const main = !values["extras-only"];
if (main && !values["refs-only"]) {
  process.stderr.write("running sohoa …\n");
  const key = createBenchKeys(join(work, "keys"));
  const s = await runSohoa(corpus.scansDir, join(work, "sohoa"), {
    engine: values.engine,
    extraArgs: ["--key", key],
  });
  results.archival = archival = checkArchivalPdfs(
    join(work, "sohoa"),
    corpus.scansDir,
    s.report,
    (file) => corpus.truth.get(file)?.text,
  );
  process.stderr.write(`archival PDFs: ${JSON.stringify(results.archival)}\n`);
  if (s.exitCode !== 0 && s.exitCode !== 10)
    process.stderr.write(`sohoa exited ${s.exitCode}:\n${s.stderrTail}\n`);
  const outputs = s.report.map((l) => {
    const pageTexts = l.pages?.map((p) => p.text);
    const paged =
      pageTexts && pageTexts.length > 0 && pageTexts.every((t) => typeof t === "string")
        ? { pages: pageTexts as string[] }
        : {};
    return {
      file: l.file,
      text: l.text ?? "",
      ...paged,
      ...(l.error ? { error: JSON.stringify(l.error) } : {}),
    };
  });
  const sohoaPages = s.report.reduce((n, l) => n + (l.pages?.length ?? 0), 0) || pages;
  columns.push({
    run: {
      name: `sohoa (${values.engine})`,
      available: s.report.length > 0,
      note: `exit ${s.exitCode}`,
      pages: sohoaPages,
      wallSeconds: s.wallSeconds,
      cpuSeconds: s.cpuSeconds,
      peakRssMiB: s.peakRssMiB,
      outputs,
    },
    extra: await scoreSohoa(s.report, corpus.truth, join(work, "sohoa")),
  });
}
const profilePages = Number(values["profile-pages"]);
if (main && !values["refs-only"] && profilePages > 0) {
  process.stderr.write(`profiling stages on up to ${profilePages} pages, one at a time …\n`);
  const profile = await profileStages(corpus.files, { engine: values.engine, maxPages: profilePages });
  results.stageProfile = profile;
  const rows = Object.entries(profile.stages).map(([stage, c]) => [
    stage,
    fmt(c.cpuPerPage, 3),
    fmt(c.wallPerPage, 3),
    pct(c.cpuShare),
  ]);
  process.stdout.write(
    `CPU profile per stage (${profile.pages} pages of ${profile.files} files, one page at a time):\n`,
  );
  process.stdout.write(`${renderTable(["stage", "CPU s/page", "wall s/page", "CPU share"], rows)}\n`);
  process.stdout.write(
    `stages around OCR (rectify with the decode, orient, deskew, clean): ${fmt(profile.aroundOcrCpuPerPage, 3)} CPU s/page\n\n`,
  );
  for (const e of profile.errors) process.stdout.write(`profile failed ${e.file}: ${e.error}\n`);
}
if (main && !values["skip-refs"]) {
  if (!values["skip-ocrmypdf"]) {
    process.stderr.write(`running ocrmypdf (--output-type ${outputType}) …\n`);
    columns.push({ run: await runOcrmypdf(corpus.files, join(work, "ocrmypdf"), outputType, pages) });
  }
  process.stderr.write("running bare tesseract …\n");
  columns.push({ run: await runBareTesseract(corpus.files, join(work, "tesseract"), pages) });
}

const ppm = (r: SystemRun): number =>
  r.available && r.wallSeconds > 0 ? (r.pages / r.wallSeconds) * 60 : Number.NaN;
const sohoaCol = values["refs-only"] ? undefined : columns[0];
const scored = columns.map((c) => ({
  ...c,
  ocr: c.run.available ? scoreOcr(c.run.outputs, corpus.truth) : undefined,
}));
const rows: string[][] = [
  ["available", ...scored.map((c) => (c.run.available ? "yes" : "no"))],
  ["pages", ...scored.map((c) => String(c.run.pages))],
  ["wall s", ...scored.map((c) => fmt(c.run.wallSeconds))],
  ["pages/min", ...scored.map((c) => fmt(ppm(c.run)))],
  ["CPU s/page", ...scored.map((c) => (c.run.available ? fmt(c.run.cpuSeconds / c.run.pages, 2) : "–"))],
  ["sohoa ppm ÷ this", ...scored.map((c) => (sohoaCol ? fmt(ppm(sohoaCol.run) / ppm(c.run), 2) : "–"))],
  // Pages per CPU-second against the peer: what the wall ratio would be on an idle, CPU-bound machine.
  [
    "sohoa pages/CPU-s ÷ this",
    ...scored.map((c) =>
      sohoaCol && c.run.available
        ? fmt(c.run.cpuSeconds / c.run.pages / (sohoaCol.run.cpuSeconds / sohoaCol.run.pages), 2)
        : "–",
    ),
  ],
  ["peak RSS MiB", ...scored.map((c) => fmt(c.run.peakRssMiB, 0))],
  ["CER", ...scored.map((c) => pct(c.ocr?.cer))],
  ["word F1", ...scored.map((c) => pct(c.ocr?.wordF1))],
  [
    "files read",
    ...scored.map((c) =>
      c.run.available ? `${c.run.outputs.filter((o) => !o.error).length}/${corpus.files.length}` : "–",
    ),
  ],
  [
    "OCR-scored files",
    ...scored.map((c) =>
      c.ocr ? `${c.ocr.files}${c.ocr.approximate ? ` (${c.ocr.approximate} whole)` : ""}` : "–",
    ),
  ],
  ["skew mean abs °", ...scored.map((c) => fmt(c.extra?.skew.meanAbsError, 2))],
  ["skew max abs °", ...scored.map((c) => fmt(c.extra?.skew.maxAbsError, 2))],
  ["docType accuracy", ...scored.map((c) => pct(c.extra?.docTypeAccuracy))],
  [
    "known type on `other`",
    ...scored.map((c) => (c.extra ? `${c.extra.knownTypeForOther}/${c.extra.otherDocuments}` : "–")),
  ],
  [
    "archival PDF ÷ source",
    ...scored.map((c) =>
      c.extra && archival
        ? `${fmt(archival.sizeVsSource.pooled, 2)} (max ${fmt(archival.sizeVsSource.max, 2)})`
        : "–",
    ),
  ],
  ["field accuracy", ...scored.map((c) => pct(c.extra?.fields.fieldAccuracy))],
];
if (main) process.stdout.write(`${renderTable(["", ...scored.map((c) => c.run.name)], rows)}\n`);
for (const c of scored) if (!c.run.available) process.stdout.write(`${c.run.name}: ${c.run.note}\n`);
for (const c of scored) {
  for (const o of c.run.outputs.filter((x) => x.error))
    process.stdout.write(`${c.run.name} failed ${o.file}: ${o.error!.slice(0, 200)}\n`);
}
if (sohoaCol?.extra) {
  const f = sohoaCol.extra.fields;
  process.stdout.write(
    `fields: ${f.correctFields}/${f.truthFields} correct; per field: ${Object.entries(f.fields)
      .map(([k, v]) => `${k} ${pct(v.accuracy)}`)
      .join(", ")}\n`,
  );
  const h = sohoaCol.extra.handwriting;
  const wrong = h.readWrong.map((w) => `: ${w.file} ${w.field} ${String(w.value)} ≠ ${String(w.truth)}`);
  process.stdout.write(
    `pen-written fields: ${h.fields}; filled from the digit reader ${h.read} (${h.readRight} right, ` +
      `${h.readWrong.length} wrong${wrong.join("")}, ${h.readUnscored} not in the truth), only reported ${h.reported}\n`,
  );
}

results.systems = scored.map((c) => ({
  name: c.run.name,
  available: c.run.available,
  note: c.run.note,
  pages: c.run.pages,
  wallSeconds: c.run.wallSeconds,
  cpuSeconds: c.run.cpuSeconds,
  pagesPerMinute: ppm(c.run),
  peakRssMiB: c.run.peakRssMiB,
  ocr: c.ocr,
  errors: c.run.outputs.filter((o) => o.error).map((o) => ({ file: o.file, error: o.error })),
  ...(c.extra ? { sohoa: c.extra } : {}),
}));

if (values["big-tiff"]) results.bigTiff = await runBigTiff(join(work, "big-tiff"), values.engine);
if (values.node22) results.node22 = await runNode22(corpus.scansDir, join(work, "node22"));

await mkdir("bench-out", { recursive: true });
// An extras-only run must not overwrite the main comparison.
const resultsFile = values.results ?? (main ? "bench-out/results.json" : "bench-out/extras.json");
await writeFile(
  resultsFile,
  `${JSON.stringify(results, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
);
process.stderr.write(`wrote ${resultsFile}\n`);
if (!values["keep-out"]) await rm(work, { recursive: true, force: true });
else process.stderr.write(`work kept in ${work}\n`);
