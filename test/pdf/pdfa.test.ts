// Archival PDF/A: qpdf-clean, searchable Vietnamese text, JPEG passthrough, rotated pages upright.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArchivalPdf } from "../../src/stages/pdfa.js";
import { LINES, makeDocument } from "./make-document.js";

let dir: string;
beforeAll(async () => { dir = await mkdtemp(path.join(tmpdir(), "sohoa-pdfa-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function build(name: string, opts: Parameters<typeof makeDocument>[1]) {
  const sub = await mkdtemp(path.join(dir, `${name}-`));
  const made = await makeDocument(sub, opts);
  const pdf = await buildArchivalPdf(made.doc, { createdAt: new Date("2025-03-01T02:00:00Z") });
  const file = path.join(sub, "out.pdf");
  await writeFile(file, pdf.bytes);
  return { ...made, pdf, file, sub };
}

describe("buildArchivalPdf", () => {
  it("passes qpdf --check and gives back the NFC Vietnamese words", async () => {
    const { file } = await build("jpeg", {});
    expect(execFileSync("qpdf", ["--check", file]).toString()).toContain("No syntax or stream encoding errors");
    const text = execFileSync("pdftotext", [file, "-"]).toString();
    for (const line of LINES) expect(text.normalize("NFC")).toContain(line.normalize("NFC"));
    expect(text).toBe(text.normalize("NFC"));
  });

  it("passes the JPEG bytes through unchanged", async () => {
    const { file, imageBytes, sub } = await build("pass", {});
    execFileSync("pdfimages", ["-all", file, path.join(sub, "img")]);
    const { readFile } = await import("node:fs/promises");
    expect(Buffer.compare(await readFile(path.join(sub, "img-000.jpg")), imageBytes)).toBe(0);
  });

  it("sizes the page from pixels and dpi and declares PDF/A-2b", async () => {
    const { file, pdf } = await build("size", { width: 900, height: 300, dpi: 150 });
    const info = execFileSync("pdfinfo", [file]).toString();
    expect(info).toMatch(/Page size:\s+432 x 144 pts/);
    const raw = Buffer.from(pdf.bytes).toString("latin1");
    expect(raw).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(raw).toContain("/OutputIntents");
    expect(raw).toMatch(/\/ID \[/);
    expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sets /Rotate for a page stored a quarter-turn off and keeps the words on it", async () => {
    const { file } = await build("rot", { orientation: 90, format: "png" });
    const info = execFileSync("pdfinfo", [file]).toString();
    expect(info).toMatch(/Page rot:\s+90/);
    const text = execFileSync("pdftotext", [file, "-"]).toString();
    expect(text).toContain(LINES[0]);
  });

  it("converts TIFF pages losslessly", async () => {
    const { file } = await build("tiff", { format: "tiff" });
    const list = execFileSync("pdfimages", ["-list", file]).toString();
    expect(list).toMatch(/image\s+900\s+300\s+\S+\s+\d\s+\d+\s+image/);
    expect(execFileSync("pdftotext", [file, "-"]).toString()).toContain(LINES[1]);
  });
});
