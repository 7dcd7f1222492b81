// The OCR engine port: what every engine (native, wasm, null) promises the pipeline.
import type { Logger } from "../logger.js";
import type { OcrPage } from "../types.js";

export interface RecognizeOptions {
  /** Aborting rejects the call with the signal's reason and stops the engine's work on it. */
  signal?: AbortSignal;
  /** Tesseract page segmentation mode; default 3 (fully automatic, no OSD). */
  psm?: number;
  /** Resolution of the image when known, so the engine need not guess it from glyph sizes. */
  dpi?: number;
}

/**
 * An OCR engine (OCRmyPDF `pluginspec.OcrEngine` in spirit). Obligations of every implementation:
 * - `recognize` may be called many times concurrently; the engine runs at most `concurrency`
 *   recognitions at once and queues the rest in call order.
 * - It must not rely on module state: two engines in one process are independent.
 * - Output boxes are in pixels of the image given, confidences are 0..100, `text` is the
 *   lines joined by "\n" in NFC, and `width`/`height` are the image's.
 * - A crash of the engine rejects with `OcrFailedError` (retryable); the engine stays usable.
 * - An aborted call rejects with the signal's reason and frees its slot.
 * - Nothing is downloaded and nothing is written outside the OS temp folder.
 * - `close()` ends every process/thread; calls after it reject.
 */
export interface OcrEngine {
  /** Short stable name recorded in reports: "native", "wasm", "null". */
  readonly name: string;
  /** Most recognitions in flight at once. */
  readonly concurrency: number;
  /** Version string of the underlying OCR, for provenance records. */
  version(): Promise<string>;
  /** Tesseract language codes the engine can use (at least "vie" for a usable engine). */
  languages(): Promise<string[]>;
  /** Recognises one page image (PNG, JPEG or TIFF path). */
  recognize(image: string, options?: RecognizeOptions): Promise<OcrPage>;
  /** Releases workers and child processes; idempotent. */
  close(): Promise<void>;
}

/** Options shared by every engine; defaults are applied by each constructor as one spread. */
export interface OcrEngineOptions {
  /**
   * Most recognitions at once.
   * @defaultValue os.availableParallelism()
   */
  concurrency?: number;
  /**
   * Pages a wasm worker (or a native `sohoa-tesseract` server) reads before it is replaced, to cap memory.
   * @defaultValue 50 (wasm), 200 (native server)
   */
  recycleAfter?: number;
  /**
   * Tesseract language(s), joined with "+".
   * @defaultValue "vie"
   */
  lang?: string;
  /** @defaultValue silentLogger */
  log?: Logger;
}
