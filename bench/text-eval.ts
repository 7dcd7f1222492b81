// Text and type benchmark on real pages: bare `tesseract -l vie` vs sohoa's recognise path, with and without text correction.
// Usage: npx tsx bench/text-eval.ts [realDir=../shared/bench/real] [devDir] [--out report.json]
// Renders each file's textPages (page 1 where none) with `pdftoppm -r 300`, OCRs the same PNGs both ways, and reports
// page-level word F1 and CER, docType per file (wrong known types apart), handwritten number/day slots, and the dev set's word F1.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recognizeFile } from "../pipelines/recognize.js";
import { createLogger } from "../src/logger.js";
import { createOcrEngine } from "../src/ocr/select.js";
import type { ExtractionResult, FieldValue, OcrPage } from "../src/types.js";
import {
  characterErrorRate,
  corpusCer,
  corpusWordF1,
  wordF1,
  type CerScore,
  type WordScore,
} from "./score/index.js";

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const realDir = args[0] ?? "../shared/bench/real";
const devDir = args[1];

interface Truth {
  file: string;
  docType: string;
  textPages?: number[];
  text?: string;
  fields: Record<string, string>;
}

const readTruth = (dir: string): Truth[] =>
  fs
    .readFileSync(path.join(dir, "truth.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Truth);

/** The page with the text correction undone: every corrected word back to the engine's, overlay words back in (on top). */
function uncorrected(page: OcrPage): OcrPage {
  const overlay = (page.overlay ?? []).map((l) => l.text);
  if (!page.corrections?.length) return { ...page, text: [...overlay, page.text].join("\n") };
  const lines = page.lines.map((l) => ({ ...l, words: l.words.map((w) => ({ ...w })) }));
  for (const c of page.corrections) {
    const words = lines[c.line]!.words;
    words[c.word]!.text = c.from;
    // A word cut in pieces ("ngày8đuháng" → "ngày 8đu tháng") is one word again: its other pieces go.
    const pieces = c.to.split(" ").length - c.from.split(" ").length;
    for (let k = 1; k <= pieces; k++) if (words[c.word + k]) words[c.word + k]!.text = "";
  }
  for (const l of lines)
    l.text = l.words
      .map((w) => w.text)
      .filter(Boolean)
      .join(" ");
  return { ...page, lines, text: [...overlay, ...lines.map((l) => l.text)].join("\n"), corrections: [] };
}

const log = createLogger({ level: "warn" });
const ocr = await createOcrEngine({ engine: "auto", log });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "text-eval-"));
const scores = { bare: [] as WordScore[], raw: [] as WordScore[], corrected: [] as WordScore[] };
const cers = { bare: [] as CerScore[], raw: [] as CerScore[], corrected: [] as CerScore[] };
const files: Array<Record<string, unknown>> = [];
const types = { right: 0, wrongKnown: 0, knownOnOther: 0, decisionMissed: 0, files: 0 };
const slots = {
  truth: 0,
  reportedHandwritten: 0,
  readFromHandwriting: 0,
  readRight: 0,
  wrong: 0,
  nonDigit: 0,
};

