// Writes a PKCS#12 file for any private key (RSA or EC) with node-forge's PFX builder, which only knows RSA keys itself.
import forge from "node-forge";

type Patched = Record<
  "privateKeyToAsn1" | "wrapRsaPrivateKey" | "certificateToAsn1",
  (value: unknown) => unknown
>;

/**
 * PFX (DER) with the PKCS#8 `keyDer`, AES-256 shrouded, and the DER certificates, leaf first.
 * forge's builder turns its key and certificate objects into ASN.1 through three `pki` functions; for the duration of
 * this synchronous call they hand back the ASN.1 given to them, so an EC key is packed exactly like an RSA one.
 */
export function pkcs12Der(
  keyDer: Uint8Array,
  certs: Uint8Array[],
  passphrase: string,
  friendlyName: string,
): Uint8Array {
  const pki = forge.pki as unknown as Patched;
  const saved = { ...pki };
  // Bit strings kept opaque: decoding and re-encoding them may change a certificate's bytes, and so its signature.
  const fromDer = (der: Uint8Array) =>
    forge.asn1.fromDer(Buffer.from(der).toString("binary"), { decodeBitStrings: false } as never);
  const pkcs8 = fromDer(keyDer);
  pki.privateKeyToAsn1 = () => pkcs8;
  pki.wrapRsaPrivateKey = (asn) => asn;
  pki.certificateToAsn1 = (asn) => asn;
  try {
    const pfx = forge.pkcs12.toPkcs12Asn1(pkcs8 as never, certs.map(fromDer) as never, passphrase, {
      algorithm: "aes256",
      friendlyName,
      generateLocalKeyId: true,
    });
    return new Uint8Array(Buffer.from(forge.asn1.toDer(pfx).getBytes(), "binary"));
  } finally {
    pki.privateKeyToAsn1 = saved.privateKeyToAsn1;
    pki.wrapRsaPrivateKey = saved.wrapRsaPrivateKey;
    pki.certificateToAsn1 = saved.certificateToAsn1;
  }
}
