// What a resumable `sohoa run` adds to the batch: which files to pass over, and who owns report.jsonl.
import type { ReportLine } from "../report/report-line.js";
import type { InputFile } from "../util/walk.js";

/** Outcomes of files the run did not process now; "done" and "failed" come from the pipeline. */
export type PassedOutcome = "alreadyDone" | "duplicate" | "interrupted";

/** A report line of report.jsonl as a resumable run writes it. */
export type RunReportLine = Omit<ReportLine, "outcome"> & {
  outcome: ReportLine["outcome"] | PassedOutcome;
  /** For a duplicate: the file (relative to its folder) with the same bytes that was processed. */
  duplicateOf?: string;
};

/**
 * The hooks runBatch calls when a run is resumable. `passOver` runs before a file is started:
 * true means the session recorded the file itself (already done, duplicate, interrupted).
 */
export interface RunSession {
  open(files: InputFile[]): Promise<void>;
  passOver(file: InputFile): Promise<boolean>;
  record(file: InputFile, line: ReportLine): Promise<void>;
  /** A line for an entry that is no document (skipped by the walk): reported, never remembered as done. */
  note(line: ReportLine): Promise<void>;
  close(): Promise<void>;
}
