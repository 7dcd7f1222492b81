// Runs one extractor on one text: builds its context, validates its values, fills its messages.
import type { FieldValue, Fields, HandwrittenSlots, OcrLine, OcrPage } from "../types.js";
import { slotPlace, type SlotPlace } from "./parsers/fill-in-box.js";
import { formatMessage } from "./messages.js";
import { alignOcrLines, ocrConfidence } from "./ocr-confidence.js";
import { fold, nfc, toLines } from "./parsers/text.js";
import type {
  DetectInput,
  ExtractContext,
  Extracted,
  Extractor,
  Problem,
  ReportDescriptor,
} from "./types.js";
import { validateValue } from "./validate.js";

/** Below this confidence a value is kept but flagged for review. */
export const LOW_CONFIDENCE = 0.6;

/** Below this OCR confidence (0..100) a slot read as clean digits is still taken for pen strokes. */
const SLOT_MIN_OCR = 45;
/** Cap on a value with a handwritten slot: never trusted without a reader. */
const HANDWRITTEN_CONFIDENCE = 0.3;

/**
 * The value's fill-in slots that look handwritten, with the first one's page and box: slots the
 * extractor found suspect, and clean-looking digits that OCR read with low confidence.
 */
function handwrittenSlots(
  input: DetectInput,
  aligned: ReadonlyArray<OcrLine | undefined>,
  got: Extracted,
): HandwrittenSlots | undefined {
  const line = got.line !== undefined ? aligned[got.line - 1] : undefined;
  const hits: Array<{ slot: string; raw: string; place?: SlotPlace }> = [];
  for (const s of got.fillIn?.slots ?? []) {
    const place = line && input.pages ? slotPlace(input.pages, line, s.slot) : undefined;
    const lowOcr = place?.confidence !== undefined && place.confidence < SLOT_MIN_OCR;
    if (s.suspect || lowOcr) hits.push({ slot: s.slot, raw: s.raw, ...(place ? { place } : {}) });
  }
  if (hits.length === 0) return undefined;
  const first = hits.find((h) => h.place)?.place;
  const places = hits.flatMap((h) =>
    h.place
      ? [
          {
            slot: h.slot,
            page: h.place.page,
            box: h.place.box,
            ...(h.place.shared ? { shared: true as const } : {}),
          },
        ]
      : [],
  );
  return {
    slots: hits.map((h) => h.slot),
    ...(places.length > 0 ? { places } : {}),
    // Slots an unread line shares ("ngày … tháng" read as one smear) show their text once.
    raw: [...new Set(hits.map((h) => h.raw).filter(Boolean))].join(" | "),
    ...(first ? { page: first.page, box: first.box } : {}),
  };
}

/** The detector input for a text (and its OCR pages, when there are any). */
export function detectInput(text: string, pages?: readonly OcrPage[]): DetectInput {
  const clean = nfc(text);
  const lines = toLines(clean);
  return { text: clean, lines, folded: lines.map(fold), ...(pages ? { pages } : {}) };
}

export interface RunResult {
  fields: Fields;
  problems: Problem[];
  /** Reports whose messageId the extractor's meta does not declare (a bug in the extractor). */
  unknownMessageIds: string[];
  /** Fields returned but not declared in meta.fields (a bug in the extractor). */
  undeclaredFields: string[];
}

/** Runs `extractor.extract` and turns its output into validated FieldValues and filled messages. */
export function runExtractor(extractor: Extractor, input: DetectInput): RunResult {
  const reports: ReportDescriptor[] = [];
  const ctx: ExtractContext = {
    ...input,
    report: (d) => {
      reports.push(d);
    },
  };
  const raw = extractor.extract(ctx);
  const { meta } = extractor;
  const unknownMessageIds: string[] = [];
  const problems: Problem[] = [];
  for (const r of reports) {
    const template = meta.messages[r.messageId];
    if (template === undefined) {
      unknownMessageIds.push(r.messageId);
      continue;
    }
    problems.push({
      ...(r.field ? { field: r.field } : {}),
      messageId: r.messageId,
      message: formatMessage(template, r.data),
      ...(r.line ? { line: r.line } : {}),
    });
  }
  const fields: Fields = {};
  const undeclaredFields: string[] = [];
  const aligned = input.pages?.length ? alignOcrLines(input) : [];
  for (const [name, got] of Object.entries(raw)) {
    if (!got) continue;
    const spec = meta.fields[name];
    if (!spec) {
      undeclaredFields.push(name);
      continue;
    }
    const value = typeof got.value === "string" ? nfc(got.value) : got.value;
    const issues = validateValue(spec, value);
    const fieldProblems = problems.filter((p) => p.field === name).map((p) => p.message);
    // A name or text is no surer than the weakest OCR word it was read from. Codes, numbers and
    // dates are left out: Tesseract scores long codes low even when right, and their formats are checked.
    const ocr = spec.format === "name" || spec.format === "text" ? ocrConfidence(aligned, got) : undefined;
    const confidence = Math.max(0, Math.min(1, got.confidence, ocr ?? 1));
    if (confidence < LOW_CONFIDENCE)
      issues.push(
        `low confidence (${confidence.toFixed(2)}${ocr !== undefined && ocr < got.confidence ? ", OCR" : ""})`,
      );
    const handwritten = got.fillIn ? handwrittenSlots(input, aligned, got) : undefined;
    if (handwritten) {
      issues.push(
        `${handwritten.slots.join(" and ")} slot${handwritten.slots.length > 1 ? "s" : ""} handwritten ` +
          `(OCR read '${handwritten.raw}'): printed part kept, needs a reader`,
      );
    }
    const field: FieldValue = {
      value,
      confidence: handwritten ? Math.min(confidence, HANDWRITTEN_CONFIDENCE) : confidence,
      ...(handwritten ? { handwritten } : {}),
      // Every report is a problem, as in ESLint: a reported value is kept but not trusted.
      valid: issues.length === 0 && fieldProblems.length === 0,
      ...(issues.length + fieldProblems.length > 0 ? { issues: [...issues, ...fieldProblems] } : {}),
    };
    fields[name] = field;
  }
  return { fields, problems, unknownMessageIds, undeclaredFields };
}
