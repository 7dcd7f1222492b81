// A stack printed with sohoa's separator sheets, scanned back skewed, grey and JPEG, splits into linked documents.
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runBatch } from "../../pipelines/run-batch.js";
import { defaultLimits } from "../../src/limits.js";
import { createOcrEngine } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/index.js";
import { createLogger } from "../../src/logger.js";
import { encodePayload, parsePayload } from "../../src/separator/payload.js";
import { splitStack } from "../../src/separator/split-stack.js";
import { scannedStack, type StackDoc } from "./make-stack.js";

const DOCS: StackDoc[] = [
  { link: { dossierCode: "000.00.00.H95-230301-0001", unit: "95001", docType: "decision" }, pages: 1 },
  { link: { dossierCode: "H95.001-260125-010002", unit: "95002" }, pages: 2 },
  { link: { dossierCode: "000.00.00.H95-230303-0003" }, pages: 1 },
];

let dir: string;
let stack: string;
const log = createLogger({ level: "silent" });
const fetched: string[] = [];
beforeAll(async () => {
  // The decoder must find its .wasm in the package: any fetch (its CDN default) is recorded and fails.
  vi.stubGlobal("fetch", async (url: unknown) => {
    fetched.push(String(url));
    throw new Error(`network use: ${String(url)}`);
  });
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-sep-"));
  const work = path.join(dir, "a");
  await mkdir(work);
  stack = await scannedStack(DOCS, work, { dpi: 150, maxSkew: 3, jpegQuality: 70, duplex: true });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  expect(fetched).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

describe("separator payload", () => {
  it("round-trips and validates the dossier code with the one grammar", () => {
    expect(parsePayload(encodePayload(DOCS[0]!.link))).toEqual({ kind: "sheet", link: DOCS[0]!.link });
    expect(parsePayload("SOHOA-SEP/1;d=000.00.00.H95-231301-0001")).toMatchObject({ kind: "bad" });
    expect(parsePayload("https://dichvucong.example/x")).toEqual({ kind: "other" });
  });
});

describe("splitStack", () => {
  it("splits a 3-document stack scanned at 150 dpi, ±3°, grey, JPEG into 3 linked documents without the sheets", async () => {
    const work = path.join(dir, "a");
    const before = await readFile(stack);
    const result = await splitStack(
      stack,
      path.join(work, "split"),
      "qr",
      { workDir: work, log },
      defaultLimits,
    );
    // Stack: sheet, back, doc1 | sheet, back, doc2 p1, p2 | sheet, back, doc3 = 10 pages.
    expect(result.pages).toBe(10);
    expect(result.documents.map((d) => d.link)).toEqual(DOCS.map((d) => d.link));
    expect(result.documents.map((d) => d.pages)).toEqual([[2], [5, 6], [9]]);
    expect(result.dropped).toEqual([0, 1, 3, 4, 7, 8]);
    for (const [i, d] of result.documents.entries()) {
      const pdf = await PDFDocument.load(await readFile(d.path));
      expect(pdf.getPageCount()).toBe(DOCS[i]!.pages);
    }
    // The original keeps its sheets, byte for byte.
    expect((await readFile(stack)).equals(before)).toBe(true);
  });

  it("splits on blank pages when there are no sheets", async () => {
    const work = path.join(dir, "b");
    const { writeFile } = await import("node:fs/promises");
    await mkdir(work);
    const { printedStack } = await import("./make-stack.js");
    // Printed with duplex backs, then the sheets taken out: documents separated by one blank page each.
    const printed = await PDFDocument.load(await printedStack(DOCS, true));
    const noSheets = await PDFDocument.create();
    const keep = printed.getPageIndices().filter((i) => ![0, 3, 7].includes(i));
    for (const p of await noSheets.copyPages(printed, keep)) noSheets.addPage(p);
    // The copy is vector; rasterise it through the scanned path by treating it as printed.
    const file = path.join(work, "blank-split.pdf");
    await writeFile(file, await noSheets.save());
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    await promisify(execFile)("pdftoppm", ["-r", "100", "-gray", "-jpeg", file, path.join(work, "p")]);
    const scanned = await PDFDocument.create();
    for (const name of (await (await import("node:fs/promises")).readdir(work))
      .filter((f) => f.startsWith("p-"))
      .sort()) {
      const img = await scanned.embedJpg(await readFile(path.join(work, name)));
      scanned.addPage([595.28, 841.89]).drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    const stack = path.join(work, "stack.pdf");
    await writeFile(stack, await scanned.save());
    const result = await splitStack(
      stack,
      path.join(work, "split"),
      "blank",
      { workDir: work, log },
      defaultLimits,
    );
    expect(result.documents.map((d) => d.pages)).toEqual([[1], [3, 4], [6]]);
    expect(result.documents.every((d) => d.link === undefined)).toBe(true);
  });

  it("sohoa run --separate qr archives each document with its dossier code, unit and type, and counts the links", async () => {
    const out = path.join(dir, "run-out");
    const ledger = await LocalProgressStore.open(path.join(dir, "ledger"));
    const ocr = await createOcrEngine({ engine: "null" });
    try {
      const summary = await runBatch({
        inputs: [stack],
        out,
        ocr,
        log,
        separate: "qr",
        ledger,
        unit: { unit: "95", year: 2023 },
      });
      expect(summary).toMatchObject({ files: 3, done: 3, failed: 0 });
      const lines = (await readFile(summary.report, "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { file: string });
      expect(lines.map((l) => l.file).sort()).toEqual([
        "scanned-stack/001.pdf",
        "scanned-stack/002.pdf",
        "scanned-stack/003.pdf",
      ]);
      const meta = JSON.parse(await readFile(path.join(out, "scanned-stack/002.json"), "utf8")) as Record<
        string,
        unknown
      >;
      expect(JSON.stringify(meta)).toContain("H95.001-260125-010002");
      const pdf = await PDFDocument.load(await readFile(path.join(out, "scanned-stack/002.pdf")));
      expect(pdf.getPageCount()).toBe(2);
      const links = await ledger.links();
      expect(links.map((l) => [l.unit, l.dossierCode]).sort()).toEqual([
        ["95", "000.00.00.H95-230303-0003"],
        ["95001", "000.00.00.H95-230301-0001"],
        ["95002", "H95.001-260125-010002"],
      ]);
    } finally {
      await ocr.close();
      await ledger.close();
    }
  });
});
