// Verifies the PAdES signatures of a PDF and its SHA-256 against a metadata sidecar: the logic of `sohoa verify`.
import { X509Certificate, createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { TSTInfo } from "@peculiar/asn1-tsp";
import { AsnConvert } from "@peculiar/asn1-schema";
import { PDFDocument } from "pdf-lib";
import { checkCms } from "./cms-verify.js";
import { readDss } from "./dss.js";
import { checkRevocation, type RevocationCheck } from "./revocation.js";
import { OID, view } from "./der.js";
import {
  checkOriginal,
  sidecarDifferences,
  signedXmpProperties,
  type OriginalReport,
} from "./sidecar-check.js";

export interface TimestampReport {
  time: string;
  valid: boolean;
  tsa?: string;
}

export interface SignatureReport {
  /** A signature (CAdES) or a document timestamp (RFC 3161, the B-LTA seal). */
  kind: "signature" | "document-timestamp";
  signer?: string;
  /** The claimed signing time (/M), ISO 8601. */
  signingTime?: string;
  byteRange: number[];
  /** The range covers the whole file except /Contents (only the last signature of a file can). */
  coversWholeDocument: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  essCertMatches: boolean;
  /** null when no trusted CA was given. */
  chainTrusted: boolean | null;
  certificateValidAtSigningTime: boolean;
  timestamp?: TimestampReport;
  /**
   * PAdES baseline level reached: B-B, B-T with a valid signature timestamp, B-LT with revocation data in the DSS that
   * covers the signing time, B-LTA when a valid document timestamp follows.
   */
  level: "B-B" | "B-T" | "B-LT" | "B-LTA";
  /** The signing certificate's revocation status from the PDF's DSS, at the signing time. */
  revocation?: RevocationCheck;
  errors: string[];
  valid: boolean;
}

/** The signer certificate and the certificates found with it, kept out of the JSON report. */
const signerChains = new WeakMap<
  SignatureReport,
  { signer: X509Certificate; pool: X509Certificate[]; at: Date }
>();

export interface SidecarReport {
  path: string;
  expected: string;
  matches: boolean;
}

export interface FileReport {
  file: string;
  sha256: string;
  signatures: SignatureReport[];
  sidecar?: SidecarReport;
  /** The archived original scan beside the PDF, checked against the recorded source hash. */
  original?: OriginalReport;
  errors: string[];
  valid: boolean;
}

export interface VerifyOptions {
  /** Trusted CA certificates (PEM or DER); without them the chain is reported as unchecked. */
  trusted?: X509Certificate[];
  /** Check SHA-1 signatures too (a source document's, whose integrity is recorded), reported as an error still. */
  legacyDigests?: boolean;
}

/** PEM text with one or more certificates → X509Certificate[]. */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
    (m) => new X509Certificate(m[0]),
  );
}

/** D:YYYYMMDDHHmmSS+HH'mm' → Date. */
function parsePdfDate(value: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-Z])(\d{2})?'?(\d{2})?'?)?/.exec(value);
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", sign, oh = "00", om = "00"] = m;
  const offset = sign && sign !== "Z" ? `${sign}${oh}:${om}` : "Z";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Builds the path signer → issuers and checks it reaches a trusted CA, each certificate valid at `at`. */
function checkChain(
  signer: X509Certificate,
  pool: X509Certificate[],
  trusted: X509Certificate[] | undefined,
  at: Date,
) {
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  let current = signer;
  let allValid = validAt(signer);
  const candidates = [...pool, ...(trusted ?? [])];
  for (let depth = 0; depth < 10; depth++) {
    const trustedIssuer = trusted?.find((t) => current.checkIssued(t) && current.verify(t.publicKey));
    if (trustedIssuer)
      return { trusted: true as boolean | null, allValid: allValid && validAt(trustedIssuer) };
    if (trusted?.some((t) => t.fingerprint256 === current.fingerprint256)) return { trusted: true, allValid };
    const issuer = candidates.find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 && current.checkIssued(c) && current.verify(c.publicKey),
    );
    if (!issuer) break;
    allValid &&= validAt(issuer);
    current = issuer;
  }
  return { trusted: trusted && trusted.length > 0 ? false : null, allValid };
}

