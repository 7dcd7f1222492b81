// Reference systems timed on the same files in the same run: OCRmyPDF and bare Tesseract.
import { mkdir, readdir, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import sharp from "sharp";
import { run } from "../src/exec/run.js";
import { mapLimit } from "./corpus.js";
import { childrenCpuSeconds, sampleTree } from "./proc-tree.js";

/** What one system produced for one input file. */
export interface FileOutput {
  file: string;
  text: string;
  /** Page texts in page order, when the system gives them apart. */
  pages?: string[];
  error?: string;
}

/** One timed system run over the whole corpus. */
export interface SystemRun {
  name: string;
  available: boolean;
  /** Why it did not run, or how it was run. */
  note: string;
  pages: number;
  wallSeconds: number;
  /** User + system CPU of every process of the run (robust to other load on the machine). */
  cpuSeconds: number;
  peakRssMiB: number;
  outputs: FileOutput[];
}

/** True when `program args` starts and exits 0. */
async function works(program: string, args: string[]): Promise<boolean> {
  try {
    return (await run(program, args)).code === 0;
  } catch {
    return false;
  }
}

/** Pages in a scan: pdfinfo for PDFs, sharp for images (multi-page TIFF). */
export async function countPages(file: string): Promise<number> {
  if (extname(file).toLowerCase() === ".pdf") {
    const r = await run("pdfinfo", [file]);
    const m = /^Pages:\s+(\d+)/mu.exec(r.stdout.toString("utf8"));
    return m ? Number(m[1]) : 1;
  }
  const meta = await sharp(file, { limitInputPixels: false }).metadata();
  return meta.pages ?? 1;
}

/** Runs `work` over files, `parallel` at a time, measuring wall time and the children's peak RSS. */
async function timed(
  files: readonly string[],
  parallel: number,
  work: (file: string) => Promise<FileOutput>,
): Promise<{ outputs: FileOutput[]; wallSeconds: number; cpuSeconds: number; peakRssMiB: number }> {
  // The bench process itself is left out: only the reference's own processes count.
  const sampler = sampleTree(process.pid, { includeRoot: false });
  const cpu0 = childrenCpuSeconds();
  const start = performance.now();
  const outputs = await mapLimit(files, parallel, work);
  const wallSeconds = (performance.now() - start) / 1000;
  return { outputs, wallSeconds, cpuSeconds: childrenCpuSeconds() - cpu0, peakRssMiB: sampler.stop() };
}

const unavailable = (name: string, note: string): SystemRun => ({
  name,
  available: false,
  note,
  pages: 0,
  wallSeconds: 0,
  cpuSeconds: 0,
  peakRssMiB: 0,
  outputs: [],
});

export type OcrmypdfOutputType = "pdf" | "pdfa";

/**
 * OCRmyPDF as an archive team would run it: deskew, page rotation, Vietnamese, two files at a
 * time with `--jobs 1` each (one per core); text scored through pdftotext.
 */
export async function runOcrmypdf(
  files: readonly string[],
  outDir: string,
  outputType: OcrmypdfOutputType,
  pages: number,
): Promise<SystemRun> {
  const name = `ocrmypdf (${outputType})`;
  if (!(await works("ocrmypdf", ["--version"])))
    return unavailable(name, "ocrmypdf not installed (apt-get install ocrmypdf)");
  if (!(await works("pdftotext", ["-v"])))
    return unavailable(name, "pdftotext not installed (apt-get install poppler-utils)");
  await mkdir(outDir, { recursive: true });
  // DPI is read before the clock starts: OCRmyPDF refuses images without one.
  const dpi = new Map<string, number | undefined>();
  for (const f of files)
    dpi.set(f, extname(f).toLowerCase() === ".pdf" ? undefined : (await sharp(f).metadata()).density);
  const run1 = await timed(files, 2, async (file) => {
    const out = join(outDir, `${basename(file)}.pdf`);
    const args = [
      "--deskew",
      "--rotate-pages",
      "-l",
      "vie",
      "--output-type",
      outputType,
      "--jobs",
      "1",
      "--quiet",
    ];
    // Always given for images: OCRmyPDF refuses a declared resolution it finds "not credible" (150 dpi PNGs) unless told.
    if (extname(file).toLowerCase() !== ".pdf")
      args.push("--image-dpi", String(Math.round(dpi.get(file) ?? 300)));
    const r = await run("ocrmypdf", [...args, file, out]);
    if (r.code !== 0)
      return { file: basename(file), text: "", error: `exit ${r.code}: ${r.stderr.slice(-300)}` };
    return { file: basename(file), text: "" };
  });
  // Text extraction is scoring, not OCR: outside the clock.
  for (const o of run1.outputs) {
    if (o.error) continue;
    const r = await run("pdftotext", ["-enc", "UTF-8", join(outDir, `${o.file}.pdf`), "-"]);
    o.text = r.stdout.toString("utf8");
  }
  return {
    name,
    available: true,
    note: `--deskew --rotate-pages -l vie --output-type ${outputType}, 2 files at once, --jobs 1 each`,
    pages,
    ...run1,
  };
}

/** Formats the Tesseract CLI reads (Leptonica): what `pdfimages -all` writes for CCITT, JBIG2 or JPX is not among them. */
const TESSERACT_READS = /\.(png|jpg|tif|pbm|pgm|ppm)$/iu;

/**
 * One image per page for the bare engine: the PDF's own images (`pdfimages -all`) when each page is one
 * image in a format Tesseract reads, else pages rendered by `pdftoppm -r 300 -gray` (CCITT, JBIG2, strips).
 */
async function pageImages(pdf: string, workDir: string): Promise<{ images: string[]; rendered: boolean }> {
  const prefix = join(workDir, basename(pdf));
  const mine = async (): Promise<string[]> =>
    (await readdir(workDir))
      .filter((n) => n.startsWith(`${basename(pdf)}-`))
      .sort()
      .map((n) => join(workDir, n));
  await run("pdfimages", ["-all", pdf, prefix]);
  const extracted = await mine();
  if (extracted.length === (await countPages(pdf)) && extracted.every((f) => TESSERACT_READS.test(f)))
    return { images: extracted, rendered: false };
  await Promise.all(extracted.map((f) => rm(f, { force: true })));
  await run("pdftoppm", ["-r", "300", "-gray", "-png", pdf, prefix]);
  return { images: await mine(), rendered: true };
}

/**
 * The bare engine floor: `tesseract FILE stdout -l vie`, one thread each, two at a time, no
 * pre-processing. PDF pages are extracted or rendered (pageImages) before the clock starts.
 */
export async function runBareTesseract(
  files: readonly string[],
  workDir: string,
  pages: number,
): Promise<SystemRun> {
  const name = "tesseract (bare)";
  const langs = await run("tesseract", ["--list-langs"]).catch(() => undefined);
  if (!langs || !/^vie$/mu.test(langs.stdout.toString("utf8") + langs.stderr))
    return unavailable(
      name,
      "tesseract or its vie data not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
    );
  await mkdir(workDir, { recursive: true });
  const images = new Map<string, string[]>();
  let rendered = 0;
  for (const f of files) {
    if (extname(f).toLowerCase() !== ".pdf") {
      images.set(f, [f]);
      continue;
    }
    const p = await pageImages(f, workDir);
    images.set(f, p.images);
    if (p.rendered) rendered++;
  }
  const env = { ...process.env, OMP_THREAD_LIMIT: "1" };
  const run1 = await timed(files, 2, async (file) => {
    const texts: string[] = [];
    for (const img of images.get(file) ?? []) {
      const r = await run("tesseract", [img, "stdout", "-l", "vie"], { env });
      if (r.code !== 0)
        return {
          file: basename(file),
          text: texts.join("\n"),
          pages: texts,
          error: `exit ${r.code}: ${r.stderr.slice(-300)}`,
        };
      texts.push(r.stdout.toString("utf8").replace(/\f/gu, ""));
    }
    return { file: basename(file), text: texts.join("\n"), pages: texts };
  });
  const how =
    rendered > 0
      ? `; ${rendered} PDF(s) rendered with pdftoppm -r 300 -gray, the rest's images extracted`
      : "; PDF images extracted";
  return {
    name,
    available: true,
    note: `tesseract FILE stdout -l vie, OMP_THREAD_LIMIT=1, 2 at once${how} (untimed)`,
    pages,
    ...run1,
  };
}
