// The tesseract.js engine on a small generated crop: text, boxes, recycling, concurrency, no downloads.
import { existsSync, readdirSync } from "node:fs";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OcrFailedError } from "../../src/errors/index.js";
import { writeOcrTiff } from "../../src/imaging/ocr-image.js";
import { WasmOcrEngine, wasmLangPath } from "../../src/ocr/wasm-engine.js";
import { makeCrop } from "./crop.js";
import { expectCropRecognised } from "./engine-checks.js";

describe("WasmOcrEngine", () => {
  let crop: Awaited<ReturnType<typeof makeCrop>>;
  // The checkout is shared with other work, so only traineddata files are looked for.
  const cached = (): string[] => readdirSync(process.cwd()).filter((f) => f.includes("traineddata"));
  const cachedBefore = cached();
  const realFetch = globalThis.fetch;
  const fetched: string[] = [];
  beforeAll(async () => {
    crop = await makeCrop();
    // Any attempt to download core or language data at run time is recorded and fails.
    globalThis.fetch = (async (input: string | URL | Request) => {
      fetched.push(String(input));
      throw new Error("network disabled in tests");
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await crop.cleanup();
  });

  it("uses the shipped best_int Vietnamese model", () => {
    expect(existsSync(`${wasmLangPath()}/vie.traineddata.gz`)).toBe(true);
  });

  it("reads a line (PNG, TIFF, the clean stage's TIFF) with boxes and confidences, recycling workers, two at once at most", async () => {
    const engine = new WasmOcrEngine({ concurrency: 2, recycleAfter: 1 });
    const { data, info } = await sharp(crop.png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const ocrTiff = `${crop.png}.ocr.tif`;
    await writeOcrTiff(ocrTiff, { data, width: info.width, height: info.height }, 300);
    try {
      // Four pages on two slots, recycled after every page: four workers are created.
      const pages = await Promise.all([
        engine.recognize(crop.png),
        engine.recognize(crop.tiff),
        engine.recognize(crop.png, { psm: 7 }),
        engine.recognize(ocrTiff),
      ]);
      for (const p of pages) expectCropRecognised(p, "wasm");
      expect(engine.peakConcurrency).toBe(2);
      expect(engine.workersCreated).toBe(4);
      expect(await engine.version()).toMatch(/^tesseract\.js 7\./u);
      expect(await engine.languages()).toEqual(["vie"]);
    } finally {
      await engine.close();
    }
    expect(fetched).toEqual([]);
    // No traineddata cache was written to the working directory.
    expect(cached()).toEqual(cachedBefore);
  });

  it("keeps a worker across pages until recycleAfter is reached", async () => {
    const engine = new WasmOcrEngine({ concurrency: 1, recycleAfter: 2 });
    try {
      await engine.recognize(crop.png, { psm: 7 });
      await engine.recognize(crop.png, { psm: 7 });
      expect(engine.workersCreated).toBe(1);
      // The worker was retired after its second page: the third page needs a new one.
      await engine.recognize(crop.png, { psm: 7 });
      expect(engine.workersCreated).toBe(2);
    } finally {
      await engine.close();
    }
  });

  it("aborts a page in flight, then carries on with a fresh worker; rejects after close", async () => {
    const engine = new WasmOcrEngine({ concurrency: 1, recycleAfter: 50 });
    const ac = new AbortController();
    const page = engine.recognize(crop.png, { signal: ac.signal });
    const outcome = expect(page).rejects.toThrow("cancelled by test");
    // Abort once the engine has begun on the page (its worker is being created), whatever the machine's speed.
    const poll = setInterval(() => {
      if (engine.workersCreated >= 1) {
        clearInterval(poll);
        ac.abort(new Error("cancelled by test"));
      }
    }, 5);
    await outcome;
    const after = await engine.recognize(crop.png, { psm: 7 });
    expect(after.lines).toHaveLength(1);
    // The cancelled page's worker was discarded: the next page ran on a new one.
    expect(engine.workersCreated).toBe(2);
    await engine.close();
    await expect(engine.recognize(crop.png)).rejects.toBeInstanceOf(OcrFailedError);
  });
});
