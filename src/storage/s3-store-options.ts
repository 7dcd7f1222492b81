// Options of the S3 archive store, each with its default.
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";

export interface S3ArchiveStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket (validated like any key). @defaultValue none */
  prefix?: string;
  /** For S3-compatible servers (MinIO, Ceph, s3rver). @defaultValue AWS */
  endpoint?: string;
  /** @defaultValue AWS_REGION or "us-east-1" */
  region?: string;
  /** @defaultValue true when `endpoint` is set */
  forcePathStyle?: boolean;
  /** @defaultValue the standard AWS chain (env, profile, SSO, IMDS) */
  credentials?: S3ClientConfig["credentials"];
  /** Objects this large or larger go up in parts (@aws-sdk/lib-storage). @defaultValue 16 MiB */
  multipartThreshold?: number;
  /** @defaultValue 8 MiB (S3 minimum 5 MiB) */
  partSize?: number;
  /**
   * Send x-amz-checksum-sha256 (AWS checks it server-side). The hex SHA-256 is always kept in metadata too.
   * @defaultValue true for AWS, false with `endpoint`
   */
  checksumHeaders?: boolean;
  /** PutObject with If-None-Match: * so a racing writer cannot overwrite. @defaultValue true */
  conditionalWrites?: boolean;
  /** Object Lock retention on every object (the bucket must have Object Lock enabled). @defaultValue none */
  objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; retainDays: number };
  /**
   * After upload: "head" checks size, recorded SHA-256 and the server's MD5 ETag (re-reads multipart objects);
   * "read" always re-reads.
   * @defaultValue "head"
   */
  verify?: "head" | "read";
  /** SDK attempts per call before the job-level retry takes over. @defaultValue 3 */
  maxAttempts?: number;
  /** Use this client instead of building one. */
  client?: S3Client;
}
