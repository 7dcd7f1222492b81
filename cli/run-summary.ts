// The one summary of `sohoa run`, printed once at the end: counts, rate, report, and every input passed over by name.
import type { BatchSummary } from "../pipelines/run-batch.js";
import type { RunStateCounts } from "../src/run-state/index.js";

export interface RunOutcome extends BatchSummary {
  alreadyDone: number;
  duplicates: Array<{ file: string; of: string }>;
  interrupted: string[];
  engine: string;
  pagesPerMinute: number;
}

/** Folds the session's counts into the batch summary; failures of aborted documents count as interrupted. */
export function runOutcome(
  summary: BatchSummary,
  counts: RunStateCounts,
  abortedFailures: number,
  engine: string,
): RunOutcome {
  const pagesPerMinute = summary.wallMs > 0 ? (summary.pages * 60_000) / summary.wallMs : 0;
  return {
    ...summary,
    failed: summary.failed - abortedFailures,
    alreadyDone: counts.alreadyDone.length,
    duplicates: counts.duplicates,
    interrupted: counts.interrupted,
    engine,
    pagesPerMinute: Math.round(pagesPerMinute * 10) / 10,
  };
}

/** At most this many names per list on a terminal; report.jsonl and --json have them all. */
const SHOWN = 20;

function named<T>(items: T[], show: (item: T) => string): string[] {
  const lines = items.slice(0, SHOWN).map((i) => `           ${show(i)}`);
  if (items.length > SHOWN) lines.push(`           … and ${items.length - SHOWN} more`);
  return lines;
}

export function formatRunSummary(o: RunOutcome): string {
  const lines = [
    `files      ${o.files} (${o.done} done, ${o.failed} failed, ${o.needsReview} need review; ` +
      `${o.alreadyDone} already done, ${o.duplicates.length} duplicates, ${o.interrupted.length} interrupted)`,
    `pages      ${o.pages} in ${(o.wallMs / 1000).toFixed(1)} s (${o.pagesPerMinute.toFixed(1)} pages/min, OCR: ${o.engine})`,
    `report     ${o.report}`,
  ];
  if (o.duplicates.length)
    lines.push(
      `duplicates ${o.duplicates.length} (same bytes, not processed again):`,
      ...named(o.duplicates, (d) => `${d.file} = ${d.of}`),
    );
  if (o.skipped.length)
    lines.push(
      `skipped    ${o.skipped.length} (not scans or unreadable):`,
      ...named(o.skipped, (s) => `${s.path}: ${s.reason}`),
    );
  if (o.interrupted.length)
    lines.push(`interrupted ${o.interrupted.length} never finished; run the same command again to resume`);
  return `${lines.join("\n")}\n`;
}
