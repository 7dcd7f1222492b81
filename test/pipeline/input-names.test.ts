// Every file found under an input folder gets a report line, even one whose name is not valid UTF-8.
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBatch } from "../../pipelines/run-batch.js";
import { silentLogger } from "../../src/logger.js";
import { NullOcrEngine } from "../../src/ocr/index.js";
import { preflight } from "../../src/queue/preflight.js";
import type { ReportLine } from "../../src/report/report-line.js";

describe("file names that are not valid UTF-8", () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sohoa-names-"));
    out = await mkdtemp(path.join(tmpdir(), "sohoa-names-out-"));
    await copyFile("fixtures/samples/trich-luc-khai-sinh.png", path.join(dir, "khai-sinh.png"));
    // "quyết-định-é.png" as an old Windows share would write it: Latin-1 bytes, é = 0xE9.
    const latin1 = Buffer.concat([
      Buffer.from(dir + "/quyet-dinh-"),
      Buffer.from([0xe9]),
      Buffer.from(".png"),
    ]);
    await writeFile(latin1, await readFile("fixtures/samples/trich-luc-khai-sinh.png"));
    await writeFile(path.join(dir, "notes.txt"), "not a scan");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it("`sohoa run` lists it in report.jsonl as failed with a code, beside the others", async () => {
    expect(await readdir(Buffer.from(dir))).toHaveLength(3);
    const ocr = new NullOcrEngine();
    const summary = await runBatch({ inputs: [dir], out, ocr, log: silentLogger, pdf: false });
    await ocr.close();
    const lines = (await readFile(summary.report, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as ReportLine);
    const byFile = Object.fromEntries(lines.map((l) => [l.file, l]));
    expect(Object.keys(byFile).sort()).toEqual(["khai-sinh.png", "notes.txt", "quyet-dinh-%E9.png"]);
    expect(byFile["khai-sinh.png"]!.outcome).toBe("done");
    expect(byFile["notes.txt"]).toMatchObject({ outcome: "skipped", reason: "not a scan (extension)" });
    expect(byFile["quyet-dinh-%E9.png"]!.outcome).toBe("failed");
    expect(byFile["quyet-dinh-%E9.png"]!.error).toMatchObject({
      code: "sohoa:fileUnreadable",
      message: expect.stringContaining("not valid UTF-8"),
    });
    expect(summary).toMatchObject({ files: 2, done: 1, failed: 1 });
  });

  it("the queue's preflight rejects it with the same code instead of dropping it", async () => {
    const r = await preflight([dir]);
    expect(r.accepted.map((f) => f.name)).toEqual(["khai-sinh.png"]);
    const codes = Object.fromEntries(r.rejected.map((x) => [path.basename(x.file), x.error.code]));
    expect(codes).toEqual({
      "notes.txt": "sohoa:unsupportedFile",
      "quyet-dinh-%E9.png": "sohoa:fileUnreadable",
    });
  });
});
