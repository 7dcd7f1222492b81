// `tsx bench/ocr-scale.ts [corpus] [pages] [variants JSON]`: OCR CPU and accuracy of the clean stage's settings on the same
// image pages, one page at a time. A variant is {dpi, xh?, psm?, config?}: dpi cap, target x-height, page segmentation, -c.
// Example: '[{"dpi":240},{"dpi":150},{"dpi":240,"xh":20}]'. Reports tesseract CPU s/page, word F1 and CER per variant.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pageContext } from "../src/context.js";
import { inkPointsOf } from "../src/imaging/analysis-image.js";
import { loadInkGrey } from "../src/imaging/ink-grey.js";
import { defaultLimits } from "../src/limits.js";
import { silentLogger } from "../src/logger.js";
import { NativeOcrEngine } from "../src/ocr/native-engine.js";
import { cleanForOcr } from "../src/stages/clean.js";
import { estimateSkew } from "../src/stages/deskew.js";
import { ingest } from "../src/stages/ingest.js";
import { detectOrientation, turnPoints } from "../src/stages/orient.js";
import { preflight } from "../src/stages/preflight.js";
import { loadCorpus } from "./corpus.js";
import { childrenCpuSeconds } from "./proc-tree.js";
import {
  characterErrorRate,
  corpusCer,
  corpusWordF1,
  wordF1,
  type CerScore,
  type WordScore,
} from "./score/index.js";

interface Variant {
  dpi: number;
  xh?: number;
  psm?: number;
  config?: Record<string, string | number>;
}

const corpus = loadCorpus(process.argv[2] ?? "../shared/bench/dev");
const files = corpus.files
  .filter((f) => !f.endsWith(".pdf") && corpus.truth.get(basename(f))?.text !== undefined)
  .slice(0, Number(process.argv[3] ?? 8));
const variants = JSON.parse(
  process.argv[4] ?? '[{"dpi":240},{"dpi":200},{"dpi":150},{"dpi":240,"xh":20}]',
) as Variant[];
const acc = variants.map(() => ({ cpu: 0, cer: [] as CerScore[], f1: [] as WordScore[] }));
for (const file of files) {
  const workDir = await mkdtemp(join(tmpdir(), "sohoa-scale-"));
  const ctx = { workDir, log: silentLogger };
  const texts: string[][] = variants.map(() => []);
  try {
    for await (const page of ingest(await preflight(file, defaultLimits), ctx, defaultLimits)) {
      const grey = await loadInkGrey(page);
      const points = await inkPointsOf(grey);
      const o = detectOrientation(points);
      const skew = estimateSkew(turnPoints(points, o.orientation));
      for (const [i, v] of variants.entries()) {
        const geometry = { orientation: o.orientation, skewDegrees: skew.degrees, flags: [], ink: points };
        const options = { maxOcrDpi: v.dpi, ...(v.xh ? { targetXHeight: v.xh } : {}) };
        const prepared = await cleanForOcr(
          page,
          grey,
          geometry,
          pageContext(ctx, page.index * 100 + i),
          options,
        );
        const engine = new NativeOcrEngine({ concurrency: 1, config: v.config ?? {} });
        const c0 = childrenCpuSeconds();
        const r = await engine.recognize(prepared.ocrImage, {
          dpi: prepared.ocrDpi,
          ...(v.psm ? { psm: v.psm } : {}),
        });
        acc[i]!.cpu += childrenCpuSeconds() - c0;
        texts[i]!.push(r.text);
      }
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const truth = corpus.truth.get(basename(file))!.text!;
  for (const [i] of variants.entries()) {
    acc[i]!.cer.push(characterErrorRate(texts[i]!.join("\n"), truth));
    acc[i]!.f1.push(wordF1(texts[i]!.join("\n"), truth));
  }
}
process.stdout.write(`${files.length} files: ${files.map((f) => basename(f)).join(", ")}\n`);
for (const [i, v] of variants.entries()) {
  const a = acc[i]!;
  const row = {
    ...v,
    ocrCpuPerPage: +(a.cpu / files.length).toFixed(3),
    wordF1: +(corpusWordF1(a.f1).f1 * 100).toFixed(2),
    cer: +(corpusCer(a.cer) * 100).toFixed(2),
  };
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
