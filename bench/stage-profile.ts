// CPU profile per stage: the pipeline's stages run one page at a time in this process, each timed in wall and CPU seconds
// (this process's CPU, libvips threads included, plus the CPU of the tesseract children it reaped). Mirrors
// pipelines/page.ts and pipelines/archive.ts: keep the two in step when a stage is added.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeArchivalPdf } from "../pipelines/archival-pdf.js";
import { pageContext, type DocumentContext } from "../src/context.js";
import { IDENTITY } from "../src/imaging/affine.js";
import { inkPointsOf } from "../src/imaging/analysis-image.js";
import { loadInkGrey } from "../src/imaging/ink-grey.js";
import { defaultLimits } from "../src/limits.js";
import { silentLogger } from "../src/logger.js";
import { createOcrEngine, type OcrEngineName } from "../src/ocr/index.js";
import { cleanForOcr } from "../src/stages/clean.js";
import { estimateSkew } from "../src/stages/deskew.js";
import { extract } from "../src/stages/extract.js";
import { ingest } from "../src/stages/ingest.js";
import { detectOrientation, turnPoints } from "../src/stages/orient.js";
import { preflight } from "../src/stages/preflight.js";
import type { Box, OcrPage, PageResult, PreparedPage } from "../src/types.js";
import { childrenCpuSeconds } from "./proc-tree.js";

export interface StageCost {
  /** Seconds a page (document stages: per page of the documents profiled). */
  cpuPerPage: number;
  wallPerPage: number;
  /** Share of all stages' CPU. */
  cpuShare: number;
}

export interface StageProfile {
  files: number;
  pages: number;
  stages: Record<string, StageCost>;
  /** Per-page pipeline CPU outside OCR, seconds a page. */
  aroundOcrCpuPerPage: number;
  errors: Array<{ file: string; error: string }>;
}

/** Own CPU (all threads) plus reaped children's CPU, seconds. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6 + childrenCpuSeconds();
}

/** Runs every file (up to `maxPages` pages in all) through the stages, one page at a time. */
export async function profileStages(
  files: readonly string[],
  options: { engine: string; maxPages: number },
): Promise<StageProfile> {
  const totals = new Map<string, { cpu: number; wall: number }>();
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const c0 = cpuNow();
    const w0 = performance.now();
    try {
      return await work();
    } finally {
      const t = totals.get(stage) ?? { cpu: 0, wall: 0 };
      t.cpu += cpuNow() - c0;
      t.wall += (performance.now() - w0) / 1000;
      totals.set(stage, t);
    }
  };
  const ocr = await createOcrEngine({ engine: options.engine as OcrEngineName, concurrency: 1 });
  const errors: StageProfile["errors"] = [];
  let pages = 0;
  let filesDone = 0;
  try {
    for (const file of files) {
      if (pages >= options.maxPages) break;
      const workDir = await mkdtemp(join(tmpdir(), "sohoa-profile-"));
      const ctx: DocumentContext = { workDir, log: silentLogger };
      try {
        const source = await time("preflight", () => preflight(file, defaultLimits));
        const results: PageResult[] = [];
        const it = ingest(source, ctx, defaultLimits);
        for (;;) {
          const next = await time("ingest", () => it.next());
          if (next.done) break;
          const page = next.value;
          if (page.existingText) {
            const prepared: PreparedPage = {
              ...page,
              orientation: 0,
              skewDegrees: 0,
              ocrImage: page.image,
              ocrWidth: page.width,
              ocrHeight: page.height,
              ocrDpi: page.dpi,
              toSource: IDENTITY,
              flags: [],
            };
            results.push({ page: prepared, ocr: page.existingText, timings: {} });
            continue;
          }
          const grey = await time("decode", () => loadInkGrey(page));
          const points = await time("orient", () => inkPointsOf(grey));
          const orientation = await time("orient", () => detectOrientation(points));
          const skew = await time("deskew", () => estimateSkew(turnPoints(points, orientation.orientation)));
          const geometry = {
            orientation: orientation.orientation,
            skewDegrees: orientation.blank ? 0 : skew.degrees,
            flags: [],
            ink: points,
          };
          const prepared = await time("clean", () =>
            cleanForOcr(page, grey, geometry, pageContext(ctx, page.index)),
          );
          const text = orientation.blank
            ? emptyPage(prepared)
            : await time("ocr", () => ocr.recognize(prepared.ocrImage, { dpi: prepared.ocrDpi }));
          results.push({ page: prepared, ocr: toFrame(text, prepared), timings: {} });
          pages++;
        }
        const text = results.map((r) => r.ocr.text).join("\n\n");
        const extraction = await time("extract", () => extract({ pages: results.map((r) => r.ocr), text }));
        await time("pdfa", () => makeArchivalPdf({ source, pages: results, text, extraction, timings: {} }));
        filesDone++;
      } catch (error) {
        errors.push({ file, error: (error as Error).message.slice(0, 200) });
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    }
  } finally {
    await ocr.close();
  }
  const allCpu = [...totals.values()].reduce((s, t) => s + t.cpu, 0);
  const per = (v: number): number => +(v / Math.max(pages, 1)).toFixed(3);
  const stages: Record<string, StageCost> = {};
  for (const [stage, t] of totals)
    stages[stage] = {
      cpuPerPage: per(t.cpu),
      wallPerPage: per(t.wall),
      cpuShare: +(t.cpu / Math.max(allCpu, 1e-9)).toFixed(3),
    };
  const around = ["decode", "orient", "deskew", "clean"].reduce((s, k) => s + (totals.get(k)?.cpu ?? 0), 0);
  return { files: filesDone, pages, stages, aroundOcrCpuPerPage: per(around), errors };
}

/** OCR boxes of the cropped image moved into the page's upright frame (as pipelines/page.ts does). */
function toFrame(ocr: OcrPage, page: PreparedPage): OcrPage {
  const { x, y } = page.ocrCrop ?? { x: 0, y: 0 };
  const move = (b: Box): Box => ({ x0: b.x0 + x, y0: b.y0 + y, x1: b.x1 + x, y1: b.y1 + y });
  return {
    ...ocr,
    width: page.ocrWidth,
    height: page.ocrHeight,
    lines: ocr.lines.map((l) => ({
      ...l,
      box: move(l.box),
      words: l.words.map((w) => ({ ...w, box: move(w.box) })),
    })),
  };
}

function emptyPage(page: PreparedPage): OcrPage {
  return { width: page.ocrWidth, height: page.ocrHeight, lines: [], text: "", confidence: 0, engine: "none" };
}
