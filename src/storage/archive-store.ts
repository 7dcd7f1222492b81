// The ArchiveStore port: write-once objects with a SHA-256 each; local folder and S3 implement it.

/** What a caller may say about an object it stores. */
export interface PutOptions {
  /** Hex SHA-256 of the body; computed (streaming for paths) when absent. */
  sha256?: string;
  contentType?: string;
  /** Small ASCII key/values kept with the object (S3 user metadata). */
  metadata?: Record<string, string>;
  /**
   * Replace an object that holds different content. Only for mutable bookkeeping (batch manifests);
   * archive objects are never overwritten. @defaultValue false
   */
  overwrite?: boolean;
}

export interface PutResult {
  key: string;
  sha256: string;
  size: number;
  /** The key already held these exact bytes: nothing was written. */
  existed: boolean;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** The SHA-256 recorded with the object, when the store has one. */
  sha256?: string;
  contentType?: string;
  metadata: Record<string, string>;
}

/**
 * Obligations of every implementation:
 * - `put` never overwrites different content (throws ObjectConflictError) unless `overwrite`;
 *   the same content again is a no-op with `existed: true`.
 * - `put` records the SHA-256 with the object and checks what landed before it resolves
 *   (ChecksumMismatchError otherwise).
 * - keys are validated (no separators inside parts, no `..`, no control characters).
 * - transient faults surface as retryable StorageError; the caller retries, the store does not loop.
 */
export interface ArchiveStore {
  /** `local:/path` or `s3://bucket/prefix`, for logs and reports. */
  readonly location: string;
  /** Body is bytes, or a string naming a file to stream from. */
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<PutResult>;
  /** Whole object; throws ObjectNotFoundError when absent. */
  get(key: string): Promise<Uint8Array>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Keys under `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  delete?(key: string): Promise<void>;
  close?(): Promise<void>;
}