/** Checks a timestamp token against what it stamps: `stamped(hash)` is the stamped data's digest with the token's hash. */
function checkTimestamp(token: Uint8Array, stamped: (hash: string) => Uint8Array): TimestampReport {
  const check = checkCms(token);
  const tst = AsnConvert.parse(check.eContent ?? new Uint8Array(), TSTInfo);
  const hashed = view(tst.messageImprint.hashedMessage.buffer);
  const hashOid = tst.messageImprint.hashAlgorithm.algorithm;
  const expected = stamped(hashOid === OID.sha256 ? "sha256" : hashOid === OID.sha384 ? "sha384" : "sha1");
  const time = tst.genTime.toISOString();
  const valid =
    check.digestMatches && check.signatureValid && Buffer.compare(Buffer.from(hashed), expected) === 0;
  return { time, valid, tsa: check.signer?.subject.replace(/\n/g, ", ") };
}

/** A document timestamp (ETSI.RFC3161): the token's imprint must be the byte range's digest. TSA trust is not checked. */
function checkDocumentTimestamp(
  report: SignatureReport,
  token: Uint8Array,
  digest: (hash: string) => Uint8Array,
): void {
  report.kind = "document-timestamp";
  try {
    const timestamp = checkTimestamp(token, digest);
    Object.assign(report, {
      timestamp,
      signer: timestamp.tsa,
      signingTime: timestamp.time,
      digestMatches: timestamp.valid,
      signatureValid: timestamp.valid,
      essCertMatches: true,
      certificateValidAtSigningTime: true,
    });
    if (!timestamp.valid) report.errors.push("the document timestamp does not verify");
  } catch (error) {
    report.errors.push(
      `unreadable timestamp token: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  report.valid = report.errors.length === 0;
}

/** Every signature in `bytes`, checked. */
export function verifySignatures(bytes: Uint8Array, options: VerifyOptions = {}): SignatureReport[] {
  const text = Buffer.from(bytes).toString("latin1");
  const reports: SignatureReport[] = [];
  for (const match of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [b0, l0, b1, l1] = range;
    const errors: string[] = [];
    const report: SignatureReport = {
      kind: "signature",
      byteRange: range,
      coversWholeDocument: false,
      digestMatches: false,
      signatureValid: false,
      essCertMatches: false,
      chainTrusted: null,
      certificateValidAtSigningTime: false,
      level: "B-B",
      errors,
      valid: false,
    };
    reports.push(report);
    const gap = text.slice(b0 + l0, b1);
    if (b0 !== 0 || b1 + l1 > bytes.length || b1 < l0 || !/^<[0-9A-Fa-f]+>$/.test(gap)) {
      errors.push("the ByteRange does not leave out exactly the /Contents hex string");
      continue;
    }
    report.coversWholeDocument = b1 + l1 === bytes.length;
    // The signature dictionary: from its `obj` to its `endobj`, around /ByteRange and /Contents.
    const after = text.slice(b1, b1 + 4096);
    const dict =
      text.slice(text.lastIndexOf(" obj", match.index ?? 0), match.index) +
      after.slice(0, after.indexOf("endobj") + 1 || undefined);
    const claimed = /\/M\s*\((D:[^)]*)\)/.exec(dict)?.[1];
    const claimedDate = claimed ? parsePdfDate(claimed) : undefined;
    if (claimedDate) report.signingTime = claimedDate.toISOString();
    const digest = (name: string) =>
      new Uint8Array(
        createHash(name)
          .update(bytes.subarray(0, l0))
          .update(bytes.subarray(b1, b1 + l1))
          .digest(),
      );
    if (/\/SubFilter\s*\/ETSI\.RFC3161/.test(dict)) {
      checkDocumentTimestamp(report, new Uint8Array(Buffer.from(gap.slice(1, -1), "hex")), digest);
      continue;
    }
    try {
      const cms = new Uint8Array(Buffer.from(gap.slice(1, -1), "hex"));
      const check = checkCms(cms, digest, { legacyDigests: options.legacyDigests });
      errors.push(...check.errors);
      Object.assign(report, {
        digestMatches: check.digestMatches,
        signatureValid: check.signatureValid,
        essCertMatches: check.essCertMatches,
      });
      if (!check.essCertMatches) errors.push("no ESS signing-certificate-v2 attribute naming the signer");
      const token = check.unsignedAttributes.get(OID.signatureTimeStampToken);
      if (token) {
        report.timestamp = checkTimestamp(
          token,
          (hash) => new Uint8Array(createHash(hash).update(check.signatureValue).digest()),
        );
        if (!report.timestamp.valid) errors.push("the signature timestamp does not verify");
        else report.level = "B-T";
      }
      if (check.signer) {
        report.signer = check.signer.subject.replace(/\n/g, ", ");
        const at = report.timestamp?.valid ? new Date(report.timestamp.time) : (claimedDate ?? new Date());
        signerChains.set(report, {
          signer: check.signer,
          pool: [...check.certificates, ...(options.trusted ?? [])],
          at,
        });
        const chain = checkChain(check.signer, check.certificates, options.trusted, at);
        report.chainTrusted = chain.trusted;
        report.certificateValidAtSigningTime = chain.allValid;
        if (chain.trusted === false) errors.push("the certificate does not chain to a trusted CA");
        if (!chain.allValid) errors.push(`a certificate of the chain was not valid at ${at.toISOString()}`);
      }
    } catch (error) {
      errors.push(`unreadable CMS: ${error instanceof Error ? error.message : String(error)}`);
    }
    report.valid = errors.length === 0;
  }
  return reports;
}

/**
 * True when everything after `end` (the last signed byte) is validation data only: a DSS and its streams, and the
 * catalog with nothing changed but /DSS — what PAdES B-LT allows after the signature.
 */
async function onlyValidationDataAfter(bytes: Uint8Array, end: number): Promise<boolean> {
  const tail = Buffer.from(bytes.subarray(end)).toString("latin1");
  const [before, after] = await Promise.all(
    [bytes.subarray(0, end), bytes].map((b) => PDFDocument.load(b, { updateMetadata: false })),
  );
  const rootRef = after!.context.trailerInfo.Root?.toString() ?? "";
  for (const match of tail.matchAll(/(\d+) (\d+) obj\s*<<([\s\S]*?)>>\s*(stream|endobj)/g)) {
    const ref = `${match[1]} ${match[2]} R`;
    if (ref === rootRef) continue;
    const dict = match[3] ?? "";
    const isStream = match[4] === "stream" && !/\/(Type|Subtype|S)\b/.test(dict);
    if (!isStream && !/\/Type\s*\/DSS\b/.test(dict)) return false;
  }
  const entries = (doc: PDFDocument) =>
    doc.catalog
      .entries()
      .filter(([k]) => k.asString() !== "/DSS")
      .map(([k, v]) => `${k.asString()} ${v.toString()}`)
      .sort()
      .join("\n");
  return entries(before!) === entries(after!);
}

/** Judges each signer certificate with the OCSP responses and CRLs of the PDF's DSS; B-LT when they cover the signing time. */
async function addRevocation(bytes: Uint8Array, signatures: SignatureReport[]): Promise<void> {
  const dss = await readDss(bytes);
  if (dss.ocsps.length + dss.crls.length === 0) return;
  const dssCerts = dss.certs.map((c) => new X509Certificate(Buffer.from(c)));
  for (const report of signatures) {
    const found = signerChains.get(report);
    if (!found) continue;
    const issuer = [...found.pool, ...dssCerts].find(
      (c) => found.signer.checkIssued(c) && found.signer.verify(c.publicKey),
    );
    if (!issuer) continue;
    const check = await checkRevocation(
      dss,
      new Uint8Array(found.signer.raw),
      new Uint8Array(issuer.raw),
      found.at,
    );
    if (!check) continue;
    report.revocation = check;
    if (check.revokedAtSigningTime) {
      const when = found.at.toISOString();
      report.errors.push(
        `the signing certificate was revoked at ${check.revokedAt} (${check.source}), before the signing time ${when}`,
      );
      report.valid = false;
    } else if (check.coversSigningTime && report.level === "B-T") {
      report.level = "B-LT";
    }
  }
  const end = (r: SignatureReport) => r.byteRange[2]! + r.byteRange[3]!;
  for (const report of signatures) {
    const sealed = signatures.some((t) => t.kind === "document-timestamp" && t.valid && end(t) > end(report));
    if (report.level === "B-LT" && sealed) report.level = "B-LTA";
  }
}

/** The sidecar beside `file`: `<name>.json`, else `metadata.json`, with `pdfSha256` (or `sha256`). */
async function readSidecar(
  file: string,
): Promise<{ path: string; expected: string; json: Record<string, unknown> } | undefined> {
  const dir = path.dirname(file);
  const candidates = [
    path.join(dir, `${path.basename(file, path.extname(file))}.json`),
    path.join(dir, "metadata.json"),
  ];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const json = JSON.parse(await readFile(candidate, "utf8")) as Record<string, unknown>;
    const expected = json.pdfSha256 ?? json.sha256;
    if (typeof expected === "string") return { path: candidate, expected: expected.toLowerCase(), json };
  }
  return undefined;
}

/** Verifies one PDF file: every signature, at least one covering the whole file, and the sidecar hash. */
export async function verifyPdfFile(file: string, options: VerifyOptions = {}): Promise<FileReport> {
  const errors: string[] = [];
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    return {
      file,
      sha256: "",
      signatures: [],
      errors: [`cannot read: ${(error as Error).message}`],
      valid: false,
    };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const signatures = verifySignatures(bytes, options);
  await addRevocation(bytes, signatures).catch((error: Error) =>
    errors.push(`unreadable DSS: ${error.message}`),
  );
  if (signatures.length === 0) errors.push("no signature");
  else if (!signatures.some((s) => s.coversWholeDocument)) {
    const end = Math.max(...signatures.map((s) => s.byteRange[2]! + s.byteRange[3]!));
    if (!(await onlyValidationDataAfter(bytes, end)))
      errors.push("bytes were added after the last signature");
  }
  let sidecar: SidecarReport | undefined;
  try {
    const found = await readSidecar(file);
    if (found) {
      sidecar = { path: found.path, expected: found.expected, matches: found.expected === sha256 };
      if (!sidecar.matches) errors.push(`SHA-256 differs from ${path.basename(found.path)}`);
      // The hash only ties the sidecar to the PDF; its contents must also agree with what was signed.
      const xmp = signedXmpProperties(bytes);
      if (xmp) errors.push(...sidecarDifferences(found.json, xmp));
    }
  } catch (error) {
    errors.push(`unreadable sidecar: ${(error as Error).message}`);
  }
  let original: OriginalReport | undefined;
  const sourceSha = signedXmpProperties(bytes)?.sourceSha256;
  if (sourceSha) {
    original = await checkOriginal(path.dirname(file), sourceSha).catch(() => undefined);
    if (original && !original.matches)
      errors.push(
        `original scan ${path.basename(original.path)} does not match the signed sourceSha256 ` +
          `(${original.sha256.slice(0, 16)}… instead of ${sourceSha.slice(0, 16)}…)`,
      );
  }
  const valid = errors.length === 0 && signatures.every((s) => s.valid);
  return {
    file,
    sha256,
    signatures,
    ...(sidecar ? { sidecar } : {}),
    ...(original ? { original } : {}),
    errors,
    valid,
  };
}
