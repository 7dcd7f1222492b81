// `tsx bench/orientation.ts [--real dir] [--dev dir] [--no-ocr] [--verbose]`: every page turned 0/90/180/270, is it put upright?
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { pageContext } from "../src/context.js";
import { analysisCopyOf, inkPointsOf } from "../src/imaging/analysis-image.js";
import { loadInkGrey, type GreyImage } from "../src/imaging/ink-grey.js";
import { writeOcrTiff } from "../src/imaging/ocr-image.js";
import { readImageInfo } from "../src/ingest/image-info.js";
import { silentLogger } from "../src/logger.js";
import { createOcrEngine, type OcrEngine } from "../src/ocr/index.js";
import { estimateSkew } from "../src/stages/deskew.js";
import { turnGrey } from "../src/stages/orient-confirm.js";
import { detectOrientation, orientPage, turnPoints } from "../src/stages/orient.js";
import { rectifyPhoto } from "../src/stages/rectify.js";
import type { Orientation } from "../src/types.js";

const { values } = parseArgs({
  options: {
    real: { type: "string", default: "../shared/bench/real/scans" },
    dev: { type: "string", default: "../shared/bench/dev/scans" },
    "no-ocr": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    /** Also ask Tesseract's OSD (what `ocrmypdf --rotate-pages` uses) on the same cases. */
    osd: { type: "boolean", default: false },
    cache: { type: "string", default: join(tmpdir(), "sohoa-orientation-pages") },
  },
});

interface BasePage {
  name: string;
  image: string;
  dpi: number;
  colour: "colour" | "grey" | "bilevel";
  skew?: number;
}

interface Tally {
  cases: number;
  uprightKept: number;
  uprightCases: number;
  turnedFixed: number;
  turnedCases: number;
  wrong: number;
  abstained: number;
  ocrChecks: number;
  measureMs: number;
  confirmMs: number;
  skewErrors: number[];
  /** Upright scans the rectify stage took for a photo (should be none), and its time. */
  photoFlags: number;
  rectifyMs: number;
  failures: string[];
}

const TURNS: Orientation[] = [0, 90, 180, 270];
/** OCRmyPDF's default --rotate-pages-threshold: OSD answers below it are not acted on. */
const OCRMYPDF_ROTATE_THRESHOLD = 14;

