// `sohoa run`: the embedded default — the whole pipeline in this process, no Redis, a local folder out.
import { Command, Option } from "commander";
import { z } from "zod";
import { runBatch, type BatchSummary } from "../../pipelines/run-batch.js";
import { pipelineConfigSchema } from "../../src/config/pipeline-config.js";
import { pageReadOptions } from "../../src/context.js";
import { ExitCode, InterruptedError } from "../../src/errors/index.js";
import { defaultLimits } from "../../src/limits.js";
import { createLogger, envLogLevel } from "../../src/logger.js";
import { createOcrEngine, OCR_ENGINE_NAMES } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/local-store.js";
import { RunState, optionsFingerprint } from "../../src/run-state/index.js";
import { openSigner } from "../../src/signing/open-signer.js";
import { VERSION } from "../../src/version.js";
import { handleError } from "../handle-error.js";
import { assertInputsExist } from "../inputs.js";
import { createProgressBar } from "../progress-bar.js";
import { formatRunSummary, runOutcome } from "../run-summary.js";
import { ensureHeapHeadroom } from "../../src/util/heap-headroom.js";

const positiveInt = z.coerce.number().int().positive();

/** `sohoa run`'s options: the pipeline's own (PipelineConfig, same names and rules) and the run's. */
export const runOptionsSchema = pipelineConfigSchema
  .pick({
    ocrDpi: true,
    rereadSkippedInk: true,
    readHandwriting: true,
    pdf: true,
    key: true,
    passphraseFile: true,
    organisation: true,
    tsaUrl: true,
    visibleMark: true,
    ledger: true,
  })
  .extend({
    out: z.string().min(1),
    ocrEngine: z.enum(OCR_ENGINE_NAMES as unknown as ["auto", "native", "wasm", "null"]),
    jobs: positiveInt.optional(),
    concurrency: positiveInt.optional(),
    keepWork: z.boolean().default(false),
    json: z.boolean().default(false),
    logLevel: z.string().optional(),
    force: z.boolean().default(false),
    maxPagePixels: positiveInt.default(defaultLimits.maxPagePixels),
    maxPages: positiveInt.default(defaultLimits.maxPages),
    maxFileBytes: positiveInt.default(defaultLimits.maxFileBytes),
    pageTimeout: positiveInt.default(defaultLimits.pageTimeoutSeconds),
    ltv: z.boolean().default(false),
    lta: z.boolean().default(false),
    revocationFile: z.array(z.string().min(1)).default([]),
    unit: z.string().min(1).optional(),
    level: z.enum(["central", "provincial", "district", "commune"]).optional(),
    year: z.coerce.number().int().min(1900).max(2200).optional(),
    separate: z.enum(["qr", "blank"]).optional(),
  });

