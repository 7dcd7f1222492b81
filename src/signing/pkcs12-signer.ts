// A Signer backed by a PKCS#12 (.p12/.pfx) file; the passphrase comes from the environment or a file only.
import { createPrivateKey, sign as nodeSign, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import forge from "node-forge";
import { SigningKeyError } from "../errors/signing-errors.js";
import { bin, bytesOf } from "./der.js";
import type { SignatureAlgorithm, Signer } from "./signer.js";

export const PASSPHRASE_ENV = "SOHOA_SIGNING_PASSPHRASE";

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
      throw new SigningKeyError(keyFile, `cannot read the passphrase file ${source.passphraseFile}`, { cause: error });
    }
  }
  const value = (source.env ?? process.env)[PASSPHRASE_ENV];
  if (value === undefined) throw new SigningKeyError(keyFile, `no passphrase: set ${PASSPHRASE_ENV} or use --passphrase-file`);
  return value;
}

/** Orders certificates leaf first, each followed by its issuer. */
function orderChain(leaf: forge.pki.Certificate, others: forge.pki.Certificate[]): forge.pki.Certificate[] {
  const chain = [leaf];
  const pool = others.filter((c) => c !== leaf);
  for (;;) {
    const last = chain[chain.length - 1]!;
    if (last.isIssuer(last)) break;
    const issuer = pool.find((c) => c.subject.hash === last.issuer.hash);
    if (!issuer) break;
    chain.push(issuer);
    pool.splice(pool.indexOf(issuer), 1);
  }
  return chain;
}

export class Pkcs12Signer implements Signer {
  readonly algorithm: SignatureAlgorithm = "rsa-pkcs1-sha256";
  readonly #key: KeyObject;
  readonly #chain: Uint8Array[];

  private constructor(key: KeyObject, chain: Uint8Array[]) {
    this.#key = key;
    this.#chain = chain;
  }

  /** Opens `file` with `passphrase`; throws SigningKeyError naming the file, never the passphrase. */
  static async fromFile(file: string, passphrase: string): Promise<Pkcs12Signer> {
    let der: Buffer;
    try {
      der = await readFile(file);
    } catch (error) {
      throw new SigningKeyError(file, "cannot read the file", { cause: error });
    }
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bin(der)), false, passphrase);
    } catch {
      // forge's message may echo internals; the reason a person can act on is this one.
      throw new SigningKeyError(file, "not a PKCS#12 file, or the passphrase is wrong");
    }
    const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
    const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag as string), ...bags(forge.pki.oids.keyBag as string)];
    const privateKey = keyBags.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
    if (!privateKey) throw new SigningKeyError(file, "no RSA private key inside");
    const certs = bags(forge.pki.oids.certBag as string)
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => c !== undefined);
    const leaf = certs.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey;
      return pub.n !== undefined && pub.n.equals(privateKey.n);
    });
    if (!leaf) throw new SigningKeyError(file, "no certificate matches the private key");
    const chain = orderChain(leaf, certs).map((c) => bytesOf(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes()));
    const key = createPrivateKey(forge.pki.privateKeyToPem(privateKey));
    return new Pkcs12Signer(key, chain);
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.#chain;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(nodeSign("sha256", data, this.#key));
  }
}
