// `sohoa extract <file>`: runs the pipeline up to extraction on one scan and prints its fields.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command, Option } from "commander";
import { z } from "zod";
import { recognizeFile } from "../../pipelines/recognize.js";
import { table } from "../../src/eval/format.js";
import { createLogger } from "../../src/logger.js";
import { createOcrEngine, OCR_ENGINE_NAMES } from "../../src/ocr/index.js";
import type { ExtractionResult } from "../../src/types.js";
import { handleError } from "../handle-error.js";

export const extractOptionsSchema = z.object({
  ocrEngine: z.enum(OCR_ENGINE_NAMES as unknown as ["auto", "native", "wasm", "null"]),
  json: z.boolean().default(false),
  text: z.boolean().default(false),
  logLevel: z.string().default("warn"),
});

/** The result as a table: one row per field, then the review reasons. */
export function formatExtraction(file: string, r: ExtractionResult): string {
  const head = `${file}: ${r.docType} (${(r.typeConfidence * 100).toFixed(0)}%)${r.needsReview ? ", needs review" : ""}\n`;
  const rows = Object.entries(r.fields).map(([k, f]) => [
    k,
    String(f.value),
    f.confidence.toFixed(2),
    f.valid ? "ok" : (f.issues ?? []).join("; "),
  ]);
  const body = rows.length ? table([["field", "value", "confidence", "check"], ...rows]) : "(no fields)\n";
  const reasons = r.reviewReasons.length
    ? `review:\n${r.reviewReasons.map((x) => `  - ${x}`).join("\n")}\n`
    : "";
  return head + body + reasons;
}

export const extract = new Command()
  .name("extract")
  .description("recognise one scan and print its document type, fields, confidences and review reasons")
  .argument("<file>", "a scan (JPEG, PNG, TIFF, WebP, PDF)")
  .addOption(new Option("--ocr-engine <engine>", "OCR engine").choices([...OCR_ENGINE_NAMES]).default("auto"))
  .option("--json", "print JSON (the default when stdout is not a terminal)")
  .option("--text", "also print the OCR text")
  .option("--log-level <level>", "pino log level", "warn")
  .action(async (file: string, raw: unknown) => {
    try {
      const options = extractOptionsSchema.parse(raw);
      const log = createLogger({ level: options.logLevel });
      const ocr = await createOcrEngine({ engine: options.ocrEngine, log });
      const workDir = await mkdtemp(path.join(os.tmpdir(), "sohoa-extract-"));
      try {
        const doc = await recognizeFile(file, { ocr }, { workDir, log });
        if (options.json || process.stdout.isTTY !== true) {
          process.stdout.write(
            `${JSON.stringify({ file: doc.source.name, ...doc.extraction, ...(options.text ? { text: doc.text } : {}) })}\n`,
          );
        } else {
          process.stdout.write(formatExtraction(doc.source.name, doc.extraction));
          if (options.text) process.stdout.write(`\n${doc.text}\n`);
        }
      } finally {
        await ocr.close();
        await rm(workDir, { recursive: true, force: true });
      }
    } catch (error) {
      handleError(error);
    }
  });
