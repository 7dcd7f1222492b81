// A Signer whose private key stays on a PKCS#11 token or HSM: the token signs, sohoa only sees certificates.
import { X509Certificate, createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import pkcs11js from "pkcs11js";
import { SigningKeyError } from "../errors/signing-errors.js";
import { orderChain } from "./pkcs12-signer.js";
import { PSS_SALT_LENGTH, digestOf, ecdsaRawToDer, type SignatureAlgorithm, type Signer } from "./signer.js";

export const PIN_ENV = "SOHOA_PKCS11_PIN";
const PIN_HINT = `Set ${PIN_ENV} or pass --pin-file; list the token's objects with \`pkcs11-tool --module <lib> --list-objects\`.`;

export interface Pkcs11Spec {
  /** Path of the vendor's PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so). */
  module: string;
  /** Token label, as `pkcs11-tool --list-slots` shows it. */
  token: string;
  /** CKA_LABEL of the private key (and of its certificate). */
  keyLabel?: string;
  /** CKA_ID of the private key, hex; used when the label is absent or ambiguous. */
  keyId?: string;
  /** File whose first line is the user PIN; else SOHOA_PKCS11_PIN. Never a command-line argument. */
  pinFile?: string;
  /** PEM file with issuer certificates, when the token holds only the signing certificate. */
  chainFile?: string;
  rsaPss?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** One loaded library per path: C_Initialize once per process, C_Finalize when the last signer closes. */
const modules = new Map<string, { lib: pkcs11js.PKCS11; users: number }>();

function loadModule(path: string): pkcs11js.PKCS11 {
  const loaded = modules.get(path);
  if (loaded) {
    loaded.users++;
    return loaded.lib;
  }
  const lib = new pkcs11js.PKCS11();
  lib.load(path);
  lib.C_Initialize();
  modules.set(path, { lib, users: 1 });
  return lib;
}

function releaseModule(path: string): void {
  const loaded = modules.get(path);
  if (!loaded || --loaded.users > 0) return;
  modules.delete(path);
  loaded.lib.C_Finalize();
  loaded.lib.close();
}

async function readPin(spec: Pkcs11Spec, where: string): Promise<string> {
  if (spec.pinFile) {
    try {
      return (await readFile(spec.pinFile, "utf8")).replace(/\r?\n$/, "");
    } catch (error) {
      throw new SigningKeyError(where, `cannot read the PIN file ${spec.pinFile}`, {
        cause: error,
        hint: PIN_HINT,
      });
    }
  }
  const pin = (spec.env ?? process.env)[PIN_ENV];
  if (pin === undefined)
    throw new SigningKeyError(where, `no PIN: set ${PIN_ENV} or use --pin-file`, { hint: PIN_HINT });
  return pin;
}

function findObjects(lib: pkcs11js.PKCS11, session: Buffer, template: pkcs11js.Template): Buffer[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 64);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

/** The PKCS#11 mechanism and the input it wants: tokens hash for RSA; for ECDSA sohoa hashes (CKM_ECDSA is universal). */
function mechanismFor(scheme: SignatureAlgorithm): { mechanism: pkcs11js.Mechanism; prehash: boolean } {
  switch (scheme) {
    case "rsa-pkcs1-sha256":
      return { mechanism: { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, prehash: false };
    case "rsa-pss-sha256":
      return {
        mechanism: {
          mechanism: pkcs11js.CKM_SHA256_RSA_PKCS_PSS,
          parameter: {
            hashAlg: pkcs11js.CKM_SHA256,
            mgf: pkcs11js.CKG_MGF1_SHA256,
            saltLen: PSS_SALT_LENGTH,
            type: pkcs11js.CK_PARAMS_RSA_PSS,
          } as pkcs11js.RsaPSS,
        },
        prehash: false,
      };
    case "ecdsa-sha256":
    case "ecdsa-sha384":
      return { mechanism: { mechanism: pkcs11js.CKM_ECDSA }, prehash: true };
  }
}

export class Pkcs11Signer implements Signer {
  readonly algorithm: SignatureAlgorithm;
  readonly #lib: pkcs11js.PKCS11;
  readonly #module: string;
  readonly #session: Buffer;
  readonly #key: Buffer;
  readonly #chain: Uint8Array[];
  readonly #maxSignature: number;
  // One session, one operation at a time: PKCS#11 sessions are not re-entrant.
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(init: {
    lib: pkcs11js.PKCS11;
    module: string;
    session: Buffer;
    key: Buffer;
    chain: Uint8Array[];
    algorithm: SignatureAlgorithm;
    maxSignature: number;
  }) {
    this.#lib = init.lib;
    this.#module = init.module;
    this.#session = init.session;
    this.#key = init.key;
    this.#chain = init.chain;
    this.algorithm = init.algorithm;
    this.#maxSignature = init.maxSignature;
  }

  /** Logs in to the token and finds the key and its certificate; errors name the token and key, never the PIN. */
  static async open(spec: Pkcs11Spec): Promise<Pkcs11Signer> {
    const where = `pkcs11:token=${spec.token};${spec.keyLabel ? `object=${spec.keyLabel}` : `id=${spec.keyId ?? "?"}`}`;
    if (!spec.keyLabel && !spec.keyId)
      throw new SigningKeyError(where, "name the key by label or id", { hint: PIN_HINT });
    const pin = await readPin(spec, where);
    const extra = spec.chainFile ? certificatesOf(await readFile(spec.chainFile, "utf8")) : [];
    let lib: pkcs11js.PKCS11;
    try {
      lib = loadModule(spec.module);
    } catch (error) {
      throw new SigningKeyError(where, `cannot load the PKCS#11 library ${spec.module}`, {
        cause: error,
        hint: PIN_HINT,
      });
    }
    let session: Buffer | undefined;
    try {
      const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === spec.token);
      if (!slot) throw new Error(`no token labelled "${spec.token}"`);
      session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        lib.C_Login(session, pkcs11js.CKU_USER, pin);
      } catch (error) {
        if (!String(error).includes("CKR_USER_ALREADY_LOGGED_IN"))
          throw new Error("login refused: wrong PIN, or the PIN is locked", { cause: error });
      }
      const selector: pkcs11js.Template = [];
      if (spec.keyLabel) selector.push({ type: pkcs11js.CKA_LABEL, value: spec.keyLabel });
      if (spec.keyId) selector.push({ type: pkcs11js.CKA_ID, value: Buffer.from(spec.keyId, "hex") });
      const keys = findObjects(lib, session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        ...selector,
      ]);
      if (keys.length === 0) throw new Error("no private key with that label/id");
      if (keys.length > 1) throw new Error(`${keys.length} private keys match: give the id`);
      const id = lib.C_GetAttributeValue(session, keys[0]!, [{ type: pkcs11js.CKA_ID }])[0]?.value as Buffer;
      const certHandles = findObjects(lib, session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      ]);
      const certs = certHandles.map((h) => {
        const [idAttr, valueAttr] = lib.C_GetAttributeValue(session!, h, [
          { type: pkcs11js.CKA_ID },
          { type: pkcs11js.CKA_VALUE },
        ]);
        return { id: idAttr!.value as Buffer, cert: new X509Certificate(valueAttr!.value as Buffer) };
      });
      const leaf = certs.find((c) => c.id.equals(id))?.cert;
      if (!leaf) throw new Error("the token has no certificate with the key's CKA_ID");
      const algorithm = schemeFor(leaf, spec.rsaPss);
      const chain = orderChain(leaf, [...certs.map((c) => c.cert), ...extra]).map(
        (c) => new Uint8Array(c.raw),
      );
      const bits = leaf.publicKey.asymmetricKeyDetails?.modulusLength ?? 1024;
      const maxSignature = Math.ceil(bits / 8) + 16;
      return new Pkcs11Signer({
        lib,
        module: spec.module,
        session,
        key: keys[0]!,
        chain,
        algorithm,
        maxSignature,
      });
    } catch (error) {
      if (session) lib.C_CloseSession(session);
      releaseModule(spec.module);
      const reason = error instanceof Error ? error.message : String(error);
      throw new SigningKeyError(where, reason, { cause: error, hint: PIN_HINT });
    }
  }

  async certificateChain(): Promise<Uint8Array[]> {
    return this.#chain;
  }

  async sign(data: Uint8Array): Promise<Uint8Array> {
    const run = this.#queue.then(() => this.#signNow(data));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #signNow(data: Uint8Array): Promise<Uint8Array> {
    if (this.#closed) throw new SigningKeyError(this.#module, "the token session is closed");
    const { mechanism, prehash } = mechanismFor(this.algorithm);
    const input = prehash ? createHash(digestOf(this.algorithm)).update(data).digest() : Buffer.from(data);
    this.#lib.C_SignInit(this.#session, mechanism, this.#key);
    const out = await this.#lib.C_SignAsync(this.#session, input, Buffer.alloc(this.#maxSignature));
    return prehash ? ecdsaRawToDer(out) : new Uint8Array(out);
  }

  async close(): Promise<void> {
    await this.#queue;
    if (this.#closed) return;
    this.#closed = true;
    // No C_Logout: the login belongs to the token, not the session, and other signers may share it;
    // closing the token's last session logs out.
    this.#lib.C_CloseSession(this.#session);
    releaseModule(this.#module);
  }
}

/** The scheme of the certificate's key. */
function schemeFor(cert: X509Certificate, rsaPss = false): SignatureAlgorithm {
  const key = cert.publicKey;
  if (key.asymmetricKeyType === "rsa") return rsaPss ? "rsa-pss-sha256" : "rsa-pkcs1-sha256";
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType === "ec" && curve === "prime256v1") return "ecdsa-sha256";
  if (key.asymmetricKeyType === "ec" && curve === "secp384r1") return "ecdsa-sha384";
  throw new Error(
    `the key type ${key.asymmetricKeyType ?? "?"} ${curve ?? ""} is not supported (RSA, EC P-256 and P-384 are)`,
  );
}

function certificatesOf(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
    (m) => new X509Certificate(m[0]),
  );
}
