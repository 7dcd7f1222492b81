// `npx tsx bench/separator-bench.ts [--docs 24] [--dpi 200] [--skew 3] [--quality 60]`: splits a printed-and-scanned stack
// with sohoa's separator sheets and scores it; the peer is the same decoder on full-resolution pages.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultLimits } from "../src/limits.js";
import { createLogger } from "../src/logger.js";
import { lookAtPage } from "../src/separator/detect.js";
import { splitStack } from "../src/separator/split-stack.js";
import { ingest } from "../src/stages/ingest.js";
import { preflight } from "../src/stages/preflight.js";
import { scannedStack, type StackDoc } from "../test/separator/make-stack.js";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "24" },
    dpi: { type: "string", default: "200" },
    skew: { type: "string", default: "3" },
    quality: { type: "string", default: "60" },
  },
});
const n = Number(values.docs);
const docs: StackDoc[] = Array.from({ length: n }, (_, i) => {
  const seq = String(i + 1);
  // Both code styles, units and types on some sheets only, 1–3 pages per document.
  const dossierCode =
    i % 2
      ? `H95.${100 + i}-2601${String(10 + (i % 18)).padStart(2, "0")}-${seq.padStart(6, "0")}`
      : `000.00.00.H95-2303${String(1 + (i % 28)).padStart(2, "0")}-${seq.padStart(4, "0")}`;
  return {
    link: {
      dossierCode,
      ...(i % 3 ? { unit: `9500${i % 4}` } : {}),
      ...(i % 4 === 1 ? { docType: "decision" } : {}),
    },
    pages: 1 + (i % 3),
  };
});

const dir = await mkdtemp(path.join(tmpdir(), "sohoa-sep-bench-"));
const log = createLogger({ level: "silent" });
try {
  const t0 = performance.now();
  const stack = await scannedStack(docs, dir, {
    dpi: Number(values.dpi),
    maxSkew: Number(values.skew),
    jpegQuality: Number(values.quality),
  });
  const buildMs = performance.now() - t0;

  const t1 = performance.now();
  const split = await splitStack(stack, path.join(dir, "split"), "qr", { workDir: dir, log }, defaultLimits);
  const splitMs = performance.now() - t1;
  // Expected page ranges: each document's pages follow its sheet.
  let page = 0;
  const expected = docs.map((d) => {
    page += 1;
    const pages = Array.from({ length: d.pages }, (_, k) => page + k);
    page += d.pages;
    return pages;
  });
  const correct = docs.filter((d, i) => {
    const got = split.documents[i];
    return (
      got &&
      JSON.stringify(got.link) === JSON.stringify(d.link) &&
      JSON.stringify(got.pages) === JSON.stringify(expected[i])
    );
  }).length;
  const sheets = docs.length;

  // Peer: the same decoder on full-resolution pages (no reduction), sheets found.
  const work = path.join(dir, "peer");
  await mkdir(work);
  const t2 = performance.now();
  let peerSheets = 0;
  for await (const p of ingest(
    await preflight(stack, defaultLimits),
    { workDir: work, log },
    defaultLimits,
  )) {
    if ((await lookAtPage(p.image, 100_000)).sheet?.kind === "sheet") peerSheets++;
  }
  const peerMs = performance.now() - t2;

  const pages = split.pages;
  const rows = [
    [
      "stack",
      `${n} documents, ${pages} pages (${sheets} sheets), ${values.dpi} dpi, skew ±${values.skew}°, grey, JPEG q${values.quality}`,
    ],
    [
      "sohoa split (sheet found, doc linked + page range right)",
      `${correct}/${n} = ${((100 * correct) / n).toFixed(1)}%`,
    ],
    ["sohoa sheets found", `${split.dropped.length}/${sheets}`],
    [
      "sohoa split time",
      `${(splitMs / 1000).toFixed(1)} s = ${(splitMs / pages).toFixed(0)} ms/page (ingest + decode + write PDFs)`,
    ],
    ["peer: full-resolution decode, sheets found", `${peerSheets}/${sheets}`],
    [
      "peer time",
      `${(peerMs / 1000).toFixed(1)} s = ${(peerMs / pages).toFixed(0)} ms/page (ingest + decode)`,
    ],
    ["stack build (print, rasterise, skew, JPEG)", `${(buildMs / 1000).toFixed(1)} s`],
  ];
  for (const [k, v] of rows) console.log(`${k!.padEnd(58)} ${v}`);
  if (correct !== n) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
