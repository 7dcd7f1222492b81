// Builds the signer a front door asks for: a PKCS#12 key (passphrase from env or file) or a PKCS#11 token named in the env.
import { Pkcs11Signer } from "./pkcs11-signer.js";
import { Pkcs12Signer, readPassphrase } from "./pkcs12-signer.js";
import type { Signer } from "./signer.js";

export interface SignerSpec {
  /** PKCS#12 file of the organisation; when absent, a token configured by SOHOA_PKCS11_* is used, if any. */
  key?: string;
  passphraseFile?: string;
  /** Environment with SOHOA_PKCS11_MODULE, _TOKEN, _KEY_LABEL or _KEY_ID, _PIN_FILE or _PIN, _CHAIN; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The signer named by `spec`, or undefined when no key is configured (the PDF stays unsigned). */
export async function openSigner(spec: SignerSpec): Promise<Signer | undefined> {
  const env = spec.env ?? process.env;
  if (spec.key) {
    const passphrase = await readPassphrase(
      spec.key,
      spec.passphraseFile ? { passphraseFile: spec.passphraseFile } : {},
    );
    return Pkcs12Signer.fromFile(spec.key, passphrase, { rsaPss: env.SOHOA_SIGNING_RSA_PSS === "1" });
  }
  if (!env.SOHOA_PKCS11_MODULE || !env.SOHOA_PKCS11_TOKEN) return undefined;
  return Pkcs11Signer.open({
    module: env.SOHOA_PKCS11_MODULE,
    token: env.SOHOA_PKCS11_TOKEN,
    ...(env.SOHOA_PKCS11_KEY_LABEL ? { keyLabel: env.SOHOA_PKCS11_KEY_LABEL } : {}),
    ...(env.SOHOA_PKCS11_KEY_ID ? { keyId: env.SOHOA_PKCS11_KEY_ID } : {}),
    ...(env.SOHOA_PKCS11_PIN_FILE ? { pinFile: env.SOHOA_PKCS11_PIN_FILE } : {}),
    ...(env.SOHOA_PKCS11_CHAIN ? { chainFile: env.SOHOA_PKCS11_CHAIN } : {}),
    rsaPss: env.SOHOA_SIGNING_RSA_PSS === "1",
    env,
  });
}
