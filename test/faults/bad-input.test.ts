// Hostile input through both front doors: `sohoa run` (runBatch) and the queue with the real archive processor.
import fsSync from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBadCorpus, type BadCase } from "../../fixtures/bad/make-bad.js";
import { runBatch } from "../../pipelines/run-batch.js";
import { silentLogger } from "../../src/logger.js";
import { createOcrEngine } from "../../src/ocr/index.js";
import { enqueueBatch, preflight } from "../../src/queue/index.js";
import type { ReportLine } from "../../src/report/report-line.js";
import { LocalArchiveStore, readManifest } from "../../src/storage/index.js";
import { startTestArchiveWorker, testQueue, waitForBatch } from "../queue/helpers.js";
import { census } from "./helpers.js";

let dir: string;
let cases: BadCase[];
const saved = { ...process.env };

/** Two kinds of loop: a link to itself and a folder link back to its parent. */
async function addSymlinkLoops(folder: string): Promise<void> {
  await fs.symlink("self-loop.png", path.join(folder, "self-loop.png"));
  await fs.mkdir(path.join(folder, "sub"));
  await fs.symlink("..", path.join(folder, "sub", "up"));
}

beforeAll(async () => {
  process.env.SOHOA_OCR_ENGINE = "null";
  delete process.env.SOHOA_SIGNING_KEY;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-bad-"));
  cases = await makeBadCorpus(dir);
  await addSymlinkLoops(dir);
});
afterAll(async () => {
  process.env = saved;
  await fs.rm(dir, { recursive: true, force: true });
});

describe("bad input through `sohoa run` (runBatch)", () => {
  let lines: ReportLine[];
  let out: string;
  let skipped: Array<{ path: string; relative: string; reason: string }>;

  beforeAll(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-bad-out-"));
    const ocr = await createOcrEngine({ engine: "null" });
    try {
      const summary = await runBatch({ inputs: [dir], out, ocr, log: silentLogger });
      skipped = summary.skipped;
      lines = (await fs.readFile(summary.report, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as ReportLine);
    } finally {
      await ocr.close();
    }
  });
  afterAll(async () => fs.rm(out, { recursive: true, force: true }));

  it("reports every case once with its expected code and a message naming the file", () => {
    expect(
      lines
        .filter((l) => l.outcome !== "skipped")
        .map((l) => l.file)
        .sort(),
    ).toEqual(cases.map((c) => c.name).sort());
    for (const c of cases) {
      const line = lines.find((l) => l.file === c.name)!;
      if (c.expectedCode === null) {
        expect(line.outcome, `${c.name}: ${JSON.stringify(line.error)}`).toBe("done");
      } else {
        expect(line.outcome, c.name).toBe("failed");
        expect(line.error?.code, c.name).toBe(c.expectedCode);
        expect(line.error?.message, c.name).toContain(c.name);
      }
    }
  });

  it("flags blank and near-blank pages instead of failing them", () => {
    for (const c of cases) {
      const flags = (lines.find((l) => l.file === c.name)!.pages ?? []).flatMap((p) => p.flags ?? []);
      if (c.flag === "blank") expect(flags, c.name).toContain("blankPage");
      else if (c.expectedCode === null) expect(flags, c.name).not.toContain("blankPage");
    }
  });

  it("reports a file that disappears after the folder was walked, and finishes the others", async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-vanish-"));
    const runOut = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-vanish-out-"));
    const good = cases.find((c) => c.name === "blank-a4.png")!;
    await fs.copyFile(good.path, path.join(folder, "a-stays.png"));
    await fs.copyFile(good.path, path.join(folder, "b-vanishes.png"));
    const ocr = await createOcrEngine({ engine: "null" });
    try {
      const summary = await runBatch({
        inputs: [folder],
        out: runOut,
        ocr,
        log: silentLogger,
        jobs: 1,
        // Called once the inputs are listed, before any is processed.
        listener: { start: () => void fsSync.rmSync(path.join(folder, "b-vanishes.png")) },
      });
      const report = (await fs.readFile(summary.report, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as ReportLine);
      expect(report.find((l) => l.file === "a-stays.png")?.outcome).toBe("done");
      const gone = report.find((l) => l.file === "b-vanishes.png")!;
      expect(gone.outcome).toBe("failed");
      expect(gone.error?.code).toBe("sohoa:fileUnreadable");
      expect(gone.error?.message).toContain("b-vanishes.png");
    } finally {
      await ocr.close();
      await fs.rm(folder, { recursive: true, force: true });
      await fs.rm(runOut, { recursive: true, force: true });
    }
  });

  it("skips the symlink loops with a reason and writes no output for failed files", async () => {
    expect(skipped.map((s) => path.basename(s.path))).toContain("self-loop.png");
    // The loops are in the report too, so nothing found under the folder is left out of it.
    expect(
      lines
        .filter((l) => l.outcome === "skipped")
        .map((l) => l.file)
        .sort(),
    ).toEqual(skipped.map((s) => s.relative).sort());
    expect(lines.find((l) => l.file === "self-loop.png")?.reason).toContain("loop");
    for (const c of cases.filter((x) => x.expectedCode)) {
      const stem = c.name.replace(/\.[^.]+$/, "");
      await expect(fs.stat(path.join(out, `${stem}.pdf`)), c.name).rejects.toThrow();
    }
  });
});

