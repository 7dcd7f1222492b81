// SHA-256 for the stores: the shared helpers, and the base64 form S3 checksums take.

export { sha256Bytes, sha256File } from "../util/hash.js";

/** Hex SHA-256 → base64, the form of S3's x-amz-checksum-sha256. */
export function hexToBase64(hex: string): string {
  return Buffer.from(hex, "hex").toString("base64");
}
