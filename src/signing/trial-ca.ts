// Makes a trial CA and an organisation certificate issued by it, for trials and tests — never for production.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import forge from "node-forge";

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
  /** Validity start; defaults to one hour ago so clocks a little behind still accept it. */
  notBefore?: Date;
  validDays?: number;
}

/** An RSA-2048 key pair made by OpenSSL (fast), as forge keys. */
function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

/** Name attributes as UTF8String (forge encodes them) so Vietnamese organisation names survive. */
function name(organisation: string, commonName: string): forge.pki.CertificateField[] {
  return [
    { shortName: "C", value: "VN" },
    { shortName: "O", value: organisation, valueTagClass: forge.asn1.Type.UTF8 as never },
    { shortName: "CN", value: commonName, valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
}

function certificate(
  subject: forge.pki.CertificateField[],
  publicKey: forge.pki.rsa.PublicKey,
  issuer: forge.pki.CertificateField[],
  notBefore: Date,
  days: number,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // Positive 16-byte serial: clear the top bit.
  cert.serialNumber = `01${randomBytes(15).toString("hex")}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  return cert;
}

/** Writes `org.p12`, `org.pem` and `ca.pem` into `outDir` and returns their paths. */
export async function createTrialKeys(options: TrialKeyOptions): Promise<TrialKeys> {
  const notBefore = options.notBefore ?? new Date(Date.now() - 3_600_000);
  const days = options.validDays ?? 365;
  const ca = keyPair();
  const caName = name(options.organisation, `${options.organisation} — trial CA (sohoa)`);
  const caCert = certificate(caName, ca.publicKey, caName, notBefore, days * 2, [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const org = keyPair();
  const orgCert = certificate(name(options.organisation, options.organisation), org.publicKey, caName, notBefore, days, [
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true, critical: true },
    { name: "subjectKeyIdentifier" },
    { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  orgCert.sign(ca.privateKey, forge.md.sha256.create());

  const p12 = forge.pkcs12.toPkcs12Asn1(org.privateKey, [orgCert, caCert], options.passphrase, {
    algorithm: "aes256",
    friendlyName: options.organisation,
  });
  await mkdir(options.outDir, { recursive: true });
  const keys: TrialKeys = {
    p12Path: path.join(options.outDir, "org.p12"),
    caPemPath: path.join(options.outDir, "ca.pem"),
    certPemPath: path.join(options.outDir, "org.pem"),
  };
  await writeFile(keys.p12Path, Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary"), { mode: 0o600 });
  await writeFile(keys.caPemPath, forge.pki.certificateToPem(caCert));
  await writeFile(keys.certPemPath, forge.pki.certificateToPem(orgCert));
  return keys;
}
