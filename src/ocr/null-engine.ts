// NullOcrEngine: recognises nothing, instantly; for queue, fault and pipeline tests (OCRmyPDF null_ocr).
import { open } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import sharp from "sharp";
import { OcrFailedError } from "../errors/index.js";
import type { OcrPage } from "../types.js";
import type { OcrEngine, RecognizeOptions } from "./ocr-engine.js";

export class NullOcrEngine implements OcrEngine {
  readonly name = "null";
  // Finite: callers size page windows and document pools from it (an infinite window cannot be made).
  readonly concurrency = 4;

  /**
   * @param delayMs Time each page "takes" (abortable): lets fault tests land a kill or a page timeout
   *   during OCR. @defaultValue SOHOA_NULL_OCR_DELAY_MS or 0
   */
  constructor(readonly delayMs = Number(process.env.SOHOA_NULL_OCR_DELAY_MS ?? 0) || 0) {}

  async version(): Promise<string> {
    return "null";
  }

  async languages(): Promise<string[]> {
    return ["vie"];
  }

  /** An empty page with the image's size (read from its header). */
  async recognize(image: string, options: RecognizeOptions = {}): Promise<OcrPage> {
    options.signal?.throwIfAborted();
    if (this.delayMs > 0)
      await delay(this.delayMs, undefined, options.signal ? { signal: options.signal } : {});
    try {
      const { width = 0, height = 0 } = (await pgmSize(image)) ?? (await sharp(image).metadata());
      return { width, height, lines: [], text: "", confidence: 0, engine: this.name };
    } catch (error) {
      throw new OcrFailedError(`${image}: cannot read image: ${(error as Error).message}`, {
        file: image,
        stage: "ocr",
        cause: error,
      });
    }
  }

  async close(): Promise<void> {}
}

/** The clean stage hands OCR a binary PGM, which libvips builds without netpbm support cannot read. */
async function pgmSize(image: string): Promise<{ width: number; height: number } | undefined> {
  const file = await open(image);
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(32), 0, 32, 0);
    const m = /^P5\s+(\d+)\s+(\d+)\s/.exec(buffer.subarray(0, bytesRead).toString("latin1"));
    return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
  } finally {
    await file.close();
  }
}
