// Ingest: one source file → its pages as encoded images in the work folder, one at a time.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import type { DocumentContext } from "../context.js";
import { pageContext } from "../context.js";
import { CorruptImageError, LimitExceededError } from "../errors/index.js";
import { fromRaw, inkPlaneOf } from "../imaging/ink-grey.js";
import { readImageInfo } from "../ingest/image-info.js";
import { openPdf, readPdfPage } from "../ingest/pdf-pages.js";
import { readPdfTextLayer } from "../ingest/pdf-text.js";
import type { Limits } from "../limits.js";
import type { GreyImage, Page, SourceFile } from "../types.js";

/**
 * Yields pages lazily so a 2,000-page TIFF never has more than a few pages decoded at once.
 * Single-page JPEG/PNG/WebP sources are used in place: originals are never copied or modified.
 */
export async function* ingest(
  source: SourceFile,
  ctx: DocumentContext,
  limits: Limits,
): AsyncGenerator<Page> {
  if (source.mime === "application/pdf") {
    yield* ingestPdf(source, ctx, limits);
    return;
  }
  const first = await safeInfo(source.path, 0);
  if (first.pages > limits.maxPages)
    throw new LimitExceededError(source.path, "page count", first.pages, limits.maxPages);
  for (let index = 0; index < first.pages; index++) {
    const info = index === 0 ? first : await safeInfo(source.path, index);
    checkPixels(source.path, index, info.width, info.height, limits);
    if (source.mime !== "image/tiff") {
      const format = source.mime === "image/jpeg" ? "jpeg" : source.mime === "image/png" ? "png" : "webp";
      yield {
        index,
        image: source.path,
        format,
        width: info.width,
        height: info.height,
        dpi: info.dpi,
        colour: info.colour,
      };
      continue;
    }
    // TIFF pages are split out losslessly; PNG keeps every bit and is what the PDF embeds.
    const image = pageContext(ctx, index).path("page.png");
    let decoded: GreyImage;
    try {
      // Grey pages stay one channel: sharp would otherwise widen them to RGB, tripling the bytes.
      const pipeline = sharp(source.path, { page: index, limitInputPixels: false });
      const { data, info: raw } = await (info.colour === "colour" ? pipeline : pipeline.toColourspace("b-w"))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const { width, height, channels } = raw;
      await fromRaw(data, width, height, channels).png({ compressionLevel: 3 }).toFile(image);
      // The decoded pixels are handed on, so the page is not decoded a second time from its PNG.
      decoded = inkPlaneOf(data, width, height, channels);
    } catch (error) {
      throw new CorruptImageError(source.path, `page ${index + 1}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    yield {
      index,
      image,
      format: "png",
      width: info.width,
      height: info.height,
      dpi: info.dpi,
      colour: info.colour,
      decoded,
    };
  }
}

async function* ingestPdf(source: SourceFile, ctx: DocumentContext, limits: Limits): AsyncGenerator<Page> {
  const pdf = await openPdf(source.path, await readFile(source.path));
  try {
    if (pdf.pageCount === 0) throw new CorruptImageError(source.path, "the PDF has no pages");
    if (pdf.pageCount > limits.maxPages)
      throw new LimitExceededError(source.path, "page count", pdf.pageCount, limits.maxPages);
    if (pdf.encrypted)
      ctx.log.info(
        { file: source.name },
        "encrypted with an empty user password: opened, archived unencrypted",
      );
    for (let index = 0; index < pdf.pageCount; index++) {
      const work = pageContext(ctx, index);
      const files = { image: work.path("page.png"), passthrough: work.path("page-images.pdf") };
      const scan = await readPdfPage(pdf, index, files, limits);
      if (scan.redrawnBecause)
        ctx.log.debug({ page: index + 1, reason: scan.redrawnBecause }, "page redrawn, its images not kept");
      const { width, height, dpi, colour } = scan;
      const page: Page = { index, image: scan.image, format: scan.format, width, height, dpi, colour };
      if (scan.passthrough) page.passthrough = scan.passthrough;
      if (scan.overlays) page.overlays = scan.overlays;
      if (scan.decoded) page.decoded = scan.decoded;
      // The report says when the archival page is a drawn copy rather than the source's own image streams.
      const flags = [
        ...(pdf.encrypted ? ["sourceEncrypted"] : []),
        ...(scan.redrawnBecause ? ["pdfPageRedrawn"] : []),
        ...(scan.overlays ? ["sourceAnnotationsDrawn"] : []),
      ];
      if (flags.length > 0) page.flags = flags;
      if (scan.hasText) {
        const existingText = await readPdfTextLayer(source.path, index, scan.dpi, ctx.log);
        if (existingText) page.existingText = existingText;
      }
      yield page;
    }
  } finally {
    pdf.engine.close();
  }
}

async function safeInfo(path: string, page: number) {
  try {
    const info = await readImageInfo(path, page);
    if (info.width === 0 || info.height === 0) throw new Error("no image size in the header");
    return info;
  } catch (error) {
    if (error instanceof LimitExceededError) throw error;
    throw new CorruptImageError(path, (error as Error).message, { cause: error });
  }
}

function checkPixels(file: string, index: number, width: number, height: number, limits: Limits): void {
  const pixels = width * height;
  if (pixels > limits.maxPagePixels) {
    throw new LimitExceededError(
      file,
      `page ${index + 1} pixel count (${width}×${height})`,
      pixels,
      limits.maxPagePixels,
    );
  }
}
