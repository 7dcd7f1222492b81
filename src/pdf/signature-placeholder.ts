// Places a signature field and its value dictionary as an incremental update, then fills /ByteRange and /Contents.
import { createHash } from "node:crypto";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, type PDFPage } from "pdf-lib";
import { SigningError } from "../errors/signing-errors.js";
import { appendIncrementalUpdate, type UpdateObject } from "./incremental-update.js";
import type { SignatureMark } from "./signature-mark.js";

export const BYTE_RANGE_PLACEHOLDER = "/ByteRange [0 0000000000 0000000000 0000000000]";

/** What differs between a signature and a document timestamp. */
export interface PlaceholderSpec {
  /** The value dictionary's bytes; must contain BYTE_RANGE_PLACEHOLDER and `/Contents <00…>` of `capacity` bytes. */
  dictionary(capacity: number): Buffer;
  /** Digest the byte range is hashed with. */
  digest: "sha256" | "sha384";
  /** The /Contents value (CMS or timestamp token, DER) for the digest of the byte range. */
  produce(digest: Uint8Array): Promise<Uint8Array>;
  /** The widget's appearance and rectangle. */
  mark(doc: PDFDocument, page: PDFPage): Promise<SignatureMark>;
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

/** One attempt with a fixed /Contents capacity; `needed` is set when the value does not fit. */
async function attempt(
  pdf: Uint8Array,
  spec: PlaceholderSpec,
  capacity: number,
): Promise<{ bytes: Buffer; needed?: number }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: false });
  const context = doc.context;
  const before = context.largestObjectNumber;
  const page = doc.getPage(0);
  const mark = await spec.mark(doc, page);

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
  objects.push({ ref: sigRef, object: spec.dictionary(capacity) });

  const bytes = appendIncrementalUpdate(pdf, objects, {
    size: context.largestObjectNumber + 1,
    root: catalogRef,
    info: context.trailerInfo.Info,
    id: context.trailerInfo.ID,
  });

  // The placeholder is the last /ByteRange in the file: ours.
  const placeholderAt = bytes.lastIndexOf(Buffer.from(BYTE_RANGE_PLACEHOLDER, "latin1"));
  const contentsStart =
    bytes.indexOf(Buffer.from("/Contents <", "latin1"), placeholderAt) + "/Contents ".length;
  const contentsEnd = contentsStart + capacity * 2 + 2;
  const range = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const rangeText = `/ByteRange [${range.join(" ")}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, " ");
  bytes.write(rangeText, placeholderAt, "latin1");

  const digest = createHash(spec.digest)
    .update(bytes.subarray(0, contentsStart))
    .update(bytes.subarray(contentsEnd))
    .digest();
  const value = await spec.produce(new Uint8Array(digest));
  if (value.length > capacity) return { bytes, needed: value.length };
  bytes.write(Buffer.from(value).toString("hex").toUpperCase(), contentsStart + 1, "latin1");
  return { bytes };
}

/** Appends the field and fills it, growing /Contents when the value did not fit (at most 3 tries). */
export async function placeSignature(
  pdf: Uint8Array,
  spec: PlaceholderSpec,
  initialCapacity: number,
): Promise<Uint8Array> {
  let capacity = initialCapacity;
  for (let tries = 0; tries < 3; tries++) {
    let result;
    try {
      result = await attempt(pdf, spec, capacity);
    } catch (error) {
      if (error instanceof SigningError) throw error;
      throw new SigningError(`cannot sign: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        stage: "sign",
      });
    }
    if (result.needed === undefined) return new Uint8Array(result.bytes);
    capacity = result.needed + 4_096;
  }
  throw new SigningError("the signature did not fit its placeholder after 3 attempts", { stage: "sign" });
}