/** Tesseract OSD on the page: its "Rotate" (our orientation convention) and confidence; undefined when it gives up. */
function osd(file: string, dpi: number): { orientation: Orientation; confidence: number } | undefined {
  try {
    const env = { ...process.env, OMP_THREAD_LIMIT: "1" };
    const args = [file, "-", "--psm", "0", "--dpi", String(dpi)];
    const out = execFileSync("tesseract", args, { env, stdio: ["ignore", "pipe", "pipe"] }).toString();
    const rotate = /Rotate: (\d+)/.exec(out);
    const confidence = /Orientation confidence: ([\d.]+)/.exec(out);
    return rotate && confidence
      ? { orientation: Number(rotate[1]) as Orientation, confidence: Number(confidence[1]) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Real PDFs rendered page by page with pdftoppm at 200 dpi (cached). */
function realPages(dir: string, cache: string): BasePage[] {
  const pages: BasePage[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort()) {
    const prefix = join(cache, "real", basename(file, ".pdf"));
    if (!readdirSync(join(cache, "real")).some((f) => f.startsWith(`${basename(file, ".pdf")}-`))) {
      execFileSync("pdftoppm", ["-r", "200", "-png", join(dir, file), prefix]);
    }
    for (const png of readdirSync(join(cache, "real"))
      .filter((f) => f.startsWith(`${basename(file, ".pdf")}-`))
      .sort()) {
      pages.push({ name: png, image: join(cache, "real", png), dpi: 200, colour: "colour" });
    }
  }
  return pages;
}

/** Dev scans: PDFs rendered at their truth resolution, images read as they are. */
async function devPages(dir: string, cache: string): Promise<BasePage[]> {
  type Truth = { file: string; dpi: number; pages: Array<{ skewDegrees: number }> };
  const lines = readFileSync(join(dir, "..", "truth.jsonl"), "utf8")
    .trim()
    .split("\n");
  const truth = lines.map((l) => JSON.parse(l) as Truth);
  const pages: BasePage[] = [];
  for (const t of truth) {
    let image = join(dir, t.file);
    if (t.file.endsWith(".pdf")) {
      const prefix = join(cache, "dev", basename(t.file, ".pdf"));
      if (!existsSync(`${prefix}-1.png`))
        execFileSync("pdftoppm", ["-r", String(t.dpi), "-png", "-f", "1", "-l", "1", image, prefix]);
      image = `${prefix}-1.png`;
    }
    const info = await readImageInfo(image);
    pages.push({ name: t.file, image, dpi: t.dpi, colour: info.colour, skew: t.pages[0]!.skewDegrees });
  }
  return pages;
}

function emptyTally(): Tally {
  return {
    ...{
      cases: 0,
      uprightKept: 0,
      uprightCases: 0,
      turnedFixed: 0,
      turnedCases: 0,
      wrong: 0,
      abstained: 0,
      ocrChecks: 0,
    },
    ...{ measureMs: 0, confirmMs: 0, skewErrors: [], photoFlags: 0, rectifyMs: 0, failures: [] },
  };
}

/** One case's outcome into a tally: `kept` when the page was left as displayed for want of evidence. */
function count(tally: Tally, truth: Orientation, orientation: Orientation, kept: boolean): boolean {
  tally.cases++;
  if (kept) tally.abstained++;
  const ok = orientation === truth;
  if (truth === 0) {
    tally.uprightCases++;
    if (ok) tally.uprightKept++;
  } else {
    tally.turnedCases++;
    if (ok) tally.turnedFixed++;
  }
  const wrong = !ok && !(kept && orientation === 0);
  if (wrong) tally.wrong++;
  return wrong;
}

async function evaluate(
  pages: BasePage[],
  ocr: OcrEngine | undefined,
  work: string,
): Promise<{ sohoa: Tally; osd: Tally }> {
  const tally = emptyTally();
  const peer = emptyTally();
  for (const page of pages) {
    const scan = {
      index: 0,
      image: page.image,
      format: "png" as const,
      width: 0,
      height: 0,
      dpi: page.dpi,
      colour: page.colour,
    };
    const upright = await loadInkGrey(scan);
    const r0 = performance.now();
    const sized = { ...scan, width: upright.width, height: upright.height };
    // As the rectify stage does: the photo check reads a reduction of the analysis copy.
    const rectified = await rectifyPhoto(
      sized,
      upright,
      pageContext({ workDir: work, log: silentLogger }, 0),
      await analysisCopyOf(upright),
    );
    tally.rectifyMs += performance.now() - r0;
    if (rectified.flags.length) tally.photoFlags++;
    for (const truth of TURNS) {
      // A page whose content is turned counter-clockwise by `truth`: the case the detector must undo.
      const grey: GreyImage = await turnGrey(upright, ((360 - truth) % 360) as Orientation);
      const ctx = pageContext({ workDir: work, log: silentLogger }, tally.cases);
      // The measure's own CPU time (this process); the OCR check runs Tesseract in a child, so it is timed on the wall.
      const cpu = process.cpuUsage();
      const points = await inkPointsOf(grey);
      detectOrientation(points);
      const used = process.cpuUsage(cpu);
      tally.measureMs += (used.user + used.system) / 1000;
      const t1 = performance.now();
      const decision = await orientPage(grey, points, { dpi: page.dpi, ...(ocr ? { ocr } : {}) }, ctx);
      const t2 = performance.now();
      if (decision.votes) {
        tally.ocrChecks++;
        tally.confirmMs += t2 - t1;
      }
      const ok = decision.orientation === truth;
      const wrong = count(tally, truth, decision.orientation, decision.decision === "abstained");
      if (values.osd) {
        const file = join(work, "osd.tif");
        await writeOcrTiff(file, grey, page.dpi);
        const o0 = performance.now();
        const answer = osd(file, page.dpi);
        peer.confirmMs += performance.now() - o0;
        const acted = answer !== undefined && answer.confidence >= OCRMYPDF_ROTATE_THRESHOLD;
        if (count(peer, truth, acted ? answer.orientation : 0, !acted)) {
          peer.failures.push(
            `WRONG ${page.name} turned ${truth}: OSD ${answer?.orientation} (${answer?.confidence})`,
          );
        }
      }
      if (truth === 0 && page.skew !== undefined) {
        const skew = estimateSkew(turnPoints(points, decision.orientation));
        tally.skewErrors.push(Math.abs(skew.degrees - page.skew));
      }
      const m = decision.measure;
      const line =
        `${page.name} turned ${truth}: ${decision.decision} ${decision.orientation} ` +
        `(conf ${decision.confidence}, runner-up ${decision.runnerUp}) ` +
        `axis ${m.axisEvidence.toFixed(2)} dir ${m.directionEvidence.toFixed(2)} measured ${m.orientation}` +
        (decision.votes ? ` votes ${decision.votes.map(voteText).join(" ")}` : "");
      if (wrong || (!ok && values.verbose)) tally.failures.push(`${wrong ? "WRONG" : "kept"} ${line}`);
      if (values.verbose) console.log(line);
    }
  }
  peer.ocrChecks = peer.cases;
  return { sohoa: tally, osd: peer };
}

function voteText(v: {
  orientation: number;
  score: number;
  meanConfidence: number;
  wordShare: number;
}): string {
  return `${v.orientation}:${v.score}/${v.meanConfidence}/${v.wordShare}`;
}

function print(label: string, t: Tally): void {
  const pct = (a: number, b: number) => `${a}/${b} (${((100 * a) / Math.max(1, b)).toFixed(1)}%)`;
  console.log(`\n## ${label}: ${t.cases} cases`);
  console.log(`upright kept          ${pct(t.uprightKept, t.uprightCases)}`);
  console.log(`turned put upright    ${pct(t.turnedFixed, t.turnedCases)}`);
  console.log(`wrongly turned        ${t.wrong}`);
  console.log(`abstained             ${t.abstained}`);
  console.log(`OCR checks            ${t.ocrChecks}`);
  if (t.measureMs > 0)
    console.log(`measure CPU ms/page   ${(t.measureMs / t.cases).toFixed(0)} (ink points + profiles)`);
  const checked = (t.confirmMs / Math.max(1, t.ocrChecks)).toFixed(0);
  console.log(
    `OCR check wall ms     ${checked} per checked page; ${(t.confirmMs / t.cases).toFixed(0)} per page overall`,
  );
  const pages = t.cases / 4;
  const rectifyMs = (t.rectifyMs / pages).toFixed(0);
  if (t.rectifyMs > 0)
    console.log(`scans taken for photos  ${t.photoFlags} of ${pages} (rectify check ${rectifyMs} ms/page)`);
  if (t.skewErrors.length) {
    const mean = t.skewErrors.reduce((s, e) => s + e, 0) / t.skewErrors.length;
    const max = Math.max(...t.skewErrors).toFixed(2);
    console.log(
      `skew error mean/max   ${mean.toFixed(3)}° / ${max}° over ${t.skewErrors.length} upright pages`,
    );
  }
  for (const f of t.failures) console.log(`  ${f}`);
}

const cache = resolve(values.cache);
await mkdir(join(cache, "real"), { recursive: true });
await mkdir(join(cache, "dev"), { recursive: true });
const work = await mkdtemp(join(tmpdir(), "sohoa-orientation-"));
const ocr = values["no-ocr"] ? undefined : await createOcrEngine({ engine: "auto", concurrency: 1 });
try {
  for (const [label, pages] of [
    [`real (${values.real}, pdftoppm -r 200)`, values.real ? realPages(resolve(values.real), cache) : []],
    [`dev (${values.dev})`, values.dev ? await devPages(resolve(values.dev), cache) : []],
  ] as const) {
    if (pages.length === 0) continue;
    const result = await evaluate([...pages], ocr, work);
    print(`sohoa, ${label}`, result.sohoa);
    if (values.osd)
      print(
        `Tesseract OSD as ocrmypdf --rotate-pages (threshold ${OCRMYPDF_ROTATE_THRESHOLD}), ${label}`,
        result.osd,
      );
  }
} finally {
  await ocr?.close();
  await rm(work, { recursive: true, force: true });
}
