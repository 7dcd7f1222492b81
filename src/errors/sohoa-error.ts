// Base of every sohoa error: a wire code, an exit code, a hint, and whether retrying can help.
import { ExitCode } from "./exit-code.js";

export interface SohoaErrorOptions {
  file?: string;
  stage?: string;
  cause?: unknown;
  hint?: string;
}

/** The JSON form that crosses Redis, child processes and batch reports. */
export interface SohoaErrorJson {
  name: string;
  code: string;
  message: string;
  file?: string;
  stage?: string;
  hint?: string;
  retryable: boolean;
}

export class SohoaError extends Error {
  /** Stable identifier, `sohoa:camelCase`; classify by this once the error has crossed a process. */
  code: string = "sohoa:internal";
  exitCode: ExitCode = ExitCode.Internal;
  hint: string | undefined;
  /** Transient faults (storage, Redis) are retried; bad input never is. */
  retryable = false;
  file: string | undefined;
  stage: string | undefined;

  constructor(message: string, options: SohoaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = this.constructor.name;
    this.file = options.file;
    this.stage = options.stage;
    this.hint = options.hint;
  }

  toJSON(): SohoaErrorJson {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      file: this.file,
      stage: this.stage,
      hint: this.hint,
      retryable: this.retryable,
    };
  }
}

/** Any thrown value as the JSON a report records; unknown errors become `sohoa:internal`. */
export function errorToJson(
  error: unknown,
  fallback: { file?: string; stage?: string } = {},
): SohoaErrorJson {
  if (error instanceof SohoaError) {
    const json = error.toJSON();
    return { ...json, file: json.file ?? fallback.file, stage: json.stage ?? fallback.stage };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: "Error", code: "sohoa:internal", message, ...fallback, retryable: false };
}
