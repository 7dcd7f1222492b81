// Maps S3 SDK and network failures to typed storage errors: server and network faults retry, client faults do not.
import { S3ServiceException } from "@aws-sdk/client-s3";
import { StorageError } from "../errors/storage-errors.js";

/** HTTP status of an SDK error, when it has one. */
export function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

export function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "NotFound" || name === "NoSuchKey" || httpStatus(error) === 404;
}

export function isPreconditionFailed(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === "PreconditionFailed" || httpStatus(error) === 412;
}

/** Wraps any failure of one S3 call as a StorageError that says whether retrying can help. */
export function toStorageError(error: unknown, key: string, op: string): StorageError {
  if (error instanceof StorageError) return error;
  const status = httpStatus(error);
  const message = `${key}: S3 ${op} failed: ${(error as Error)?.name ?? "Error"}: ${(error as Error)?.message ?? String(error)}`;
  const wrapped = new StorageError(message, { cause: error });
  // 4xx other than timeouts and throttling are configuration or permission faults: a retry repeats them.
  const clientFault =
    error instanceof S3ServiceException && error.$fault === "client" && status !== 408 && status !== 429;
  if (clientFault) {
    wrapped.retryable = false;
    wrapped.hint =
      "Check the bucket name, credentials and permissions (s3:PutObject, s3:GetObject, s3:ListBucket).";
  }
  return wrapped;
}
