// Chooses an OcrEngine by name: "auto" prefers native Tesseract and falls back to wasm.
import { BadOptionError } from "../errors/index.js";
import { silentLogger, type Logger } from "../logger.js";
import { isNativeTesseractAvailable, NativeOcrEngine } from "./native-engine.js";
import { NullOcrEngine } from "./null-engine.js";
import type { OcrEngine } from "./ocr-engine.js";
import { WasmOcrEngine } from "./wasm-engine.js";

export type OcrEngineName = "auto" | "native" | "wasm" | "null";
export const OCR_ENGINE_NAMES: readonly OcrEngineName[] = ["auto", "native", "wasm", "null"];

export interface CreateOcrEngineOptions {
  /** @defaultValue "auto" */
  engine?: OcrEngineName;
  /** @defaultValue os.availableParallelism() */
  concurrency?: number;
  /** Wasm only. @defaultValue 50 */
  recycleAfter?: number;
  /** @defaultValue silentLogger */
  log?: Logger;
}

/** Builds the engine; throws MissingDependencyError when "native" is asked for and absent. */
export async function createOcrEngine(options: CreateOcrEngineOptions = {}): Promise<OcrEngine> {
  const { engine, log, ...rest } = { engine: "auto" as OcrEngineName, log: silentLogger, ...options };
  if (rest.concurrency !== undefined && (!Number.isInteger(rest.concurrency) || rest.concurrency < 1)) {
    throw new BadOptionError("concurrency must be an integer greater than 0", {
      hint: "e.g. --concurrency 2",
    });
  }
  const common = { ...rest, log };
  switch (engine) {
    case "null":
      return new NullOcrEngine();
    case "wasm":
      return new WasmOcrEngine(common);
    case "native":
      return NativeOcrEngine.create(common);
    case "auto": {
      if (await isNativeTesseractAvailable()) return NativeOcrEngine.create(common);
      log.info("native tesseract with vie data not found; using the wasm engine (slower)");
      return new WasmOcrEngine(common);
    }
    default:
      throw new BadOptionError(`unknown OCR engine "${String(engine)}"`, {
        hint: `one of ${OCR_ENGINE_NAMES.join(", ")}`,
      });
  }
}
