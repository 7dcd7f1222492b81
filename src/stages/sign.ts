// Document stage: PAdES baseline signature (B-B, or B-T with a TSA) appended as an incremental update.
import { X509Certificate, createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from "pdf-lib";
import { SigningError } from "../errors/signing-errors.js";
import { appendIncrementalUpdate, type UpdateObject } from "../pdf/incremental-update.js";
import { invisibleMark, visibleMark } from "../pdf/signature-mark.js";
import { buildCms } from "../signing/cms.js";
import { appendDss } from "../signing/dss.js";
import { collectRevocation, type RevocationSources } from "../signing/revocation.js";
import { digestOf, type Signer } from "../signing/signer.js";
import { requestTimestamp } from "../signing/tsa-client.js";

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
}

export interface SignedPdf {
  bytes: Uint8Array;
  sha256: string;
}

const BYTE_RANGE_PLACEHOLDER = "/ByteRange [0 0000000000 0000000000 0000000000]";

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

/** Existing signature fields, to name the new one uniquely. */
function countSignatureFields(fields: PDFArray | undefined): number {
  if (!fields) return 0;
  let count = 0;
  for (let i = 0; i < fields.size(); i++) {
    const field = fields.lookup(i);
    if (field instanceof PDFDict && field.get(PDFName.of("FT")) === PDFName.of("Sig")) count++;
  }
  return count;
}

/** One attempt with a fixed /Contents capacity; returns undefined when the CMS does not fit. */
async function attempt(pdf: Uint8Array, signer: Signer, options: SignPdfOptions, signingTime: Date, capacity: number): Promise<{ bytes: Buffer; needed?: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: false });
  const context = doc.context;
  const before = context.largestObjectNumber;
  const page = doc.getPage(0);
  const organisation = options.organisation ?? (await certificateOrganisation(signer));
  const mark = options.visibleMark === false ? invisibleMark(doc) : await visibleMark(doc, page, organisation, signingTime);

  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error("the trailer has no /Root reference");
  const acroFormEntry = doc.catalog.get(PDFName.of("AcroForm"));
  const acroForm = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict) ?? context.obj({});
  const oldFields = acroForm.lookupMaybe(PDFName.of("Fields"), PDFArray);

  const sigRef = context.nextRef();
  const widget = context.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    T: PDFString.of(`Signature${countSignatureFields(oldFields) + 1}`),
    V: sigRef,
    // Print | Locked: PDF/A wants printable annotations; nobody should move the mark.
    F: 132,
    Rect: mark.rect,
    P: page.ref,
    AP: { N: mark.appearance },
  });
  const widgetRef = context.register(widget);

  const fields = context.obj([]);
  for (let i = 0; i < (oldFields?.size() ?? 0); i++) fields.push(oldFields!.get(i));
  fields.push(widgetRef);
  acroForm.set(PDFName.of("Fields"), fields);
  acroForm.set(PDFName.of("SigFlags"), PDFNumber.of(3));

  const annots = context.obj([]);
  const oldAnnots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
  for (let i = 0; i < (oldAnnots?.size() ?? 0); i++) annots.push(oldAnnots!.get(i));
  annots.push(widgetRef);
  page.node.set(PDFName.of("Annots"), annots);

  const objects: UpdateObject[] = [{ ref: page.ref, object: page.node }];
  if (acroFormEntry instanceof PDFRef) {
    objects.push({ ref: acroFormEntry, object: acroForm }, { ref: catalogRef, object: doc.catalog });
  } else {
    doc.catalog.set(PDFName.of("AcroForm"), acroForm);
    objects.push({ ref: catalogRef, object: doc.catalog });
  }
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (ref.objectNumber > before && ref !== sigRef) objects.push({ ref, object });
  }
  objects.push({ ref: sigRef, object: signatureDictionary(capacity, options, signingTime) });

  const bytes = appendIncrementalUpdate(pdf, objects, {
    size: context.largestObjectNumber + 1,
    root: catalogRef,
    info: context.trailerInfo.Info,
    id: context.trailerInfo.ID,
  });

  // The placeholder is the last /ByteRange in the file: ours.
  const placeholderAt = bytes.lastIndexOf(Buffer.from(BYTE_RANGE_PLACEHOLDER, "latin1"));
  const contentsStart = bytes.indexOf(Buffer.from("/Contents <", "latin1"), placeholderAt) + "/Contents ".length;
  const contentsEnd = contentsStart + capacity * 2 + 2;
  const range = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `/ByteRange [${range.join(" ")}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, " ");
  bytes.write(rangeText, placeholderAt, "latin1");

  const digest = createHash(digestOf(signer.algorithm)).update(bytes.subarray(0, contentsStart)).update(bytes.subarray(contentsEnd)).digest();
  const tsaUrl = options.tsaUrl;
  const cms = await buildCms(new Uint8Array(digest), signer, tsaUrl ? { timestamp: (sig) => requestTimestamp(tsaUrl, sig) } : {});
  if (cms.length > capacity) return { bytes, needed: cms.length };
  bytes.write(Buffer.from(cms).toString("hex").toUpperCase(), contentsStart + 1, "latin1");
  return { bytes };
}

/** B-LT: the chain and its revocation data in a DSS, appended after the signature. */
async function addValidationData(signed: Uint8Array, chain: Uint8Array[], sources: RevocationSources): Promise<Uint8Array> {
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
  // Room for the chain, a 4096-bit signature, attributes, and a timestamp token with its own chain.
  let capacity = chain.reduce((n, c) => n + c.length, 0) + 2_048 + (options.tsaUrl ? 8_192 : 0);
  for (let tries = 0; tries < 3; tries++) {
    let result;
    try {
      result = await attempt(pdf, signer, options, signingTime, capacity);
    } catch (error) {
      if (error instanceof SigningError) throw error;
      throw new SigningError(`cannot sign: ${error instanceof Error ? error.message : String(error)}`, { cause: error, stage: "sign" });
    }
    if (result.needed === undefined) {
      const bytes = options.revocation ? await addValidationData(result.bytes, chain, options.revocation) : new Uint8Array(result.bytes);
      return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
    }
    capacity = result.needed + 4_096;
  }
  throw new SigningError("the signature did not fit its placeholder after 3 attempts", { stage: "sign" });
}
