// Makes a trial CA and an organisation certificate issued by it (RSA or EC), for trials and tests — never for production.
import { randomBytes, webcrypto } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { pkcs12Der } from "./pkcs12-writer.js";

export type TrialKeyType = "rsa" | "ec-p256" | "ec-p384";

export interface TrialKeys {
  /** PKCS#12 with the organisation key, its certificate and the CA certificate. */
  p12Path: string;
  /** The trial CA certificate, PEM: pass it to `sohoa verify --ca`. */
  caPemPath: string;
  /** The organisation certificate, PEM. */
  certPemPath: string;
}

export interface TrialKeyOptions {
  organisation: string;
  outDir: string;
  passphrase: string;
  /** Key type of the CA and the organisation; default RSA-2048. */
  keyType?: TrialKeyType;
  /** Validity start; defaults to one hour ago so clocks a little behind still accept it. */
  notBefore?: Date;
  validDays?: number;
}

const subtle = webcrypto.subtle;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

function algorithm(type: TrialKeyType): {
  key: webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams;
  hash: string;
} {
  if (type === "rsa") {
    const key = {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    };
    return { key, hash: "SHA-256" };
  }
  if (type === "ec-p256") return { key: { name: "ECDSA", namedCurve: "P-256" }, hash: "SHA-256" };
  return { key: { name: "ECDSA", namedCurve: "P-384" }, hash: "SHA-384" };
}

/** C, O, CN — one attribute per RDN, as UTF8String so Vietnamese organisation names survive. */
function name(organisation: string, commonName: string): pkijs.RelativeDistinguishedNames {
  const attributes = [
    new pkijs.AttributeTypeAndValue({ type: "2.5.4.6", value: new asn1js.PrintableString({ value: "VN" }) }),
    new pkijs.AttributeTypeAndValue({
      type: "2.5.4.10",
      value: new asn1js.Utf8String({ value: organisation }),
    }),
    new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: commonName }) }),
  ];
  // pkijs would put every attribute in one multi-valued RDN; encoding the Name here keeps them apart.
  const der = new asn1js.Sequence({
    value: attributes.map((a) => new asn1js.Set({ value: [a.toSchema()] })),
  }).toBER(false);
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

function extension(id: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID: id, critical, extnValue: value.toBER(false) });
}

/** KeyUsage bits, first bit = digitalSignature (RFC 5280 §4.2.1.3). */
function keyUsage(bits: number[]): asn1js.BitString {
  const byte = bits.reduce((b, bit) => b | (0x80 >> bit), 0);
  const unused = 7 - Math.max(...bits);
  return new asn1js.BitString({ valueHex: new Uint8Array([byte]).buffer, unusedBits: unused });
}

async function keyId(publicKey: CryptoKey): Promise<ArrayBuffer> {
  const spki = pkijs.PublicKeyInfo.fromBER(await subtle.exportKey("spki", publicKey));
  return subtle.digest("SHA-1", spki.subjectPublicKey.valueBlock.valueHexView);
}

interface Issue {
  subject: pkijs.RelativeDistinguishedNames;
  issuer: pkijs.RelativeDistinguishedNames;
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  issuerKeyId: ArrayBuffer;
  ca: boolean;
  notBefore: Date;
  days: number;
  hash: string;
}

async function certificate(o: Issue): Promise<Uint8Array> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  cert.subject = o.subject;
  cert.issuer = o.issuer;
  cert.notBefore.value = o.notBefore;
  cert.notAfter.value = new Date(o.notBefore.getTime() + o.days * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(o.publicKey);
  cert.extensions = [
    extension("2.5.29.19", true, new pkijs.BasicConstraints({ cA: o.ca }).toSchema()),
    // CA: keyCertSign, cRLSign; organisation: digitalSignature, nonRepudiation.
    extension("2.5.29.15", true, keyUsage(o.ca ? [5, 6] : [0, 1])),
    extension("2.5.29.14", false, new asn1js.OctetString({ valueHex: await keyId(o.publicKey) })),
    extension(
      "2.5.29.35",
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: o.issuerKeyId }),
      }).toSchema(),
    ),
  ];
  await cert.sign(o.signingKey, o.hash);
  return new Uint8Array(cert.toSchema(true).toBER(false));
}

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trimEnd()}\n-----END CERTIFICATE-----\n`;

/** Writes `org.p12`, `org.pem` and `ca.pem` into `outDir` and returns their paths. */
export async function createTrialKeys(options: TrialKeyOptions): Promise<TrialKeys> {
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const days = options.validDays ?? 365;
  const { key: params, hash } = algorithm(options.keyType ?? "rsa");
  const ca = (await subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  const org = (await subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  const caName = name(options.organisation, `${options.organisation} — trial CA (sohoa)`);
  const caKeyId = await keyId(ca.publicKey);
  const caCert = await certificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caKeyId,
    ca: true,
    notBefore,
    days: days * 2,
    hash,
  });
  const orgCert = await certificate({
    subject: name(options.organisation, options.organisation),
    issuer: caName,
    publicKey: org.publicKey,
    signingKey: ca.privateKey,
    issuerKeyId: caKeyId,
    ca: false,
    notBefore,
    days,
    hash,
  });
  const orgKey = new Uint8Array(await subtle.exportKey("pkcs8", org.privateKey));
  await mkdir(options.outDir, { recursive: true });
  const keys: TrialKeys = {
    p12Path: path.join(options.outDir, "org.p12"),
    caPemPath: path.join(options.outDir, "ca.pem"),
    certPemPath: path.join(options.outDir, "org.pem"),
  };
  await writeFile(
    keys.p12Path,
    pkcs12Der(orgKey, [orgCert, caCert], options.passphrase, options.organisation),
    { mode: 0o600 },
  );
  await writeFile(keys.caPemPath, pem(caCert));
  await writeFile(keys.certPemPath, pem(orgCert));
  return keys;
}
