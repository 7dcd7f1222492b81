// Errors of progress tracking: bad unit, scope, dossier and plan files, and an unusable ledger.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const PROGRESS_INPUT = "sohoa:progressInput";
export const PLAN_INVALID = "sohoa:planInvalid";
export const LEDGER_UNAVAILABLE = "sohoa:ledgerUnavailable";

/** A units, scope or dossier CSV (or a manifest line) that cannot be used: names the file and the row. */
export class ProgressInputError extends SohoaError {
  override code = PROGRESS_INPUT;
  override exitCode: ExitCode = ExitCode.InputFile;
  constructor(file: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`${file}: ${reason}`, {
      hint: "Fix the named row; see `sohoa progress --help` for the expected columns.",
      ...options,
      file,
    });
  }
}

/** A plan file that fails validation: the message names the file and the path inside it. */
export class PlanInvalidError extends SohoaError {
  override code = PLAN_INVALID;
  override exitCode: ExitCode = ExitCode.BadArgs;
  constructor(file: string, problems: string[], options: SohoaErrorOptions = {}) {
    super(`${file}: invalid plan: ${problems.join("; ")}`, {
      hint: "Compare with `sohoa progress plan show --format json`, which prints the built-in Decision 468 plan.",
      ...options,
      file,
    });
  }
}

/** The ledger (folder or Redis) cannot be read or written; Redis faults are worth a retry. */
export class LedgerUnavailableError extends SohoaError {
  override code = LEDGER_UNAVAILABLE;
  override exitCode: ExitCode = ExitCode.Storage;
  override retryable = true;
}
