// Checks one CMS SignedData signer: message digest, signature over the signed attributes, ESS certificate binding.
import { X509Certificate, constants, createHash, verify as nodeVerify } from "node:crypto";
import forge from "node-forge";
import { OID, children, content, fromDer, issuerAndSerial, oidOf, toDer, type Asn1 } from "./der.js";

const { asn1 } = forge;

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
  unsignedAttributes: Map<string, Asn1>;
  /** The encapsulated content, when not detached (timestamp tokens). */
  eContent?: Uint8Array;
  errors: string[];
}

/** Attributes of a [0]/[1] node keyed by OID, each to its first value. */
function attributes(node: Asn1 | undefined): Map<string, Asn1> {
  const map = new Map<string, Asn1>();
  for (const attr of children(node)) {
    const [type, values] = children(attr);
    const first = children(values)[0];
    if (first) map.set(oidOf(type), first);
  }
  return map;
}

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

const DIGESTS: Record<string, "sha256" | "sha384"> = { [OID.sha256]: "sha256", [OID.sha384]: "sha384" };

/** Verifies `signature` over `data` with the scheme named by a SignerInfo signatureAlgorithm node. */
function verifyScheme(
  algorithm: Asn1 | undefined,
  digest: string,
  data: Uint8Array,
  cert: X509Certificate,
  signature: Uint8Array,
): boolean {
  const id = oidOf(children(algorithm)[0]);
  try {
    if (id === OID.rsaPss) {
      // Only the parameters sohoa writes (and most signers use): SHA-256, MGF1-SHA-256; the salt length is read.
      const params = children(children(algorithm)[1]);
      const saltNode = params.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 2);
      const salt = saltNode
        ? Buffer.from(content(children(saltNode)[0])).readUIntBE(0, content(children(saltNode)[0]).length)
        : 20;
      const key = { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: salt };
      return nodeVerify("sha256", data, key, signature);
    }
    return nodeVerify(digest, data, cert.publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * Verifies the first signer of a CMS ContentInfo. `detachedDigest(name)` hashes the detached content with the
 * digest the SignerInfo names; without it the encapsulated content (timestamp tokens) is hashed.
 */
export function checkCms(
  cmsDer: Uint8Array,
  detachedDigest?: (digest: "sha256" | "sha384") => Uint8Array,
): SignerCheck {
  const errors: string[] = [];
  const root = fromDer(cmsDer);
  const [type, wrapped] = children(root);
  if (oidOf(type) !== OID.signedData) throw new Error("not a CMS SignedData");
  const signedData = children(children(wrapped)[0]);
  const encap = signedData[2];
  const eContentNode = children(children(encap)[1])[0];
  const eContent = eContentNode ? content(eContentNode) : undefined;
  const certificates: X509Certificate[] = [];
  let signerInfos: Asn1 | undefined;
  for (const node of signedData.slice(3)) {
    if (node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === 0) {
      for (const cert of children(node)) certificates.push(new X509Certificate(Buffer.from(toDer(cert))));
    } else if (node.tagClass === asn1.Class.UNIVERSAL && node.type === asn1.Type.SET) {
      signerInfos = node;
    }
  }
  const signerInfo = children(children(signerInfos)[0]);
  if (signerInfo.length < 5) throw new Error("no signer in the CMS");
  const sidDer = toDer(signerInfo[1]!);
  const signer = certificates.find((c) => same(toDer(issuerAndSerial(new Uint8Array(c.raw))), sidDer));
  if (!signer) errors.push("the signer certificate is not embedded");
  const digestOid = oidOf(children(signerInfo[2])[0]);
  const digest = DIGESTS[digestOid];
  if (!digest) errors.push(`digest algorithm ${digestOid} is neither SHA-256 nor SHA-384`);

  const signedAttrsNode = signerInfo[3]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? signerInfo[3] : undefined;
  const rest = signerInfo.slice(signedAttrsNode ? 4 : 3);
  const signatureValue = content(rest[1]);
  const unsignedNode = rest[2];
  const signed = attributes(signedAttrsNode);

  const hashContent = (name: "sha256" | "sha384") =>
    detachedDigest
      ? detachedDigest(name)
      : eContent
        ? new Uint8Array(createHash(name).update(eContent).digest())
        : undefined;
  const expected = digest ? hashContent(digest) : undefined;
  const messageDigest = content(signed.get(OID.messageDigest));
  const digestMatches = expected !== undefined && same(messageDigest, expected);
  if (!digestMatches) errors.push("the content digest does not match the messageDigest attribute");

  let signatureValid = false;
  if (signer && signedAttrsNode && digest) {
    // The signature covers the attributes re-tagged as a DER SET.
    const der = Buffer.from(toDer(signedAttrsNode));
    der[0] = 0x31;
    signatureValid = verifyScheme(rest[0], digest, der, signer, signatureValue);
    if (!signatureValid) errors.push("the signature over the signed attributes does not verify");
  }

  let essCertMatches = false;
  const ess = signed.get(OID.signingCertificateV2) ?? signed.get("1.2.840.113549.1.9.16.2.12");
  if (ess && signer) {
    const certId = children(children(children(ess)[0])[0]);
    const v2 = signed.has(OID.signingCertificateV2);
    // v2: optional hashAlgorithm first (SHA-256 by default); v1: SHA-1.
    const hasAlg = v2 && certId[0]?.type === asn1.Type.SEQUENCE;
    const hashNode = certId[hasAlg ? 1 : 0];
    const alg = hasAlg
      ? oidOf(children(certId[0])[0]) === OID.sha256
        ? "sha256"
        : "unknown"
      : v2
        ? "sha256"
        : "sha1";
    essCertMatches =
      alg !== "unknown" &&
      same(content(hashNode), new Uint8Array(createHash(alg).update(signer.raw).digest()));
  }
  return {
    signer,
    certificates,
    digestMatches,
    signatureValid,
    essCertMatches,
    signatureValue,
    unsignedAttributes: attributes(unsignedNode),
    eContent,
    errors,
  };
}
