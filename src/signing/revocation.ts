// Revocation data for PAdES B-LT: fetch OCSP (AIA) or CRL (CRL DP) for a chain, and judge a certificate with it.
import { readFile } from "node:fs/promises";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { RevocationError } from "../errors/signing-errors.js";

const OCSP_METHOD = "1.3.6.1.5.5.7.48.1";
const AIA = "1.3.6.1.5.5.7.1.1";
const CRL_DP = "2.5.29.31";
const BASIC_OCSP = "1.3.6.1.5.5.7.48.1.1";

export interface RevocationData {
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

export interface RevocationSources {
  /** OCSP responses (DER) or CRLs (DER or PEM) given as files instead of, or besides, the network. */
  files?: string[];
  /** Do not ask the certificate's OCSP responder or CRL distribution point. */
  offline?: boolean;
  timeoutMs?: number;
}

export interface RevocationCheck {
  status: "good" | "revoked" | "unknown";
  source?: "ocsp" | "crl";
  /** When the revocation data was issued (OCSP thisUpdate or CRL thisUpdate), ISO 8601. */
  issuedAt?: string;
  revokedAt?: string;
  /** Issued after the signing time, so it speaks for that time (ETSI EN 319 102-1). */
  coversSigningTime: boolean;
  /** Revoked at or before the signing time. */
  revokedAtSigningTime: boolean;
}

export const parseCertificate = (der: Uint8Array) => pkijs.Certificate.fromBER(der);

function uris(names: pkijs.GeneralName[] | undefined): string[] {
  return (names ?? []).filter((n) => n.type === 6).map((n) => String(n.value));
}

/** The OCSP responder URLs (AIA) and CRL distribution points of a certificate. */
export function revocationUrls(cert: pkijs.Certificate): { ocsp: string[]; crl: string[] } {
  const ext = (id: string) => cert.extensions?.find((e) => e.extnID === id)?.parsedValue as unknown;
  const aia = ext(AIA) as pkijs.InfoAccess | undefined;
  const dp = ext(CRL_DP) as pkijs.CRLDistributionPoints | undefined;
  return {
    ocsp: uris(
      aia?.accessDescriptions.filter((d) => d.accessMethod === OCSP_METHOD).map((d) => d.accessLocation),
    ),
    crl: (dp?.distributionPoints ?? []).flatMap((p) =>
      Array.isArray(p.distributionPoint) ? uris(p.distributionPoint) : [],
    ),
  };
}

async function post(url: string, body: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/ocsp-request" },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Asks the responder about `cert`; returns the OCSPResponse DER once it is successful, signed and about `cert`. */
async function fetchOcsp(
  url: string,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  timeoutMs: number,
): Promise<Uint8Array> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(cert, { hashAlgorithm: "SHA-1", issuerCertificate: issuer });
  const der = await post(url, new Uint8Array(request.toSchema(true).toBER()), timeoutMs);
  const check = await judgeOcsp(der, cert, issuer, new Date(0));
  if (!check) throw new Error("the answer is not a signed OCSP response about this certificate");
  return der;
}

/** Revocation data for each certificate of `chain` (leaf first) but the root: OCSP first, CRL when OCSP fails. */
export async function collectRevocation(
  chain: Uint8Array[],
  sources: RevocationSources = {},
): Promise<RevocationData> {
  const data: RevocationData = { ocsps: [], crls: [] };
  for (const file of sources.files ?? []) {
    const bytes = new Uint8Array(await readFile(file));
    const der = bytes[0] === 0x2d ? pemToDer(Buffer.from(bytes).toString("latin1")) : bytes;
    (isOcspResponse(der) ? data.ocsps : data.crls).push(der);
  }
  if (sources.offline) return data;
  const certs = chain.map(parseCertificate);
  const timeoutMs = sources.timeoutMs ?? 15_000;
  for (let i = 0; i + 1 < certs.length; i++) {
    const [cert, issuer] = [certs[i]!, certs[i + 1]!];
    const urls = revocationUrls(cert);
    const failures: string[] = [];
    let done = false;
    for (const url of urls.ocsp) {
      try {
        data.ocsps.push(await fetchOcsp(url, cert, issuer, timeoutMs));
        done = true;
        break;
      } catch (error) {
        failures.push(`OCSP ${url}: ${(error as Error).message}`);
      }
    }
    for (const url of done ? [] : urls.crl) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        data.crls.push(new Uint8Array(await response.arrayBuffer()));
        done = true;
        break;
      } catch (error) {
        failures.push(`CRL ${url}: ${(error as Error).message}`);
      }
    }
    if (!done && urls.ocsp.length + urls.crl.length > 0) {
      throw new RevocationError(
        cert.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(", "),
        failures.join("; "),
      );
    }
  }
  return data;
}

