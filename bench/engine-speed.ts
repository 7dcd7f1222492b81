// `tsx bench/engine-speed.ts [corpus] [--pages N] [--wasm-pages N]`: one-off engine comparisons on dev
// pages, sequentially (one page at a time): native with/without tessedit_do_invert=0, wasm vs native.
// Reports wall and CPU seconds (CPU is robust to other load on the machine) and OCR scores.
import { readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadCorpus } from "./corpus.js";
import { characterErrorRate, corpusCer, corpusWordF1, wordF1 } from "./score/index.js";
import { NativeOcrEngine } from "../src/ocr/native-engine.js";
import { WasmOcrEngine } from "../src/ocr/wasm-engine.js";
import type { OcrEngine } from "../src/ocr/ocr-engine.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { pages: { type: "string", default: "4" }, "wasm-pages": { type: "string", default: "2" } },
});
const corpus = loadCorpus(resolve(positionals[0] ?? "../shared/bench/dev"));
// Engines take page images: PDFs would need the ingest stage, so only image files are used.
const images = corpus.files.filter((f) => extname(f).toLowerCase() !== ".pdf");

/** CPU seconds of this process (all threads) plus its reaped children, from /proc/self/stat. */
function cpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // Fields after the name: state(0) … utime(11) stime(12) cutime(13) cstime(14), in clock ticks.
  const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(fields[i]), 0);
  return ticks / 100;
}

async function measure(
  label: string,
  engine: OcrEngine,
  files: readonly string[],
): Promise<Record<string, number | string>> {
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  const texts: Array<{ file: string; text: string }> = [];
  for (const f of files) texts.push({ file: basename(f), text: (await engine.recognize(f)).text });
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  await engine.close();
  const truths = texts.map((t) => ({ ...t, truth: corpus.truth.get(t.file)?.text ?? "" }));
  const cer = corpusCer(truths.map((t) => characterErrorRate(t.text, t.truth)));
  const f1 = corpusWordF1(truths.map((t) => wordF1(t.text, t.truth))).f1;
  const row = {
    label,
    pages: files.length,
    wallSeconds: +wall.toFixed(2),
    cpuSeconds: +cpu.toFixed(2),
    secondsPerPage: +(wall / files.length).toFixed(2),
    cer: +(cer * 100).toFixed(2),
    wordF1: +(f1 * 100).toFixed(2),
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  return row;
}

const n = Number(values.pages);
const pages = images.slice(0, n);
process.stdout.write(`pages: ${pages.map((p) => basename(p)).join(", ")}\n`);
await measure(
  "native, tessedit_do_invert=1 (Tesseract default)",
  new NativeOcrEngine({ concurrency: 1, config: { tessedit_do_invert: 1 } }),
  pages,
);
await measure("native, tessedit_do_invert=0 (sohoa default)", new NativeOcrEngine({ concurrency: 1 }), pages);
const w = pages.slice(0, Number(values["wasm-pages"]));
await measure("native on the wasm pages", new NativeOcrEngine({ concurrency: 1 }), w);
await measure("wasm (tesseract.js 7, best_int)", new WasmOcrEngine({ concurrency: 1 }), w);
