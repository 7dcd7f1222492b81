// Appends objects to a PDF as an incremental update (new xref section with /Prev), leaving earlier bytes untouched.
import type { PDFObject, PDFRef } from "pdf-lib";

export interface UpdateObject {
  ref: PDFRef;
  /** A pdf-lib object, or the object's bytes already serialised (without `n g obj`/`endobj`). */
  object: PDFObject | Uint8Array;
}

export interface UpdateTrailer {
  size: number;
  root: PDFRef;
  info?: PDFObject;
  id?: PDFObject;
}

const latin1 = (text: string) => Buffer.from(text, "latin1");

/** Bytes of a pdf-lib object as it would be written in a body. */
export function objectBytes(object: PDFObject): Buffer {
  const buffer = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(buffer, 0);
  return Buffer.from(buffer);
}

/** Offset of the last cross-reference section, from the final `startxref`. */
export function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString("latin1");
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = matches[matches.length - 1];
  if (!last?.[1]) throw new Error("no startxref at the end of the file: not a complete PDF");
  return Number(last[1]);
}

/** The original bytes followed by the objects, a classic xref section and a trailer pointing back with /Prev. */
export function appendIncrementalUpdate(
  original: Uint8Array,
  objects: UpdateObject[],
  trailer: UpdateTrailer,
): Buffer {
  const prev = lastStartXref(original);
  const parts: Buffer[] = [Buffer.from(original)];
  let offset = original.length;
  // The update must start on a new line after %%EOF.
  if (original[original.length - 1] !== 0x0a && original[original.length - 1] !== 0x0d) {
    parts.push(latin1("\n"));
    offset += 1;
  }
  const entries: Array<{ num: number; gen: number; offset: number }> = [];
  for (const { ref, object } of [...objects].sort((x, y) => x.ref.objectNumber - y.ref.objectNumber)) {
    const body = object instanceof Uint8Array ? Buffer.from(object) : objectBytes(object);
    const chunk = Buffer.concat([
      latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
      body,
      latin1("\nendobj\n"),
    ]);
    entries.push({ num: ref.objectNumber, gen: ref.generationNumber, offset });
    parts.push(chunk);
    offset += chunk.length;
  }
  const xrefOffset = offset;
  let xref = "xref\n";
  // Subsections of consecutive object numbers; entries are exactly 20 bytes each.
  for (let i = 0; i < entries.length;) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++;
    xref += `${entries[i]!.num} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) {
      const e = entries[k]!;
      xref += `${String(e.offset).padStart(10, "0")} ${String(e.gen).padStart(5, "0")} n\r\n`;
    }
    i = j + 1;
  }
  let dict = `<<\n/Size ${trailer.size}\n/Root ${trailer.root.toString()}\n`;
  if (trailer.info) dict += `/Info ${trailer.info.toString()}\n`;
  if (trailer.id) dict += `/ID ${trailer.id.toString()}\n`;
  dict += `/Prev ${prev}\n>>`;
  parts.push(latin1(`${xref}trailer\n${dict}\nstartxref\n${xrefOffset}\n%%EOF\n`));
  return Buffer.concat(parts);
}
