// OcrEngine over the native Tesseract 5 CLI: one single-threaded process per page, `concurrency` at once.
import { availableParallelism } from "node:os";
import { MissingDependencyError, OcrFailedError } from "../errors/index.js";
import { SpawnError } from "../exec/run.js";
import { tesseractLanguages, tesseractTsv, tesseractVersion } from "../exec/tesseract.js";
import { silentLogger, type Logger } from "../logger.js";
import type { OcrPage } from "../types.js";
import { Limiter } from "../util/limit.js";
import type { OcrEngine, OcrEngineOptions, RecognizeOptions } from "./ocr-engine.js";
import { parseTesseractTsv } from "./tsv.js";

const INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie, or use --ocr-engine wasm";

/**
 * Settings measured on the dev corpus to save time without costing accuracy:
 * inverted-text detection re-recognises low-confidence words as white-on-black, which scans
 * of settlement results never contain.
 */
export const NATIVE_SPEED_CONFIG: Readonly<Record<string, string | number>> = { tessedit_do_invert: 0 };

export interface NativeOcrEngineOptions extends OcrEngineOptions {
  /**
   * Extra Tesseract `-c` settings, merged over NATIVE_SPEED_CONFIG.
   * @defaultValue {}
   */
  config?: Record<string, string | number>;
}

/** True when the tesseract binary runs and has the `lang` data (default "vie"). */
export async function isNativeTesseractAvailable(lang = "vie"): Promise<boolean> {
  try {
    return (await tesseractLanguages()).includes(lang);
  } catch {
    return false;
  }
}

export class NativeOcrEngine implements OcrEngine {
  readonly name = "native";
  readonly concurrency: number;
  private readonly lang: string;
  private readonly config: Record<string, string | number>;
  private readonly log: Logger;
  private readonly limiter: Limiter;
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(opts: NativeOcrEngineOptions = {}) {
    const o = { concurrency: availableParallelism(), lang: "vie", config: {}, log: silentLogger, ...opts };
    this.limiter = new Limiter(o.concurrency);
    this.concurrency = o.concurrency;
    this.lang = o.lang;
    this.config = { ...NATIVE_SPEED_CONFIG, ...o.config };
    this.log = o.log;
  }

  /** Creates the engine after checking that tesseract and every requested language are installed. */
  static async create(opts: NativeOcrEngineOptions = {}): Promise<NativeOcrEngine> {
    const lang = opts.lang ?? "vie";
    let installed: string[];
    try {
      installed = await tesseractLanguages();
    } catch (error) {
      throw new MissingDependencyError("tesseract", INSTALL_HINT, { cause: error });
    }
    const missing = lang.split("+").filter((l) => !installed.includes(l));
    if (missing.length > 0)
      throw new MissingDependencyError(`tesseract language data "${missing.join("+")}"`, INSTALL_HINT);
    return new NativeOcrEngine(opts);
  }

  version(): Promise<string> {
    return tesseractVersion();
  }

  languages(): Promise<string[]> {
    return tesseractLanguages();
  }

  /** Tesseract processes running now. */
  get running(): number {
    return this.inFlight.size;
  }

  /** Highest number of tesseract processes seen at once. */
  get peakConcurrency(): number {
    return this.limiter.peak;
  }

  recognize(image: string, options: RecognizeOptions = {}): Promise<OcrPage> {
    if (this.closed)
      return Promise.reject(new OcrFailedError("the OCR engine is closed", { file: image, stage: "ocr" }));
    return this.limiter.run(() => this.recognizeNow(image, options), options.signal);
  }

  private async recognizeNow(image: string, options: RecognizeOptions): Promise<OcrPage> {
    // One controller per process so close() can stop them all, chained to the caller's signal.
    const ac = new AbortController();
    const onAbort = (): void => ac.abort(options.signal!.reason);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    this.inFlight.add(ac);
    const started = performance.now();
    try {
      const r = await tesseractTsv(image, {
        lang: this.lang,
        psm: options.psm ?? 3,
        dpi: options.dpi,
        config: this.config,
        signal: ac.signal,
      });
      if (r.code !== 0) {
        throw new OcrFailedError(
          `${image}: tesseract ${r.signal ? `killed by ${r.signal}` : `exited ${r.code}`}: ${lastLine(r.stderr)}`,
          { file: image, stage: "ocr" },
        );
      }
      const page = parseTesseractTsv(r.stdout.toString("utf8"), this.name);
      this.log.debug(
        { image, ms: Math.round(performance.now() - started), words: page.lines.length },
        "native ocr page",
      );
      return page;
    } catch (error) {
      if (ac.signal.aborted) throw ac.signal.reason;
      if (error instanceof OcrFailedError) throw error;
      if (error instanceof SpawnError && error.errno === "ENOENT")
        throw new MissingDependencyError("tesseract", INSTALL_HINT, { cause: error });
      throw new OcrFailedError(`${image}: tesseract failed: ${(error as Error).message}`, {
        file: image,
        stage: "ocr",
        cause: error,
      });
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      this.inFlight.delete(ac);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reason = new OcrFailedError("the OCR engine was closed", { stage: "ocr" });
    this.limiter.rejectAll(reason);
    for (const ac of this.inFlight) ac.abort(reason);
  }
}

/** Last non-empty line of a tool's stderr, for error messages. */
function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).pop() ?? "no message";
}
