// The drop folder: files written slowly or under a temporary name are taken only once complete; 100 files
// dropped over time go through the real embedded pipeline exactly once, across a restart.
import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedHandler } from "../../cli/commands/watch.js";
import { createLogger } from "../../src/logger.js";
import { createOcrEngine } from "../../src/ocr/index.js";
import type { OcrEngine } from "../../src/ocr/ocr-engine.js";
import { DropFolderWatcher, WatchState, type WatchHandler } from "../../src/watch/index.js";

const log = createLogger({ level: "silent" });
let root: string;
let ocr: OcrEngine;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "sohoa-watch-"));
  ocr = await createOcrEngine({ engine: "null" });
});
afterAll(async () => {
  await ocr.close();
  await rm(root, { recursive: true, force: true });
});

/** Polls until `check` holds or the time is up. */
async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(50);
  }
}

/** A tiny distinct PNG (the null OCR engine makes it fast; distinct bytes make distinct documents). */
async function png(i: number): Promise<Buffer> {
  const raw = Buffer.alloc(24 * 24 * 3, 255);
  raw.writeUInt16BE(i, 0);
  return sharp(raw, { raw: { width: 24, height: 24, channels: 3 } })
    .png()
    .toBuffer();
}

const files = async (dir: string) =>
  (await readdir(dir).catch(() => [] as string[])).filter((f) => !f.startsWith(".")).sort();

describe("sohoa watch", () => {
  it.each([false, true])(
    "never takes a file still being written, nor one under a temporary name (poll: %s)",
    async (poll) => {
      const dir = path.join(root, `slow-${poll}`);
      await mkdir(dir);
      const seen: Array<{ relative: string; size: number }> = [];
      const handler: WatchHandler = async (file, relative) => {
        seen.push({ relative, size: (await stat(file)).size });
        return { outcome: "done" };
      };
      const watcher = new DropFolderWatcher({ dir, handler, log, interval: 100, checks: 3, poll });
      await watcher.start();
      try {
        const body = await png(1);
        // Written in three parts, 200 ms apart: shorter than the 300 ms of unchanged checks.
        const slow = path.join(dir, "slow.png");
        await writeFile(slow, body.subarray(0, 20));
        await sleep(200);
        await appendFile(slow, body.subarray(20, 40));
        await sleep(200);
        await appendFile(slow, body.subarray(40));
        // Created empty, filled a second later (scanner software often does this).
        const empty = path.join(dir, "empty-first.png");
        await writeFile(empty, "");
        // Copied under a temporary name, then renamed.
        const part = path.join(dir, "renamed.png.part");
        await writeFile(part, body);
        await sleep(1000);
        expect(seen.map((s) => s.relative)).toEqual(["slow.png"]);
        await writeFile(empty, body);
        await rename(part, path.join(dir, "renamed.png"));
        await until(async () => (await files(path.join(dir, "done"))).length === 3);
        expect(seen.sort((a, b) => a.relative.localeCompare(b.relative))).toEqual([
          { relative: "empty-first.png", size: body.length },
          { relative: "renamed.png", size: body.length },
          { relative: "slow.png", size: body.length },
        ]);
        expect(await files(dir)).toEqual(["done"]);
      } finally {
        await watcher.stop();
      }
    },
  );

  it("runs 100 files dropped over time through the pipeline exactly once across a restart", async () => {
    const dir = path.join(root, "drop");
    const out = path.join(root, "out");
    await mkdir(dir);
    const handler = embeddedHandler({ out, ocr, log, pdf: false });
    const start = async () => {
      const w = new DropFolderWatcher({ dir, handler, log, interval: 50, checks: 2, jobs: 2 });
      await w.start();
      return w;
    };
    const drop = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        // Written beside the folder and renamed in, as a network copy does; a few written in place slowly.
        const name = `scan-${String(i).padStart(3, "0")}.png`;
        if (i % 10 === 0) {
          const body = await png(i);
          await writeFile(path.join(dir, name), body.subarray(0, 30));
          await sleep(30);
          await appendFile(path.join(dir, name), body.subarray(30));
        } else {
          await writeFile(path.join(root, name), await png(i));
          await rename(path.join(root, name), path.join(dir, name));
        }
        if (i % 5 === 0) await sleep(40);
      }
    };

    const first = await start();
    await drop(0, 60);
    await until(async () => (await files(path.join(dir, "done"))).length >= 20);
    await first.stop();
    const doneAtStop = (await files(path.join(dir, "done"))).length;
    expect(doneAtStop).toBeLessThan(100);

    // While stopped: 40 more files, and one that was finished just before a crash, before its move.
    await drop(60, 100);
    const crashed = path.join(dir, "scan-100.png");
    await writeFile(crashed, await png(100));
    const s = await stat(crashed);
    await (
      await WatchState.open(path.join(dir, ".sohoa-watch", "state.jsonl"))
    ).finish("scan-100.png", s.size, s.mtimeMs, "done");

    const second = await start();
    try {
      await until(async () => (await files(path.join(dir, "done"))).length === 101, 120_000);
    } finally {
      await second.stop();
    }
    expect(await files(dir)).toEqual(["done"]);
    expect(await files(path.join(dir, "failed"))).toEqual([]);

    // Exactly once: one output folder per file, each with one report line; 100 files taken in the state file.
    const outputs = await files(out);
    expect(outputs).toHaveLength(100);
    expect(outputs).not.toContain("scan-100");
    for (const name of outputs) {
      const report = (await readFile(path.join(out, name, "report.jsonl"), "utf8")).trim().split("\n");
      expect(report).toHaveLength(1);
      expect(JSON.parse(report[0]!)).toMatchObject({ outcome: "done" });
    }
    const state = (await readFile(path.join(dir, ".sohoa-watch", "state.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { file: string; status: string });
    const taken = state.filter((l) => l.status === "taken").map((l) => l.file);
    expect(taken).toHaveLength(100);
    expect(new Set(taken).size).toBe(100);
  });
});
