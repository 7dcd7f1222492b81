// Checks one CMS SignedData signer: message digest, signature over the signed attributes, ESS certificate binding.
import { X509Certificate, constants, createHash, verify as nodeVerify } from "node:crypto";
import { Attribute, ContentInfo, IssuerAndSerialNumber, SignedData } from "@peculiar/asn1-cms";
import { RsaSaPssParams } from "@peculiar/asn1-rsa";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import type { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { OID, derSet, firstObject, view } from "./der.js";
import { SigningCertificate, SigningCertificateV2 } from "./ess.js";

export interface SignerCheck {
  signer?: X509Certificate;
  /** Every certificate embedded in the SignedData. */
  certificates: X509Certificate[];
  digestMatches: boolean;
  signatureValid: boolean;
  /** ESS signing-certificate(-v2) present and naming the signer certificate. */
  essCertMatches: boolean;
  /** The signature value (input of a signature timestamp). */
  signatureValue: Uint8Array;
  /** Unsigned attributes by OID, each to the DER of its first value. */
  unsignedAttributes: Map<string, Uint8Array>;
  /** The encapsulated content, when not detached (timestamp tokens). */
  eContent?: Uint8Array;
  errors: string[];
}

/** Attributes keyed by OID, each to the DER of its first value. */
function attributes(attrs: Attribute[] | undefined): Map<string, Uint8Array> {
  const map = new Map<string, Uint8Array>();
  for (const attr of attrs ?? []) {
    const first = attr.attrValues[0];
    if (first) map.set(attr.attrType, view(first));
  }
  return map;
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

type DigestName = "sha1" | "sha256" | "sha384";
const DIGESTS: Record<string, DigestName> = { [OID.sha256]: "sha256", [OID.sha384]: "sha384" };

/** Verifies `signature` over `data` with the scheme named by a SignerInfo signatureAlgorithm. */
function verifyScheme(
  algorithm: AlgorithmIdentifier,
  digest: string,
  data: Uint8Array,
  cert: X509Certificate,
  signature: Uint8Array,
): boolean {
  try {
    if (algorithm.algorithm === OID.rsaPss) {
      // Only the parameters sohoa writes (and most signers use): SHA-256, MGF1-SHA-256; the salt length is read.
      const salt = algorithm.parameters
        ? AsnConvert.parse(algorithm.parameters, RsaSaPssParams).saltLength
        : 20;
      const key = { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: salt };
      return nodeVerify("sha256", data, key, signature);
    }
    return nodeVerify(digest, data, cert.publicKey, signature);
  } catch {
    return false;
  }
}

/** The hash of the ESS signing-certificate(-v2) the signed attributes carry, and the algorithm it was made with. */
function essCertHash(signed: Map<string, Uint8Array>): { alg: string; hash: Uint8Array } | undefined {
  const v2 = signed.get(OID.signingCertificateV2);
  if (v2) {
    const id = AsnConvert.parse(v2, SigningCertificateV2).certs[0];
    if (!id) return undefined;
    // The hash algorithm defaults to SHA-256; anything else is not accepted.
    const alg = !id.hashAlgorithm || id.hashAlgorithm.algorithm === OID.sha256 ? "sha256" : "unknown";
    return { alg, hash: view(id.certHash) };
  }
  const v1 = signed.get(OID.signingCertificate);
  const id = v1 ? AsnConvert.parse(v1, SigningCertificate).certs[0] : undefined;
  return id ? { alg: "sha1", hash: view(id.certHash) } : undefined;
}

/**
 * Verifies the first signer of a CMS ContentInfo. `detachedDigest(name)` hashes the detached content with the
 * digest the SignerInfo names; without it the encapsulated content (timestamp tokens) is hashed.
 */
export function checkCms(
  cmsDer: Uint8Array,
  detachedDigest?: (digest: DigestName) => Uint8Array,
  options: { legacyDigests?: boolean } = {},
): SignerCheck {
  const errors: string[] = [];
  const root = AsnConvert.parse(firstObject(cmsDer), ContentInfo);
  if (root.contentType !== OID.signedData) throw new Error("not a CMS SignedData");
  const signedData = AsnConvert.parse(root.content, SignedData);
  const single = signedData.encapContentInfo.eContent?.single;
  const eContent = single ? view(single.buffer) : undefined;
  // Each embedded certificate as DER (re-encoded from the parse, which is byte-exact for DER input).
  const parsed = (signedData.certificates ?? []).flatMap((choice) =>
    choice.certificate ? [choice.certificate] : [],
  );
  const certificates = parsed.map((cert) => new X509Certificate(Buffer.from(AsnConvert.serialize(cert))));
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error("no signer in the CMS");
  const sid = signerInfo.sid.issuerAndSerialNumber;
  const sidDer = sid ? view(AsnConvert.serialize(sid)) : undefined;
  const signerIndex = parsed.findIndex((cert) => {
    const { issuer, serialNumber } = cert.tbsCertificate;
    return (
      sidDer && same(view(AsnConvert.serialize(new IssuerAndSerialNumber({ issuer, serialNumber }))), sidDer)
    );
  });
  const signer = certificates[signerIndex];
  if (!signer) errors.push("the signer certificate is not embedded");
  const digestOid = signerInfo.digestAlgorithm.algorithm;
  // SHA-1, which older Vietnamese signing tokens used (2018–2021 provincial documents): only on request.
  const digest = DIGESTS[digestOid] ?? (options.legacyDigests && digestOid === OID.sha1 ? "sha1" : undefined);
  if (!digest) errors.push(`digest algorithm ${digestOid} is neither SHA-256 nor SHA-384`);
  else if (digest === "sha1") errors.push("the digest algorithm is SHA-1, no longer safe against forgery");

  const signatureValue = view(signerInfo.signature.buffer);
  const signed = attributes(signerInfo.signedAttrs);

  const hashContent = (name: DigestName) =>
    detachedDigest
      ? detachedDigest(name)
      : eContent
        ? new Uint8Array(createHash(name).update(eContent).digest())
        : undefined;
  const expected = digest ? hashContent(digest) : undefined;
  const messageDigestDer = signed.get(OID.messageDigest);
  const messageDigest = messageDigestDer
    ? view(AsnConvert.parse(messageDigestDer, OctetString).buffer)
    : new Uint8Array();
  const digestMatches = expected !== undefined && same(messageDigest, expected);
  if (!digestMatches) errors.push("the content digest does not match the messageDigest attribute");

  let signatureValid = false;
  if (signer && signerInfo.signedAttrs && digest) {
    // The signature covers the attributes as a SET, in the order received (asn1-schema keeps no raw bytes of a
    // repeated field): each attribute re-encoded from its type and its values' received bytes.
    const der = derSet(signerInfo.signedAttrs.map((attr) => view(AsnConvert.serialize(attr))));
    signatureValid = verifyScheme(signerInfo.signatureAlgorithm, digest, der, signer, signatureValue);
    if (!signatureValid) errors.push("the signature over the signed attributes does not verify");
  }

  let essCertMatches = false;
  const ess = essCertHash(signed);
  if (ess && signer) {
    essCertMatches =
      ess.alg !== "unknown" &&
      same(ess.hash, new Uint8Array(createHash(ess.alg).update(signer.raw).digest()));
  }
  return {
    signer,
    certificates,
    digestMatches,
    signatureValid,
    essCertMatches,
    signatureValue,
    unsignedAttributes: attributes(signerInfo.unsignedAttrs),
    eContent,
    errors,
  };
}
