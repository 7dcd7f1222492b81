// Dev helper: runs the recognition pipeline over scans and keeps each file's text and OCR pages (word confidences) as JSON.
// Usage: npx tsx bench/dump-ocr.ts <scanDir> <outDir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recognizeFile } from "../pipelines/recognize.js";
import { createOcrEngine } from "../src/ocr/select.js";
import { createLogger } from "../src/logger.js";

const [scanDir, outDir] = process.argv.slice(2);
if (!scanDir || !outDir) throw new Error("usage: dump-ocr.ts <scanDir> <outDir>");
fs.mkdirSync(outDir, { recursive: true });
const log = createLogger({ level: "warn" });
const ocr = await createOcrEngine({ engine: "auto", log });
try {
  for (const name of fs.readdirSync(scanDir).sort()) {
    if (!/\.(pdf|tiff?|jpe?g|png|webp)$/i.test(name)) continue;
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "dump-ocr-"));
    try {
      const doc = await recognizeFile(path.join(scanDir, name), { ocr }, { workDir, log });
      fs.writeFileSync(
        path.join(outDir, `${name}.json`),
        JSON.stringify({ file: name, text: doc.text, pages: doc.pages.map((p) => p.ocr) }),
      );
    } catch (error) {
      console.error(name, error);
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }
} finally {
  await ocr.close();
}
