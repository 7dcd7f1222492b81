// Dev loop for extraction on real OCR: re-runs extract() over a report.jsonl's texts (or dump-ocr.ts JSON with pages) and scores them.
// Usage: npx tsx bench/extract-report.ts <report.jsonl | pagesDir> [truth.jsonl] [--verbose] [--review]
import fs from "node:fs";
import path from "node:path";
import { scoreExtraction, type Labelled } from "../src/eval/fields.js";
import { formatScoreTables } from "../src/eval/format.js";
import { extract } from "../src/stages/extract.js";
import type { OcrPage } from "../src/types.js";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const verbose = process.argv.includes("--verbose");
const review = process.argv.includes("--review");
const source = args[0] ?? "/tmp/devrun/report.jsonl";
const truthPath = args[1] ?? "/work/shared/bench/dev/truth.jsonl";

interface Input {
  file: string;
  text: string;
  pages?: OcrPage[];
}

const inputs: Input[] = fs.statSync(source).isDirectory()
  ? fs
      .readdirSync(source)
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(fs.readFileSync(path.join(source, f), "utf8")) as Input)
  : fs
      .readFileSync(source, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Input);
const truths = fs
  .readFileSync(truthPath, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled);

const predictions: Labelled[] = [];
for (const input of inputs) {
  // report.jsonl lines carry page summaries, not OCR pages: only dump-ocr.ts JSON has words.
  const pages = (input.pages ?? []).filter((p) => Array.isArray(p.lines));
  const r = await extract({ pages, text: input.text ?? "" });
  predictions.push({
    file: input.file,
    docType: r.docType,
    fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, v.value])),
  });
  if (review) {
    const conf = Object.entries(r.fields)
      .map(([k, v]) => `${k}=${v.confidence.toFixed(2)}`)
      .join(" ");
    console.log(`${input.file} review=${r.needsReview} ${JSON.stringify(r.reviewReasons)}\n  ${conf}`);
  }
}
const score = scoreExtraction(
  predictions,
  truths.filter((t) => predictions.some((p) => p.file === t.file)),
);
process.stdout.write(formatScoreTables(score));
if (verbose)
  for (const m of score.mismatches)
    console.log(
      `${m.file} ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`,
    );
