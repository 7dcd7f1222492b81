// The persistent sohoa-tesseract server: the CLI's output, recovery from a killed process,
// recycling, and the fall-back to the CLI when the binary will not start.
import { execFileSync } from "node:child_process";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OcrFailedError } from "../../src/errors/index.js";
import { tesseractTsv } from "../../src/exec/tesseract.js";
import { parseTesseractTsv } from "../../src/ocr/tsv.js";
import { TesseractServer, tesseractServerPath } from "../../src/exec/tesseract-server.js";
import { createLogger } from "../../src/logger.js";
import {
  isNativeTesseractAvailable,
  NATIVE_SPEED_CONFIG,
  NativeOcrEngine,
} from "../../src/ocr/native-engine.js";
import { skipWithout } from "../require-tool.js";
import { makeCrop } from "./crop.js";

const serverPath = tesseractServerPath();
const skip = skipWithout(
  "tesseract with vie data and the sohoa-tesseract server",
  serverPath !== undefined && (await isNativeTesseractAvailable()),
  "apt-get install tesseract-ocr tesseract-ocr-vie libtesseract-dev g++ pkg-config && npm run build:native",
);

function partition<T>(items: T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((i) => !keep(i))];
}

describe.skipIf(skip)("sohoa-tesseract server", () => {
  let crop: Awaited<ReturnType<typeof makeCrop>>;
  let page: string;
  let binary: string;
  beforeAll(async () => {
    crop = await makeCrop();
    // Forty lines: long enough (about a second) to be killed in the middle of reading.
    page = join(crop.dir, "page.png");
    const line = await sharp(crop.png).toBuffer();
    await sharp({ create: { width: 1500, height: 130 * 40, channels: 3, background: "white" } })
      .composite(Array.from({ length: 40 }, (_, i) => ({ input: line, top: i * 130, left: 0 })))
      .greyscale()
      .png()
      .toFile(page);
    // A private copy, so pkill finds this test's servers only.
    binary = join(crop.dir, "sohoa-tesseract");
    await copyFile(serverPath!, binary);
  });
  afterAll(() => crop.cleanup());

  it("answers with the TSV the tesseract CLI prints for the same page and settings, plus characters", async () => {
    const server = await TesseractServer.start(binary, { lang: "vie", config: NATIVE_SPEED_CONFIG });
    try {
      for (const [psm, dpi] of [
        [3, 300],
        [7, undefined],
        [6, 150],
      ] as const) {
        const cli = await tesseractTsv(crop.png, { lang: "vie", psm, dpi, config: NATIVE_SPEED_CONFIG });
        const tsv = await server.recognize(crop.png, psm, dpi);
        const [ownRows, characters] = partition(tsv.split("\n"), (r) => !r.startsWith("6\t"));
        expect(ownRows.join("\n")).toBe(cli.stdout.toString("utf8"));
        // The number "15/QĐ-UBND" holds digits: its characters come as level-6 rows and spell it.
        const page = parseTesseractTsv(tsv);
        const number = page.lines.flatMap((l) => l.words).find((w) => /\d/u.test(w.text));
        expect(characters.length).toBeGreaterThan(0);
        expect(number?.symbols?.map((c) => c.text).join("")).toBe(number?.text);
      }
      expect(server.served).toBe(3);
    } finally {
      await server.close();
    }
    expect(server.alive).toBe(false);
  });

  it("gives the characters of words that glue letters to other marks, and of no plain word", async () => {
    const glued = join(crop.dir, "glued.png");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="120"><rect width="100%" height="100%" fill="white"/>
<text x="40" y="80" font-family="Liberation Serif" font-size="56">Hà Nội, ngày» tháng( năm hai</text></svg>`;
    await sharp(Buffer.from(svg)).greyscale().png().toFile(glued);
    const server = await TesseractServer.start(binary, { lang: "vie", config: NATIVE_SPEED_CONFIG });
    try {
      const words = parseTesseractTsv(await server.recognize(glued, 7, 300)).lines.flatMap((l) => l.words);
      // No digit in them: the old rule (words holding a digit) gave these no characters.
      const labels = words.filter((w) => /^(ngày|tháng)./u.test(w.text));
      expect(labels.length).toBeGreaterThan(0);
      for (const label of labels) expect(label.symbols?.map((c) => c.text).join("")).toBe(label.text);
      expect(words.find((w) => w.text === "hai")?.symbols).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("reads a page again on a fresh server when its server is killed, idle or mid-page", async () => {
    const engine = await NativeOcrEngine.create({ concurrency: 1, server: binary });
    try {
      expect(engine.mode).toBe("server");
      expect((await engine.recognize(crop.png, { psm: 7 })).lines).toHaveLength(1);
      execFileSync("pkill", ["-KILL", "-f", binary]);
      expect((await engine.recognize(crop.png, { psm: 7 })).lines).toHaveLength(1);
      expect(engine.serversStarted).toBe(2);

      const reading = engine.recognize(page);
      await new Promise((resolve) => setTimeout(resolve, 300));
      execFileSync("pkill", ["-KILL", "-f", binary]);
      expect((await reading).lines.length).toBeGreaterThanOrEqual(30);
      expect(engine.serversStarted).toBe(3);
    } finally {
      await engine.close();
    }
  });

  it("fails a page that kills two servers with OcrFailedError naming the file, and reads the next", async () => {
    // Stands in for an image that crashes libtesseract: it dies on every page named "poison".
    const dies = join(crop.dir, "dies-on-poison.sh");
    const script = [
      "#!/bin/sh",
      "exec 3<&0",
      "echo ready",
      "while IFS= read -r line <&3; do",
      '  case "$line" in *poison*) kill -KILL $$;; esac',
      "  printf '%s\\tok\\t0\\n' \"${line%%\t*}\"",
      "done",
    ];
    await writeFile(dies, `${script.join("\n")}\n`, { mode: 0o755 });
    const poison = join(crop.dir, "poison.png");
    await copyFile(crop.png, poison);
    const engine = await NativeOcrEngine.create({ concurrency: 1, server: dies });
    try {
      const error = await engine.recognize(poison).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OcrFailedError);
      expect((error as OcrFailedError).file).toBe(poison);
      expect((error as Error).message).toMatch(/poison\.png: sohoa-tesseract killed by SIGKILL/u);
      expect(engine.serversStarted).toBe(2);
      // The next page goes to a third server, which answers (with nothing: it is a stand-in).
      await expect(engine.recognize(crop.png)).rejects.toThrow(/not Tesseract TSV/u);
      expect(engine.serversStarted).toBe(3);
    } finally {
      await engine.close();
    }
  });

  it("starts a fresh server after `recycleAfter` pages and leaves no process behind on close", async () => {
    const engine = await NativeOcrEngine.create({ concurrency: 1, server: binary, recycleAfter: 2 });
    const pages = [];
    for (let i = 0; i < 5; i++) pages.push(await engine.recognize(crop.png, { psm: 7 }));
    expect(pages.map((p) => p.text)).toEqual(Array(5).fill(pages[0]!.text));
    expect(engine.serversStarted).toBe(3);
    await engine.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(() => execFileSync("pgrep", ["-f", binary])).toThrow();
  });

  it("reads pages with the CLI, and says so, when the server binary will not start", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const log = createLogger({ level: "warn", destination });
    const engine = await NativeOcrEngine.create({ concurrency: 1, server: join(crop.dir, "missing"), log });
    try {
      expect(engine.mode).toBe("cli");
      expect((await engine.recognize(crop.png, { psm: 7 })).lines).toHaveLength(1);
      expect(lines.join("")).toMatch(/does not start; reading pages with the tesseract CLI/u);
    } finally {
      await engine.close();
    }
  });
});
