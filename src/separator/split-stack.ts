// Splits one scanned stack file into one PDF per document in the work folder; the original is never touched.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";
import type { DocumentContext } from "../context.js";
import { openPdf } from "../ingest/pdf-pages.js";
import type { Limits } from "../limits.js";
import { ingest } from "../stages/ingest.js";
import { preflight } from "../stages/preflight.js";
import { separate, type DocumentSlice, type StackPage } from "../stages/separate.js";
import type { Page } from "../types.js";
import { BLANK_INK, lookAtPage } from "./detect.js";

export interface SplitDocument extends DocumentSlice {
  /** The slice as its own PDF, sheets and blanks left out. */
  path: string;
}

export interface SplitResult {
  source: string;
  pages: number;
  documents: SplitDocument[];
  dropped: number[];
}

/** Finds the sheets (or blank pages), and writes each document's pages to `<outDir>/<nn>.pdf`. */
export async function splitStack(
  file: string,
  outDir: string,
  mode: "qr" | "blank",
  ctx: DocumentContext,
  limits: Limits,
): Promise<SplitResult> {
  const source = await preflight(file, limits);
  const pageDir = path.join(outDir, "pages");
  await mkdir(pageDir, { recursive: true });
  const pages: Page[] = [];
  const stack: StackPage[] = [];
  for await (const page of ingest(source, { ...ctx, workDir: pageDir }, limits)) {
    pages.push(page);
    stack.push({ index: page.index, look: await lookAtPage(page.image) });
  }
  const { slices, dropped } = separate(stack, ctx, { mode, file, blankInk: BLANK_INK });
  // Scanner PDFs keep their page objects; an encrypted one (streams still encrypted for pdf-lib) is redrawn.
  const opened = source.mime === "application/pdf" ? await openPdf(file, await readFile(file)) : undefined;
  opened?.engine.close();
  const original = opened && !opened.encrypted ? opened.structure : undefined;
  const documents: SplitDocument[] = [];
  for (const [i, slice] of slices.entries()) {
    const out = path.join(outDir, `${String(i + 1).padStart(3, "0")}.pdf`);
    const pdf = await PDFDocument.create();
    if (original) {
      // Scanner PDFs: the pages themselves, copied object for object (no re-encoding).
      for (const p of await pdf.copyPages(original, slice.pages)) pdf.addPage(p);
    } else {
      for (const index of slice.pages) await addImagePage(pdf, pages[index]!);
    }
    await writeFile(out, await pdf.save());
    documents.push({ ...slice, path: out });
  }
  return { source: file, pages: pages.length, documents, dropped };
}

/** One page image as a PDF page of its physical size: JPEG passed through, anything else as PNG. */
async function addImagePage(pdf: PDFDocument, page: Page): Promise<void> {
  const bytes = await readFile(page.image);
  const image =
    page.format === "jpeg"
      ? await pdf.embedJpg(bytes)
      : page.format === "png"
        ? await pdf.embedPng(bytes)
        : await pdf.embedPng(await sharp(bytes).png().toBuffer());
  const w = (page.width * 72) / page.dpi;
  const h = (page.height * 72) / page.dpi;
  pdf.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
}
