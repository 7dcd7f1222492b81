// Small node-forge ASN.1 helpers and the object identifiers CMS, ESS and RFC 3161 need.
import forge from "node-forge";

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  signatureTimeStampToken: "1.2.840.113549.1.9.16.2.14",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  rsaPss: "1.2.840.113549.1.1.10",
  mgf1: "1.2.840.113549.1.1.8",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  ecdsaSha384: "1.2.840.10045.4.3.3",
} as const;

/** Bytes → forge's binary string. */
export function bin(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("binary");
}

/** forge's binary string → bytes. */
export function bytesOf(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, "binary"));
}

export function seq(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}

export function set(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
}

export function oid(id: string): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
}

export function int(value: number): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

export function octets(bytes: Uint8Array): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bin(bytes));
}

export function nullValue(): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, "");
}

/** Context-specific tag [n], constructed. */
export function tagged(n: number, items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, true, items);
}

/** AlgorithmIdentifier; `withNull` for algorithms whose parameters are an explicit NULL. */
export function algorithm(id: string, withNull = true): Asn1 {
  return seq(withNull ? [oid(id), nullValue()] : [oid(id)]);
}

export function toDer(node: Asn1): Uint8Array {
  return bytesOf(asn1.toDer(node).getBytes());
}

export function fromDer(bytes: Uint8Array): Asn1 {
  // Signature /Contents are zero-padded: parse the first object and ignore the padding.
  return asn1.fromDer(bin(bytes), { parseAllBytes: false, strict: false, decodeBitStrings: false } as never);
}

/** The object identifier held by an OID node. */
export function oidOf(node: Asn1 | undefined): string {
  if (!node || node.type !== asn1.Type.OID || typeof node.value !== "string") return "";
  return asn1.derToOid(node.value);
}

/** Children of a constructed node (empty for primitives). */
export function children(node: Asn1 | undefined): Asn1[] {
  return node && Array.isArray(node.value) ? (node.value as Asn1[]) : [];
}

/** Raw content bytes of a primitive node. */
export function content(node: Asn1 | undefined): Uint8Array {
  return node && typeof node.value === "string" ? bytesOf(node.value) : new Uint8Array();
}

/** The parts of a certificate the CMS needs: issuer Name node, serial INTEGER node. */
export function issuerAndSerial(certDer: Uint8Array): Asn1 {
  const tbs = children(fromDer(certDer))[0];
  const fields = children(tbs);
  // tbsCertificate starts with an optional [0] version.
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (!serial || !issuer) throw new Error("malformed certificate");
  return seq([issuer, serial]);
}
