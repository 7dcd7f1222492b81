// Builds the detached CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, B-B and B-T).
import { createHash } from "node:crypto";
import forge from "node-forge";
import {
  OID,
  algorithm,
  children,
  fromDer,
  int,
  issuerAndSerial,
  octets,
  oid,
  seq,
  set,
  tagged,
  toDer,
  type Asn1,
} from "./der.js";
import { PSS_SALT_LENGTH, digestOf, type SignatureAlgorithm, type Signer } from "./signer.js";

const { asn1 } = forge;

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

function attribute(type: string, value: Asn1): Asn1 {
  return seq([oid(type), set([value])]);
}

/** ESS signing-certificate-v2: binds the signer certificate into the signed attributes (hash algorithm defaults to SHA-256). */
function signingCertificateV2(certDer: Uint8Array): Asn1 {
  const [issuer, serial] = children(issuerAndSerial(certDer));
  if (!issuer || !serial) throw new Error("malformed certificate");
  // IssuerSerial ::= SEQUENCE { GeneralNames (directoryName [4] Name), serialNumber }
  const issuerSerial = seq([seq([tagged(4, [issuer])]), serial]);
  return seq([seq([seq([octets(sha256(certDer)), issuerSerial])])]);
}

/** DER SET OF sorts its elements by their encodings. */
function derSetOf(items: Asn1[]): Uint8Array[] {
  return items.map(toDer).sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
}

/** The signed attributes as the DER SET that is signed (tag 0x31). */
export function signedAttributes(contentDigest: Uint8Array, signerCert: Uint8Array): Uint8Array {
  // PAdES forbids the CMS signing-time attribute: the claimed time is the signature dictionary's /M.
  const encoded = derSetOf([
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerCert)),
  ]);
  const body = Buffer.concat(encoded.map((e) => Buffer.from(e)));
  return new Uint8Array(Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]));
}

/** A DER length prefix. */
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export interface CmsOptions {
  /** Called with the signature value; returns an RFC 3161 TimeStampToken (DER) to add as unsigned attribute. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/** The digest AlgorithmIdentifier of a scheme (parameters absent, as RFC 5754 prefers). */
export function digestAlgorithm(scheme: SignatureAlgorithm): Asn1 {
  return algorithmOf(digestOf(scheme) === "sha384" ? OID.sha384 : OID.sha256);
}

const algorithmOf = (id: string) => seq([oid(id)]);

/** The SignerInfo signatureAlgorithm of a scheme (RFC 3370, RFC 4056, RFC 5753). */
export function signatureAlgorithm(scheme: SignatureAlgorithm): Asn1 {
  switch (scheme) {
    case "rsa-pkcs1-sha256":
      return algorithm(OID.rsaEncryption);
    case "rsa-pss-sha256": {
      // RSASSA-PSS-params: [0] hash, [1] MGF1(hash), [2] salt length; trailer field default.
      const hash = seq([oid(OID.sha256)]);
      return seq([
        oid(OID.rsaPss),
        seq([
          tagged(0, [hash]),
          tagged(1, [seq([oid(OID.mgf1), seq([oid(OID.sha256)])])]),
          tagged(2, [int(PSS_SALT_LENGTH)]),
        ]),
      ]);
    }
    case "ecdsa-sha256":
      return algorithmOf(OID.ecdsaSha256);
    case "ecdsa-sha384":
      return algorithmOf(OID.ecdsaSha384);
  }
}

/** Detached CMS SignedData over content whose digest (with `digestOf(signer.algorithm)`) is `contentDigest`, signed by `signer`. */
export async function buildCms(
  contentDigest: Uint8Array,
  signer: Signer,
  options: CmsOptions = {},
): Promise<Uint8Array> {
  const chain = await signer.certificateChain();
  const signerCert = chain[0];
  if (!signerCert) throw new Error("the signer has no certificate");
  const attrs = signedAttributes(contentDigest, signerCert);
  const signature = await signer.sign(attrs);

  // In SignerInfo the same SET is carried with an implicit [0] tag.
  const signedAttrsNode = fromDer(attrs);
  const tbsAttrs = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrsNode.value as Asn1[]);
  const signerInfo: Asn1[] = [
    int(1),
    issuerAndSerial(signerCert),
    digestAlgorithm(signer.algorithm),
    tbsAttrs,
    signatureAlgorithm(signer.algorithm),
    octets(signature),
  ];
  if (options.timestamp) {
    const token = await options.timestamp(signature);
    signerInfo.push(
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 1, true, [
        attribute(OID.signatureTimeStampToken, fromDer(token)),
      ]),
    );
  }
  const certs = asn1.create(
    asn1.Class.CONTEXT_SPECIFIC,
    0,
    true,
    chain.map((c) => fromDer(c)),
  );
  const signedData = seq([
    int(1),
    set([digestAlgorithm(signer.algorithm)]),
    seq([oid(OID.data)]),
    certs,
    set([seq(signerInfo)]),
  ]);
  return toDer(seq([oid(OID.signedData), tagged(0, [signedData])]));
}
