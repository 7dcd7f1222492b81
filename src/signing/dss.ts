// The PAdES Document Security Store (ETSI EN 319 142-1, B-LT): certificates, OCSP responses and CRLs as an incremental update.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from "pdf-lib";
import { appendIncrementalUpdate, type UpdateObject } from "../pdf/incremental-update.js";

export interface DssContent {
  certs: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

const KEYS = { certs: "Certs", ocsps: "OCSPs", crls: "CRLs" } as const;

function streamsOf(doc: PDFDocument, dss: PDFDict | undefined, key: string): Uint8Array[] {
  const array = dss?.lookupMaybe(PDFName.of(key), PDFArray);
  const out: Uint8Array[] = [];
  for (let i = 0; i < (array?.size() ?? 0); i++) {
    const stream = doc.context.lookup(array!.get(i));
    // sohoa writes these streams unfiltered; a filtered stream from another tool is skipped, not misread.
    if (stream instanceof PDFRawStream && !stream.dict.get(PDFName.of("Filter")))
      out.push(stream.getContents());
  }
  return out;
}

/** The DSS of a PDF (its latest revision), empty arrays when there is none. */
export async function readDss(pdf: Uint8Array): Promise<DssContent> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: false });
  const dss = doc.catalog.lookupMaybe(PDFName.of("DSS"), PDFDict);
  return {
    certs: streamsOf(doc, dss, KEYS.certs),
    ocsps: streamsOf(doc, dss, KEYS.ocsps),
    crls: streamsOf(doc, dss, KEYS.crls),
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Appends a DSS holding `content` (merged with any DSS already there) without touching earlier bytes or signatures. */
export async function appendDss(pdf: Uint8Array, content: DssContent): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef)) throw new Error("the trailer has no /Root reference");
  const old = doc.catalog.lookupMaybe(PDFName.of("DSS"), PDFDict);
  const objects: UpdateObject[] = [];
  const dss = context.obj({ Type: "DSS" }) as PDFDict;
  for (const [field, key] of Object.entries(KEYS) as Array<[keyof DssContent, string]>) {
    const kept = old?.lookupMaybe(PDFName.of(key), PDFArray);
    const array = context.obj([]) as PDFArray;
    const existing = streamsOf(doc, old, key);
    for (let i = 0; i < (kept?.size() ?? 0); i++) array.push(kept!.get(i));
    for (const item of content[field]) {
      if (existing.some((e) => same(e, item))) continue;
      existing.push(item);
      const stream = context.stream(item, {});
      const ref = context.register(stream);
      objects.push({ ref, object: stream as PDFObject });
      array.push(ref);
    }
    if (array.size() > 0) dss.set(PDFName.of(key), array);
  }
  const dssRef = context.register(dss);
  objects.push({ ref: dssRef, object: dss });
  doc.catalog.set(PDFName.of("DSS"), dssRef);
  objects.push({ ref: catalogRef, object: doc.catalog });
  return new Uint8Array(
    appendIncrementalUpdate(pdf, objects, {
      size: context.largestObjectNumber + 1,
      root: catalogRef,
      info: context.trailerInfo.Info,
      id: context.trailerInfo.ID,
    }),
  );
}
