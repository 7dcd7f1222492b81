// Archival PDF/A: qpdf-clean, searchable Vietnamese text, JPEG passthrough, rotated pages upright.
import sharp from "sharp";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildArchivalPdf } from "../../src/stages/pdfa.js";
import { LINES, makeDocument } from "./make-document.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-pdfa-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

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
    expect(execFileSync("qpdf", ["--check", file]).toString()).toContain(
      "No syntax or stream encoding errors",
    );
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

  it("shows a page stored a quarter-turn off upright, with level words on it", async () => {
    const { file } = await build("rot", { orientation: 90, format: "png" });
    const info = execFileSync("pdfinfo", [file]).toString();
    // The upright frame is 900×300 px at 150 dpi; the stored image is 300×900 and is painted turned.
    expect(info).toMatch(/Page size:\s+432 x 144 pts/);
    expect(info).toMatch(/Page rot:\s+0/);
    const text = execFileSync("pdftotext", [file, "-"]).toString();
    expect(text).toContain(LINES[0]);
    // Rendered, the upright page has its text band at the top left, where the words were drawn.
    execFileSync("pdftoppm", ["-r", "30", "-gray", "-png", "-singlefile", file, `${file}-render`]);
    const { data, info: img } = await sharp(`${file}-render.png`)
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const dark = (x0: number, x1: number, y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (data[y * img.width + x]! < 128) n++;
      return n;
    };
    expect(img.width).toBeGreaterThan(img.height);
    expect(dark(0, img.width >> 1, 0, img.height >> 1)).toBeGreaterThan(
      dark(img.width >> 1, img.width, img.height >> 1, img.height),
    );
  });

  it("converts TIFF pages losslessly", async () => {
    const { file } = await build("tiff", { format: "tiff" });
    const list = execFileSync("pdfimages", ["-list", file]).toString();
    expect(list).toMatch(/image\s+900\s+300\s+\S+\s+\d\s+\d+\s+image/);
    expect(execFileSync("pdftotext", [file, "-"]).toString()).toContain(LINES[1]);
  });
});
