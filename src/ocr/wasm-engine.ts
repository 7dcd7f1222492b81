// OcrEngine over tesseract.js 7 (WebAssembly): a pool of workers, each recycled every N pages.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import sharp from "sharp";
import { createWorker, OEM, type PSM, type Worker } from "tesseract.js";
import { FileUnreadableError, OcrFailedError } from "../errors/index.js";
import { decodeOcrImage } from "../imaging/ocr-image.js";
import { silentLogger, type Logger } from "../logger.js";
import type { Box, OcrPage } from "../types.js";
import { Limiter } from "../util/limit.js";
import type { OcrEngine, OcrEngineOptions, RecognizeOptions } from "./ocr-engine.js";
import { NATIVE_SPEED_CONFIG } from "./native-engine.js";
import { buildPage } from "./page.js";
import { vieDataDir } from "./tessdata.js";

const require = createRequire(import.meta.url);

/** Folder of the gzipped `vie.traineddata` shipped by @tesseract.js-data/vie (LSTM best_int model). */
export function wasmLangPath(): string {
  return vieDataDir("4.0.0_best_int");
}

/** One worker slot of the pool; the worker is created lazily and replaced when recycled. */
interface Slot {
  worker: Worker | undefined;
  pages: number;
  params: string;
}

export class WasmOcrEngine implements OcrEngine {
  readonly name = "wasm";
  readonly concurrency: number;
  private readonly recycleAfter: number;
  private readonly lang: string;
  private readonly log: Logger;
  private readonly limiter: Limiter;
  private readonly free: Slot[] = [];
  private readonly slots: Slot[] = [];
  private created = 0;
  private closed = false;

  constructor(opts: OcrEngineOptions = {}) {
    const o = {
      concurrency: availableParallelism(),
      recycleAfter: 50,
      lang: "vie",
      log: silentLogger,
      ...opts,
    };
    if (!Number.isInteger(o.recycleAfter) || o.recycleAfter < 1)
      throw new RangeError("recycleAfter must be an integer greater than 0");
    this.limiter = new Limiter(o.concurrency);
    this.concurrency = o.concurrency;
    this.recycleAfter = o.recycleAfter;
    this.lang = o.lang;
    this.log = o.log;
    for (let i = 0; i < o.concurrency; i++) this.slots.push({ worker: undefined, pages: 0, params: "" });
    this.free.push(...this.slots);
  }

  /** Workers created so far (recycling and crash recovery create new ones). */
  get workersCreated(): number {
    return this.created;
  }

  /** Highest number of pages seen in recognition at once. */
  get peakConcurrency(): number {
    return this.limiter.peak;
  }

  async version(): Promise<string> {
    const js = (require("tesseract.js/package.json") as { version: string }).version;
    const core = (require("tesseract.js-core/package.json") as { version: string }).version;
    return `tesseract.js ${js} (tesseract.js-core ${core})`;
  }

  async languages(): Promise<string[]> {
    return this.lang.split("+");
  }

  recognize(image: string, options: RecognizeOptions = {}): Promise<OcrPage> {
    if (this.closed)
      return Promise.reject(new OcrFailedError("the OCR engine is closed", { file: image, stage: "ocr" }));
    return this.limiter.run(async () => {
      const slot = this.free.pop()!;
      try {
        return await this.recognizeOn(slot, image, options);
      } finally {
        this.free.push(slot);
      }
    }, options.signal);
  }

  private async recognizeOn(slot: Slot, image: string, options: RecognizeOptions): Promise<OcrPage> {
    const { data, width, height } = await loadImage(image);
    options.signal?.throwIfAborted();
    const worker = slot.worker ?? (slot.worker = await this.spawn(slot));
    const params = {
      ...Object.fromEntries(Object.entries(NATIVE_SPEED_CONFIG).map(([k, v]) => [k, String(v)])),
      tessedit_pageseg_mode: String(options.psm ?? 3) as PSM,
      user_defined_dpi: options.dpi ? String(Math.round(options.dpi)) : "0",
    };
    const started = performance.now();
    try {
      // Parameters stick to a worker, so they are sent only when they change.
      if (slot.params !== JSON.stringify(params)) {
        await worker.setParameters(params);
        slot.params = JSON.stringify(params);
      }
      const job = worker.recognize(data, {}, { blocks: true, text: false });
      const result = await (options.signal ? raceAbort(job, options.signal) : job);
      slot.pages++;
      if (slot.pages >= this.recycleAfter) await this.retire(slot);
      this.log.debug({ image, ms: Math.round(performance.now() - started) }, "wasm ocr page");
      return toPage(this.name, width, height, result.data.blocks ?? []);
    } catch (error) {
      // A cancelled or crashed job leaves the worker in an unknown state: replace it.
      await this.retire(slot);
      if (options.signal?.aborted) throw options.signal.reason;
      throw new OcrFailedError(
        `${image}: tesseract.js failed: ${String((error as Error)?.message ?? error)}`,
        { file: image, stage: "ocr", cause: error },
      );
    }
  }

