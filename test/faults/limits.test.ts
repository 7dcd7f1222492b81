// Configurable input limits: pixels, pages, bytes and time per page fail with a clear limitExceeded/pageTimeout error.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/exit-code.js";
import { enqueueBatch, preflight } from "../../src/queue/index.js";
import type { ReportLine } from "../../src/report/report-line.js";
import { LocalArchiveStore, readManifest } from "../../src/storage/index.js";
import { ROOT, startTestArchiveWorker, testQueue, waitForBatch } from "../queue/helpers.js";

let dir: string;
const saved = { ...process.env };

/** Three scans: a 600×400 page, a 3-page TIFF, and a 200×200 page padded to be the largest file. */
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-limits-"));
  const page = (w: number, h: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: "#ffffff" } }).composite([
      { input: { create: { width: 40, height: 10, channels: 3, background: "#000000" } }, left: 20, top: 20 },
    ]);
  await fs.writeFile(path.join(dir, "wide.png"), await page(600, 400).png().toBuffer());
  const frames = await Promise.all([0, 1, 2].map(async () => page(300, 200).raw().toBuffer()));
  await fs.writeFile(
    path.join(dir, "three-pages.tif"),
    await sharp(Buffer.concat(frames), { raw: { width: 300, height: 600, channels: 3, pageHeight: 200 } })
      .tiff({ compression: "lzw" })
      .toBuffer(),
  );
  await fs.writeFile(
    path.join(dir, "heavy.png"),
    await page(200, 200).png({ compressionLevel: 0 }).toBuffer(),
  );
});
afterAll(async () => {
  process.env = saved;
  await fs.rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI (`sohoa run`) in a child process and returns its report lines. */
async function sohoaRun(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; lines: ReportLine[]; stderr: string }> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-limits-out-"));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(ROOT, "cli/index.ts"),
      "run",
      dir,
      "--out",
      out,
      "--ocr-engine",
      "null",
      "--no-pdf",
      "--json",
      ...args,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, CI: "1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const text = await fs.readFile(path.join(out, "report.jsonl"), "utf8").catch(() => "");
  await fs.rm(out, { recursive: true, force: true });
  return {
    code,
    lines: text
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ReportLine),
    stderr,
  };
}

function outcome(lines: ReportLine[], file: string): { outcome: string; code?: string; message?: string } {
  const l = lines.find((x) => x.file === file);
  if (!l) throw new Error(`no report line for ${file}`);
  return { outcome: l.outcome, ...(l.error ? { code: l.error.code, message: l.error.message } : {}) };
}

describe("limits through `sohoa run`", () => {
  it("--max-page-pixels, --max-pages and --max-file-bytes fail only the file over the limit, naming it and the limit", async () => {
    const heavyBytes = (await fs.stat(path.join(dir, "heavy.png"))).size;
    const { code, lines, stderr } = await sohoaRun([
      "--max-page-pixels",
      "200000",
      "--max-pages",
      "2",
      "--max-file-bytes",
      String(heavyBytes - 1),
    ]);
    expect(code, stderr).toBe(ExitCode.PartialBatch); // some files failed, the batch ran to the end
    const wide = outcome(lines, "wide.png");
    expect(wide.code).toBe("sohoa:limitExceeded");
    expect(wide.message).toMatch(/wide\.png.*pixel count \(600×400\) 240000 exceeds the limit of 200000/);
    const tif = outcome(lines, "three-pages.tif");
    expect(tif.code).toBe("sohoa:limitExceeded");
    expect(tif.message).toMatch(/three-pages\.tif.*page count 3 exceeds the limit of 2/);
    const heavy = outcome(lines, "heavy.png");
    expect(heavy.code).toBe("sohoa:limitExceeded");
    expect(heavy.message).toMatch(
      new RegExp(`heavy\\.png.*${heavyBytes} exceeds the limit of ${heavyBytes - 1}`),
    );
  });

  it("the same files pass under the default limits", async () => {
    const { code, lines, stderr } = await sohoaRun([]);
    expect(code, stderr).toBe(ExitCode.Ok);
    expect(lines.map((l) => l.outcome)).toEqual(["done", "done", "done"]);
  });

  it("--page-timeout stops a page that takes too long with sohoa:pageTimeout", async () => {
    const { lines, stderr } = await sohoaRun(["--page-timeout", "1"], { SOHOA_NULL_OCR_DELAY_MS: "3000" });
    const wide = outcome(lines, "wide.png");
    expect(wide.code, stderr).toBe("sohoa:pageTimeout");
    expect(wide.message).toContain("wide.png");
  });
});

describe("limits on the worker", () => {
  let t: ReturnType<typeof testQueue>;
  let harness: Awaited<ReturnType<typeof startTestArchiveWorker>>;
  let root: string;
  let store: LocalArchiveStore;

  beforeAll(async () => {
    process.env.SOHOA_OCR_ENGINE = "null";
    delete process.env.SOHOA_SIGNING_KEY;
    root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-limits-archive-"));
    store = new LocalArchiveStore(root);
    harness = await startTestArchiveWorker({ store, limits: { maxPagePixels: 200_000, maxPages: 2 } });
    t = harness.t;
  });
  afterAll(async () => {
    await harness?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("applies the limits it is given to every document, without retrying them", async () => {
    const pre = await preflight([dir]);
    const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });
    await waitForBatch(t.queue, t.registry, batchId, 60_000);
    const byName = new Map((await readManifest(store, batchId)).map((r) => [path.basename(r.file), r]));
    expect(byName.get("wide.png")?.error?.code).toBe("sohoa:limitExceeded");
    expect(byName.get("three-pages.tif")?.error?.code).toBe("sohoa:limitExceeded");
    expect(byName.get("three-pages.tif")?.attempts).toBe(1);
    expect(byName.get("heavy.png")?.outcome).not.toBe("failed");
  });
});
