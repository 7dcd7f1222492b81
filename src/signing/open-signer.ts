// Builds the signing options a front door asks for: a PKCS#12 key, its passphrase from env or file.
import { Pkcs12Signer, readPassphrase } from "./pkcs12-signer.js";
import type { Signer } from "./signer.js";

export interface SignerSpec {
  /** PKCS#12 file of the organisation; no signing when absent. */
  key?: string;
  passphraseFile?: string;
}

/** The signer named by `spec`, or undefined when no key is configured (the PDF stays unsigned). */
export async function openSigner(spec: SignerSpec): Promise<Signer | undefined> {
  if (!spec.key) return undefined;
  const passphrase = await readPassphrase(spec.key, spec.passphraseFile ? { passphraseFile: spec.passphraseFile } : {});
  return Pkcs12Signer.fromFile(spec.key, passphrase);
}
