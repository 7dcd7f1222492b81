// The native Tesseract engine on a small generated crop, through the persistent server and through the
// CLI (skipped when tesseract + vie, or the built server, are absent).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MissingDependencyError, OcrFailedError } from "../../src/errors/index.js";
import { tesseractServerPath } from "../../src/exec/tesseract-server.js";
import {
  isNativeTesseractAvailable,
  NativeOcrEngine,
  type NativeOcrEngineOptions,
} from "../../src/ocr/native-engine.js";
import { skipWithout } from "../require-tool.js";
import { makeCrop } from "./crop.js";
import { expectCropRecognised } from "./engine-checks.js";

const skip = skipWithout(
  "tesseract with vie data",
  await isNativeTesseractAvailable(),
  "apt-get install tesseract-ocr tesseract-ocr-vie",
);

const serverPath = tesseractServerPath();
const skipServer = skipWithout(
  "the sohoa-tesseract server",
  serverPath !== undefined,
  "apt-get install libtesseract-dev g++ pkg-config && npm run build:native",
);
const modes = [
  { mode: "server", server: serverPath ?? "", skipped: skip || skipServer },
  { mode: "cli", server: false as const, skipped: skip },
];

for (const { mode, server, skipped } of modes)
  describe.skipIf(skipped)(`NativeOcrEngine (${mode})`, () => {
    const create = async (opts: NativeOcrEngineOptions): Promise<NativeOcrEngine> => {
      const engine = await NativeOcrEngine.create({ ...opts, server });
      expect(engine.mode).toBe(mode);
      return engine;
    };
    let crop: Awaited<ReturnType<typeof makeCrop>>;
    beforeAll(async () => {
      crop = await makeCrop();
    });
    afterAll(() => crop.cleanup());

    it("reads a Vietnamese line from PNG and TIFF, with word boxes and confidences", async () => {
      const engine = await create({ concurrency: 2 });
      try {
        const [png, tiff] = await Promise.all([
          engine.recognize(crop.png, { dpi: 300 }),
          engine.recognize(crop.tiff),
        ]);
        expectCropRecognised(png, "native");
        expectCropRecognised(tiff, "native");
        expect(await engine.version()).toMatch(/^tesseract 5\./u);
        expect(await engine.languages()).toContain("vie");
      } finally {
        await engine.close();
      }
    });

    it("runs at most `concurrency` processes however many pages are queued", async () => {
      const engine = await create({ concurrency: 1 });
      try {
        const pages = await Promise.all([1, 2, 3].map(() => engine.recognize(crop.png, { psm: 7 })));
        expect(pages.map((p) => p.lines.length)).toEqual([1, 1, 1]);
        expect(engine.peakConcurrency).toBe(1);
      } finally {
        await engine.close();
      }
    });

    it("aborts a running page and a queued one with the signal's reason", async () => {
      const engine = await create({ concurrency: 1 });
      try {
        const ac = new AbortController();
        const running = engine.recognize(crop.png, { signal: ac.signal });
        const queued = engine.recognize(crop.png, { signal: ac.signal });
        const outcomes = Promise.allSettled([running, queued]);
        // Abort once the first tesseract process is running, so both the kill and the queue are exercised.
        await new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            if (engine.running === 1) {
              clearInterval(poll);
              resolve();
            }
          }, 2);
        });
        ac.abort(new Error("page timeout"));
        const [a, b] = await outcomes;
        expect(a).toMatchObject({ status: "rejected", reason: { message: "page timeout" } });
        expect(b).toMatchObject({ status: "rejected", reason: { message: "page timeout" } });
        // The engine is still usable afterwards.
        expect((await engine.recognize(crop.png, { psm: 7 })).lines).toHaveLength(1);
      } finally {
        await engine.close();
      }
    });

    it("wraps an unreadable image in OcrFailedError naming the file", async () => {
      const bad = join(crop.dir, "not-an-image.png");
      await writeFile(bad, "this is not a PNG");
      const engine = new NativeOcrEngine({ concurrency: 1, server });
      try {
        const error = await engine.recognize(bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OcrFailedError);
        expect((error as OcrFailedError).code).toBe("sohoa:ocrFailed");
        expect((error as OcrFailedError).file).toBe(bad);
      } finally {
        await engine.close();
      }
    });

    it("throws MissingDependencyError for a language that is not installed", async () => {
      await expect(create({ lang: "vie+xyz" })).rejects.toBeInstanceOf(MissingDependencyError);
    });
  });
