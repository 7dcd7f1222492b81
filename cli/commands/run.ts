// `sohoa run`: the embedded default — the whole pipeline in this process, no Redis, a local folder out.
import { Command, Option } from "commander";
import { z } from "zod";
import { runBatch, type BatchSummary } from "../../pipelines/run-batch.js";
import { ExitCode } from "../../src/errors/index.js";
import { defaultLimits } from "../../src/limits.js";
import { createLogger } from "../../src/logger.js";
import { createOcrEngine, OCR_ENGINE_NAMES } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/local-store.js";
import { openSigner } from "../../src/signing/open-signer.js";
import { handleError } from "../handle-error.js";
import { createProgressBar } from "../progress-bar.js";

const positiveInt = z.coerce.number().int().positive();

export const runOptionsSchema = z.object({
  out: z.string().min(1),
  ocrEngine: z.enum(OCR_ENGINE_NAMES as unknown as ["auto", "native", "wasm", "null"]),
  jobs: positiveInt.optional(),
  concurrency: positiveInt.optional(),
  keepWork: z.boolean().default(false),
  json: z.boolean().default(false),
  logLevel: z.string().default("info"),
  maxPagePixels: positiveInt.default(defaultLimits.maxPagePixels),
  maxPages: positiveInt.default(defaultLimits.maxPages),
  maxFileBytes: positiveInt.default(defaultLimits.maxFileBytes),
  pageTimeout: positiveInt.default(defaultLimits.pageTimeoutSeconds),
  ocrDpi: positiveInt.default(240),
  pdf: z.boolean().default(true),
  key: z.string().min(1).optional(),
  passphraseFile: z.string().min(1).optional(),
  organisation: z.string().min(1).optional(),
  tsaUrl: z.string().url().optional(),
  ltv: z.boolean().default(false),
  lta: z.boolean().default(false),
  revocationFile: z.array(z.string().min(1)).default([]),
  visibleMark: z.boolean().default(true),
  unit: z.string().min(1).optional(),
  level: z.enum(["central", "provincial", "district", "commune"]).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  ledger: z.string().min(1).optional(),
});

