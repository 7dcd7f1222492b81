// A Signer backed by a PKCS#12 (.p12/.pfx) file; the passphrase comes from the environment or a file only.
import { X509Certificate, constants, createPrivateKey, sign as nodeSign, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import forge from "node-forge";
import { SigningKeyError } from "../errors/signing-errors.js";
import { PSS_SALT_LENGTH, digestOf, type SignatureAlgorithm, type Signer } from "./signer.js";

/** Bytes → node-forge's binary string. */
const bin = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("binary");

export const PASSPHRASE_ENV = "SOHOA_SIGNING_PASSPHRASE";

// The passphrase was right (the file decrypted); what is wrong is the file's content.
const KEYLESS_HINT = "Export the PKCS#12 with the private key and its certificate (RSA, EC P-256 or P-384).";

export interface PassphraseSource {
  /** A file whose first line is the passphrase (trailing newline ignored). */
  passphraseFile?: string;
  /** Environment to read SOHOA_SIGNING_PASSPHRASE from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The passphrase from --passphrase-file, else SOHOA_SIGNING_PASSPHRASE; never from a command-line argument. */
export async function readPassphrase(keyFile: string, source: PassphraseSource = {}): Promise<string> {
  if (source.passphraseFile) {
    try {
      return (await readFile(source.passphraseFile, "utf8")).replace(/\r?\n$/, "");
    } catch (error) {
      throw new SigningKeyError(keyFile, `cannot read the passphrase file ${source.passphraseFile}`, {
        cause: error,
      });
    }
  }
  const value = (source.env ?? process.env)[PASSPHRASE_ENV];
  if (value === undefined)
    throw new SigningKeyError(keyFile, `no passphrase: set ${PASSPHRASE_ENV} or use --passphrase-file`);
  return value;
}

/**
 * Runs forge's PKCS#12 reader with certificate decoding turned off, so each cert bag keeps its parsed ASN.1 (which
 * re-encodes to the original bytes) instead of a Certificate object that forge re-encodes its own way — changing the
 * bytes of certificates made by other tools and breaking their issuers' signatures. Synchronous, so nothing else runs
 * while forge.pki is patched.
 */
function withOriginalCertificates<T>(read: () => T): T {
  const pki = forge.pki as unknown as { certificateFromAsn1: (...args: unknown[]) => unknown };
  const saved = pki.certificateFromAsn1;
  pki.certificateFromAsn1 = () => {
    throw new Error("kept as ASN.1");
  };
  try {
    return read();
  } finally {
    pki.certificateFromAsn1 = saved;
  }
}

/** Orders certificates leaf first, each followed by its issuer. */
export function orderChain(leaf: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const chain = [leaf];
  const pool = others.filter((c) => c.fingerprint256 !== leaf.fingerprint256);
  for (;;) {
    const last = chain[chain.length - 1]!;
    if (last.checkIssued(last)) break;
    const issuer = pool.find((c) => last.checkIssued(c));
    if (!issuer) break;
    chain.push(issuer);
    pool.splice(pool.indexOf(issuer), 1);
  }
  return chain;
}

/** The scheme a key signs with: RSA PKCS#1 v1.5 (or PSS when asked), ECDSA with the hash matching the curve. */
export function schemeForKey(key: KeyObject, rsaPss = false): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === "rsa") return rsaPss ? "rsa-pss-sha256" : "rsa-pkcs1-sha256";
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "ecdsa-sha256";
    if (curve === "secp384r1") return "ecdsa-sha384";
    throw new Error(`the EC curve ${curve ?? "?"} is not supported (P-256 and P-384 are)`);
  }
  throw new Error(`the key type ${type ?? "?"} is not supported (RSA, EC P-256 and P-384 are)`);
}

/** Signs with a private key held in memory, in the given scheme. */
export function signInMemory(key: KeyObject, scheme: SignatureAlgorithm, data: Uint8Array): Uint8Array {
  if (scheme === "rsa-pss-sha256") {
    return new Uint8Array(
      nodeSign("sha256", data, {
        key,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: PSS_SALT_LENGTH,
      }),
    );
  }
  return new Uint8Array(nodeSign(digestOf(scheme), data, key));
}

export interface Pkcs12Options {
  /** Sign RSA keys with RSASSA-PSS instead of PKCS#1 v1.5. */
  rsaPss?: boolean;
}

export class Pkcs12Signer implements Signer {
  readonly algorithm: SignatureAlgorithm;
  readonly #key: KeyObject;
  readonly #chain: Uint8Array[];

  private constructor(key: KeyObject, chain: Uint8Array[], algorithm: SignatureAlgorithm) {
    this.#key = key;
    this.#chain = chain;
    this.algorithm = algorithm;
  }

  /** Opens `file` with `passphrase`; throws SigningKeyError naming the file, never the passphrase. */
  static async fromFile(
    file: string,
    passphrase: string,
    options: Pkcs12Options = {},
  ): Promise<Pkcs12Signer> {
    let der: Buffer;
    try {
      der = await readFile(file);
    } catch (error) {
      throw new SigningKeyError(file, "cannot read the file", { cause: error });
    }
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = withOriginalCertificates(() =>
        forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bin(der)), false, passphrase),
      );
    } catch {
      // forge's message may echo internals; the reason a person can act on is this one.
      throw new SigningKeyError(file, "not a PKCS#12 file, or the passphrase is wrong");
    }
    const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
    // forge decodes only RSA keys and certificates; for others it keeps the ASN.1, which node:crypto reads.
    const keyBag = [
      ...bags(forge.pki.oids.pkcs8ShroudedKeyBag as string),
      ...bags(forge.pki.oids.keyBag as string),
    ][0];
    if (!keyBag)
      throw new SigningKeyError(file, "the file holds no private key (only certificates)", {
        hint: KEYLESS_HINT,
      });
    const keyDer = keyBag.key
      ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))
      : (keyBag as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 }).asn1;
    let key: KeyObject;
    let algorithm: SignatureAlgorithm;
    try {
      key = createPrivateKey({
        key: Buffer.from(forge.asn1.toDer(keyDer!).getBytes(), "binary"),
        format: "der",
        type: "pkcs8",
      });
      algorithm = schemeForKey(key, options.rsaPss);
    } catch (error) {
      throw new SigningKeyError(file, error instanceof Error ? error.message : String(error), {
        hint: KEYLESS_HINT,
      });
    }
    const certs = bags(forge.pki.oids.certBag as string).flatMap((b) => {
      const asn = b.cert
        ? forge.pki.certificateToAsn1(b.cert)
        : (b as forge.pkcs12.Bag & { asn1?: forge.asn1.Asn1 }).asn1;
      return asn ? [new X509Certificate(Buffer.from(forge.asn1.toDer(asn).getBytes(), "binary"))] : [];
    });
    const leaf = certs.find((c) => c.checkPrivateKey(key));
    if (!leaf)
      throw new SigningKeyError(file, "no certificate in the file matches the private key", {
        hint: KEYLESS_HINT,
      });
    return new Pkcs12Signer(
      key,
      orderChain(leaf, certs).map((c) => new Uint8Array(c.raw)),
      algorithm,
    );
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.#chain;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    return signInMemory(this.#key, this.algorithm, data);
  }
}
