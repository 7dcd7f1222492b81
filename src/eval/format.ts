// Plain-text tables of an extraction score, for terminals and dev scripts.
import type { ExtractionScore } from "./fields.js";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Left-aligned columns, first row a header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** Summary, per-field, per-type and confusion tables. */
export function formatScoreTables(s: ExtractionScore): string {
  const out: string[] = [];
  out.push(
    `documents ${s.documents}  docType accuracy ${pct(s.docTypeAccuracy)}  ` +
      `field accuracy ${pct(s.fieldAccuracy)} (${s.correctFields}/${s.truthFields})\n`,
  );
  out.push(
    table([
      ["field", "truth", "predicted", "correct", "precision", "recall", "accuracy"],
      ...Object.entries(s.fields)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, f]) => [
          k,
          String(f.truth),
          String(f.predicted),
          String(f.correct),
          pct(f.precision),
          pct(f.recall),
          pct(f.accuracy),
        ]),
    ]),
  );
  out.push(
    table([
      ["docType", "documents", "type ok", "fields ok", "field accuracy"],
      ...Object.entries(s.types).map(([k, t]) => [
        k,
        String(t.documents),
        String(t.docTypeCorrect),
        `${t.correctFields}/${t.truthFields}`,
        pct(t.fieldAccuracy),
      ]),
    ]),
  );
  const predicted = [...new Set(Object.values(s.confusion).flatMap((r) => Object.keys(r)))].sort();
  out.push(
    table([
      ["truth \\ predicted", ...predicted],
      ...Object.entries(s.confusion).map(([k, r]) => [k, ...predicted.map((p) => String(r[p] ?? 0))]),
    ]),
  );
  if (s.missingPredictions.length) out.push(`no prediction for: ${s.missingPredictions.join(", ")}\n`);
  return out.join("\n");
}
