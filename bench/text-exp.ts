// Post-OCR variants scored on cached pages (bench/text-cache.ts): word F1 per file and over the set, in a second.
// Usage: npx tsx bench/text-exp.ts cacheDir [cacheDir…] [--pages]
// Each variant maps the engine's raw page to the page sohoa would report; "current" is the correct stage as shipped.
import fs from "node:fs";
import path from "node:path";
import { findFramesIn } from "../src/ocr/frames.js";
import { NativeOcrEngine } from "../src/ocr/native-engine.js";
import { inkShare, maskBoxes, mergeLines } from "../src/ocr/unread.js";
import { readOcrImage, writeOcrTiff } from "../src/imaging/ocr-image.js";
import { scoreExtraction, type Labelled } from "../src/eval/fields.js";
import { correctPage } from "../src/stages/correct.js";
import { extract } from "../src/stages/extract.js";
import { splitNoise } from "../src/stages/denoise.js";
import { isTextLine } from "../src/text/noise-lines.js";
import { buildPage } from "../src/ocr/page.js";
import { noiseWords, type NoiseOptions } from "../src/text/noise-lines.js";
import type { OcrPage } from "../src/types.js";
import type { CachedPage } from "./text-cache.js";
import { corpusWordF1, wordF1, type WordScore } from "./score/index.js";

const args = process.argv.slice(2);
const perPage = args.includes("--pages");
// --dump NAME writes that variant's texts as bench/text-diff.ts reads them, to /tmp/text-exp-NAME.json.
const dumpAt = args.indexOf("--dump");
const dump = dumpAt >= 0 ? args.splice(dumpAt, 2)[1] : undefined;
// --truth truth.jsonl scores the fields and type extracted from each variant's pages too (dev set).
const truthAt = args.indexOf("--truth");
const truthPath = truthAt >= 0 ? args.splice(truthAt, 2)[1] : undefined;
const dirs = args.filter((a) => !a.startsWith("--"));
const labelled: Labelled[] = truthPath
  ? fs
      .readFileSync(truthPath, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Labelled)
  : [];

type Variant = (raw: OcrPage, page: CachedPage) => OcrPage;
export const variants: Record<string, Variant> = {
  raw: (raw) => raw,
  current: (raw) => correctPage(raw),
  noise: (raw) => correctPage(denoise(raw)),
  denoise: (raw, p) => correctPage(splitNoise(raw, frames.get(p.image) ?? [])),
  reread: (raw, p) => {
    const f = frames.get(p.image) ?? [];
    const second = rereads.get(p.image);
    const extra = second ? splitNoise({ ...second, lines: second.lines.filter(isTextLine) }, f).lines : [];
    return correctPage(splitNoise(mergeLines(raw, extra), f));
  },
};

/** The page without its noise words. */
function denoise(page: OcrPage, o: NoiseOptions = {}): OcrPage {
  const lines = page.lines.map((l) => {
    const drop = noiseWords(l, o);
    return l.words.filter((w) => !drop.has(w));
  });
  return buildPage(page.engine, page.width, page.height, lines);
}

const frames = new Map<string, Awaited<ReturnType<typeof findFramesIn>>>();
/** The masked second read of each page (src/ocr/unread.ts), cached beside the pages. */
const rereads = new Map<string, OcrPage | undefined>();
const engine = new NativeOcrEngine({ concurrency: 1 });
async function reread(dir: string, p: CachedPage): Promise<OcrPage | undefined> {
  const file = path.join(dir, `${path.basename(p.image)}.reread.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as OcrPage | undefined;
  const g = (await readOcrImage(p.image))!;
  const dpi = p.dpi ?? 300;
  const masked = maskBoxes(
    g,
    p.raw.lines.flatMap((l) => l.words.map((w) => w.box)),
    dpi / 30,
  );
  let out: OcrPage | undefined;
  if (inkShare(masked) > 0.002) {
    const tmp = `${file}.tif`;
    await writeOcrTiff(tmp, masked, dpi);
    out = await engine.recognize(tmp, { psm: 6, dpi });
  }
  fs.writeFileSync(file, JSON.stringify(out ?? null));
  return out;
}
for (const dir of dirs) {
  const pages = JSON.parse(fs.readFileSync(path.join(dir, "cache.json"), "utf8")) as CachedPage[];
  for (const p of pages) frames.set(p.image, await findFramesIn(p.image, { dpi: p.dpi ?? 300 }));
  for (const p of pages) rereads.set(p.image, (await reread(dir, p)) ?? undefined);
  const files = new Map<string, CachedPage[]>();
  for (const p of pages) files.set(`${p.set}/${p.file}`, [...(files.get(`${p.set}/${p.file}`) ?? []), p]);
  console.log(`\n${dir}: ${files.size} files`);
  for (const [name, v] of Object.entries(variants)) {
    const scores: WordScore[] = [];
    const rows: string[] = [];
    const dumped: Array<{ file: string; sohoaText: string; bareText: string }> = [];
    const predictions: Labelled[] = [];
    for (const [key, ps] of files) {
      const out = ps.map((p) => v(p.raw, p));
      const text = out.map((p) => p.text).join("\n");
      if (labelled.some((t) => t.file === ps[0]!.file)) {
        const r = await extract({ pages: out, text: out.map((p) => p.text).join("\n\n") });
        const fields = Object.fromEntries(Object.entries(r.fields).map(([k, f]) => [k, f.value]));
        predictions.push({ file: ps[0]!.file, docType: r.docType, fields });
      }
      dumped.push({ file: ps[0]!.file, sohoaText: text, bareText: "" });
      const s = wordF1(text, ps.map((p) => p.truth).join("\n"));
      scores.push(s);
      rows.push(`${key.split("/")[1]!.slice(0, 12)} ${s.f1.toFixed(3)}`);
    }
    const c = corpusWordF1(scores);
    if (dump === name) fs.writeFileSync(`/tmp/text-exp-${name}.json`, JSON.stringify({ files: dumped }));
    const ex = predictions.length
      ? scoreExtraction(
          predictions,
          labelled.filter((t) => predictions.some((p) => p.file === t.file)),
        )
      : undefined;
    const exText = ex ? `  type ${ex.docTypeAccuracy.toFixed(3)} fields ${ex.fieldAccuracy.toFixed(4)}` : "";
    console.log(
      `${name.padEnd(14)} F1 ${c.f1.toFixed(4)}  P ${c.precision.toFixed(4)}  R ${c.recall.toFixed(4)}${exText}` +
        (perPage ? `  | ${rows.join("  ")}` : ""),
    );
  }
}
await engine.close();
