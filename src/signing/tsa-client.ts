// RFC 3161 client: asks a timestamp authority for a token over the SHA-256 of a signature value.
import { createHash, randomBytes } from "node:crypto";
import { MessageImprint, TSTInfo, TimeStampReq, TimeStampResp } from "@peculiar/asn1-tsp";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { TimestampError } from "../errors/signing-errors.js";
import { checkCms } from "./cms-verify.js";
import { OID, view } from "./der.js";

/** DER TimeStampReq for `imprint` (SHA-256), with a nonce and certReq so the token carries the TSA certificate. */
export function timestampRequest(imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  const request = new TimeStampReq({
    messageImprint: new MessageImprint({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: OID.sha256, parameters: null }),
      hashedMessage: new OctetString(imprint),
    }),
    nonce: new Uint8Array(nonce).buffer,
    certReq: true,
  });
  return new Uint8Array(AsnConvert.serialize(request));
}

/** Requests a signature timestamp token for `signatureValue` from `url`; returns the token (CMS ContentInfo, DER). */
export async function requestTimestamp(
  url: string,
  signatureValue: Uint8Array,
  timeoutMs = 30_000,
): Promise<Uint8Array> {
  return requestTimestampForImprint(
    url,
    new Uint8Array(createHash("sha256").update(signatureValue).digest()),
    timeoutMs,
  );
}

/** Requests a timestamp token over a SHA-256 `imprint` (a document timestamp stamps the byte range's digest). */
export async function requestTimestampForImprint(
  url: string,
  imprint: Uint8Array,
  timeoutMs = 30_000,
): Promise<Uint8Array> {
  // Positive 8-byte nonce.
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0]! & 0x7f) | 0x01;
  let body: Uint8Array;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query" },
      body: timestampRequest(imprint, nonce),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new TimestampError(url, `HTTP ${response.status}`);
    body = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw new TimestampError(url, error instanceof Error ? error.message : String(error), { cause: error });
  }
  let response: TimeStampResp;
  try {
    response = AsnConvert.parse(body, TimeStampResp);
  } catch (error) {
    throw new TimestampError(url, "the answer is not a TimeStampResp", { cause: error });
  }
  const status = response.status.status;
  // PKIStatus 0 granted, 1 grantedWithMods.
  if (status > 1) throw new TimestampError(url, `request refused (PKIStatus ${status})`);
  if (!response.timeStampToken) throw new TimestampError(url, "the answer has no token");
  const der = new Uint8Array(AsnConvert.serialize(response.timeStampToken));
  checkToken(url, der, new Uint8Array(imprint), new Uint8Array(nonce));
  return der;
}

const TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

/** The token must be signed by its embedded TSA certificate and answer this request: same imprint, same nonce. */
function checkToken(url: string, token: Uint8Array, imprint: Uint8Array, nonce: Uint8Array): void {
  let check;
  try {
    check = checkCms(token);
  } catch (error) {
    throw new TimestampError(url, "the token is not a CMS SignedData", { cause: error });
  }
  if (!check.signer || !check.signatureValid || !check.digestMatches) {
    throw new TimestampError(url, "the token's signature does not verify");
  }
  // RFC 3161 §2.3: the TSA's certificate carries the timeStamping extended key usage (and only that).
  if (!(check.signer.keyUsage ?? []).includes(TIME_STAMPING)) {
    throw new TimestampError(url, "the token's signer is not a timestamping certificate");
  }
  const tst = AsnConvert.parse(check.eContent ?? new Uint8Array(), TSTInfo);
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
  if (!same(view(tst.messageImprint.hashedMessage.buffer), imprint))
    throw new TimestampError(url, "the token stamps another message imprint");
  if (!tst.nonce || !same(view(tst.nonce), nonce))
    throw new TimestampError(url, "the token does not carry the request's nonce");
}