export const run = new Command()
  .name("run")
  .description(
    "run the whole pipeline in this process over files or folders (no Redis needed); a second run into the same --out resumes",
  )
  .argument("<paths...>", "scans or folders of scans (JPEG, PNG, TIFF, WebP, PDF)")
  .requiredOption("-o, --out <dir>", "output folder: text, metadata and report.jsonl")
  .addOption(new Option("--ocr-engine <engine>", "OCR engine").choices([...OCR_ENGINE_NAMES]).default("auto"))
  .option("-j, --jobs <n>", "documents in flight at once (default: 2 × OCR concurrency + 1)")
  .option("-c, --concurrency <n>", "OCR processes/threads at once (default: number of cores)")
  .option(
    "--ocr-dpi <dpi>",
    "pages scanned finer are reduced to this resolution for OCR (the archive keeps the full scan)",
    "240",
  )
  .option(
    "--no-reread-skipped-ink",
    "do not read the ink OCR's page layout skipped a second time (signer blocks beside seals)",
  )
  .option("--no-read-handwriting", "leave pen-written number and date slots reported only, never filled in")
  .option("--keep-work", "keep intermediate images under <out>/work")
  .option("--json", "print the summary as JSON on stdout")
  .option("--force", "process every document again, even those already done in --out")
  .option("--log-level <level>", "pino log level (default: SOHOA_LOG_LEVEL, LOG_LEVEL or info)")
  .option("--max-page-pixels <n>", "largest page in pixels")
  .option("--max-pages <n>", "most pages per file")
  .option("--max-file-bytes <n>", "largest file in bytes")
  .option("--page-timeout <seconds>", "longest time per page")
  .option("--no-pdf", "skip the archival PDF (text and metadata only)")
  .option(
    "--key <p12>",
    "sign PDFs with this PKCS#12 key (passphrase from SOHOA_SIGNING_PASSPHRASE or --passphrase-file)",
  )
  .option("--passphrase-file <file>", "file holding the key's passphrase")
  .option(
    "--organisation <name>",
    "organisation named in the visible signature mark (default: from the certificate)",
  )
  .option("--tsa-url <url>", "RFC 3161 timestamp authority (PAdES B-T)")
  .option(
    "--ltv",
    "PAdES B-LT: embed the chain's OCSP responses / CRLs (from the certificates' AIA / CRL DP) after signing",
  )
  .option("--lta", "PAdES B-LTA: --ltv, then a document timestamp from --tsa-url")
  .option(
    "--revocation-file <file>",
    "OCSP response or CRL to embed (with --ltv); repeatable",
    (v: string, all: string[] = []) => [...all, v],
  )
  .option("--no-visible-mark", "sign without the visible mark on page 1")
  .option("--unit <code>", "administrative unit the batch belongs to (for progress)")
  .addOption(
    new Option("--level <level>", "level of that unit").choices([
      "central",
      "provincial",
      "district",
      "commune",
    ]),
  )
  .option("--year <year>", "year to count documents in when their issue date cannot be read")
  .option("--ledger <dir>", "count finished documents in this progress ledger folder (see `sohoa progress`)")
  .addOption(
    new Option(
      "--separate <mode>",
      "split stacks at sohoa separator sheets (qr) or at blank pages (blank)",
    ).choices(["qr", "blank"]),
  )
  .action(async (paths: string[], raw: unknown) => {
    try {
      const options = runOptionsSchema.parse(raw);
      await assertInputsExist(paths);
      // A run is a long-lived process over many documents, as a worker is (src/util/heap-headroom.ts):
      // 500 one-page documents took a tenth less CPU with the headroom than without.
      ensureHeapHeadroom();
      const bar = createProgressBar(!options.json && process.stderr.isTTY === true);
      const level = options.logLevel ?? envLogLevel() ?? "info";
      // On a terminal the logger writes through the bar's writer, so its lines land above the bar.
      const log =
        process.stderr.isTTY === true
          ? createLogger({ level, pretty: !process.env.CI, destination: bar.stream })
          : createLogger({ level });
      const signer = await openSigner({ key: options.key, passphraseFile: options.passphraseFile });
      if (!signer && options.pdf) log.warn("no --key given: archival PDFs are written unsigned");
      const ledger = options.ledger ? await LocalProgressStore.open(options.ledger) : undefined;
      const ocr = await createOcrEngine({
        engine: options.ocrEngine,
        log,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      });
      const session = new RunState({
        out: options.out,
        force: options.force,
        fingerprint: optionsFingerprint({
          version: VERSION,
          engine: ocr.name,
          ocrDpi: options.ocrDpi,
          rereadSkippedInk: options.rereadSkippedInk,
          readHandwriting: options.readHandwriting,
          pdf: options.pdf,
          signed: signer !== undefined,
          visibleMark: options.visibleMark,
          organisation: options.organisation,
          tsaUrl: options.tsaUrl,
          ledger: options.ledger,
          unit: options.unit,
          level: options.level,
          year: options.year,
        }),
        onPassed: (line) => bar.tick(line.file),
      });
      const controller = new AbortController();
      let signals = 0;
      // First Ctrl-C: take no new documents, let running ones finish; second: abort them too.
      const onSignal = () => {
        signals++;
        if (signals === 1) {
          session.stop();
          log.warn("interrupted: finishing the running documents (Ctrl-C again to abort them)");
        } else {
          session.abort();
          controller.abort(new InterruptedError("interrupted by a second Ctrl-C"));
        }
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      let summary: BatchSummary;
      try {
        summary = await runBatch({
          inputs: paths,
          out: options.out,
          ocr,
          log,
          keepWork: options.keepWork,
          pdf: options.pdf,
          session,
          ...(ledger
            ? { ledger, unit: { unit: options.unit, level: options.level, year: options.year } }
            : {}),
          ...pageReadOptions({
            maxOcrDpi: options.ocrDpi,
            rereadSkippedInk: options.rereadSkippedInk,
            readHandwriting: options.readHandwriting,
          }),
          ...(options.separate ? { separate: options.separate } : {}),
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
        // After a Ctrl-C the run is ending: a late second one (the last document just finished) must not
        // kill the process before the summary and exit 130, so the handler stays until the process exits.
        if (signals === 0) {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
        }
      }
      const outcome = runOutcome(summary, session.counts, session.abortedFailures, ocr.name);
      process.stdout.write(options.json ? `${JSON.stringify(outcome)}\n` : formatRunSummary(outcome));
      if (signals > 0) process.exitCode = ExitCode.Interrupted;
      else process.exitCode = outcome.failed === 0 ? ExitCode.Ok : ExitCode.PartialBatch;
    } catch (error) {
      handleError(error);
    }
  });
