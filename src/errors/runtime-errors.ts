// Errors of the machinery around the scans: missing tools, OCR engine failures, timeouts.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const MISSING_DEPENDENCY = "sohoa:missingDependency";
export const OCR_FAILED = "sohoa:ocrFailed";
export const PAGE_TIMEOUT = "sohoa:pageTimeout";
export const BAD_OPTION = "sohoa:badOption";
export const USAGE = "sohoa:usage";
export const INVALID_CONFIG = "sohoa:invalidConfig";
export const INTERRUPTED = "sohoa:interrupted";

export class MissingDependencyError extends SohoaError {
  override code = MISSING_DEPENDENCY;
  override exitCode: ExitCode = ExitCode.MissingDependency;
  constructor(program: string, hint: string, options: SohoaErrorOptions = {}) {
    super(`${program} is not installed or not usable`, { hint, ...options });
  }
}

export class OcrFailedError extends SohoaError {
  override code = OCR_FAILED;
  override exitCode: ExitCode = ExitCode.ChildProcess;
  // An engine crash is usually the engine, not the page: one retry on a fresh engine is worth it.
  override retryable = true;
}

export class PageTimeoutError extends SohoaError {
  override code = PAGE_TIMEOUT;
  override exitCode: ExitCode = ExitCode.InputFile;
  constructor(file: string, page: number, seconds: number, options: SohoaErrorOptions = {}) {
    super(`${file}: page ${page + 1} took longer than ${seconds} s`, {
      hint: "Raise --page-timeout, or check the page for an extreme size or noise.",
      ...options,
      file,
    });
  }
}

/** A bad option or configuration value, found at start-up. */
export class BadOptionError extends SohoaError {
  override code = BAD_OPTION;
  override exitCode: ExitCode = ExitCode.BadArgs;
}

/** The command line itself is wrong: unknown command or option, missing argument, input path that does not exist. */
export class UsageError extends SohoaError {
  override code = USAGE;
  override exitCode: ExitCode = ExitCode.BadArgs;
}

/** A setting from the environment or a file, or a credential, that cannot be used. */
export class InvalidConfigError extends SohoaError {
  override code = INVALID_CONFIG;
  override exitCode: ExitCode = ExitCode.InvalidConfig;
}

/** A document that was never started because the run was interrupted (Ctrl-C): not a failure of the document. */
export class InterruptedError extends SohoaError {
  override code = INTERRUPTED;
  override exitCode: ExitCode = ExitCode.Interrupted;
  override retryable = true;
}
