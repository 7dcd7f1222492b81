// RFC 3161 client: asks a timestamp authority for a token over the SHA-256 of a signature value.
import { createHash, randomBytes } from "node:crypto";
import forge from "node-forge";
import { TimestampError } from "../errors/signing-errors.js";
import { checkCms } from "./cms-verify.js";
import { OID, algorithm, children, content, fromDer, int, octets, seq, toDer } from "./der.js";

const { asn1 } = forge;

/** DER TimeStampReq for `imprint` (SHA-256), with a nonce and certReq so the token carries the TSA certificate. */
export function timestampRequest(imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  const nonceNode = asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.INTEGER,
    false,
    Buffer.from(nonce).toString("binary"),
  );
  const certReq = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, String.fromCharCode(0xff));
  return toDer(seq([int(1), seq([algorithm(OID.sha256), octets(imprint)]), nonceNode, certReq]));
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
  let parts;
  try {
    parts = children(fromDer(body));
  } catch (error) {
    throw new TimestampError(url, "the answer is not a TimeStampResp", { cause: error });
  }
  const status = content(children(parts[0])[0]);
  // PKIStatus 0 granted, 1 grantedWithMods.
  if (status.length !== 1 || status[0]! > 1)
    throw new TimestampError(url, `request refused (PKIStatus ${status[0] ?? "?"})`);
  const token = parts[1];
  if (!token) throw new TimestampError(url, "the answer has no token");
  const der = toDer(token);
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
  // TSTInfo: version, policy, messageImprint, serialNumber, genTime, then optional accuracy, ordering, nonce, …
  const tst = children(fromDer(check.eContent ?? new Uint8Array()));
  const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
  if (!same(content(children(tst[2])[1]), imprint))
    throw new TimestampError(url, "the token stamps another message imprint");
  const nonceNode = tst
    .slice(5)
    .find((n) => n.tagClass === asn1.Class.UNIVERSAL && n.type === asn1.Type.INTEGER);
  if (!nonceNode || !same(content(nonceNode), nonce))
    throw new TimestampError(url, "the token does not carry the request's nonce");
}
