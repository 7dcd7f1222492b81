// `npx tsx bench/pdf-intake.ts [folder of PDFs] [--bomb]`: PDF intake alone (no OCR): pages kept or redrawn,
// archival size against the source, kept streams identical to the source's, qpdf --check; --bomb adds a 3.5 MB
// Flate stream inflating to 3.6 GB under an honest and a lying header, and reports this process's peak RSS.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { constants, createDeflate } from "node:zlib";
import { PDFDocument, PDFName, PDFRawStream, type PDFDict } from "pdf-lib";
import { SohoaError } from "../src/errors/index.js";
import { defaultLimits } from "../src/limits.js";
import { silentLogger } from "../src/logger.js";
import { ingest } from "../src/stages/ingest.js";
import { buildArchivalPdf } from "../src/stages/pdfa.js";
import { preflight } from "../src/stages/preflight.js";
import { untouched } from "../src/stages/text-layer.js";
import type { DocumentResult, Page } from "../src/types.js";

const run = promisify(execFile);

/** SHA-256 of every image stream in a PDF. */
async function imageHashes(bytes: Uint8Array): Promise<Set<string>> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const out = new Set<string>();
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    if (o instanceof PDFRawStream && o.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) {
      out.add(createHash("sha256").update(o.contents).digest("hex"));
    }
  }
  return out;
}

/** Ingests a file and builds its archival PDF as the pipeline would for upright pages with no text read. */
async function intake(file: string, work: string): Promise<{ pages: Page[]; archival: Uint8Array }> {
  const source = await preflight(file, defaultLimits);
  const pages: Page[] = [];
  for await (const page of ingest(source, { workDir: work, log: silentLogger }, defaultLimits))
    pages.push(page);
  const results = pages.map((page) => ({
    page: untouched(page),
    ocr: { width: page.width, height: page.height, lines: [], text: "", confidence: 0, engine: "none" },
    timings: {},
  }));
  const extraction = {
    docType: "unknown",
    typeConfidence: 0,
    fields: {},
    needsReview: true,
    reviewReasons: [],
  };
  const doc: DocumentResult = { source, pages: results, text: "", extraction, timings: {} };
  return { pages, archival: (await buildArchivalPdf(doc)).bytes };
}

async function measureFolder(folder: string): Promise<void> {
  const files = (await readdir(folder)).filter((f) => f.toLowerCase().endsWith(".pdf")).sort();
  console.log(
    "| file | pages | kept | redrawn | source B | archival B | ratio | images identical | qpdf | ms |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |");
  for (const name of files) {
    const file = path.join(folder, name);
    const work = await mkdtemp(path.join(tmpdir(), "sohoa-intake-bench-"));
    const start = performance.now();
    try {
      const { pages, archival } = await intake(file, work);
      const ms = Math.round(performance.now() - start);
      const source = await readFile(file);
      const sourceImages = await imageHashes(source);
      const archived = [...(await imageHashes(archival))];
      const out = path.join(work, "archival.pdf");
      await writeFile(out, archival);
      const qpdf = await run("qpdf", ["--check", out]).then(
        () => "ok",
        () => "FAIL",
      );
      const kept = pages.filter((p) => p.passthrough).length;
      const ratio = (archival.length / source.length).toFixed(2);
      const same = `${archived.filter((h) => sourceImages.has(h)).length}/${archived.length}`;
      const cells = [
        name,
        pages.length,
        kept,
        pages.length - kept,
        source.length,
        archival.length,
        ratio,
        same,
        qpdf,
        ms,
      ];
      console.log(`| ${cells.join(" | ")} |`);
    } catch (error) {
      console.log(`| ${name} | failed: ${error instanceof SohoaError ? error.code : String(error)} |`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}

/** A PDF whose one image is `inflated` zero bytes deflated, declared as width × height grey. */
async function bombPdf(file: string, data: Buffer, width: number, height: number): Promise<void> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = { Type: "XObject", Subtype: "Image", Width: width, Height: height };
  const literal = { ...image, ColorSpace: "DeviceGray", BitsPerComponent: 8, Filter: "FlateDecode" };
  const dict = doc.context.obj(literal) as unknown as PDFDict;
  page.node.setXObject(PDFName.of("Im0"), doc.context.register(PDFRawStream.of(dict, data)));
  page.node.set(
    PDFName.of("Contents"),
    doc.context.register(doc.context.stream("q 595 0 0 842 0 0 cm /Im0 Do Q")),
  );
  await writeFile(file, await doc.save());
}

async function deflatedZeros(total: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9, strategy: constants.Z_RLE });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const chunk = Buffer.alloc(16 << 20);
  for (let n = 0; n < total; n += chunk.length)
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once("drain", r));
  await new Promise((r) => deflate.end(r));
  return Buffer.concat(out);
}

async function measureBombs(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "sohoa-bomb-"));
  try {
    const data = await deflatedZeros(3.6e9);
    console.log(`\nFlate stream of ${(data.length / 1e6).toFixed(1)} MB inflating to 3.6 GB:`);
    for (const [name, w, h] of [
      ["honest header 60000×60000", 60_000, 60_000],
      ["lying header 10000×10000", 10_000, 10_000],
    ] as const) {
      const file = path.join(work, "bomb.pdf");
      await bombPdf(file, data, w, h);
      const start = performance.now();
      const outcome = await intake(file, work).then(
        () => "archived (!)",
        (e: unknown) => (e instanceof SohoaError ? e.code : String(e)),
      );
      console.log(`- ${name}: ${outcome} in ${Math.round(performance.now() - start)} ms`);
    }
    console.log(`peak RSS of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith("--")) ?? "../shared/bench/real/scans";
await measureFolder(path.resolve(folder));
if (args.includes("--bomb")) await measureBombs();
