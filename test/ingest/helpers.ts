// Test helpers for PDF intake: ingest a fixture, and build an archival PDF from ingested pages without OCR.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultLimits, type Limits } from "../../src/limits.js";
import { silentLogger } from "../../src/logger.js";
import { ingest } from "../../src/stages/ingest.js";
import { buildArchivalPdf } from "../../src/stages/pdfa.js";
import { preflight } from "../../src/stages/preflight.js";
import { untouched } from "../../src/stages/text-layer.js";
import type { DocumentResult, Page, SourceFile } from "../../src/types.js";

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/pdf");

export async function workDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "sohoa-intake-"));
}

/** Every page `ingest` yields for the file. */
export async function ingestFile(
  file: string,
  limits: Limits = defaultLimits,
): Promise<{ source: SourceFile; pages: Page[] }> {
  const source = await preflight(file, limits);
  const pages: Page[] = [];
  for await (const page of ingest(source, { workDir: await workDir(), log: silentLogger }, limits))
    pages.push(page);
  return { source, pages };
}

/** The archival PDF of ingested pages, as the pipeline builds it for an upright page with nothing read. */
export async function archiveUnread(source: SourceFile, pages: Page[]): Promise<Uint8Array> {
  const doc: DocumentResult = {
    source,
    pages: pages.map((page) => ({
      page: untouched(page),
      ocr: { width: page.width, height: page.height, lines: [], text: "", confidence: 0, engine: "none" },
      timings: {},
    })),
    text: "",
    extraction: { docType: "unknown", typeConfidence: 0, fields: {}, needsReview: true, reviewReasons: [] },
    timings: {},
  };
  return (await buildArchivalPdf(doc, { createdAt: new Date("2026-01-01T00:00:00Z") })).bytes;
}
