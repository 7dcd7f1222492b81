// Tesseract settings tried on the cached OCR images (bench/text-cache.ts): word F1 raw and denoised+corrected, CPU s.
// Usage: npx tsx bench/text-ocr-exp.ts cacheDir [--set real|dev] [--scale 1.25] -- tesseract args (e.g. --psm 4 -l vie)
// The image is the one sohoa's OCR read; --scale resamples it first (Lanczos) so upsampling can be measured.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseTesseractTsv } from "../src/ocr/tsv.js";
import { findFramesIn } from "../src/ocr/frames.js";
import { correctPage } from "../src/stages/correct.js";
import { splitNoise } from "../src/stages/denoise.js";
import type { CachedPage } from "./text-cache.js";
import { corpusWordF1, wordF1, type WordScore } from "./score/index.js";

const argv = process.argv.slice(2);
const dash = argv.indexOf("--");
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const tessArgs = dash >= 0 ? argv.slice(dash + 1) : ["-l", "vie", "--oem", "1", "--psm", "3"];
const opt = (name: string): string | undefined => {
  const at = own.indexOf(name);
  return at >= 0 ? own.splice(at, 2)[1] : undefined;
};
const set = opt("--set");
const scale = Number(opt("--scale") ?? "1");
const dir = own[0]!;
const pages = (JSON.parse(fs.readFileSync(path.join(dir, "cache.json"), "utf8")) as CachedPage[]).filter(
  (p) => !set || p.set === set,
);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ocr-exp-"));
const files = new Map<string, { raw: string[]; cor: string[]; truth: string[] }>();
let cpu = 0;
for (const p of pages) {
  let image = p.image;
  if (scale !== 1) {
    image = path.join(tmp, "scaled.png");
    execFileSync("convert", [p.image, "-filter", "Lanczos", "-resize", `${scale * 100}%`, image]);
  }
  const dpi = p.dpi ? ["--dpi", String(Math.round(p.dpi * scale))] : [];
  const r = spawnSync(
    "bash",
    [
      "-c",
      'TIMEFORMAT=%U+%S; time tesseract "$@" 2>/dev/null',
      "x",
      image,
      "stdout",
      ...dpi,
      ...tessArgs,
      "-c",
      "tessedit_do_invert=0",
      "tsv",
    ],
    {
      encoding: "utf8",
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      maxBuffer: 1 << 26,
    },
  );
  const t = r.stderr.trim().split("\n").pop()!.split("+").map(Number);
  cpu += (t[0] ?? 0) + (t[1] ?? 0);
  const raw = parseTesseractTsv(r.stdout, "native");
  const key = `${p.set}/${p.file}`;
  const f = files.get(key) ?? { raw: [], cor: [], truth: [] };
  f.raw.push(raw.text);
  // Denoise (stamp frames of the cached image, made-up words) then correct, as the pipeline does after OCR.
  const frames = scale === 1 ? await findFramesIn(p.image, { dpi: p.dpi ?? 300 }) : [];
  f.cor.push(correctPage(splitNoise(raw, frames)).text);
  f.truth.push(p.truth);
  files.set(key, f);
}
fs.rmSync(tmp, { recursive: true, force: true });
const raw: WordScore[] = [];
const cor: WordScore[] = [];
const rows: string[] = [];
for (const [key, f] of files) {
  const truth = f.truth.join("\n");
  raw.push(wordF1(f.raw.join("\n"), truth));
  cor.push(wordF1(f.cor.join("\n"), truth));
  rows.push(`${key.split("/")[1]!.slice(0, 10)} ${cor.at(-1)!.f1.toFixed(3)}`);
}
console.log(
  `scale ${scale} ${tessArgs.join(" ")}: raw ${corpusWordF1(raw).f1.toFixed(4)} corrected ${corpusWordF1(cor).f1.toFixed(4)}` +
    `  cpu ${cpu.toFixed(1)}s  | ${rows.length <= 8 ? rows.join("  ") : `${rows.length} files`}`,
);
