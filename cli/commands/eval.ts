// `sohoa eval <corpus>`: scores a report.jsonl's docTypes and fields against <corpus>/truth.jsonl.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { z } from "zod";
import { FileUnreadableError, InputFileError } from "../../src/errors/index.js";
import { scoreExtraction, type Labelled } from "../../src/eval/fields.js";
import { formatScoreTables } from "../../src/eval/format.js";
import { BadOptionError } from "../../src/errors/runtime-errors.js";
import { openStore } from "../../src/storage/open-store.js";
import { handleError } from "../handle-error.js";

/** `--reviews`: per-field accuracy of the first reading, the clerks' corrections as truth. */
async function evalReviewsCommand(
  archive: string,
  options: z.infer<typeof evalOptionsSchema>,
): Promise<void> {
  const { evalReviews } = await import("../../src/review/eval-reviews.js");
  const store = openStore(archive);
  try {
    const r = await evalReviews(store);
    if (options.json) return void process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stdout.write(
      `${r.reviewed} reviewed documents (${r.excluded} marked not a settlement result, left out)\n`,
    );
    process.stdout.write(formatScoreTables(r.score));
    if (options.mismatches) {
      for (const m of r.score.mismatches) {
        process.stdout.write(
          `${m.file}  ${m.field}: read ${JSON.stringify(m.actual)}, corrected to ${JSON.stringify(m.expected)}\n`,
        );
      }
    }
  } finally {
    await store.close?.();
  }
}

export const evalOptionsSchema = z.object({
  report: z.string().min(1).optional(),
  json: z.boolean().default(false),
  mismatches: z.boolean().default(false),
  reviews: z.string().min(1).optional(),
});

/** Reads a JSON-lines file of { file, docType, fields }; a bad line is an error naming the file and line. */
export async function readLabelled(file: string): Promise<Labelled[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new FileUnreadableError(file, (error as Error).message, { cause: error });
  }
  const out: Labelled[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new InputFileError(`${file}:${i + 1}: not JSON`, {
        file,
        hint: "Each line must be one JSON object.",
      });
    }
    const r = row as Partial<Labelled> & { extraction?: Partial<Labelled> };
    const docType = r.docType ?? r.extraction?.docType;
    if (typeof r.file !== "string" || typeof docType !== "string") {
      throw new InputFileError(`${file}:${i + 1}: needs "file" and "docType"`, { file });
    }
    // `sohoa run` writes file names relative to the input; the truth names files by base name.
    out.push({ file: path.basename(r.file), docType, fields: r.fields ?? r.extraction?.fields ?? {} });
  }
  return out;
}

export const evalCommand = new Command()
  .name("eval")
  .description("score a report.jsonl (docType and fields) against <corpus>/truth.jsonl")
  .argument("[corpus]", "folder holding truth.jsonl")
  .option(
    "--reviews <archive>",
    "instead: score the pipeline's first reading (v1) against the clerks' approved versions in an archive",
  )
  .option("--report <file>", "report to score (default: <corpus>/report.jsonl)")
  .option("--json", "print the score as JSON")
  .option("--mismatches", "list every wrong or missing value")
  .action(async (corpus: string | undefined, raw: unknown) => {
    try {
      const options = evalOptionsSchema.parse(raw);
      if (options.reviews) return await evalReviewsCommand(options.reviews, options);
      if (!corpus) throw new BadOptionError("eval needs <corpus> or --reviews <archive>");
      const truths = await readLabelled(path.join(corpus, "truth.jsonl"));
      const predictions = await readLabelled(options.report ?? path.join(corpus, "report.jsonl"));
      const score = scoreExtraction(predictions, truths);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(score)}\n`);
        return;
      }
      process.stdout.write(formatScoreTables(score));
      if (options.mismatches) {
        for (const m of score.mismatches)
          process.stdout.write(
            `${m.file}  ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}\n`,
          );
      }
    } catch (error) {
      handleError(error);
    }
  });
