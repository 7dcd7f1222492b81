// Object identifiers CMS, ESS and RFC 3161 need, and the DER rules the @peculiar/asn1-* schemas leave to the caller.
import * as asn1js from "asn1js";

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  /** SHA-1: only a source document's older signature is checked with it (checkCms legacyDigests). */
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  rsaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  ecdsaSha384: "1.2.840.10045.4.3.3",
} as const;

/** A view of exactly the bytes, as the schemas' BufferSource parameters take. */
export function view(bytes: ArrayBuffer | Uint8Array): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

/** The first DER object of `bytes`: signature /Contents are zero-padded after it. */
export function firstObject(bytes: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new Error(`not DER: ${parsed.result.error}`);
  return bytes.subarray(0, parsed.offset);
}

/** A DER length prefix. */
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A SET from encoded elements kept in the order given (a received SET is verified in the order it came). */
export function derSet(encodings: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(encodings.map((e) => Buffer.from(e)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]));
}

/**
 * A DER SET OF from its elements' encodings, sorted by those encodings (X.690 §11.6). asn1-schema writes a SET OF
 * in the order it is given, so signed attributes must be sorted here before they are hashed.
 */
export function derSetOf(encodings: Uint8Array[]): Uint8Array {
  return derSet([...encodings].sort((a, b) => Buffer.compare(a, b)));
}
