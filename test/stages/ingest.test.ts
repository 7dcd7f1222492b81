// Ingest of scanner PDFs: the page's image stream is kept byte for byte, and a page's own text layer is kept.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, StandardFonts, degrees } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { defaultLimits } from "../../src/limits.js";
import { ingest } from "../../src/stages/ingest.js";
import { preflight } from "../../src/stages/preflight.js";
import type { Page } from "../../src/types.js";

async function scannerPdf(dir: string, withText: boolean): Promise<{ file: string; jpeg: Buffer }> {
  const jpeg = await sharp({ create: { width: 400, height: 560, channels: 3, background: "#f4f1ea" } })
    .jpeg()
    .toBuffer();
  const pdf = await PDFDocument.create();
  // 400 px across 144 pt: a 200 dpi scan.
  const page = pdf.addPage([144, 201.6]);
  page.drawImage(await pdf.embedJpg(jpeg), { x: 0, y: 0, width: 144, height: 201.6 });
  if (withText)
    page.drawText("Quyet dinh so 15", {
      x: 10,
      y: 150,
      size: 8,
      font: await pdf.embedFont(StandardFonts.Helvetica),
    });
  const file = path.join(dir, withText ? "with-text.pdf" : "image-only.pdf");
  await writeFile(file, await pdf.save());
  return { file, jpeg };
}

async function pagesOf(file: string, dir: string): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const page of ingest(
    await preflight(file, defaultLimits),
    { workDir: dir, log: silentLogger },
    defaultLimits,
  ))
    pages.push(page);
  return pages;
}

describe("ingest of scanner PDFs", () => {
  it("keeps the page's JPEG unchanged for the archive, draws it at its resolution, and OCRs a page with no text", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-ingest-"));
    const { file, jpeg } = await scannerPdf(dir, false);
    const [page] = await pagesOf(file, dir);
    // A page that is one upright JPEG is read from that JPEG itself: nothing drawn, nothing re-encoded.
    expect(page).toMatchObject({ format: "jpeg", width: 400, height: 560, dpi: 200, colour: "colour" });
    expect((await readFile(page!.image)).equals(jpeg)).toBe(true);
    const kept = await PDFDocument.load(await readFile(page!.passthrough!.pdf));
    const xobjects = kept.getPage(0).node.Resources()!.lookup(PDFName.of("XObject"), PDFDict);
    const stream = kept.context.lookup(
      xobjects.get(PDFName.of(page!.passthrough!.layers[0]!.name)),
    ) as PDFRawStream;
    expect(Buffer.from(stream.contents).equals(jpeg)).toBe(true);
    expect(page!.existingText).toBeUndefined();
  });

  it("draws a JPEG page that is turned or does not fill the page, rather than reading the JPEG as it is", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-ingest-"));
    const jpeg = await sharp({ create: { width: 400, height: 560, channels: 3, background: "#f4f1ea" } })
      .jpeg()
      .toBuffer();
    const pdf = await PDFDocument.create();
    const turned = pdf.addPage([144, 201.6]);
    turned.drawImage(await pdf.embedJpg(jpeg), { x: 0, y: 0, width: 144, height: 201.6 });
    turned.setRotation(degrees(90));
    const margin = pdf.addPage([164, 221.6]);
    margin.drawImage(await pdf.embedJpg(jpeg), { x: 10, y: 10, width: 144, height: 201.6 });
    const file = path.join(dir, "turned-and-margin.pdf");
    await writeFile(file, await pdf.save());
    const [first, second] = await pagesOf(file, dir);
    expect(first).toMatchObject({ format: "png", width: 560, height: 400 });
    expect(second).toMatchObject({ format: "png", width: 456, height: 616 });
  });

  it("keeps the text a PDF page already carries, with word boxes in image pixels", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-ingest-"));
    const { file } = await scannerPdf(dir, true);
    const [page] = await pagesOf(file, dir);
    const text = page!.existingText;
    expect(text?.text).toBe("Quyet dinh so 15");
    const first = text!.lines[0]!.words[0]!;
    // x = 10 pt at 200 dpi is about 28 px; the baseline, 51.6 pt below the top, is about 143 px down.
    expect(first.box.x0).toBeGreaterThan(20);
    expect(first.box.x0).toBeLessThan(36);
    expect(first.box.y1).toBeGreaterThan(135);
    expect(first.box.y1).toBeLessThan(155);
  });
  it("places a kept text layer in the CropBox the page is drawn from", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-ingest-"));
    const jpeg = await sharp({ create: { width: 400, height: 560, channels: 3, background: "#f4f1ea" } })
      .jpeg()
      .toBuffer();
    const pdf = await PDFDocument.create();
    const pdfPage = pdf.addPage([144, 201.6]);
    pdfPage.drawImage(await pdf.embedJpg(jpeg), { x: 0, y: 0, width: 144, height: 201.6 });
    pdfPage.drawText("Quyet dinh", {
      x: 46,
      y: 150,
      size: 8,
      font: await pdf.embedFont(StandardFonts.Helvetica),
    });
    pdfPage.setCropBox(36, 0, 108, 201.6);
    const file = path.join(dir, "cropped.pdf");
    await writeFile(file, await pdf.save());
    const [page] = await pagesOf(file, dir);
    expect([page!.width, page!.height]).toEqual([300, 560]);
    // x = 46 pt is 10 pt into the CropBox: about 28 px at 200 dpi, not the 128 px it is from the MediaBox.
    const first = page!.existingText!.lines[0]!.words[0]!;
    expect(first.box.x0).toBeGreaterThan(20);
    expect(first.box.x0).toBeLessThan(36);
  });
});