  private async spawn(slot: Slot): Promise<Worker> {
    slot.pages = 0;
    slot.params = "";
    this.created++;
    try {
      // langPath is a local folder and cacheMethod "none": nothing is fetched or written to the cwd.
      // In Node the core is require()d from tesseract.js-core, so no corePath/CDN is involved.
      return await createWorker(this.lang, OEM.LSTM_ONLY, {
        langPath: wasmLangPath(),
        cacheMethod: "none",
        gzip: true,
        logger: () => undefined,
        errorHandler: (e: unknown) => this.log.warn({ err: e }, "tesseract.js worker error"),
      });
    } catch (error) {
      throw new OcrFailedError(
        `cannot start a tesseract.js worker: ${String((error as Error)?.message ?? error)}`,
        { stage: "ocr", cause: error },
      );
    }
  }

  private async retire(slot: Slot): Promise<void> {
    const w = slot.worker;
    slot.worker = undefined;
    slot.pages = 0;
    slot.params = "";
    await w?.terminate().catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.limiter.rejectAll(new OcrFailedError("the OCR engine was closed", { stage: "ocr" }));
    await Promise.all(this.slots.map((s) => this.retire(s)));
  }
}

/** Reads the image; TIFF is re-encoded to PNG because the wasm Leptonica build may lack libtiff. */
async function loadImage(image: string): Promise<{ data: Buffer; width: number; height: number }> {
  let data: Buffer;
  try {
    data = await readFile(image);
  } catch (error) {
    throw new FileUnreadableError(image, (error as Error).message, { stage: "ocr", cause: error });
  }
  // Binary PGM is read natively by Leptonica (and not by sharp).
  const pgm = /^P5\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 32).toString("latin1"));
  if (pgm) return { data, width: Number(pgm[1]), height: Number(pgm[2]) };
  try {
    const meta = await sharp(data).metadata();
    // tesseract.js's Leptonica has no TIFF reader: the clean stage's uncompressed grey TIFF is
    // handed over as PGM, which costs a header and no compression.
    if (meta.format === "tiff") return await asPgm(data);
    return { data, width: meta.width ?? 0, height: meta.height ?? 0 };
  } catch (error) {
    throw new OcrFailedError(`${image}: cannot decode for OCR: ${(error as Error).message}`, {
      file: image,
      stage: "ocr",
      cause: error,
    });
  }
}

/** A grey OCR image as binary PGM, which tesseract.js's Leptonica reads. */
async function asPgm(tiff: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const grey = await decodeOcrImage(tiff);
  if (!grey) throw new Error("not a readable grey TIFF");
  const head = Buffer.from(`P5\n${grey.width} ${grey.height}\n255\n`, "latin1");
  return { data: Buffer.concat([head, grey.data]), width: grey.width, height: grey.height };
}

/** Rejects with the signal's reason as soon as it aborts. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

interface TjsWord {
  text: string;
  confidence: number;
  bbox: Box;
}

/** Flattens tesseract.js blocks → paragraphs → lines → words into an OcrPage. */
function toPage(
  engine: string,
  width: number,
  height: number,
  blocks: ReadonlyArray<{
    paragraphs: ReadonlyArray<{ lines: ReadonlyArray<{ words: readonly TjsWord[] }> }>;
  }>,
): OcrPage {
  const lines = blocks.flatMap((b) =>
    b.paragraphs.flatMap((p) =>
      p.lines.map((l) => l.words.map((w) => ({ text: w.text, confidence: w.confidence, box: w.bbox }))),
    ),
  );
  return buildPage(engine, width, height, lines);
}
