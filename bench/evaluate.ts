// Scores a system's outputs against the corpus truth: OCR for all, deskew/type/fields for sohoa.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { scoreExtraction, type ExtractionScore } from "../src/eval/fields.js";
import type { Truth } from "./corpus.js";
import { scoredText, type PagedText } from "./page-text.js";
import {
  characterErrorRate,
  corpusCer,
  corpusWordF1,
  skewError,
  wordF1,
  type CerScore,
  type WordScore,
} from "./score/index.js";
import type { SohoaReportLine } from "./sohoa-run.js";

export interface OcrScores {
  files: number;
  cer: number;
  wordF1: number;
  /** Files scored whole because their pages could not be told apart (truth covers some pages only). */
  approximate: number;
  perFile: Array<{ file: string; cer: number; wordF1: number; approximate?: boolean }>;
}

/**
 * Corpus CER (total edits / total chars) and micro word F1 over the files that have a truth text,
 * on the truth's `textPages` only where it names them. A failed file scores as empty text.
 */
export function scoreOcr(
  outputs: ReadonlyArray<{ file: string } & PagedText>,
  truth: ReadonlyMap<string, Truth>,
): OcrScores {
  const cers: CerScore[] = [];
  const f1s: WordScore[] = [];
  const perFile: OcrScores["perFile"] = [];
  let approximate = 0;
  for (const o of outputs) {
    const t = truth.get(basename(o.file));
    if (!t || t.text === undefined) continue;
    const s = scoredText(o, t)!;
    const c = characterErrorRate(s.text, t.text);
    const w = wordF1(s.text, t.text);
    cers.push(c);
    f1s.push(w);
    if (s.approximate) approximate++;
    perFile.push({
      file: basename(o.file),
      cer: c.cer,
      wordF1: w.f1,
      ...(s.approximate ? { approximate: true } : {}),
    });
  }
  return { files: cers.length, cer: corpusCer(cers), wordF1: corpusWordF1(f1s).f1, approximate, perFile };
}

export interface SohoaScores {
  skew: { pages: number; missing: number; meanAbsError: number; maxAbsError: number };
  docTypeAccuracy: number;
  /** Documents of a type sohoa does not know (`other` in the truth) given a known type: wrong metadata in a signed record. */
  knownTypeForOther: number;
  /** Documents whose truth is `other` (for them `unknown` is right). */
  otherDocuments: number;
  /** From src/eval/fields.ts `scoreExtraction`. */
  fields: ExtractionScore;
  handwriting: HandwritingScore;
}

/** Fields with pen-written slots in sohoa's metadata: filled from the digit reader (right or wrong), or only reported. */
export interface HandwritingScore {
  fields: number;
  read: number;
  readRight: number;
  /** Filled in from the pen and not the truth's value: the failure that must stay at 0. */
  readWrong: Array<{ file: string; field: string; value: unknown; truth: unknown }>;
  /** Filled in from the pen where the truth gives no value for the field. */
  readUnscored: number;
  reported: number;
}

/** Deskew error, docType accuracy and field accuracy of sohoa's report lines. */
export async function scoreSohoa(
  report: readonly SohoaReportLine[],
  truth: ReadonlyMap<string, Truth>,
  outDir: string,
): Promise<SohoaScores> {
  const pairs: Array<{ detected: number | undefined; truth: number }> = [];
  let typed = 0;
  let typedRight = 0;
  let knownTypeForOther = 0;
  let otherDocuments = 0;
  for (const line of report) {
    const t = truth.get(basename(line.file));
    if (!t) continue;
    t.pages.forEach((p, i) => {
      if (typeof p.skewDegrees === "number")
        pairs.push({ detected: line.pages?.[i]?.skewDegrees, truth: p.skewDegrees });
    });
    typed++;
    if (t.docType === "other") {
      otherDocuments++;
      if (line.docType === "unknown" || line.docType === "other") typedRight++;
      else if (line.docType !== undefined) knownTypeForOther++;
    } else if (line.docType === t.docType) typedRight++;
  }
  return {
    skew: skewError(pairs),
    docTypeAccuracy: typed === 0 ? Number.NaN : typedRight / typed,
    knownTypeForOther,
    otherDocuments,
    fields: scoreFields(report, truth),
    handwriting: await scoreHandwriting(report, truth, outDir),
  };
}

/** Reads each document's metadata JSON (the report line has values only) for its `handwritten` fields. */
async function scoreHandwriting(
  report: readonly SohoaReportLine[],
  truth: ReadonlyMap<string, Truth>,
  outDir: string,
): Promise<HandwritingScore> {
  const score: HandwritingScore = {
    fields: 0,
    read: 0,
    readRight: 0,
    readWrong: [],
    readUnscored: 0,
    reported: 0,
  };
  for (const line of report) {
    const t = truth.get(basename(line.file));
    if (!t || !line.outputs?.metadata) continue;
    const meta = JSON.parse(await readFile(join(outDir, line.outputs.metadata), "utf8")) as {
      fields?: Record<string, { value?: unknown; handwritten?: { read?: unknown } }>;
    };
    for (const [name, field] of Object.entries(meta.fields ?? {})) {
      if (!field.handwritten) continue;
      score.fields++;
      if (!field.handwritten.read) {
        score.reported++;
        continue;
      }
      score.read++;
      if (t.fields?.[name] === undefined) score.readUnscored++;
      else if (field.value === t.fields[name]) score.readRight++;
      else score.readWrong.push({ file: t.file, field: name, value: field.value, truth: t.fields?.[name] });
    }
  }
  return score;
}

/** Field accuracy from the extractors' own scorer (src/eval/fields.ts), so bench and tests agree on normalisation. */
function scoreFields(report: readonly SohoaReportLine[], truth: ReadonlyMap<string, Truth>): ExtractionScore {
  const predictions = report.map((l) => ({
    file: basename(l.file),
    docType: l.docType ?? "",
    fields: l.fields ?? {},
  }));
  return scoreExtraction(predictions, [...truth.values()]);
}