export const run = new Command()
  .name("run")
  .description("run the whole pipeline in this process over files or folders (no Redis needed)")
  .argument("<paths...>", "scans or folders of scans (JPEG, PNG, TIFF, WebP, PDF)")
  .requiredOption("-o, --out <dir>", "output folder: text, metadata and report.jsonl")
  .addOption(new Option("--ocr-engine <engine>", "OCR engine").choices([...OCR_ENGINE_NAMES]).default("auto"))
  .option("-j, --jobs <n>", "documents in flight at once (default: 2 × OCR concurrency + 1)")
  .option("-c, --concurrency <n>", "OCR processes/threads at once (default: number of cores)")
  .option("--ocr-dpi <dpi>", "pages scanned finer are reduced to this resolution for OCR (the archive keeps the full scan)", "240")
  .option("--keep-work", "keep intermediate images under <out>/work")
  .option("--json", "print the summary as JSON on stdout")
  .option("--log-level <level>", "pino log level", "info")
  .option("--max-page-pixels <n>", "largest page in pixels")
  .option("--max-pages <n>", "most pages per file")
  .option("--max-file-bytes <n>", "largest file in bytes")
  .option("--page-timeout <seconds>", "longest time per page")
  .option("--no-pdf", "skip the archival PDF (text and metadata only)")
  .option("--key <p12>", "sign PDFs with this PKCS#12 key (passphrase from SOHOA_SIGNING_PASSPHRASE or --passphrase-file)")
  .option("--passphrase-file <file>", "file holding the key's passphrase")
  .option("--organisation <name>", "organisation named in the visible signature mark (default: from the certificate)")
  .option("--tsa-url <url>", "RFC 3161 timestamp authority (PAdES B-T)")
  .option("--ltv", "PAdES B-LT: embed the chain's OCSP responses / CRLs (from the certificates' AIA / CRL DP) after signing")
  .option("--lta", "PAdES B-LTA: --ltv, then a document timestamp from --tsa-url")
  .option("--revocation-file <file>", "OCSP response or CRL to embed (with --ltv); repeatable",
    (v: string, all: string[] = []) => [...all, v])
  .option("--no-visible-mark", "sign without the visible mark on page 1")
  .option("--unit <code>", "administrative unit the batch belongs to (for progress)")
  .addOption(new Option("--level <level>", "level of that unit").choices(["central", "provincial", "district", "commune"]))
  .option("--year <year>", "year to count documents in when their issue date cannot be read")
  .option("--ledger <dir>", "count finished documents in this progress ledger folder (see `sohoa progress`)")
  .action(async (paths: string[], raw: unknown) => {
    try {
      const options = runOptionsSchema.parse(raw);
      const log = createLogger({ level: options.logLevel });
      const signer = await openSigner({ key: options.key, passphraseFile: options.passphraseFile });
      if (!signer && options.pdf) log.warn("no --key given: archival PDFs are written unsigned");
      const ledger = options.ledger ? await LocalProgressStore.open(options.ledger) : undefined;
      const ocr = await createOcrEngine({ engine: options.ocrEngine, log, ...(options.concurrency ? { concurrency: options.concurrency } : {}) });
      const bar = createProgressBar(!options.json && process.stderr.isTTY === true);
      const controller = new AbortController();
      const onSignal = () => controller.abort(new Error("interrupted"));
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      let summary: BatchSummary;
      try {
        summary = await runBatch({
          inputs: paths,
          out: options.out,
          ocr,
          log,
          keepWork: options.keepWork,
          pdf: options.pdf,
          ...(ledger ? { ledger, unit: { unit: options.unit, level: options.level, year: options.year } } : {}),
          maxOcrDpi: options.ocrDpi,
          ...(signer
            ? {
                signing: {
                  signer,
                  visibleMark: options.visibleMark,
                  ...(options.organisation ? { organisation: options.organisation } : {}),
                  ...(options.tsaUrl ? { tsaUrl: options.tsaUrl } : {}),
                  ...(options.ltv || options.lta ? { revocation: { files: options.revocationFile } } : {}),
                  ...(options.lta ? { documentTimestamp: true } : {}),
                },
              }
            : {}),
          signal: controller.signal,
          ...(options.jobs ? { jobs: options.jobs } : {}),
          limits: {
            maxPagePixels: options.maxPagePixels,
            maxPages: options.maxPages,
            maxFileBytes: options.maxFileBytes,
            pageTimeoutSeconds: options.pageTimeout,
          },
          listener: {
            start: (files) => bar.start(files.length),
            fileDone: (line) => bar.tick(line.file),
          },
        });
      } finally {
        bar.stop();
        await ocr.close();
        await ledger?.close();
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      printSummary(summary, options.json, ocr.name);
      if (controller.signal.aborted) process.exitCode = ExitCode.Interrupted;
      else process.exitCode = summary.failed === 0 ? ExitCode.Ok : ExitCode.PartialBatch;
    } catch (error) {
      handleError(error);
    }
  });

function printSummary(summary: BatchSummary, json: boolean, engine: string): void {
  const pagesPerMinute = summary.wallMs > 0 ? (summary.pages * 60_000) / summary.wallMs : 0;
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...summary, engine, pagesPerMinute: Math.round(pagesPerMinute * 10) / 10 })}\n`);
    return;
  }
  const lines = [
    `files      ${summary.files} (${summary.done} done, ${summary.failed} failed, ${summary.needsReview} need review)`,
    `pages      ${summary.pages} in ${(summary.wallMs / 1000).toFixed(1)} s (${pagesPerMinute.toFixed(1)} pages/min, OCR: ${engine})`,
    `report     ${summary.report}`,
  ];
  if (summary.skipped.length) lines.push(`skipped    ${summary.skipped.length} (see the log)`);
  process.stdout.write(`${lines.join("\n")}\n`);
}
