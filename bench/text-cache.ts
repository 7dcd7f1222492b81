// Caches what OCR read on the real textPages (and the dev scans): the prepared OCR image and the engine's raw page.
// Usage: npx tsx bench/text-cache.ts outDir [--real realDir] [--dev devDir] [--dpi maxOcrDpi]
// Post-OCR experiments (bench/text-exp.ts) then run in a second on the cached pages instead of minutes of OCR.
// Real pages are rendered as bench/text-eval.ts renders them (pdftoppm -r 300) and go through the same recognise path.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { recognizeDocument } from "../pipelines/recognize.js";
import { defaultLimits } from "../src/limits.js";
import { createLogger } from "../src/logger.js";
import type { OcrEngine } from "../src/ocr/index.js";
import { createOcrEngine } from "../src/ocr/select.js";
import { preflight } from "../src/stages/preflight.js";
import type { OcrPage } from "../src/types.js";

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const realDir = opt("--real");
const devDir = opt("--dev");
const dpi = opt("--dpi");
const outDir = args[0] ?? "";
if (!outDir) throw new Error("usage: text-cache.ts outDir [--real dir] [--dev dir] [--dpi n]");
fs.mkdirSync(outDir, { recursive: true });

export interface CachedPage {
  set: "real" | "dev";
  file: string;
  page: number;
  /** The prepared image OCR read (copied into the cache). */
  image: string;
  dpi?: number;
  /** Where the OCR image sits in the page frame. */
  crop: { x: number; y: number };
  /** The engine's page for `image`, boxes in the image's pixels. */
  raw: OcrPage;
  /** The truth text of the page (real) or of the file (dev). */
  truth: string;
}

const log = createLogger({ level: "warn" });
const engine = await createOcrEngine({ engine: "auto", log });
/** Remembers the engine's page for each prepared OCR image (not the orientation checks' crops). */
const seen = new Map<string, OcrPage>();
const recording: OcrEngine = {
  name: engine.name,
  concurrency: engine.concurrency,
  version: () => engine.version(),
  languages: () => engine.languages(),
  close: () => engine.close(),
  async recognize(image, options) {
    const page = await engine.recognize(image, options);
    if (image.endsWith("ocr.tif")) seen.set(image, page);
    return page;
  },
};

const readTruth = (dir: string): Array<{ file: string; textPages?: number[]; text?: string }> =>
  fs
    .readFileSync(path.join(dir, "truth.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string; textPages?: number[]; text?: string });

const out: CachedPage[] = [];
/** Recognises one file and keeps each page's OCR image and raw page. */
async function cache(set: "real" | "dev", file: string, page: number, truth: string): Promise<void> {
  const work = fs.mkdtempSync(path.join(outDir, "work-"));
  seen.clear();
  const source = await preflight(file, defaultLimits);
  const doc = await recognizeDocument(
    source,
    { ocr: recording, limits: defaultLimits, ...(dpi ? { maxOcrDpi: Number(dpi) } : {}) },
    { workDir: work, log },
  );
  doc.pages.forEach((p, i) => {
    const raw = seen.get(p.page.ocrImage);
    if (!raw) return;
    const image = path.join(outDir, `${set}-${path.basename(file)}-${page + i}.tif`);
    fs.copyFileSync(p.page.ocrImage, image);
    out.push({
      set,
      file: path.basename(file),
      page: page + i,
      image,
      dpi: p.page.ocrDpi,
      crop: p.page.ocrCrop ?? { x: 0, y: 0 },
      raw,
      truth: i === 0 ? truth : "",
    });
  });
  fs.rmSync(work, { recursive: true, force: true });
}

try {
  if (realDir) {
    for (const t of readTruth(realDir)) {
      if (!t.textPages?.length || t.text === undefined) continue;
      const truths = t.text.split("\f");
      for (const [k, p] of t.textPages.entries()) {
        const stem = path.join(outDir, `render-${t.file}-${p}`);
        const pdf = path.join(realDir, "scans", t.file);
        execFileSync("pdftoppm", [
          "-r",
          "300",
          "-f",
          `${p + 1}`,
          "-l",
          `${p + 1}`,
          "-singlefile",
          "-png",
          pdf,
          stem,
        ]);
        await cache("real", `${stem}.png`, p, truths[k] ?? "");
        out[out.length - 1]!.file = t.file;
      }
    }
  }
  if (devDir)
    for (const t of readTruth(devDir))
      await cache("dev", path.join(devDir, "scans", t.file), 0, t.text ?? "");
  fs.writeFileSync(path.join(outDir, "cache.json"), JSON.stringify(out));
  console.log(`${out.length} pages cached in ${outDir}`);
} finally {
  await engine.close();
}
