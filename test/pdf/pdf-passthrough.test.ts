// The archival PDF of an ingested PDF page: the source's image streams byte for byte, drawn where the source drew them.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { PDF_FIXTURES } from "../../fixtures/pdf/cases.js";
import { PdfiumDocument } from "../../src/ingest/pdfium.js";
import { archiveUnread, FIXTURES, ingestFile, workDir } from "../ingest/helpers.js";

const run = promisify(execFile);

/** Image streams a page paints, directly or through Form XObjects. */
function imagesIn(
  doc: PDFDocument,
  resources: PDFDict | undefined,
  out: PDFRawStream[] = [],
): PDFRawStream[] {
  const xobjects = resources?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  for (const [, ref] of xobjects?.entries() ?? []) {
    const stream = doc.context.lookup(ref as PDFRef) as PDFRawStream;
    const isForm = stream.dict.get(PDFName.of("Subtype")) === PDFName.of("Form");
    if (isForm) imagesIn(doc, stream.dict.lookupMaybe(PDFName.of("Resources"), PDFDict), out);
    else out.push(stream);
  }
  return out;
}

async function firstPageImages(bytes: Uint8Array): Promise<PDFRawStream[]> {
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  return imagesIn(doc, doc.getPage(0).node.Resources());
}

/** Mean absolute difference per sample between the archival page drawn at the scan's resolution and the ingested page image. */
async function drawnDifference(
  archival: Uint8Array,
  image: string,
  dpi: number,
  colour: boolean,
): Promise<number> {
  const pdf = await PdfiumDocument.open(archival);
  try {
    const drawn = await pdf.withPage(0, async (page) => page.render(dpi / 72, colour ? "rgba" : "grey"));
    const decoded = sharp(image).removeAlpha();
    const { data, info } = await decoded
      .toColourspace(colour ? "srgb" : "b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([drawn.width, drawn.height]).toEqual([info.width, info.height]);
    let sum = 0;
    // The drawn copy is RGBA where the ingested image is RGB.
    for (let i = 0; i < data.length; i++)
      sum += Math.abs(data[i]! - drawn.data[colour ? Math.floor(i / 3) * 4 + (i % 3) : i]!);
    return sum / data.length;
  } finally {
    pdf.close();
  }
}

// annotated.pdf paints its e-signature block over the scan as well: its own test is pdf-annotations.test.ts.
const kept = Object.entries(PDF_FIXTURES).filter(([n, c]) => c.outcome === "kept" && n !== "annotated.pdf");

describe("archival PDF of PDF pages", () => {
  it.each(kept)("%s: the source's image streams go in unchanged and show the same page", async (name) => {
    const { source, pages } = await ingestFile(path.join(FIXTURES, name));
    const archival = await archiveUnread(source, pages);
    const original = name === "encrypted-empty.pdf" ? "flate-grey.pdf" : name;
    const sourceStreams = (await firstPageImages(await readFile(path.join(FIXTURES, original)))).map((s) =>
      Buffer.from(s.contents),
    );
    const archived = await firstPageImages(archival);
    expect(archived).toHaveLength(sourceStreams.length);
    for (const stream of archived)
      expect(sourceStreams.some((s) => s.equals(Buffer.from(stream.contents)))).toBe(true);
    // A shift of one pixel already costs 2 to 4.
    expect(
      await drawnDifference(archival, pages[0]!.image, pages[0]!.dpi, pages[0]!.colour === "colour"),
    ).toBeLessThan(2);
    const file = path.join(await workDir(), "archival.pdf");
    await writeFile(file, archival);
    const check = await run("qpdf", ["--check", file]);
    expect(check.stdout).toContain("No syntax or stream encoding errors found");
  });

  it("archives an empty-password PDF unencrypted", async () => {
    const { source, pages } = await ingestFile(path.join(FIXTURES, "encrypted-empty.pdf"));
    const file = path.join(await workDir(), "archival.pdf");
    await writeFile(file, await archiveUnread(source, pages));
    expect((await run("qpdf", ["--show-encryption", file])).stdout).toContain("File is not encrypted");
  });

  it("keeps a redrawn bilevel page at 1 bit a pixel", async () => {
    const { source, pages } = await ingestFile(path.join(FIXTURES, "inline-bilevel.pdf"));
    const [image] = await firstPageImages(await archiveUnread(source, pages));
    expect((image!.dict.lookup(PDFName.of("BitsPerComponent")) as PDFNumber).asNumber()).toBe(1);
    expect(image!.dict.lookup(PDFName.of("ColorSpace"))).toBe(PDFName.of("DeviceGray"));
  });

  it("redraws a DeviceCMYK page into RGB, which the sRGB output intent covers", async () => {
    const { source, pages } = await ingestFile(path.join(FIXTURES, "cmyk.pdf"));
    const [image] = await firstPageImages(await archiveUnread(source, pages));
    expect(image!.dict.lookup(PDFName.of("ColorSpace"))).toBe(PDFName.of("DeviceRGB"));
  });
});