describe("bad input through the queue (real archive processor, local store)", () => {
  let t: ReturnType<typeof testQueue>;
  let harness: Awaited<ReturnType<typeof startTestArchiveWorker>>;
  let store: LocalArchiveStore;
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-bad-archive-"));
    store = new LocalArchiveStore(root);
    harness = await startTestArchiveWorker({ store, concurrency: 2 });
    t = harness.t;
  });
  afterAll(async () => {
    await harness?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it("rejects at preflight or fails each bad file with its code, archives the good ones once, leaves nothing partial", async () => {
    const vanishing = path.join(dir, "vanishing.png");
    await fs.copyFile(cases.find((c) => c.name === "blank-a4.png")!.path, vanishing);
    // Different bytes from blank-a4.png, or preflight would call it a duplicate.
    await fs.appendFile(vanishing, Buffer.from("trailing"));
    const pre = await preflight([dir]);
    const rejected = new Map(pre.rejected.map((r) => [path.basename(r.file), r.error]));
    // Preflight (magic bytes, size) already stops the empty file, the HTML and the loops.
    expect(rejected.get("empty.jpg")?.code).toBe("sohoa:unsupportedFile");
    expect(rejected.get("really-html.pdf")?.code).toBe("sohoa:unsupportedFile");
    expect(rejected.get("self-loop.png")?.code).toBe("sohoa:fileUnreadable");
    expect(rejected.get("self-loop.png")?.message).toContain("self-loop.png");
    // The parent loop is not walked forever, nor are files counted twice through it.
    expect(pre.accepted.filter((f) => f.path.includes(`${path.sep}up${path.sep}`))).toEqual([]);
    expect(rejected.get("up")?.message).toMatch(/symbolic link loop/);

    // Paused: the vanishing file goes between enqueue and processing.
    await harness.worker.worker.pause(true);
    const { batchId, added } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
      unit: "27001",
      level: "commune",
      year: 2024,
    });
    expect(added).toBe(pre.accepted.length);
    await fs.rm(vanishing);
    harness.worker.worker.resume();
    const status = await waitForBatch(t.queue, t.registry, batchId, 120_000);

    const manifest = await readManifest(store, batchId);
    expect(manifest).toHaveLength(pre.accepted.length);
    const byName = new Map(manifest.map((r) => [path.basename(r.file), r]));
    expect(byName.get("vanishing.png")?.outcome).toBe("failed");
    expect(byName.get("vanishing.png")?.error?.code).toBe("sohoa:fileUnreadable");
    expect(byName.get("vanishing.png")?.error?.message).toContain("vanishing.png");
    for (const c of cases.filter((x) => !rejected.has(x.name))) {
      const r = byName.get(c.name);
      expect(r, c.name).toBeDefined();
      if (c.expectedCode) {
        expect(r!.outcome, c.name).toBe("failed");
        expect(r!.error?.code, c.name).toBe(c.expectedCode);
        expect(r!.error?.message, c.name).toContain(c.name);
        // Input errors are final at once: no retry spent on them.
        expect(r!.attempts, c.name).toBe(1);
      } else {
        expect(["archived", "review"], `${c.name}: ${JSON.stringify(r!.error)}`).toContain(r!.outcome);
      }
    }
    expect(status.failed.map((f) => path.basename(f.file)).sort()).toEqual(
      manifest
        .filter((r) => r.outcome === "failed")
        .map((r) => path.basename(r.file))
        .sort(),
    );

    // No bad file took the worker down.
    expect(harness.worker.worker.isRunning()).toBe(true);
    // Nothing partial: a document folder exists only for archived documents, and holds all three objects.
    const { docs } = await census(store);
    const archived = manifest
      .filter((r) => r.outcome !== "failed")
      .map((r) => r.docId)
      .sort();
    expect([...docs.keys()].sort()).toEqual(archived);
    for (const [docId, names] of docs)
      expect(names.sort(), docId).toEqual([
        "document.pdf",
        "metadata.json",
        expect.stringMatching(/^original\./),
      ]);
  });
});
