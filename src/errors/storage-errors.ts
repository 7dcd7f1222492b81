// Errors of the archive stores (local folder, S3): transient faults are retried, conflicts and bad keys never.
import { ExitCode } from "./exit-code.js";
import { SohoaError, type SohoaErrorOptions } from "./sohoa-error.js";

export const STORAGE_FAILED = "sohoa:storageFailed";
export const OBJECT_CONFLICT = "sohoa:objectConflict";
export const CHECKSUM_MISMATCH = "sohoa:checksumMismatch";
export const INVALID_KEY = "sohoa:invalidKey";
export const OBJECT_NOT_FOUND = "sohoa:objectNotFound";

/** A store that did not answer or answered with a server fault: retrying can help. */
export class StorageError extends SohoaError {
  override code = STORAGE_FAILED;
  override exitCode: ExitCode = ExitCode.Storage;
  override retryable = true;
  constructor(message: string, options: SohoaErrorOptions = {}) {
    super(message, {
      hint: "Check that the archive store is reachable and writable; the job is retried.",
      stage: "store",
      ...options,
    });
  }
}

/** The key already holds different bytes: the archive never overwrites, so this needs a person. */
export class ObjectConflictError extends StorageError {
  override code = OBJECT_CONFLICT;
  override retryable = false;
  constructor(
    readonly key: string,
    readonly existingSha256: string | undefined,
    readonly newSha256: string,
    options: SohoaErrorOptions = {},
  ) {
    super(
      `${key}: already holds different content (sha256 ${existingSha256 ?? "unknown"}, new ${newSha256})`,
      {
        hint: "The archive never overwrites an object; compare both versions and remove the wrong one by hand.",
        ...options,
      },
    );
  }
}

/** What was stored is not what was sent: usually a transfer fault, so retried. */
export class ChecksumMismatchError extends StorageError {
  override code = CHECKSUM_MISMATCH;
  constructor(key: string, expected: string, actual: string, options: SohoaErrorOptions = {}) {
    super(`${key}: stored sha256 ${actual} differs from the sent ${expected}`, options);
  }
}

/** A key part with a separator, `..` or a control character: rejected before any I/O. */
export class InvalidKeyError extends StorageError {
  override code = INVALID_KEY;
  override retryable = false;
  override exitCode: ExitCode = ExitCode.BadArgs;
  constructor(part: string, reason: string, options: SohoaErrorOptions = {}) {
    super(`invalid archive key part ${JSON.stringify(part)}: ${reason}`, {
      hint: "Unit, level, year, document type and id may not hold '/', '\\', '..' or control characters.",
      ...options,
    });
  }
}

export class ObjectNotFoundError extends StorageError {
  override code = OBJECT_NOT_FOUND;
  override retryable = false;
  constructor(
    readonly key: string,
    options: SohoaErrorOptions = {},
  ) {
    super(`${key}: no such object in the archive`, {
      hint: "Check the key with `sohoa status` or list the prefix.",
      ...options,
    });
  }
}
