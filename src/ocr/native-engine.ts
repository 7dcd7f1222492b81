// OcrEngine over native Tesseract 5: a pool of single-threaded `sohoa-tesseract` servers that load the
// model once (native/), or where that is not built, one `tesseract` CLI process per page; `concurrency` at once.
import { availableParallelism } from "node:os";
import { MissingDependencyError, OcrFailedError } from "../errors/index.js";
import { SpawnError } from "../exec/run.js";
import { tesseractLanguages, tesseractTsv, tesseractVersion } from "../exec/tesseract.js";
import { TesseractServer, TesseractServerError, tesseractServerPath } from "../exec/tesseract-server.js";
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
  /**
   * The `sohoa-tesseract` server binary, or false for one CLI process per page.
   * @defaultValue native/build/sohoa-tesseract when `npm run build:native` has built it
   */
  server?: string | false;
}

/** A server reads this many pages, then a fresh one replaces it, so a slow leak cannot grow. */
const SERVER_RECYCLE_AFTER = 200;

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
  private readonly recycleAfter: number;
  private server: string | false;
  private readonly inFlight = new Set<AbortController>();
  private readonly idle: TesseractServer[] = [];
  private closed = false;
  /** Server processes started so far (diagnostics: recycling and crash recovery). */
  serversStarted = 0;

  constructor(opts: NativeOcrEngineOptions = {}) {
    const o = {
      concurrency: availableParallelism(),
      lang: "vie",
      config: {},
      log: silentLogger,
      ...opts,
    };
    this.limiter = new Limiter(o.concurrency);
    this.concurrency = o.concurrency;
    this.lang = o.lang;
    this.config = { ...NATIVE_SPEED_CONFIG, ...o.config };
    this.log = o.log;
    this.server = opts.server ?? tesseractServerPath() ?? false;
    this.recycleAfter = opts.recycleAfter ?? SERVER_RECYCLE_AFTER;
  }

  /** "server" when pages go to persistent `sohoa-tesseract` processes, "cli" for one process per page. */
  get mode(): "server" | "cli" {
    return this.server === false ? "cli" : "server";
  }

  /**
   * Creates the engine after checking that tesseract and every requested language are installed;
   * a server binary that will not start (built against another libtesseract) falls back to the CLI.
   */
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
    const engine = new NativeOcrEngine(opts);
    await engine.checkServer();
    return engine;
  }

  private async checkServer(): Promise<void> {
    if (this.server === false) return;
    try {
      this.idle.push(await this.startServer(this.server));
    } catch (error) {
      this.log.warn(
        { server: this.server, err: (error as Error).message },
        "the sohoa-tesseract server does not start; reading pages with the tesseract CLI (npm run build:native rebuilds it)",
      );
      this.server = false;
    }
  }

  private startServer(binary: string): Promise<TesseractServer> {
    this.serversStarted++;
    return TesseractServer.start(binary, { lang: this.lang, config: this.config });
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
      const tsv =
        this.server === false
          ? await this.readWithCli(image, options, ac.signal)
          : await this.readWithServer(this.server, image, options, ac.signal);
      const page = parseTesseractTsv(tsv, this.name);
      this.log.debug(
        { image, ms: Math.round(performance.now() - started), words: page.lines.length, mode: this.mode },
        "native ocr page",
      );
      return page;
    } catch (error) {
      if (ac.signal.aborted) throw ac.signal.reason;
      if (error instanceof OcrFailedError) throw error;
      if (error instanceof SpawnError && error.errno === "ENOENT")
        throw new MissingDependencyError("tesseract", INSTALL_HINT, { cause: error });
      if (error instanceof TesseractServerError)
        throw new OcrFailedError(`${image}: ${error.message}`, { file: image, stage: "ocr", cause: error });
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

  private async readWithCli(image: string, options: RecognizeOptions, signal: AbortSignal): Promise<string> {
    const r = await tesseractTsv(image, {
      lang: this.lang,
      psm: options.psm ?? 3,
      dpi: options.dpi,
      config: this.config,
      signal,
    });
    if (r.code !== 0) {
      throw new OcrFailedError(
        `${image}: tesseract ${r.signal ? `killed by ${r.signal}` : `exited ${r.code}`}: ${lastLine(r.stderr)}`,
        { file: image, stage: "ocr" },
      );
    }
    return r.stdout.toString("utf8");
  }

  /** Takes an idle server (or starts one; the limiter keeps them to `concurrency`) and returns it after. */
  private async readWithServer(
    binary: string,
    image: string,
    options: RecognizeOptions,
    signal: AbortSignal,
  ): Promise<string> {
    try {
      return await this.readOnce(binary, image, options, signal);
    } catch (error) {
      // A server can die of something else (a kill, the memory limit): the page gets one more
      // server; a page that kills two is the page's fault and fails.
      if (signal.aborted || this.closed || !(error instanceof TesseractServerError) || !error.died)
        throw error;
      this.log.warn(
        { image, err: error.message },
        "the OCR server died; reading the page again with a fresh one",
      );
      return await this.readOnce(binary, image, options, signal);
    }
  }

  private async readOnce(
    binary: string,
    image: string,
    options: RecognizeOptions,
    signal: AbortSignal,
  ): Promise<string> {
    let server = this.idle.pop();
    // One that died while idle (killed by the OOM killer, say) is replaced, not blamed on this page.
    while (server && !server.alive) server = this.idle.pop();
    server ??= await this.startServer(binary);
    try {
      return await server.recognize(image, options.psm ?? 3, options.dpi, signal);
    } finally {
      // A dead, killed or worn server is dropped; the next call starts a fresh one.
      if (this.closed || !server.alive || server.served >= this.recycleAfter) void server.close();
      else this.idle.push(server);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reason = new OcrFailedError("the OCR engine was closed", { stage: "ocr" });
    this.limiter.rejectAll(reason);
    for (const ac of this.inFlight) ac.abort(reason);
    await Promise.all(this.idle.splice(0).map((s) => s.close()));
  }
}

/** Last non-empty line of a tool's stderr, for error messages. */
function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).pop() ?? "no message";
}