function pemToDer(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64"));
}

function isOcspResponse(der: Uint8Array): boolean {
  try {
    pkijs.OCSPResponse.fromBER(der);
    return true;
  } catch {
    return false;
  }
}

/** A verified OCSP response's verdict on `cert`, or undefined when it is not a usable, authentic answer about it. */
export async function judgeOcsp(
  der: Uint8Array,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  at: Date,
): Promise<RevocationCheck | undefined> {
  try {
    const response = pkijs.OCSPResponse.fromBER(der);
    if (
      response.responseStatus.valueBlock.valueDec !== 0 ||
      response.responseBytes?.responseType !== BASIC_OCSP
    )
      return undefined;
    const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
    // The responder is the issuer itself or a delegate the issuer certified for OCSP signing.
    if (!(await basic.verify({ trustedCerts: [issuer] }))) return undefined;
    const status = await basic.getCertificateStatus(cert, issuer);
    if (!status.isForCertificate) return undefined;
    const single = basic.tbsResponseData.responses.find((r) =>
      r.certID.serialNumber.isEqual(cert.serialNumber),
    );
    const issuedAt = single?.thisUpdate ?? basic.tbsResponseData.producedAt;
    const revokedAt = status.status === 1 ? revocationTimeOf(single) : undefined;
    const verdict = status.status === 0 ? "good" : status.status === 1 ? "revoked" : "unknown";
    return revocationCheck("ocsp", verdict, issuedAt, revokedAt, at);
  } catch {
    return undefined;
  }
}

/** A verdict read from OCSP or a CRL, judged against the signing time `at`. */
function revocationCheck(
  source: "ocsp" | "crl",
  status: RevocationCheck["status"],
  issuedAt: Date,
  revokedAt: Date | undefined,
  at: Date,
): RevocationCheck {
  return {
    status,
    source,
    issuedAt: issuedAt.toISOString(),
    ...(revokedAt ? { revokedAt: revokedAt.toISOString() } : {}),
    coversSigningTime: issuedAt >= at,
    revokedAtSigningTime: revokedAt !== undefined && revokedAt <= at,
  };
}

function revocationTimeOf(single: pkijs.SingleResponse | undefined): Date | undefined {
  // certStatus revoked [1] RevokedInfo { revocationTime GeneralizedTime, ... }
  const status = single?.certStatus as asn1js.Constructed | undefined;
  const time = status?.valueBlock.value[0] as asn1js.GeneralizedTime | undefined;
  return time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined;
}

/** A CRL's verdict on `cert`, or undefined when the CRL is not the issuer's or its signature fails. */
export async function judgeCrl(
  der: Uint8Array,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  at: Date,
): Promise<RevocationCheck | undefined> {
  try {
    const crl = pkijs.CertificateRevocationList.fromBER(der);
    if (!crl.issuer.isEqual(cert.issuer) || !(await crl.verify({ issuerCertificate: issuer })))
      return undefined;
    const entry = crl.revokedCertificates?.find((r) => r.userCertificate.isEqual(cert.serialNumber));
    const revokedAt = entry?.revocationDate.value;
    const issuedAt = crl.thisUpdate.value;
    return revocationCheck("crl", entry ? "revoked" : "good", issuedAt, revokedAt, at);
  } catch {
    return undefined;
  }
}

/** The best verdict the data gives on `cert`: a revocation wins, then data that covers the signing time. */
export async function checkRevocation(
  data: RevocationData,
  cert: Uint8Array,
  issuer: Uint8Array,
  at: Date,
): Promise<RevocationCheck | undefined> {
  const [c, i] = [parseCertificate(cert), parseCertificate(issuer)];
  const checks = [
    ...(await Promise.all(data.ocsps.map((d) => judgeOcsp(d, c, i, at)))),
    ...(await Promise.all(data.crls.map((d) => judgeCrl(d, c, i, at)))),
  ].filter((x): x is RevocationCheck => x !== undefined && x.status !== "unknown");
  return checks.find((x) => x.status === "revoked") ?? checks.find((x) => x.coversSigningTime) ?? checks[0];
}
