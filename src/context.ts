// What every stage receives besides its input: options, a child logger and a place for work files.
import path from "node:path";
import type { Logger } from "./logger.js";
import type { OcrEngine } from "./ocr/ocr-engine.js";

/** Per-document context; the work folder belongs to this document only. */
export interface DocumentContext {
  /** Folder for this document's intermediate files; kept with --keep-work. */
  workDir: string;
  log: Logger;
  /** Aborted when the document's time limit passes or the process shuts down. */
  signal?: AbortSignal;
}

/** Per-page context, in the manner of OCRmyPDF's PageContext. */
export interface PageContext extends DocumentContext {
  pageIndex: number;
  /** `page.path("deskew.png")` → `<workDir>/000001_deskew.png`. */
  path(name: string): string;
}

/** What the per-page stages (orient → deskew → clean → ocr) read besides the page. */
export interface PageStageSettings {
  ocr: OcrEngine;
  /** Pages finer than this are reduced to it for OCR. @defaultValue 240 */
  maxOcrDpi?: number;
  /** Plausible-word test for the orientation check by OCR (src/stages/orient-confirm.ts). */
  isWord?: (word: string) => boolean;
  /**
   * Read the ink the page segmentation skipped a second time, in block mode (a signer's block beside a
   * seal, a title line crossed by a stamp's dots): +0.3 word F1 points on the real set. Opt-in while every
   * OCR call paid Tesseract's start-up (+16% CPU on real pages); with the persistent OCR server it costs
   * +6% there and +2.5% on the dev scans, so it is on unless set false. @defaultValue true
   */
  rereadSkippedInk?: boolean;
  /**
   * Fill pen-written number and date slots in from the digit recogniser when it is sure
   * (src/stages/read-handwriting.ts); false leaves them reported only. @defaultValue true
   */
  readHandwriting?: boolean;
}

/** How pages are read: what each front door passes down to the page stages. */
export type PageReadOptions = Pick<PageStageSettings, "maxOcrDpi" | "rereadSkippedInk" | "readHandwriting">;

/** The read options that are set, and only those (an option left out keeps its stage default). */
export function pageReadOptions(options: PageReadOptions): PageReadOptions {
  return {
    ...(options.maxOcrDpi ? { maxOcrDpi: options.maxOcrDpi } : {}),
    ...(options.rereadSkippedInk === false ? { rereadSkippedInk: false } : {}),
    ...(options.readHandwriting === false ? { readHandwriting: false } : {}),
  };
}

/** The context of the per-page stages: a page context plus the engine and the OCR resolution. */
export interface PageStageContext extends PageContext, PageStageSettings {}

export function pageContext(doc: DocumentContext, pageIndex: number): PageContext {
  const prefix = String(pageIndex + 1).padStart(6, "0");
  return {
    ...doc,
    log: doc.log.child({ page: pageIndex + 1 }),
    pageIndex,
    path: (name: string) => path.join(doc.workDir, `${prefix}_${name}`),
  };
}
