// `sohoa worker`: takes document jobs from the queue and runs the archive pipeline on them until SIGTERM/SIGINT.
import { Command, Option } from "commander";
import { z } from "zod";
import { archiveProcessor } from "../../pipelines/archive.js";
import { parsePipelineConfig, pipelineFlagsSchema } from "../../src/config/pipeline-config.js";
import { OCR_ENGINE_NAMES } from "../../src/ocr/select.js";
import { createLogger, envLogLevel } from "../../src/logger.js";
import {
  DEFAULT_QUEUE,
  allowedRootsFromEnv,
  connectionFromUrl,
  loadProcessor,
  redisUrl,
  runWorker,
} from "../../src/queue/index.js";
import { openStore } from "../../src/storage/index.js";
import { handleError } from "../handle-error.js";

const int = (min: number) => z.coerce.number().int().min(min);

export const workerOptionsSchema = z.object({
  concurrency: int(1).default(1),
  queue: z.string().min(1).default(DEFAULT_QUEUE),
  redis: z.string().optional(),
  store: z.string().min(1),
  s3Endpoint: z.string().url().optional(),
  s3Region: z.string().optional(),
  processor: z.string().min(1).optional(),
  docTimeout: int(1).default(600),
  pageTimeout: int(1).optional(),
  maxPagePixels: int(1).optional(),
  maxPages: int(1).optional(),
  maxFileBytes: int(1).optional(),
  recycleEvery: int(0).default(0),
  lockDuration: int(1).default(30),
  metricsPort: int(0).optional(),
  metricsHost: z.string().min(1).default("127.0.0.1"),
  allowRoot: z.array(z.string().min(1)).default([]),
  batchTtl: int(0).default(7 * 24 * 3600),
  workDir: z.string().optional(),
  keepWork: z.boolean().default(false),
  logLevel: z.string().optional(),
  // The pipeline's options, named as `sohoa run`'s; parsed over the environment by parsePipelineConfig.
  ...pipelineFlagsSchema.shape,
});

export const worker = new Command()
  .name("worker")
  .description("process queued documents (BullMQ worker); stops gracefully on SIGTERM/SIGINT")
  .option("-c, --concurrency <n>", "documents at once in this process", "1")
  .option("--queue <name>", "queue name", DEFAULT_QUEUE)
  .option(
    "--redis <url>",
    "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)",
  )
  .option(
    "--store <spec>",
    "archive: a folder or s3://bucket/prefix (default: SOHOA_STORE)",
    process.env.SOHOA_STORE,
  )
  .option("--s3-endpoint <url>", "S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3)")
  .option("--s3-region <region>", "S3 region (default: AWS_REGION)")
  .option(
    "--processor <module>",
    "module exporting a document processor factory instead of the archive pipeline (tests, benchmarks)",
  )
  .addOption(
    new Option("--ocr-engine <engine>", "OCR engine (default: SOHOA_OCR_ENGINE or auto)").choices([
      ...OCR_ENGINE_NAMES,
    ]),
  )
  .option(
    "--ocr-concurrency <n>",
    "OCR processes/threads per document processor (default: SOHOA_OCR_CONCURRENCY or the cores)",
  )
  .option("--ocr-dpi <dpi>", "pages scanned finer are reduced to this resolution for OCR (default: 240)")
  .option(
    "--no-reread-skipped-ink",
    "do not read the ink OCR's page layout skipped a second time (signer blocks beside seals)",
  )
  .option("--no-read-handwriting", "leave pen-written number and date slots reported only, never filled in")
  .option("--no-pdf", "skip the archival PDF (original and metadata only)")
  .option("--key <p12>", "sign PDFs with this PKCS#12 key (default: SOHOA_SIGNING_KEY)")
  .option(
    "--passphrase-file <file>",
    "file holding the key's passphrase (default: SOHOA_SIGNING_PASSPHRASE_FILE)",
  )
  .option(
    "--organisation <name>",
    "organisation named in the visible signature mark (default: SOHOA_SIGNING_ORG)",
  )
  .option("--tsa-url <url>", "RFC 3161 timestamp authority (default: SOHOA_TSA_URL)")
  .option("--no-visible-mark", "sign without the visible mark on page 1")
  .option(
    "--ledger <redis-url>",
    "count archived documents in this Redis progress ledger (default: SOHOA_PROGRESS_REDIS)",
  )
  .option("--doc-timeout <seconds>", "time limit per document", "600")
  .option("--page-timeout <seconds>", "time limit per page (default: the pipeline's)")
  .option("--max-page-pixels <n>", "largest page in pixels (default: the pipeline's)")
  .option("--max-pages <n>", "most pages per file (default: the pipeline's)")
  .option("--max-file-bytes <n>", "largest file in bytes (default: the pipeline's)")
  .option("--recycle-every <n>", "restart the OCR engine every N documents (0 = never)", "0")
  .option("--lock-duration <seconds>", "job lock; a dead worker's jobs move on after about this long", "30")
  .option("--metrics-port <port>", "serve Prometheus metrics on /metrics, and /healthz and /readyz")
  .option("--metrics-host <address>", "address for that endpoint (0.0.0.0 for every interface)", "127.0.0.1")
  .option(
    "--allow-root <dir...>",
    "only read input below these folders, links resolved (default: SOHOA_ALLOWED_ROOTS, else each batch's own folders)",
  )
  .option(
    "--batch-ttl <seconds>",
    "keep a complete batch's Redis keys this long (0 = forever)",
    String(7 * 24 * 3600),
  )
  .option("--work-dir <dir>", "root of per-document work folders (default: the temp folder)")
  .option("--keep-work", "keep per-document work folders")
  .option("--log-level <level>", "pino log level (default: SOHOA_LOG_LEVEL, LOG_LEVEL or info)")
  .action(async (raw: unknown) => {
    try {
      const o = workerOptionsSchema.parse(raw);
      const log = createLogger({ level: o.logLevel ?? envLogLevel() ?? "info" });
      const store = openStore(o.store, {
        ...(o.s3Endpoint ? { endpoint: o.s3Endpoint } : {}),
        ...(o.s3Region ? { region: o.s3Region } : {}),
      });
      await runWorker({
        connection: connectionFromUrl(redisUrl(o.redis)),
        queueName: o.queue,
        store,
        processor: o.processor
          ? await loadProcessor(o.processor)
          : archiveProcessor(parsePipelineConfig(pipelineFlagsSchema.parse(o), process.env)),
        concurrency: o.concurrency,
        documentTimeoutMs: o.docTimeout * 1000,
        recycleEvery: o.recycleEvery,
        ...(o.pageTimeout !== undefined ? { pageTimeoutSeconds: o.pageTimeout } : {}),
        limits: {
          ...(o.maxPagePixels !== undefined ? { maxPagePixels: o.maxPagePixels } : {}),
          ...(o.maxPages !== undefined ? { maxPages: o.maxPages } : {}),
          ...(o.maxFileBytes !== undefined ? { maxFileBytes: o.maxFileBytes } : {}),
        },
        lockDurationMs: o.lockDuration * 1000,
        stalledIntervalMs: Math.max(1000, (o.lockDuration * 1000) / 2),
        ...(o.workDir ? { workRoot: o.workDir } : {}),
        keepWork: o.keepWork,
        log,
        ...(o.metricsPort !== undefined ? { metricsPort: o.metricsPort, metricsHost: o.metricsHost } : {}),
        allowedRoots: o.allowRoot.length ? o.allowRoot : allowedRootsFromEnv(),
        batchTtlSeconds: o.batchTtl,
      });
    } catch (error) {
      handleError(error);
    }
  });
