// Dev loop for extraction: runs extract() over OCR text files and scores them against the dev truth.
// Usage: npx tsx bench/extract-dev.ts [ocrDir=/tmp/devocr] [truth=/work/shared/bench/dev/truth.jsonl] [--verbose]
import fs from "node:fs";
import path from "node:path";
import { scoreExtraction, type Labelled } from "../src/eval/fields.js";
import { formatScoreTables } from "../src/eval/format.js";
import { extract } from "../src/stages/extract.js";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const verbose = process.argv.includes("--verbose");
const ocrDir = args[0] ?? "/tmp/devocr";
const truthPath = args[1] ?? "/work/shared/bench/dev/truth.jsonl";

const truths: Labelled[] = fs
  .readFileSync(truthPath, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled);

const predictions: Labelled[] = [];
for (const t of truths) {
  const file = path.join(ocrDir, `${t.file}.txt`);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const r = await extract({ pages: [], text });
  predictions.push({
    file: t.file,
    docType: r.docType,
    fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, v.value])),
  });
}
const score = scoreExtraction(predictions, truths);
process.stdout.write(formatScoreTables(score));
if (verbose)
  for (const m of score.mismatches)
    console.log(
      `${m.file} ${m.field}: expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`,
    );
