// Scores a system's outputs against the corpus truth: OCR for all, deskew/type/fields for sohoa.
import { basename } from "node:path";
import { pathToFileURL } from "node:url";
import type { Truth } from "./corpus.js";
import { characterErrorRate, corpusCer, corpusWordF1, skewError, wordF1, type CerScore, type WordScore } from "./score/index.js";
import type { SohoaReportLine } from "./sohoa-run.js";

export interface OcrScores {
  files: number;
  cer: number;
  wordF1: number;
  perFile: Array<{ file: string; cer: number; wordF1: number }>;
}

/** Corpus CER (total edits / total chars) and micro word F1 over the files that have a truth. */
export function scoreOcr(outputs: ReadonlyArray<{ file: string; text: string }>, truth: ReadonlyMap<string, Truth>): OcrScores {
  const cers: CerScore[] = [];
  const f1s: WordScore[] = [];
  const perFile: OcrScores["perFile"] = [];
  for (const o of outputs) {
    const t = truth.get(basename(o.file));
    if (!t) continue;
    const c = characterErrorRate(o.text, t.text);
    const w = wordF1(o.text, t.text);
    cers.push(c);
    f1s.push(w);
    perFile.push({ file: basename(o.file), cer: c.cer, wordF1: w.f1 });
  }
  return { files: cers.length, cer: corpusCer(cers), wordF1: corpusWordF1(f1s).f1, perFile };
}

export interface SohoaScores {
  skew: { pages: number; missing: number; meanAbsError: number; maxAbsError: number };
  docTypeAccuracy: number;
  /** Whatever src/eval/fields.ts returns, or why it could not run. */
  fields: unknown;
}

/** Deskew error, docType accuracy and field accuracy of sohoa's report lines. */
export async function scoreSohoa(report: readonly SohoaReportLine[], truth: ReadonlyMap<string, Truth>): Promise<SohoaScores> {
  const pairs: Array<{ detected: number | undefined; truth: number }> = [];
  let typed = 0;
  let typedRight = 0;
  for (const line of report) {
    const t = truth.get(basename(line.file));
    if (!t) continue;
    t.pages.forEach((p, i) => pairs.push({ detected: line.pages?.[i]?.skewDegrees, truth: p.skewDegrees }));
    typed++;
    if (line.docType === t.docType) typedRight++;
  }
  return {
    skew: skewError(pairs),
    docTypeAccuracy: typed === 0 ? Number.NaN : typedRight / typed,
    fields: await scoreFields(report, truth),
  };
}

/**
 * Field accuracy comes from the extractors' own scorer so that bench and tests agree on
 * normalisation. TODO(lead): src/eval/fields.ts (extractors helper) must export
 * `scoreExtraction(predictions, truths)`; until it exists this reports "unavailable".
 */
async function scoreFields(report: readonly SohoaReportLine[], truth: ReadonlyMap<string, Truth>): Promise<unknown> {
  const url = pathToFileURL(new URL("../src/eval/fields.ts", import.meta.url).pathname).href;
  let mod: { scoreExtraction?: (predictions: unknown, truths: unknown) => unknown };
  try {
    mod = (await import(url)) as typeof mod;
  } catch (error) {
    return { unavailable: `src/eval/fields.ts not loadable: ${(error as Error).message.split("\n")[0]}` };
  }
  if (typeof mod.scoreExtraction !== "function") return { unavailable: "src/eval/fields.ts has no scoreExtraction export" };
  const predictions = report.filter((l) => truth.has(basename(l.file))).map((l) => ({ file: basename(l.file), docType: l.docType, fields: l.fields ?? {} }));
  const truths = predictions.map((p) => truth.get(p.file)!);
  return mod.scoreExtraction(predictions, truths);
}
