// The embedded pipeline end to end on the committed samples, with the real OCR engine.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordF1 } from "../../bench/score/word-f1.js";
import { runBatch, type BatchSummary } from "../../pipelines/run-batch.js";
import { silentLogger } from "../../src/logger.js";
import { createOcrEngine, type OcrEngine } from "../../src/ocr/index.js";
import type { ReportLine } from "../../src/report/report-line.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";

const samples = path.resolve("fixtures/samples");

interface Truth {
  file: string;
  docType: string;
  pages: Array<{ skewDegrees: number; orientation: number }>;
  text: string;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

describe("runBatch over fixtures/samples", () => {
  let ocr: OcrEngine;
  let out: string;
  let summary: BatchSummary;
  let lines: ReportLine[];
  let truths: Truth[];

  let keysDir: string;

  beforeAll(async () => {
    ocr = await createOcrEngine({ engine: "auto" });
    out = await mkdtemp(path.join(tmpdir(), "sohoa-run-"));
    keysDir = await mkdtemp(path.join(tmpdir(), "sohoa-keys-"));
    const keys = await createTrialKeys({
      organisation: "Ủy ban nhân dân phường Thử Nghiệm",
      outDir: keysDir,
      passphrase: "p",
    });
    const signer = await Pkcs12Signer.fromFile(keys.p12Path, "p");
    summary = await runBatch({ inputs: [samples], out, ocr, log: silentLogger, signing: { signer } });
    lines = await readJsonl<ReportLine>(summary.report);
    truths = await readJsonl<Truth>(path.join(samples, "truth.jsonl"));
  });
  afterAll(async () => ocr?.close());

  it("writes one report line per scan, and a skipped line for the truth file", () => {
    expect(
      lines
        .filter((l) => l.outcome === "done")
        .map((l) => l.file)
        .sort(),
    ).toEqual(truths.map((t) => t.file).sort());
    expect(lines.filter((l) => l.outcome !== "done")).toEqual([
      { file: "truth.jsonl", outcome: "skipped", reason: "not a scan (extension)", timings: { total: 0 } },
    ]);
    expect(summary.failed).toBe(0);
    expect(summary.skipped.map((s) => path.basename(s.path))).toContain("truth.jsonl");
  });

  it("carries each page's own text, which joined make the document's", () => {
    for (const line of lines.filter((l) => l.outcome === "done")) {
      expect(
        line.pages!.every((p) => p.text.length > 0),
        line.file,
      ).toBe(true);
      expect(line.pages!.map((p) => p.text).join("\n\n")).toBe(line.text);
    }
  });

  it("recognises each document's type and reads its text", () => {
    for (const truth of truths) {
      const line = lines.find((l) => l.file === truth.file)!;
      expect(line.docType, truth.file).toBe(truth.docType);
      expect(wordF1(line.text ?? "", truth.text).f1, truth.file).toBeGreaterThan(0.9);
    }
  });

  it("measures skew within 0.3° and orientation exactly, page by page", () => {
    for (const truth of truths) {
      const line = lines.find((l) => l.file === truth.file)!;
      expect(line.pages).toHaveLength(truth.pages.length);
      truth.pages.forEach((page, i) => {
        expect(
          Math.abs(line.pages![i]!.skewDegrees - page.skewDegrees),
          `${truth.file} page ${i + 1}`,
        ).toBeLessThan(0.3);
        expect(line.pages![i]!.orientation).toBe(page.orientation);
      });
    }
  });

  it("writes signed PDFs that outside tools accept and that give back the pipeline's text", () => {
    for (const line of lines.filter((l) => l.outcome === "done")) {
      const pdf = path.join(out, line.outputs!.pdf!);
      const sig = execFileSync("pdfsig", [pdf]).toString();
      expect(sig, line.file).toContain("Signature is Valid");
      expect(sig).toContain("Ủy ban nhân dân phường Thử Nghiệm");
      expect(execFileSync("qpdf", ["--check", pdf]).toString()).toContain(
        "No syntax or stream encoding errors",
      );
      const truth = truths.find((t) => t.file === line.file)!.text;
      const extracted = execFileSync("pdftotext", [pdf, "-"]).toString();
      const own = wordF1(line.text!, truth).f1;
      // The visible signature mark adds its own words; they are not OCR text.
      const layer = extracted.replace(/^Ký bởi:.*$|^Thời gian ký:.*$/gm, "");
      expect(Math.abs(wordF1(layer, truth).f1 - own), line.file).toBeLessThanOrEqual(0.01);
    }
  });

  it("writes the text and metadata of every document beside the report", async () => {
    for (const line of lines.filter((l) => l.outcome === "done")) {
      const text = await readFile(path.join(out, line.outputs!.text!), "utf8");
      expect(text.trim()).toBe(line.text!.trim());
      const meta = JSON.parse(await readFile(path.join(out, line.outputs!.metadata!), "utf8")) as {
        sourceSha256: string;
        pdfSha256: string;
        docType: string;
      };
      expect(meta.sourceSha256).toBe(line.sha256);
      expect(meta.docType).toBe(line.docType);
      const pdf = await readFile(path.join(out, line.outputs!.pdf!));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(meta.pdfSha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    }
  });
});

describe("runBatch with bad input", () => {
  it("records a broken file with its code and reason and finishes the rest", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-bad-"));
    await copyFile(path.join(samples, "trich-luc-khai-sinh.png"), path.join(dir, "good.png"));
    const jpeg = await readFile(path.join(samples, "quyet-dinh-mau-sac.jpg"));
    await writeFile(path.join(dir, "truncated.jpg"), jpeg.subarray(0, 2000));
    await writeFile(path.join(dir, "page.pdf"), "<!DOCTYPE html><html><body>Not found</body></html>");
    const out = await mkdtemp(path.join(tmpdir(), "sohoa-bad-out-"));
    const ocr = await createOcrEngine({ engine: "auto" });
    try {
      const summary = await runBatch({ inputs: [dir], out, ocr, log: silentLogger });
      const lines = await readJsonl<ReportLine>(summary.report);
      expect(summary).toMatchObject({ files: 3, done: 1, failed: 2 });
      const byFile = new Map(lines.map((l) => [l.file, l]));
      expect(byFile.get("good.png")?.outcome).toBe("done");
      expect(byFile.get("page.pdf")?.error).toMatchObject({ code: "sohoa:unsupportedFile" });
      expect(byFile.get("page.pdf")?.error?.message).toContain("page.pdf");
      expect(byFile.get("page.pdf")?.error?.message).toContain("HTML");
      expect(byFile.get("truncated.jpg")?.error?.code).toBe("sohoa:corruptImage");
      expect(byFile.get("truncated.jpg")?.error?.message).toContain("truncated.jpg");
    } finally {
      await ocr.close();
    }
  });
});
