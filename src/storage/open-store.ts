// Opens an archive store from one spec string: a folder path, `file:///dir`, or `s3://bucket[/prefix]`.
import { BadOptionError } from "../errors/runtime-errors.js";
import type { ArchiveStore } from "./archive-store.js";
import { LocalArchiveStore } from "./local-store.js";
import { S3ArchiveStore } from "./s3-store.js";
import type { S3ArchiveStoreOptions } from "./s3-store-options.js";

export type OpenStoreOptions = Partial<Omit<S3ArchiveStoreOptions, "bucket" | "prefix">>;

/**
 * `s3://bucket/prefix` uses the standard AWS chain for credentials; the endpoint comes from the option or
 * AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (MinIO, Ceph …). Anything else is a local folder.
 */
export function openStore(spec: string, options: OpenStoreOptions = {}): ArchiveStore {
  if (spec.startsWith("s3://")) {
    const rest = spec.slice("s3://".length);
    const [bucket, ...prefix] = rest.split("/").filter(Boolean);
    if (!bucket)
      throw new BadOptionError(`store ${spec}: no bucket`, { hint: "--store s3://my-bucket/archive" });
    const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
    return new S3ArchiveStore({
      ...options,
      bucket,
      ...(prefix.length ? { prefix: prefix.join("/") } : {}),
      ...(endpoint ? { endpoint } : {}),
    });
  }
  return new LocalArchiveStore(spec.startsWith("file://") ? new URL(spec).pathname : spec);
}
