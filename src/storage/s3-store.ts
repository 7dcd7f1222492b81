// ArchiveStore on S3 and S3-compatible servers: write-once puts with SHA-256, verified after upload.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  DeleteObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { PutObjectCommandInput, S3ClientConfig } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { ChecksumMismatchError, ObjectConflictError, ObjectNotFoundError } from "../errors/storage-errors.js";
import type { ArchiveStore, ObjectInfo, PutOptions, PutResult } from "./archive-store.js";
import { hexToBase64 } from "./hash.js";
import { assertKey } from "./keys.js";
import { isNotFound, isPreconditionFailed, toStorageError } from "./s3-errors.js";
import type { S3ArchiveStoreOptions } from "./s3-store-options.js";

/** User-metadata field that carries the hex SHA-256 on every store, checksum headers or not. */
const SHA_META = "sha256";

interface Digest {
  sha256: string;
  md5: string;
  size: number;
}

async function digest(body: Uint8Array | string): Promise<Digest> {
  const sha = createHash("sha256");
  const md5 = createHash("md5");
  let size = 0;
  const chunks: AsyncIterable<Uint8Array> | Uint8Array[] =
    typeof body === "string" ? createReadStream(body, { highWaterMark: 1 << 20 }) : [body];
  for await (const chunk of chunks) {
    sha.update(chunk);
    md5.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: sha.digest("hex"), md5: md5.digest("hex"), size };
}

// S3 user metadata is ASCII only; Vietnamese unit names are percent-encoded on the way in.
const encodeMeta = (m: Record<string, string>) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k.toLowerCase(), encodeURIComponent(v)]));
const decodeMeta = (m: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries(m).map(([k, v]) => {
      try {
        return [k, decodeURIComponent(v)];
      } catch {
        return [k, v];
      }
    }),
  );

/** The S3 client settings every sohoa store uses; exported so tools build clients the same way. */
export function s3ClientConfig(o: S3ArchiveStoreOptions): S3ClientConfig {
  return {
    region: o.region ?? process.env.AWS_REGION ?? "us-east-1",
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    forcePathStyle: o.forcePathStyle ?? o.endpoint !== undefined,
    ...(o.credentials ? { credentials: o.credentials } : {}),
    // Since SDK 3.729 every put carries a CRC32 trailer by default, which many S3-compatible stores
    // reject or mangle (aws-sdk-js-v3#6810); sohoa sends its own SHA-256 instead.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: o.maxAttempts ?? 3,
  };
}

export class S3ArchiveStore implements ArchiveStore {
  readonly location: string;
  readonly client: S3Client;
  private readonly o: Required<
    Pick<
      S3ArchiveStoreOptions,
      "multipartThreshold" | "partSize" | "conditionalWrites" | "checksumHeaders" | "verify"
    >
  > &
    S3ArchiveStoreOptions;

  constructor(options: S3ArchiveStoreOptions) {
    this.o = {
      multipartThreshold: 16 * 1024 * 1024,
      partSize: 8 * 1024 * 1024,
      conditionalWrites: true,
      checksumHeaders: options.endpoint === undefined,
      verify: "head",
      ...options,
    };
    if (!this.o.bucket) throw new TypeError("bucket must be a non-empty string");
    if (this.o.partSize < 5 * 1024 * 1024)
      throw new TypeError("partSize must be at least 5 MiB (the S3 minimum)");
    if (this.o.prefix) assertKey(this.o.prefix);
    this.client = options.client ?? new S3Client(s3ClientConfig(options));
    this.location = `s3://${this.o.bucket}${this.o.prefix ? `/${this.o.prefix}` : ""}`;
  }

