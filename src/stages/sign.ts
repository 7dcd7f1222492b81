// Document stage: PAdES baseline signature (B-B, or B-T with a TSA) appended as an incremental update.
import { X509Certificate, createHash } from "node:crypto";
import { PDFHexString } from "pdf-lib";
import { SigningError } from "../errors/signing-errors.js";
import {
  BYTE_RANGE_PLACEHOLDER,
  placeSignature,
  type PlaceholderSpec,
} from "../pdf/signature-placeholder.js";
import { invisibleMark, visibleMark } from "../pdf/signature-mark.js";
import { buildCms } from "../signing/cms.js";
import { appendDss } from "../signing/dss.js";
import { collectRevocation, type RevocationSources } from "../signing/revocation.js";
import { digestOf, type Signer } from "../signing/signer.js";
import { requestTimestamp, requestTimestampForImprint } from "../signing/tsa-client.js";

export interface SignPdfOptions {
  reason?: string;
  location?: string;
  /** Draw the organisation and time at the top right of page 1 (default true). */
  visibleMark?: boolean;
  /** Name shown in the mark; defaults to the certificate's O or CN. */
  organisation?: string;
  /** RFC 3161 timestamp authority: adds a signature timestamp (PAdES B-T). */
  tsaUrl?: string;
  /** Claimed signing time (/M); defaults to now. */
  signingTime?: Date;
  /** Add a DSS with the chain and its OCSP responses / CRLs after signing (PAdES B-LT; B-T needs `tsaUrl`). */
  revocation?: RevocationSources;
  /** After the DSS, a document timestamp from `tsaUrl` (PAdES B-LTA). */
  documentTimestamp?: boolean;
}

export interface SignedPdf {
  bytes: Uint8Array;
  sha256: string;
}

/** PDF date in Vietnam time, e.g. D:20250301090000+07'00'. */
function pdfDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  return `D:${local.slice(0, 19).replace(/[-T:]/g, "")}+07'00'`;
}

/** A text string (UTF-16BE with BOM) as PDF syntax. */
function text(value: string): string {
  return PDFHexString.fromText(value).toString();
}

/** The organisation in the signing certificate: O, else CN (node prints the subject one RDN a line, UTF-8 decoded). */
async function certificateOrganisation(signer: Signer): Promise<string> {
  const [leaf] = await signer.certificateChain();
  if (!leaf) return "";
  const lines = new X509Certificate(leaf).subject.split("\n");
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1);
  return field("O") ?? field("CN") ?? "";
}

/** Bytes of the signature dictionary with a zero-filled /Contents of `capacity` bytes. */
function signatureDictionary(capacity: number, options: SignPdfOptions, signingTime: Date): Buffer {
  let dict = `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n`;
  dict += `/Contents <${"0".repeat(capacity * 2)}>\n/M (${pdfDate(signingTime)})\n`;
  if (options.reason) dict += `/Reason ${text(options.reason)}\n`;
  if (options.location) dict += `/Location ${text(options.location)}\n`;
  return Buffer.from(`${dict}>>`, "latin1");
}

/** B-LT: the chain and its revocation data in a DSS, appended after the signature. */
async function addValidationData(
  signed: Uint8Array,
  chain: Uint8Array[],
  sources: RevocationSources,
): Promise<Uint8Array> {
  const data = await collectRevocation(chain, sources);
  return appendDss(signed, { certs: chain, ...data });
}

/** Signs `pdf` (PAdES B-B, B-T with `tsaUrl`) without rewriting it: earlier bytes and signatures stay valid. */
export async function signPdf(
  pdf: Uint8Array,
  signer: Signer,
  options: SignPdfOptions = {},
): Promise<SignedPdf> {
  const signingTime = options.signingTime ?? new Date();
  const chain = await signer.certificateChain();
  const tsaUrl = options.tsaUrl;
  const spec: PlaceholderSpec = {
    dictionary: (capacity) => signatureDictionary(capacity, options, signingTime),
    digest: digestOf(signer.algorithm),
    produce: (digest) =>
      buildCms(digest, signer, tsaUrl ? { timestamp: (sig) => requestTimestamp(tsaUrl, sig) } : {}),
    mark: async (doc, page) => {
      if (options.visibleMark === false) return invisibleMark(doc);
      return visibleMark(
        doc,
        page,
        options.organisation ?? (await certificateOrganisation(signer)),
        signingTime,
      );
    },
  };
  // Room for the chain, a 4096-bit signature, attributes, and a timestamp token with its own chain.
  const capacity = chain.reduce((n, c) => n + c.length, 0) + 2_048 + (tsaUrl ? 8_192 : 0);
  let bytes = await placeSignature(pdf, spec, capacity);
  if (options.revocation) bytes = await addValidationData(bytes, chain, options.revocation);
  if (options.documentTimestamp) {
    if (!tsaUrl)
      throw new SigningError("a document timestamp (B-LTA) needs a TSA: give tsaUrl", { stage: "sign" });
    bytes = await timestampPdf(bytes, tsaUrl);
  }
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Appends an RFC 3161 document timestamp over the whole file (ETSI.RFC3161): with a DSS before it, PAdES B-LTA. */
export async function timestampPdf(pdf: Uint8Array, tsaUrl: string): Promise<Uint8Array> {
  const spec: PlaceholderSpec = {
    dictionary: (capacity) =>
      Buffer.from(
        `<<\n/Type /DocTimeStamp\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.RFC3161\n` +
          `${BYTE_RANGE_PLACEHOLDER}\n/Contents <${"0".repeat(capacity * 2)}>\n>>`,
        "latin1",
      ),
    digest: "sha256",
    produce: (digest) => requestTimestampForImprint(tsaUrl, digest),
    mark: async (doc) => invisibleMark(doc),
  };
  return placeSignature(pdf, spec, 8_192);
}
