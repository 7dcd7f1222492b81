// Field-level scoring of extraction results against truth: pure, no I/O.

/** One document's type and fields, predicted or true. Field values may be raw or `{ value }`. */
export interface Labelled {
  file: string;
  docType: string;
  fields: Record<string, unknown>;
}

export interface FieldScore {
  /** Documents whose truth has the field. */
  truth: number;
  /** Documents (with a truth line) where a value was predicted. */
  predicted: number;
  correct: number;
  /** correct / predicted */
  precision: number;
  /** correct / truth */
  recall: number;
  /** correct / documents where truth or prediction has the field */
  accuracy: number;
}

export interface TypeScore {
  documents: number;
  docTypeCorrect: number;
  truthFields: number;
  correctFields: number;
  fieldAccuracy: number;
}

export interface Mismatch {
  file: string;
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface ExtractionScore {
  documents: number;
  docTypeAccuracy: number;
  /** Correct values over all truth values (the headline figure). */
  fieldAccuracy: number;
  truthFields: number;
  correctFields: number;
  fields: Record<string, FieldScore>;
  /** Keyed by the true docType. */
  types: Record<string, TypeScore>;
  /** confusion[trueType][predictedType] = count. */
  confusion: Record<string, Record<string, number>>;
  /** Truth files with no prediction (counted as wrong everywhere). */
  missingPredictions: string[];
  mismatches: Mismatch[];
}

const DATE_FIELDS = /(?:date|dateOfBirth|validUntil)$/i;

/** The plain value of a field, whether given raw or as a FieldValue `{ value }`. */
function unwrap(v: unknown): unknown {
  return v !== null && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
}

/**
 * Normalises a value for comparison: NFC, blanks folded, case ignored (Vietnamese rules;
 * diacritics kept, since they tell names apart); dates as YYYY-MM-DD (dd/mm/yyyy accepted);
 * capitalVnd as an integer; citizenId digits only; documentNumber without spaces.
 * Undefined for an empty value.
 */
export function normaliseValue(field: string, raw: unknown): string | undefined {
  const v = unwrap(raw);
  if (v === undefined || v === null) return undefined;
  let s = String(v).normalize("NFC").replace(/\s+/g, " ").trim();
  if (s === "") return undefined;
  if (field === "capitalVnd") {
    const digits = s.replace(/[^\d]/g, "");
    return digits ? String(Number(digits)) : s;
  }
  if (field === "citizenId") return s.replace(/\D/g, "") || s;
  if (DATE_FIELDS.test(field)) {
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (dmy) s = `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`;
    return s.slice(0, 10);
  }
  if (field === "documentNumber") s = s.replace(/\s+/g, "");
  return s.toLocaleLowerCase("vi");
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

/** Scores predictions against truths, matched by `file`. Predictions without a truth are ignored. */
export function scoreExtraction(predictions: Labelled[], truths: Labelled[]): ExtractionScore {
  const byFile = new Map(predictions.map((p) => [p.file, p]));
  const fields: Record<string, FieldScore> = {};
  const types: Record<string, TypeScore> = {};
  const confusion: Record<string, Record<string, number>> = {};
  const mismatches: Mismatch[] = [];
  const missingPredictions: string[] = [];
  let typeCorrect = 0;
  let truthFields = 0;
  let correctFields = 0;

  for (const truth of truths) {
    const pred = byFile.get(truth.file);
    if (!pred) missingPredictions.push(truth.file);
    const predType = pred?.docType ?? "(none)";
    confusion[truth.docType] ??= {};
    confusion[truth.docType]![predType] = (confusion[truth.docType]![predType] ?? 0) + 1;
    const t = (types[truth.docType] ??= {
      documents: 0,
      docTypeCorrect: 0,
      truthFields: 0,
      correctFields: 0,
      fieldAccuracy: 0,
    });
    t.documents++;
    if (predType === truth.docType) {
      typeCorrect++;
      t.docTypeCorrect++;
    }
    const names = new Set([...Object.keys(truth.fields), ...Object.keys(pred?.fields ?? {})]);
    for (const name of names) {
      const expected = normaliseValue(name, truth.fields[name]);
      const actual = normaliseValue(name, pred?.fields[name]);
      if (expected === undefined && actual === undefined) continue;
      const f = (fields[name] ??= {
        truth: 0,
        predicted: 0,
        correct: 0,
        precision: 0,
        recall: 0,
        accuracy: 0,
      });
      if (expected !== undefined) {
        f.truth++;
        truthFields++;
        t.truthFields++;
      }
      if (actual !== undefined) f.predicted++;
      if (expected !== undefined && expected === actual) {
        f.correct++;
        correctFields++;
        t.correctFields++;
      } else if (expected !== undefined) {
        mismatches.push({
          file: truth.file,
          field: name,
          expected: unwrap(truth.fields[name]),
          actual: unwrap(pred?.fields[name]),
        });
      }
    }
  }
  for (const f of Object.values(fields)) {
    f.precision = ratio(f.correct, f.predicted);
    f.recall = ratio(f.correct, f.truth);
    f.accuracy = ratio(f.correct, f.truth + f.predicted - f.correct);
  }
  for (const t of Object.values(types)) t.fieldAccuracy = ratio(t.correctFields, t.truthFields);
  return {
    documents: truths.length,
    docTypeAccuracy: ratio(typeCorrect, truths.length),
    fieldAccuracy: ratio(correctFields, truthFields),
    truthFields,
    correctFields,
    fields,
    types,
    confusion,
    missingPredictions,
    mismatches,
  };
}
