// Builds the detached CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, B-B and B-T).
import { createHash } from "node:crypto";
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
} from "@peculiar/asn1-cms";
import { RsaSaPssParams } from "@peculiar/asn1-rsa";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier, Certificate, GeneralName, GeneralNames } from "@peculiar/asn1-x509";
import * as asn1js from "asn1js";
import { OID, derSetOf } from "./der.js";
import { EssCertIdV2, IssuerSerial, SigningCertificateV2 } from "./ess.js";
import { PSS_SALT_LENGTH, digestOf, type SignatureAlgorithm, type Signer } from "./signer.js";

/** A copy as a standalone ArrayBuffer, the type the schemas hold raw values in. */
const buffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

const attribute = (type: string, value: ArrayBuffer) =>
  new Attribute({ attrType: type, attrValues: [value] });

/** ESS signing-certificate-v2: binds the signer certificate into the signed attributes (hash algorithm defaults to SHA-256). */
function signingCertificateV2(certDer: Uint8Array, cert: Certificate): ArrayBuffer {
  const { issuer, serialNumber } = cert.tbsCertificate;
  const issuerSerial = new IssuerSerial({
    issuer: new GeneralNames([new GeneralName({ directoryName: issuer })]),
    serialNumber,
  });
  const certHash = buffer(createHash("sha256").update(certDer).digest());
  return AsnConvert.serialize(
    new SigningCertificateV2({ certs: [new EssCertIdV2({ certHash, issuerSerial })] }),
  );
}

/** The signed attributes, in DER SET OF order, and the DER SET that is signed (tag 0x31). */
function signedAttributeSet(contentDigest: Uint8Array, certDer: Uint8Array, cert: Certificate) {
  // PAdES forbids the CMS signing-time attribute: the claimed time is the signature dictionary's /M.
  const attrs = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data }).toBER()),
    attribute(OID.messageDigest, AsnConvert.serialize(new OctetString(contentDigest))),
    attribute(OID.signingCertificateV2, signingCertificateV2(certDer, cert)),
  ].map((attr) => ({ attr, der: new Uint8Array(AsnConvert.serialize(attr)) }));
  attrs.sort((a, b) => Buffer.compare(a.der, b.der));
  return { attrs: attrs.map((a) => a.attr), der: derSetOf(attrs.map((a) => a.der)) };
}

/** The signed attributes as the DER SET that is signed. */
export function signedAttributes(contentDigest: Uint8Array, signerCert: Uint8Array): Uint8Array {
  return signedAttributeSet(contentDigest, signerCert, AsnConvert.parse(signerCert, Certificate)).der;
}

export interface CmsOptions {
  /** Called with the signature value; returns an RFC 3161 TimeStampToken (DER) to add as unsigned attribute. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

const algorithmOf = (id: string, parameters?: ArrayBuffer | null) =>
  new AlgorithmIdentifier(parameters === undefined ? { algorithm: id } : { algorithm: id, parameters });

/** The digest AlgorithmIdentifier of a scheme (parameters absent, as RFC 5754 prefers). */
export function digestAlgorithm(scheme: SignatureAlgorithm): AlgorithmIdentifier {
  return algorithmOf(digestOf(scheme) === "sha384" ? OID.sha384 : OID.sha256);
}

/** The SignerInfo signatureAlgorithm of a scheme (RFC 3370, RFC 4056, RFC 5753). */
export function signatureAlgorithm(scheme: SignatureAlgorithm): AlgorithmIdentifier {
  switch (scheme) {
    case "rsa-pkcs1-sha256":
      return algorithmOf(OID.rsaEncryption, null);
    case "rsa-pss-sha256": {
      // RSASSA-PSS-params: [0] hash, [1] MGF1(hash), [2] salt length; trailer field default (left out).
      const params = new RsaSaPssParams({
        hashAlgorithm: algorithmOf(OID.sha256),
        maskGenAlgorithm: algorithmOf(OID.mgf1, AsnConvert.serialize(algorithmOf(OID.sha256))),
        saltLength: PSS_SALT_LENGTH,
      });
      return algorithmOf(OID.rsaPss, AsnConvert.serialize(params));
    }
    case "ecdsa-sha256":
      return algorithmOf(OID.ecdsaSha256);
    case "ecdsa-sha384":
      return algorithmOf(OID.ecdsaSha384);
  }
}

// A Signer returns the same chain array on every call: parse it once (schema parsing dominates the CMS's cost).
const parsedChains = new WeakMap<Uint8Array[], Certificate[]>();
function parsedChain(chain: Uint8Array[]): Certificate[] {
  let certs = parsedChains.get(chain);
  if (!certs) parsedChains.set(chain, (certs = chain.map((der) => AsnConvert.parse(der, Certificate))));
  return certs;
}

/** Detached CMS SignedData over content whose digest (with `digestOf(signer.algorithm)`) is `contentDigest`, signed by `signer`. */
export async function buildCms(
  contentDigest: Uint8Array,
  signer: Signer,
  options: CmsOptions = {},
): Promise<Uint8Array> {
  const chain = await signer.certificateChain();
  const signerCertDer = chain[0];
  if (!signerCertDer) throw new Error("the signer has no certificate");
  const certs = parsedChain(chain);
  const signerCert = certs[0]!;
  const signed = signedAttributeSet(contentDigest, signerCertDer, signerCert);
  // The token hashes and signs the DER SET; SignerInfo carries the same attributes under an implicit [0] tag.
  const signature = await signer.sign(signed.der);

  const { issuer, serialNumber } = signerCert.tbsCertificate;
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer, serialNumber }) }),
    digestAlgorithm: digestAlgorithm(signer.algorithm),
    signedAttrs: signed.attrs,
    signatureAlgorithm: signatureAlgorithm(signer.algorithm),
    signature: new OctetString(signature),
  });
  if (options.timestamp) {
    const token = await options.timestamp(signature);
    signerInfo.unsignedAttrs = [attribute(OID.signatureTimeStampToken, buffer(token))];
  }
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([digestAlgorithm(signer.algorithm)]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: new CertificateSet(certs.map((certificate) => new CertificateChoices({ certificate }))),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const contentInfo = new ContentInfo({
    contentType: OID.signedData,
    content: AsnConvert.serialize(signedData),
  });
  return new Uint8Array(AsnConvert.serialize(contentInfo));
}
