// Every PDF intake fixture ingests as its case says: page size and colour, kept streams byte for byte, or the right error.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from "pdf-lib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { PDF_FIXTURES } from "../../fixtures/pdf/cases.js";
import { SohoaError } from "../../src/errors/index.js";
import { FIXTURES, ingestFile } from "./helpers.js";

/** The image streams a PDF's first page names, by resource name, with their referenced SMask/globals bytes. */
async function pageStreams(file: string): Promise<PDFRawStream[]> {
  const doc = await PDFDocument.load(await readFile(file), { ignoreEncryption: true, updateMetadata: false });
  const xobjects = doc.getPage(0).node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  return [...(xobjects?.entries() ?? [])].map(([, ref]) => doc.context.lookup(ref as PDFRef) as PDFRawStream);
}

const bytesOf = (s: PDFRawStream): Buffer => Buffer.from(s.contents);

const working = Object.entries(PDF_FIXTURES).filter(
  ([, c]) => c.outcome === "kept" || c.outcome === "redrawn",
);

describe("PDF intake fixtures", () => {
  it.each(working)("%s ingests as expected", async (name, expected) => {
    const { pages } = await ingestFile(path.join(FIXTURES, name));
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    if (expected.colour) expect(page.colour).toBe(expected.colour);
    if (expected.size) expect([page.width, page.height]).toEqual(expected.size);
    expect(page.flags ?? []).toEqual([
      ...(expected.flags ?? []),
      ...(expected.outcome === "redrawn" ? ["pdfPageRedrawn"] : []),
    ]);
    const meta = await sharp(page.image).metadata();
    expect([meta.width, meta.height]).toEqual([page.width, page.height]);
    if (expected.outcome === "redrawn") {
      expect(page.passthrough).toBeUndefined();
      return;
    }
    expect(page.passthrough?.layers).toHaveLength(expected.layers!);
    // The kept streams are the source's, byte for byte (an encrypted source's, decrypted: its plain twin's).
    const source = name === "encrypted-empty.pdf" ? "flate-grey.pdf" : name;
    const original = (await pageStreams(path.join(FIXTURES, source))).map(bytesOf);
    const kept = (await pageStreams(page.passthrough!.pdf)).map(bytesOf);
    expect(kept).toHaveLength(original.length);
    for (const stream of kept) expect(original.some((o) => o.equals(stream))).toBe(true);
  });

  it("keeps JBIG2Globals and a soft mask with the image, byte for byte", async () => {
    for (const [name, key] of [
      ["jbig2-globals.pdf", "DecodeParms"],
      ["smask.pdf", "SMask"],
    ] as const) {
      const { pages } = await ingestFile(path.join(FIXTURES, name));
      const [kept] = await pageStreams(pages[0]!.passthrough!.pdf);
      const [original] = await pageStreams(path.join(FIXTURES, name));
      const follow = (s: PDFRawStream): Buffer => {
        const value = s.dict.lookup(PDFName.of(key));
        const stream = value instanceof PDFDict ? value.lookup(PDFName.of("JBIG2Globals")) : value;
        return bytesOf(stream as PDFRawStream);
      };
      expect(follow(kept!).equals(follow(original!))).toBe(true);
    }
  });

  it("writes a redrawn bilevel page as a 1-bit PNG, not 8-bit grey", async () => {
    const { pages } = await ingestFile(path.join(FIXTURES, "inline-bilevel.pdf"));
    const png = await readFile(pages[0]!.image);
    expect(png[24]).toBe(1); // IHDR bit depth
    expect(png[25]).toBe(0); // grey
    expect((await stat(pages[0]!.image)).size).toBeLessThan((pages[0]!.width * pages[0]!.height) / 8);
  });

  it.each([
    ["encrypted-password.pdf", "sohoa:encryptedPdf", /encrypted/],
    ["bomb.pdf", "sohoa:limitExceeded", /page 1 image pixel count \(60000×60000\)/],
    ["lying-header.pdf", "sohoa:limitExceeded", /page 1 image data inflates past its declared 400×400/],
  ])("%s fails with %s, naming the file", async (name, code, message) => {
    const file = path.join(FIXTURES, name);
    const error = await ingestFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SohoaError);
    expect((error as SohoaError).code).toBe(code);
    expect((error as SohoaError).message).toContain(file);
    expect((error as SohoaError).message).toMatch(message);
    expect((error as SohoaError).hint).toBeTruthy();
  });

  it("checks each image against the page pixel limit before decoding it", async () => {
    const limits = { maxFileBytes: 1 << 30, maxPagePixels: 1_000_000, maxPages: 10, pageTimeoutSeconds: 60 };
    const error = await ingestFile(path.join(FIXTURES, "g4.pdf"), limits).catch((e: unknown) => e);
    expect((error as SohoaError).code).toBe("sohoa:limitExceeded");
    expect((error as SohoaError).message).toMatch(/page 1 image pixel count \(1169×1654\)/);
  });
});
