// Extract stage: picks the document type from the OCR text and reads its fields; never throws.
import { loadExtractors, classify } from "../extractors/load.js";
import { UNKNOWN } from "../extractors/index.js";
import { detectInput, LOW_CONFIDENCE, runExtractor } from "../extractors/run.js";
import { silentLogger, type Logger } from "../logger.js";
import type { ExtractionResult, Fields, OcrPage } from "../types.js";

export interface ExtractInput {
  pages: OcrPage[];
  /** All pages' text; used as is (the pages give layout and word confidences). */
  text: string;
}

/** Review reasons for a result: unknown type, missing required fields, invalid or doubtful values. */
function reviewReasons(
  docType: string,
  required: string[],
  fields: Fields,
  problems: string[],
  title?: string,
): string[] {
  const reasons: string[] = [];
  if (docType === UNKNOWN) reasons.push("document type not recognised");
  if (docType === UNKNOWN && title) reasons.push(`title block reads as ${title}, not a result type`);
  for (const name of required) if (!fields[name]) reasons.push(`${name}: missing`);
  for (const [name, f] of Object.entries(fields)) {
    if (!f.valid) reasons.push(`${name}: ${(f.issues ?? [`confidence below ${LOW_CONFIDENCE}`]).join("; ")}`);
  }
  for (const p of problems) if (!reasons.some((r) => r.includes(p))) reasons.push(p);
  return reasons;
}

/**
 * Reads the document type and its fields from OCR text. Never throws: an extractor that
 * fails falls back to the `unknown` extractor, and that failing gives an empty result.
 */
export async function extract(
  input: { pages: OcrPage[]; text: string },
  ctx: { log?: Logger } = {},
): Promise<ExtractionResult> {
  const log = (ctx.log ?? silentLogger).child({ stage: "extract" });
  const started = performance.now();
  try {
    const all = await loadExtractors();
    const det = detectInput(typeof input.text === "string" ? input.text : "", input.pages);
    const { docType, score, scores, title } = classify(all, det);
    let used = docType;
    let run;
    try {
      run = runExtractor(all.get(docType)!, det);
    } catch (error) {
      log.warn({ err: error, docType }, "extractor failed, falling back to unknown");
      used = UNKNOWN;
      run = runExtractor(all.get(UNKNOWN)!, det);
    }
    const extractor = all.get(used)!;
    const required = Object.entries(extractor.meta.fields)
      .filter(([, s]) => s.required)
      .map(([k]) => k);
    const reasons = reviewReasons(
      used,
      required,
      run.fields,
      // A report on a field with no value (an unread handwritten date) has no field to carry it.
      run.problems
        .filter((p) => !p.field || (!run.fields[p.field] && p.messageId !== "missingField"))
        .map((p) => p.message),
      title,
    );
    if (used !== docType) reasons.unshift(`extractor ${docType} failed`);
    const typeConfidence = used === docType ? Math.round(score * 1000) / 1000 : 0;
    if (used !== UNKNOWN && typeConfidence < 0.6)
      reasons.push(`document type ${used} uncertain (${typeConfidence})`);
    log.debug(
      { docType: used, scores, fields: Object.keys(run.fields), ms: Math.round(performance.now() - started) },
      "extracted",
    );
    return {
      docType: used,
      typeConfidence,
      fields: run.fields,
      needsReview: reasons.length > 0,
      reviewReasons: reasons,
    };
  } catch (error) {
    log.error({ err: error }, "extraction failed");
    return {
      docType: UNKNOWN,
      typeConfidence: 0,
      fields: {},
      needsReview: true,
      reviewReasons: ["extraction failed"],
    };
  }
}
