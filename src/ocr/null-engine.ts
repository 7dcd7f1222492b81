// NullOcrEngine: recognises nothing, instantly; for queue, fault and pipeline tests (OCRmyPDF null_ocr).
import sharp from "sharp";
import { OcrFailedError } from "../errors/index.js";
import type { OcrPage } from "../types.js";
import type { OcrEngine, RecognizeOptions } from "./ocr-engine.js";

export class NullOcrEngine implements OcrEngine {
  readonly name = "null";
  readonly concurrency = Number.POSITIVE_INFINITY;

  async version(): Promise<string> {
    return "null";
  }

  async languages(): Promise<string[]> {
    return ["vie"];
  }

  /** An empty page with the image's size (read from its header). */
  async recognize(image: string, options: RecognizeOptions = {}): Promise<OcrPage> {
    options.signal?.throwIfAborted();
    try {
      const { width = 0, height = 0 } = await sharp(image).metadata();
      return { width, height, lines: [], text: "", confidence: 0, engine: this.name };
    } catch (error) {
      throw new OcrFailedError(`${image}: cannot read image: ${(error as Error).message}`, { file: image, stage: "ocr", cause: error });
    }
  }

  async close(): Promise<void> {}
}
