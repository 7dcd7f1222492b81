// Errors of the queue machinery: Redis faults retry, unknown batches and bad payloads do not.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const QUEUE_UNAVAILABLE = "sohoa:queueUnavailable";
export const BATCH_NOT_FOUND = "sohoa:batchNotFound";
export const BAD_JOB_PAYLOAD = "sohoa:badJobPayload";
export const DOCUMENT_TIMEOUT = "sohoa:documentTimeout";

/** Redis did not answer: the work is still there, try again. */
export class QueueUnavailableError extends SohoaError {
  override code = QUEUE_UNAVAILABLE;
  override exitCode: ExitCode = ExitCode.Queue;
  override retryable = true;
  constructor(message: string, options: SohoaErrorOptions = {}) {
    super(message, {
      hint: "Check that Redis is running and that --redis, SOHOA_REDIS_URL or REDIS_URL points at it.",
      ...options,
    });
  }
}

export class BatchNotFoundError extends SohoaError {
  override code = BATCH_NOT_FOUND;
  override exitCode: ExitCode = ExitCode.Queue;
  constructor(
    readonly batchId: string,
    options: SohoaErrorOptions = {},
  ) {
    super(`batch ${batchId} is not known to this queue`, {
      hint: "List batch ids with `sohoa status` (no argument) or check --queue.",
      ...options,
    });
  }
}

/** A job whose data does not parse: a bug or a foreign producer, never retried. */
export class BadJobPayloadError extends SohoaError {
  override code = BAD_JOB_PAYLOAD;
  override exitCode: ExitCode = ExitCode.Queue;
  constructor(reason: string, options: SohoaErrorOptions = {}) {
    super(`bad job payload: ${reason}`, {
      hint: "Enqueue with the same sohoa version as the workers.",
      ...options,
    });
  }
}

/** A document ran past its time limit; retried once the engine is fresh (it may be a stuck engine). */
export class DocumentTimeoutError extends SohoaError {
  override code = DOCUMENT_TIMEOUT;
  override exitCode: ExitCode = ExitCode.InputFile;
  override retryable = true;
  constructor(file: string, seconds: number, options: SohoaErrorOptions = {}) {
    super(`${file}: the document took longer than ${seconds} s`, {
      hint: "Raise --doc-timeout, or check the file for an extreme page count or size.",
      ...options,
      file,
    });
  }
}

export const JOB_REFUSED = "sohoa:jobRefused";

/**
 * A job a worker will not touch: its file lies outside the batch's declared roots (after links are
 * resolved) or the worker's allowed roots, or it names a batch, unit or level that was never enqueued.
 * Refused before the file is read or anything is written; never retried.
 */
export class JobRefusedError extends SohoaError {
  override code = JOB_REFUSED;
  override exitCode: ExitCode = ExitCode.Queue;
  constructor(
    message: string,
    /** The batch exists, so the refusal can be recorded with it. */
    readonly batchKnown: boolean,
    options: SohoaErrorOptions = {},
  ) {
    super(message, {
      hint: "Jobs come from `sohoa enqueue` only; check who else writes to this Redis.",
      ...options,
    });
  }
}
