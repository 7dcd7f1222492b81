// `sohoa run` without the CLI: every input found through processDocument into a folder, a report line per file.
import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pageReadOptions, type PageReadOptions } from "../src/context.js";
import { BadOptionError, FileUnreadableError } from "../src/errors/index.js";
import type { Limits } from "../src/limits.js";
import { defaultLimits } from "../src/limits.js";
import type { Logger } from "../src/logger.js";
import type { OcrEngine } from "../src/ocr/ocr-engine.js";
import { failureLine, skippedLine, successLine, type ReportLine } from "../src/report/report-line.js";
import type { RunSession } from "../src/run-state/types.js";
import type { ProgressLedger } from "../src/progress/types.js";
import type { UnitRef } from "../src/types.js";
import { Limiter } from "../src/util/limit.js";
import { separateInputs, type LinkedInput } from "../src/separator/inputs.js";
import { collectInputs, type InputFile, type SkippedEntry } from "../src/util/walk.js";
import type { SigningOptions } from "./archival-pdf.js";
import { FolderOutput } from "./outputs/folder-output.js";
import { processDocument, type ProcessOptions } from "./process-document.js";

export interface RunBatchOptions extends PageReadOptions {
  /** Files and folders to process. */
  inputs: string[];
  /** Output folder: per-document text and metadata, and report.jsonl. */
  out: string;
  ocr: OcrEngine;
  log: Logger;
  limits?: Limits;
  /**
   * Documents in flight at once; pages within them share the OCR engine's slots. More documents
   * than OCR slots, so the next pages are decoded and deskewed while OCR works and no core idles.
   * @defaultValue twice the OCR engine's concurrency, plus one
   */
  jobs?: number;
  /** Keep intermediate images under `<out>/work/`. @defaultValue false */
  keepWork?: boolean;
  listener?: Partial<BatchListener>;
  signal?: AbortSignal;
  /** Write the archival PDF/A of each document. @defaultValue true */
  pdf?: boolean;
  /** Sign the PDFs; unsigned PDF/A when absent. */
  signing?: SigningOptions;
  /** Counts each finished document for its unit and the year of its issue date (else `unit.year`). */
  ledger?: ProgressLedger;
  /** The batch's unit, level and year, for the ledger. */
  unit?: UnitRef;
  /** A resumable run (src/run-state): passes over files already done, duplicates and, once stopping, the rest; owns report.jsonl. */
  session?: RunSession;
  /** Split stacks into documents at separator sheets (`qr`) or blank pages (`blank`). */
  separate?: "qr" | "blank";
}

/** Typed events for front ends (progress bar, JSON streaming). */
export interface BatchListener {
  start: (files: InputFile[], skipped: SkippedEntry[]) => void;
  fileDone: (line: ReportLine) => void;
}

export interface BatchSummary {
  files: number;
  done: number;
  failed: number;
  needsReview: number;
  pages: number;
  skipped: SkippedEntry[];
  report: string;
  wallMs: number;
}

export async function runBatch(options: RunBatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const limits = options.limits ?? defaultLimits;
  const jobs = options.jobs ?? options.ocr.concurrency * 2 + 1;
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new BadOptionError(`jobs must be a whole number greater than 0, got ${jobs}`);
  const collected = await collectInputs(options.inputs, { scansOnly: true });
  const { skipped } = collected;
  if (collected.files.length === 0)
    throw new BadOptionError(`no scans found in ${options.inputs.join(", ")}`, {
      hint: "Give folders holding JPEG, PNG, TIFF, WebP or PDF files.",
    });
  for (const s of skipped) options.log.warn({ path: s.path, reason: s.reason }, "skipped");

  await mkdir(options.out, { recursive: true });
  const report = path.join(options.out, "report.jsonl");
  const workRoot = options.keepWork
    ? path.join(options.out, "work")
    : await mkdtemp(path.join(tmpdir(), "sohoa-run-"));
  const files: LinkedInput[] = options.separate
    ? await separateInputs(
        collected.files,
        path.join(workRoot, "stacks"),
        options.separate,
        options.log,
        limits,
      )
    : collected.files;
  // Nothing found under an input folder is left out of the report: what the walk passed over gets a line too.
  const skippedLines = skipped.map((s) => skippedLine(s.relative, s.reason));
  if (options.session) {
    await options.session.open(files);
    for (const line of skippedLines) await options.session.note(line);
  } else await writeFile(report, skippedLines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  options.listener?.start?.(files, skipped);

  const summary: BatchSummary = {
    files: files.length,
    done: 0,
    failed: 0,
    needsReview: 0,
    pages: 0,
    skipped,
    report,
    wallMs: 0,
  };
  const limiter = new Limiter(jobs);
  try {
    await Promise.all(
      files.map((file, index) =>
        limiter.run(async () => {
          if (await options.session?.passOver(file)) return;
          const line = await processFile(file, index, workRoot, options, limits);
          if (options.session) await options.session.record(file, line);
          else await appendFile(report, `${JSON.stringify(line)}\n`);
          if (line.outcome === "done") summary.done++;
          else summary.failed++;
          if (line.needsReview) summary.needsReview++;
          summary.pages += line.pages?.length ?? 0;
          options.listener?.fileDone?.(line);
        }),
      ),
    );
  } finally {
    await options.session?.close();
    if (!options.keepWork) await rm(workRoot, { recursive: true, force: true });
  }
  summary.wallMs = Math.round(performance.now() - started);
  return summary;
}

async function processFile(
  file: LinkedInput,
  index: number,
  workRoot: string,
  options: RunBatchOptions,
  limits: Limits,
): Promise<ReportLine> {
  const started = performance.now();
  const workDir = path.join(workRoot, String(index + 1).padStart(5, "0"));
  await mkdir(workDir, { recursive: true });
  const log = options.log.child({ file: file.relative });
  log.debug("document started");
  const process: ProcessOptions = {
    ocr: options.ocr,
    limits,
    ...pageReadOptions(options),
    ...(options.pdf === false ? { pdf: false } : {}),
    ...(options.signing ? { signing: options.signing } : {}),
    ...(options.ledger ? { ledger: options.ledger, unit: options.unit ?? {} } : {}),
  };
  try {
    if (file.unreadable)
      throw new FileUnreadableError(file.relative, file.unreadable, {
        hint: "Rename the file to a UTF-8 name (e.g. convmv -f latin1 -t utf8).",
      });
    if (file.error) throw file.error;
    const ctx = { workDir, log, ...(options.signal ? { signal: options.signal } : {}) };
    const { doc, written } = await processDocument(
      file.path,
      file.link ? { ...process, link: file.link } : process,
      new FolderOutput(options.out, file.relative),
      ctx,
    );
    const line = successLine(
      file.relative,
      doc,
      performance.now() - started,
      written.keys as Record<string, string>,
    );
    log.info({ docType: line.docType, pages: doc.pages.length, ms: line.timings.total }, "document done");
    return line;
  } catch (error) {
    const line = failureLine(file.relative, error, performance.now() - started);
    log.error({ code: line.error?.code, reason: line.error?.message }, "document failed");
    return line;
  } finally {
    if (!options.keepWork) await rm(workDir, { recursive: true, force: true });
  }
}
