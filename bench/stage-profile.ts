// CPU profile per stage: the pipeline's stages run one page at a time in this process, each timed in wall and CPU seconds
// (this process's CPU, libvips threads included, plus the CPU of its tesseract children, reaped or live). Calls the
// stages pipelines/page.ts calls, in its order, so a stage added there is one line here.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeArchivalPdf } from "../pipelines/archival-pdf.js";
import { pageContext, type DocumentContext } from "../src/context.js";
import { defaultLimits } from "../src/limits.js";
import { silentLogger } from "../src/logger.js";
import { createOcrEngine, type OcrEngineName } from "../src/ocr/index.js";
import { clean } from "../src/stages/clean.js";
import { correctPage } from "../src/stages/correct.js";
import { denoise } from "../src/stages/denoise.js";
import { deskew } from "../src/stages/deskew.js";
import { extract } from "../src/stages/extract.js";
import { ingest } from "../src/stages/ingest.js";
import { ocr as readPage } from "../src/stages/ocr.js";
import { orient } from "../src/stages/orient.js";
import { preflight } from "../src/stages/preflight.js";
import { rectify } from "../src/stages/rectify.js";
import { reread } from "../src/stages/reread.js";
import { asIs } from "../src/stages/text-layer.js";
import type { PageResult } from "../src/types.js";
import { childrenCpuSeconds, liveChildrenCpuSeconds } from "./proc-tree.js";

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

/** Own CPU (all threads) plus reaped and live children's CPU (tesseract CLIs, OCR servers), seconds. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6 + childrenCpuSeconds() + liveChildrenCpuSeconds();
}

/** Runs every file (up to `maxPages` pages in all) through the stages, one page at a time. */
export async function profileStages(
  files: readonly string[],
  options: { engine: string; maxPages: number; rereadSkippedInk?: boolean },
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
            results.push({ page: asIs(page), ocr: page.existingText, timings: {} });
            continue;
          }
          const stageCtx = {
            ...pageContext(ctx, page.index),
            ocr,
            ...(options.rereadSkippedInk === false ? { rereadSkippedInk: false } : {}),
          };
          const rectified = await time("rectify", () => rectify(page, stageCtx));
          const oriented = await time("orient", () => orient(rectified, stageCtx));
          const deskewed = await time("deskew", () => deskew(oriented, stageCtx));
          const prepared = await time("clean", () => clean(deskewed, stageCtx));
          const read = await time("ocr", async () => {
            const first = await readPage(prepared, stageCtx);
            return stageCtx.rereadSkippedInk === false ? first : reread(first, prepared, stageCtx);
          });
          const text = await time("correct", async () =>
            correctPage(await denoise(read, prepared, stageCtx), stageCtx),
          );
          results.push({ page: prepared, ocr: text, timings: {} });
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
  const around = ["rectify", "orient", "deskew", "clean"].reduce((s, k) => s + (totals.get(k)?.cpu ?? 0), 0);
  return { files: filesDone, pages, stages, aroundOcrCpuPerPage: per(around), errors };
}
