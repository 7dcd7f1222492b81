// The signing port: PKCS#12 today, a PKCS#11 token or a remote signing service tomorrow.

/** Signature schemes a Signer may implement; the CMS builder writes the matching algorithm identifier. */
export type SignatureAlgorithm = "rsa-pkcs1-sha256";

/**
 * A key that can sign and the certificates that vouch for it.
 *
 * Obligations:
 * - `certificateChain()` returns DER certificates, the signing certificate FIRST, then each issuer up to
 *   (optionally) the root; the same array every call. It is embedded in the CMS so verifiers can build the path.
 * - `sign(data)` signs `data` — the DER of the CMS signed attributes, never the PDF — with the private key of
 *   the first certificate: it hashes `data` with SHA-256 itself and returns the raw signature value
 *   (for RSA, the PKCS#1 v1.5 block, as long as the modulus).
 * - `sign` may be slow (a token, a network call) and may throw a SigningError; it must never log key material
 *   or the passphrase, and must be safe to call concurrently for different documents.
 */
export interface Signer {
  readonly algorithm: SignatureAlgorithm;
  certificateChain(): Promise<Uint8Array[]>;
  sign(data: Uint8Array): Promise<Uint8Array>;
}
