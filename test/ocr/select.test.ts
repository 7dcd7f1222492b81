// Engine selection by name, and the null engine used by queue and fault tests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadOptionError } from "../../src/errors/index.js";
import {
  createOcrEngine,
  isNativeTesseractAvailable,
  NullOcrEngine,
  WasmOcrEngine,
} from "../../src/ocr/index.js";
import { CROP_HEIGHT, CROP_WIDTH, makeCrop } from "./crop.js";

describe("createOcrEngine", () => {
  let crop: Awaited<ReturnType<typeof makeCrop>>;
  beforeAll(async () => {
    crop = await makeCrop();
  });
  afterAll(() => crop.cleanup());

  it("null: an empty page of the image's size", async () => {
    const engine = await createOcrEngine({ engine: "null" });
    expect(engine).toBeInstanceOf(NullOcrEngine);
    const page = await engine.recognize(crop.png);
    expect(page).toEqual({
      width: CROP_WIDTH,
      height: CROP_HEIGHT,
      lines: [],
      text: "",
      confidence: 0,
      engine: "null",
    });
    await engine.close();
  });

  it("auto: native where tesseract + vie are installed, wasm otherwise", async () => {
    const engine = await createOcrEngine({ engine: "auto", concurrency: 1 });
    expect(engine.name).toBe((await isNativeTesseractAvailable()) ? "native" : "wasm");
    expect(engine.concurrency).toBe(1);
    await engine.close();
  });

  it("wasm on request, with the options passed through", async () => {
    const engine = await createOcrEngine({ engine: "wasm", concurrency: 3, recycleAfter: 7 });
    expect(engine).toBeInstanceOf(WasmOcrEngine);
    expect(engine.concurrency).toBe(3);
    await engine.close();
  });

  it("rejects bad names and bad concurrency with BadOptionError", async () => {
    await expect(createOcrEngine({ engine: "gpu" as never })).rejects.toBeInstanceOf(BadOptionError);
    await expect(createOcrEngine({ engine: "null", concurrency: 0 })).rejects.toBeInstanceOf(BadOptionError);
  });
});