  private fullKey(key: string): string {
    assertKey(key);
    return this.o.prefix ? `${this.o.prefix}/${key}` : key;
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<PutResult> {
    const Key = this.fullKey(key);
    try {
      const d = await digest(body);
      if (options.sha256 && options.sha256 !== d.sha256) {
        throw new ChecksumMismatchError(key, options.sha256, d.sha256, {
          hint: "The source changed while it was being stored.",
        });
      }
      const same = await this.compareExisting(key, d.sha256, options.overwrite === true);
      if (same) return { key, sha256: d.sha256, size: d.size, existed: true };

      const multipart = d.size >= this.o.multipartThreshold;
      const params: PutObjectCommandInput = {
        Bucket: this.o.bucket,
        Key,
        ContentType: options.contentType ?? "application/octet-stream",
        Metadata: encodeMeta({ ...(options.metadata ?? {}), [SHA_META]: d.sha256 }),
        ...(this.o.objectLock
          ? {
              ObjectLockMode: this.o.objectLock.mode,
              ObjectLockRetainUntilDate: new Date(Date.now() + this.o.objectLock.retainDays * 86_400_000),
            }
          : {}),
      };
      try {
        if (multipart) {
          const upload = new Upload({
            client: this.client,
            partSize: this.o.partSize,
            queueSize: 4,
            leavePartsOnError: false,
            params: {
              ...params,
              Body: typeof body === "string" ? createReadStream(body) : body,
              ...(this.o.checksumHeaders ? { ChecksumAlgorithm: "SHA256" as const } : {}),
            },
          });
          await upload.done();
        } else {
          await this.client.send(
            new PutObjectCommand({
              ...params,
              Body: typeof body === "string" ? await fs.readFile(body) : body,
              // Content-MD5 makes any S3-compatible server reject a body damaged in transit.
              ContentMD5: hexToBase64(d.md5),
              ...(this.o.checksumHeaders ? { ChecksumSHA256: hexToBase64(d.sha256) } : {}),
              ...(this.o.conditionalWrites && !options.overwrite ? { IfNoneMatch: "*" } : {}),
            }),
          );
        }
      } catch (error) {
        // Another writer won the race between our HEAD and PUT: fine if it wrote the same bytes.
        if (!isPreconditionFailed(error)) throw error;
        if (await this.compareExisting(key, d.sha256, false))
          return { key, sha256: d.sha256, size: d.size, existed: true };
        throw error;
      }
      await this.verify(key, d, multipart);
      return { key, sha256: d.sha256, size: d.size, existed: false };
    } catch (error) {
      throw toStorageError(error, key, "put");
    }
  }

  /** true when the key holds these bytes; throws ObjectConflictError when it holds others (unless overwriting). */
  private async compareExisting(key: string, sha256: string, overwrite: boolean): Promise<boolean> {
    const existing = await this.head(key);
    if (!existing) return false;
    const theirs = existing.sha256 ?? (await this.hashRemote(key)).sha256;
    if (theirs === sha256) return true;
    if (overwrite) return false;
    throw new ObjectConflictError(key, theirs, sha256);
  }

  /** Checks what landed: size and recorded SHA-256 by HEAD, plus the server's MD5 ETag or a full re-read. */
  private async verify(key: string, d: Digest, multipart: boolean): Promise<void> {
    const info = await this.headRaw(key);
    if (!info) throw new ChecksumMismatchError(key, d.sha256, "(missing after upload)");
    if (info.size !== d.size)
      throw new ChecksumMismatchError(key, d.sha256, `(size ${info.size} instead of ${d.size})`);
    if (info.sha256 !== d.sha256)
      throw new ChecksumMismatchError(key, d.sha256, info.sha256 ?? "(none recorded)");
    const etag = info.etag?.replace(/"/g, "");
    // A single-part ETag is the MD5 the server computed over the bytes it received: an end-to-end check.
    if (this.o.verify === "read" || multipart || !etag || !/^[0-9a-f]{32}$/.test(etag)) {
      const remote = await this.hashRemote(key);
      if (remote.sha256 !== d.sha256) throw new ChecksumMismatchError(key, d.sha256, remote.sha256);
    } else if (etag !== d.md5) {
      throw new ChecksumMismatchError(key, d.sha256, `(server MD5 ${etag} differs from ${d.md5})`);
    }
  }

  /** Streams the object back through SHA-256. */
  private async hashRemote(key: string): Promise<{ sha256: string; size: number }> {
    const res = await this.client.send(
      new GetObjectCommand({ Bucket: this.o.bucket, Key: this.fullKey(key) }),
    );
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of res.Body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.byteLength;
    }
    return { sha256: hash.digest("hex"), size };
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.o.bucket, Key: this.fullKey(key) }),
      );
      return await res.Body!.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw toStorageError(error, key, "get");
    }
  }

  private async headRaw(key: string): Promise<(ObjectInfo & { etag?: string }) | undefined> {
    try {
      const res = await this.client.send(
        new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.fullKey(key) }),
      );
      const metadata = decodeMeta(res.Metadata);
      const fromHeader =
        res.ChecksumSHA256 && !res.ChecksumSHA256.includes("-")
          ? Buffer.from(res.ChecksumSHA256, "base64").toString("hex")
          : undefined;
      const { [SHA_META]: sha, ...rest } = metadata;
      return {
        key,
        size: res.ContentLength ?? 0,
        sha256: sha ?? fromHeader,
        contentType: res.ContentType,
        metadata: rest,
        etag: res.ETag,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toStorageError(error, key, "head");
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await this.headRaw(key);
    if (!info) return undefined;
    const { etag: _etag, ...rest } = info;
    return rest;
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const strip = this.o.prefix ? this.o.prefix.length + 1 : 0;
    let ContinuationToken: string | undefined;
    try {
      do {
        const res = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.o.bucket,
            Prefix: this.o.prefix ? `${this.o.prefix}/${prefix}` : prefix,
            ContinuationToken,
          }),
        );
        for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key.slice(strip));
        ContinuationToken = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (ContinuationToken);
    } catch (error) {
      throw toStorageError(error, prefix, "list");
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.fullKey(key) }));
    } catch (error) {
      throw toStorageError(error, key, "delete");
    }
  }

  async close(): Promise<void> {
    if (!this.o.client) this.client.destroy();
  }
}