try {
  for (const t of readTruth(realDir)) {
    const pdf = path.join(realDir, "scans", t.file);
    const pageIdx = t.textPages?.length ? t.textPages : [0];
    const texts: Record<"bare" | "raw" | "corrected", string[]> = { bare: [], raw: [], corrected: [] };
    const ocrPages: OcrPage[] = [];
    let firstExtraction: ExtractionResult | undefined;
    for (const p of pageIdx) {
      const stem = path.join(work, `${t.file}-${p}`);
      execFileSync("pdftoppm", [
        "-r",
        "300",
        "-f",
        String(p + 1),
        "-l",
        String(p + 1),
        "-singlefile",
        "-png",
        pdf,
        stem,
      ]);
      const png = `${stem}.png`;
      texts.bare.push(
        execFileSync("tesseract", [png, "-", "-l", "vie"], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }),
      );
      const doc = await recognizeFile(
        png,
        { ocr },
        { workDir: fs.mkdtempSync(path.join(work, "doc-")), log },
      );
      firstExtraction ??= doc.extraction;
      const page = doc.pages[0]!.ocr;
      ocrPages.push(page);
      texts.corrected.push(page.text);
      texts.raw.push(uncorrected(page).text);
    }
    const row: Record<string, unknown> = { file: t.file, truthType: t.docType };
    if (t.textPages?.length && t.text !== undefined) {
      const truthPages = t.text.split("\f");
      const joined = (k: keyof typeof texts): string =>
        (truthPages.length === texts[k].length ? texts[k] : [texts[k].join("\n")]).join("\n");
      const truthText = truthPages.join("\n");
      for (const k of ["bare", "raw", "corrected"] as const) {
        const w = wordF1(joined(k), truthText);
        scores[k].push(w);
        cers[k].push(characterErrorRate(joined(k), truthText));
        row[`f1_${k}`] = Number(w.f1.toFixed(4));
      }
      row.corrections = ocrPages.reduce((n, p) => n + (p.corrections?.length ?? 0), 0);
    }
    // The type and fields the pipeline gave the first rendered page: the title block and the fill-ins are on it.
    // (Not extracted again from the pages' text: read pen digits are written into it, and would pass for print.)
    const ex = firstExtraction!;
    types.files++;
    const right = t.docType === "other" ? ex.docType === "unknown" : ex.docType === t.docType;
    if (right) types.right++;
    else if (ex.docType !== "unknown") types.wrongKnown++;
    else types.decisionMissed++;
    if (t.docType === "other" && ex.docType !== "unknown") types.knownOnOther++;
    row.docType = ex.docType;
    for (const name of ["documentNumber", "issueDate"] as const) {
      const truth = t.fields[name];
      const got: FieldValue | undefined = ex.fields[name];
      if (!truth) continue;
      slots.truth++;
      // A slot the digit reader filled in counts as read: right or wrong, like a printed one.
      if (got?.handwritten?.read) {
        slots.readFromHandwriting++;
        if (got.value === truth) slots.readRight++;
        else slots.wrong++;
      } else if (got?.handwritten) slots.reportedHandwritten++;
      else if (got?.value === truth) slots.readRight++;
      else if (got) slots.wrong++;
      if (name === "documentNumber" && got && !got.handwritten && /^\D|^\d*[^\d/]+\//.test(String(got.value)))
        slots.nonDigit++;
      row[name] = got
        ? {
            value: got.value,
            handwritten: got.handwritten?.slots ?? false,
            ...(got.handwritten?.read ? { read: got.handwritten.read } : {}),
            truth,
          }
        : { missing: true, truth };
    }
    console.log(JSON.stringify(row));
    files.push({ ...row, sohoaText: texts.corrected.join("\f"), bareText: texts.bare.join("\f") });
  }

  let dev: Record<string, number> | undefined;
  if (devDir) {
    const devScores = { raw: [] as WordScore[], corrected: [] as WordScore[] };
    for (const t of readTruth(devDir)) {
      const doc = await recognizeFile(
        path.join(devDir, "scans", t.file),
        { ocr },
        { workDir: fs.mkdtempSync(path.join(work, "dev-")), log },
      );
      devScores.corrected.push(wordF1(doc.pages.map((p) => p.ocr.text).join("\n"), t.text ?? ""));
      devScores.raw.push(wordF1(doc.pages.map((p) => uncorrected(p.ocr).text).join("\n"), t.text ?? ""));
    }
    dev = {
      wordF1Raw: corpusWordF1(devScores.raw).f1,
      wordF1Corrected: corpusWordF1(devScores.corrected).f1,
      files: devScores.raw.length,
    };
  }

  const summary = {
    realTextPages: {
      pages: scores.bare.length,
      wordF1: {
        bareTesseract: corpusWordF1(scores.bare).f1,
        sohoaRaw: corpusWordF1(scores.raw).f1,
        sohoaCorrected: corpusWordF1(scores.corrected).f1,
      },
      cer: {
        bareTesseract: corpusCer(cers.bare),
        sohoaRaw: corpusCer(cers.raw),
        sohoaCorrected: corpusCer(cers.corrected),
      },
    },
    docType: types,
    handwrittenSlots: slots,
    ...(dev ? { dev } : {}),
  };
  console.log(JSON.stringify(summary, null, 2));
  if (out) fs.writeFileSync(out, JSON.stringify({ summary, files }, null, 2));
} finally {
  await ocr.close();
  fs.rmSync(work, { recursive: true, force: true });
}
