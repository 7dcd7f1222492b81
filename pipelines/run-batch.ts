// `sohoa run` without the CLI: every input through the pipeline in process, a report line per file.
import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BadOptionError } from "../src/errors/index.js";
import type { Limits } from "../src/limits.js";
import { defaultLimits } from "../src/limits.js";
import type { Logger } from "../src/logger.js";
import type { OcrEngine } from "../src/ocr/ocr-engine.js";
import { documentMetadata } from "../src/report/document-metadata.js";
import { failureLine, successLine, type ReportLine } from "../src/report/report-line.js";
import { docRefFrom } from "../src/progress/doc-ref.js";
import type { ProgressLedger } from "../src/progress/types.js";
import type { DocumentResult, UnitRef } from "../src/types.js";
import { createLimiter } from "../src/util/limit.js";
import { applyLink, separateInputs, type LinkedInput } from "../src/separator/inputs.js";
import { collectInputs, type InputFile } from "../src/util/walk.js";
import { recognizeDocument } from "./archive.js";
import { makeArchivalPdf, type ArchivalPdfResult, type SigningOptions } from "./archival-pdf.js";

export interface RunBatchOptions {
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
  /** Pages finer than this are reduced to it for OCR. @defaultValue 240 */
  maxOcrDpi?: number;
  /** Write the archival PDF/A of each document. @defaultValue true */
  pdf?: boolean;
  /** Sign the PDFs; unsigned PDF/A when absent. */
  signing?: SigningOptions;
  /** Counts each finished document for its unit and the year of its issue date (else `unit.year`). */
  ledger?: ProgressLedger;
  /** The batch's unit, level and year, for the ledger. */
  unit?: UnitRef;
  /** Split stacks into documents at separator sheets (`qr`) or blank pages (`blank`). */
  separate?: "qr" | "blank";
}

/** Typed events for front ends (progress bar, JSON streaming). */
export interface BatchListener {
  start: (files: InputFile[], skipped: Array<{ path: string; reason: string }>) => void;
  fileDone: (line: ReportLine) => void;
}

export interface BatchSummary {
  files: number;
  done: number;
  failed: number;
  needsReview: number;
  pages: number;
  skipped: Array<{ path: string; reason: string }>;
  report: string;
  wallMs: number;
}

export async function runBatch(options: RunBatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const limits = options.limits ?? defaultLimits;
  const jobs = options.jobs ?? options.ocr.concurrency * 2 + 1;
  if (!Number.isInteger(jobs) || jobs < 1) throw new BadOptionError(`jobs must be a whole number greater than 0, got ${jobs}`);
  const collected = await collectInputs(options.inputs);
  const { skipped } = collected;
  if (collected.files.length === 0) throw new BadOptionError(`no scans found in ${options.inputs.join(", ")}`, { hint: "Give folders holding JPEG, PNG, TIFF, WebP or PDF files." });
  for (const s of skipped) options.log.info({ path: s.path, reason: s.reason }, "skipped");

  await mkdir(options.out, { recursive: true });
  const report = path.join(options.out, "report.jsonl");
  await writeFile(report, "");
  const workRoot = options.keepWork ? path.join(options.out, "work") : await mkdtemp(path.join(tmpdir(), "sohoa-run-"));
  const files: LinkedInput[] = options.separate
    ? await separateInputs(collected.files, path.join(workRoot, "stacks"), options.separate, options.log, limits)
    : collected.files;
  options.listener?.start?.(files, skipped);

  const summary: BatchSummary = { files: files.length, done: 0, failed: 0, needsReview: 0, pages: 0, skipped, report, wallMs: 0 };
  const limit = createLimiter(jobs);
  try {
    await Promise.all(
      files.map((file, index) =>
        limit(async () => {
          const line = await processFile(file, index, workRoot, options, limits);
          await appendFile(report, `${JSON.stringify(line)}\n`);
          if (line.outcome === "done") summary.done++;
          else summary.failed++;
          if (line.needsReview) summary.needsReview++;
          summary.pages += line.pages?.length ?? 0;
          options.listener?.fileDone?.(line);
        }),
      ),
    );
  } finally {
    if (!options.keepWork) await rm(workRoot, { recursive: true, force: true });
  }
  summary.wallMs = Math.round(performance.now() - started);
  return summary;
}

async function processFile(file: LinkedInput, index: number, workRoot: string, options: RunBatchOptions, limits: Limits): Promise<ReportLine> {
  const started = performance.now();
  const workDir = path.join(workRoot, String(index + 1).padStart(5, "0"));
  await mkdir(workDir, { recursive: true });
  const log = options.log.child({ file: file.relative });
  try {
    if (file.error) throw file.error;
    const doc = await recognizeDocument(file.path, { ocr: options.ocr, limits, ...(options.maxOcrDpi ? { maxOcrDpi: options.maxOcrDpi } : {}) }, { workDir, log, ...(options.signal ? { signal: options.signal } : {}) });
    if (file.link) applyLink(doc, file.link);
    const pdf = options.pdf === false ? undefined : await makeArchivalPdf(doc, options.signing);
    if (pdf) Object.assign(doc.timings, pdf.timings);
    const outputs = await writeOutputs(options.out, file, doc, pdf);
    if (options.ledger) {
      const ref = docRefFrom({ docId: doc.source.sha256, docType: doc.extraction.docType, fields: doc.extraction.fields }, { ...options.unit, ...(file.link?.unit ? { unit: file.link.unit } : {}) });
      if (ref) await options.ledger.record(ref);
      else log.warn("not counted for progress: no unit (--unit) or year for this document");
    }
    const line = successLine(file.relative, doc, performance.now() - started, outputs);
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

/** `<out>/<relative path without extension>.txt|.json|.pdf`, mirroring the input folder. */
async function writeOutputs(out: string, file: InputFile, doc: DocumentResult, pdf: ArchivalPdfResult | undefined): Promise<Record<string, string>> {
  const stem = file.relative.replace(/\.[^./]+$/, "");
  const outputs: Record<string, string> = { text: `${stem}.txt`, metadata: `${stem}.json` };
  await mkdir(path.dirname(path.join(out, outputs.text!)), { recursive: true });
  await writeFile(path.join(out, outputs.text!), `${doc.text}\n`);
  if (pdf) {
    outputs.pdf = `${stem}.pdf`;
    await writeFile(path.join(out, outputs.pdf), pdf.bytes);
  }
  const meta = documentMetadata(file.relative, doc, pdf ? { sha256: pdf.sha256, signed: pdf.signed } : undefined);
  await writeFile(path.join(out, outputs.metadata!), `${JSON.stringify(meta, null, 2)}\n`);
  return outputs;
}
