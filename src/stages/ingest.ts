// Ingest: one source file → its pages as encoded images in the work folder, one at a time.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import type { DocumentContext } from "../context.js";
import { pageContext } from "../context.js";
import { CorruptImageError, LimitExceededError } from "../errors/index.js";
import { readImageInfo } from "../ingest/image-info.js";
import { extractPageScan, loadPdf, writePageScan } from "../ingest/pdf-pages.js";
import { readPdfTextLayer } from "../ingest/pdf-text.js";
import type { Limits } from "../limits.js";
import type { Page, SourceFile } from "../types.js";

/**
 * Yields pages lazily so a 2,000-page TIFF never has more than a few pages decoded at once.
 * Single-page JPEG/PNG/WebP sources are used in place: originals are never copied or modified.
 */
export async function* ingest(source: SourceFile, ctx: DocumentContext, limits: Limits): AsyncGenerator<Page> {
  if (source.mime === "application/pdf") {
    yield* ingestPdf(source, ctx, limits);
    return;
  }
  const first = await safeInfo(source.path, 0);
  if (first.pages > limits.maxPages) throw new LimitExceededError(source.path, "page count", first.pages, limits.maxPages);
  for (let index = 0; index < first.pages; index++) {
    const info = index === 0 ? first : await safeInfo(source.path, index);
    checkPixels(source.path, index, info.width, info.height, limits);
    if (source.mime !== "image/tiff") {
      const format = source.mime === "image/jpeg" ? "jpeg" : source.mime === "image/png" ? "png" : "webp";
      yield { index, image: source.path, format, width: info.width, height: info.height, dpi: info.dpi, colour: info.colour };
      continue;
    }
    // TIFF pages are split out losslessly; PNG keeps every bit and is what the PDF embeds.
    const image = pageContext(ctx, index).path("page.png");
    try {
      // Grey pages stay one channel: sharp would otherwise widen them to RGB, tripling the bytes.
      const pipeline = sharp(source.path, { page: index, limitInputPixels: false });
      await (info.colour === "colour" ? pipeline : pipeline.toColourspace("b-w")).png({ compressionLevel: 3 }).toFile(image);
    } catch (error) {
      throw new CorruptImageError(source.path, `page ${index + 1}: ${(error as Error).message}`, { cause: error });
    }
    yield { index, image, format: "png", width: info.width, height: info.height, dpi: info.dpi, colour: info.colour };
  }
}

async function* ingestPdf(source: SourceFile, ctx: DocumentContext, limits: Limits): AsyncGenerator<Page> {
  const bytes = await readFile(source.path);
  const pdf = await loadPdf(source.path, bytes);
  const pages = pdf.getPages();
  if (pages.length === 0) throw new CorruptImageError(source.path, "the PDF has no pages");
  if (pages.length > limits.maxPages) throw new LimitExceededError(source.path, "page count", pages.length, limits.maxPages);
  for (const [index, pdfPage] of pages.entries()) {
    const scan = await extractPageScan(source.path, pdfPage, index);
    checkPixels(source.path, index, scan.width, scan.height, limits);
    const image = pageContext(ctx, index).path(scan.format === "jpeg" ? "page.jpg" : "page.png");
    await writePageScan(image, scan);
    const info = await safeInfo(image, 0);
    const page: Page = { index, image, format: scan.format, width: scan.width, height: scan.height, dpi: scan.dpi, colour: info.colour };
    if (scan.hasText) {
      const existingText = await readPdfTextLayer(source.path, index, scan.dpi, ctx.log);
      if (existingText) page.existingText = existingText;
    }
    yield page;
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
    throw new LimitExceededError(file, `page ${index + 1} pixel count (${width}×${height})`, pixels, limits.maxPagePixels);
  }
}
