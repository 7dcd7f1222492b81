// The signing port: a PKCS#12 file, a PKCS#11 token or HSM, or a remote signing service behind one interface.

/**
 * Signature schemes a Signer may implement; the CMS builder writes the matching algorithm identifiers.
 * The scheme follows the key: RSA keys sign PKCS#1 v1.5 (or PSS when asked), P-256 keys ECDSA with SHA-256,
 * P-384 keys ECDSA with SHA-384 (ETSI TS 119 312 pairs the hash strength with the curve).
 */
export type SignatureAlgorithm = "rsa-pkcs1-sha256" | "rsa-pss-sha256" | "ecdsa-sha256" | "ecdsa-sha384";

export type DigestName = "sha256" | "sha384";

/** The digest a scheme signs with; the PDF's byte range is hashed with the same one. */
export function digestOf(algorithm: SignatureAlgorithm): DigestName {
  return algorithm === "ecdsa-sha384" ? "sha384" : "sha256";
}

/** RSA-PSS parameters used throughout: SHA-256, MGF1 with SHA-256, salt as long as the hash. */
export const PSS_SALT_LENGTH = 32;

/**
 * A key that can sign and the certificates that vouch for it.
 *
 * Obligations (also the contract of a remote signing service adapter):
 * - `certificateChain()` returns DER certificates, the signing certificate FIRST, then each issuer up to
 *   (optionally) the root; the same array every call. It is embedded in the CMS so verifiers can build the path.
 * - `algorithm` is fixed for the signer's life and matches the key of the first certificate.
 * - `sign(data)` signs `data` — the DER of the CMS signed attributes, never the PDF — with the private key of
 *   the first certificate: it hashes `data` with `digestOf(algorithm)` itself (or lets the token do it) and returns
 *   the signature value as CMS carries it: for RSA the PKCS#1 v1.5 or PSS block, as long as the modulus; for ECDSA
 *   the DER `ECDSA-Sig-Value` SEQUENCE { r, s } (a token's raw r‖s must be converted, see `ecdsaRawToDer`).
 * - A remote service receives only `data` (or its digest) and the key's identifier, and must answer within the
 *   caller's timeout; the adapter maps refusals and timeouts to SigningError (retryable when the service is down).
 * - `sign` may be slow (a token, a network call) and may throw a SigningError; it must never log key material,
 *   a PIN or the passphrase, and must be safe to call concurrently for different documents.
 * - `close()`, when present, releases sessions (a token's login); the signer is unusable afterwards.
 */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  certificateChain(): Promise<Uint8Array[]>;
  sign(data: Uint8Array): Promise<Uint8Array>;
  close?(): Promise<void>;
}

/** A DER INTEGER's content for an unsigned big-endian value: no leading zeros, a 0x00 when the top bit is set. */
function derUnsigned(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  return trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

/** PKCS#11's raw ECDSA signature r‖s → the DER ECDSA-Sig-Value CMS carries. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const parts = [raw.subarray(0, half), raw.subarray(half)].map((n) => {
    const v = derUnsigned(n);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  });
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return new Uint8Array(Buffer.concat([Buffer.from([0x30]), length, body]));
}
