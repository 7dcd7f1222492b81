// Cross-checks a metadata sidecar against the signed PDF's XMP, and the archived original scan against its recorded hash.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isXmpPropertyName } from "../pdf/xmp.js";

export interface OriginalReport {
  path: string;
  sha256: string;
  expected: string;
  matches: boolean;
}

/** The `sohoa:` properties of the last XMP packet in the PDF (written uncompressed by the pdfa stage). */
export function signedXmpProperties(bytes: Uint8Array): Record<string, string> | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const start = text.lastIndexOf("<x:xmpmeta");
  if (start < 0) return undefined;
  const end = text.indexOf("</x:xmpmeta>", start);
  const packet = text.slice(start, end < 0 ? undefined : end);
  const props: Record<string, string> = {};
  for (const m of packet.matchAll(/<sohoa:([A-Za-z][A-Za-z0-9_]*)>([^<]*)<\/sohoa:\1>/g))
    props[m[1]!] = xmlUnescape(m[2]!);
  return Object.keys(props).length ? props : undefined;
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&amp;/g, "&");
}

/** As the XMP writer keeps it: text without the control characters XML 1.0 forbids. */
const asXmpText = (v: unknown) => String(v).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/**
 * What the sidecar says that the signature does not back: docType, source hash and every field
 * value must equal the signed XMP's. Returns one message per difference.
 */
export function sidecarDifferences(sidecar: Record<string, unknown>, xmp: Record<string, string>): string[] {
  const out: string[] = [];
  // A bare sidecar (only pdfSha256) claims nothing more; what it does claim must match.
  const same = (label: string, mine: unknown, signed: string | undefined) => {
    if (signed === undefined) return;
    if (mine === undefined || asXmpText(mine) !== signed)
      out.push(
        `metadata ${label} is ${JSON.stringify(mine)} but the signed PDF says ${JSON.stringify(signed)}`,
      );
  };
  if ("docType" in sidecar) same("docType", sidecar.docType, xmp.docType);
  if ("sourceSha256" in sidecar) same("sourceSha256", sidecar.sourceSha256, xmp.sourceSha256);
  if (typeof sidecar.fields !== "object" || sidecar.fields === null) return out;
  const fields = sidecar.fields as Record<string, { value?: unknown } | undefined>;
  const reserved = new Set(["docType", "sourceName", "sourceSha256", "pageCount", "needsReview"]);
  for (const name of Object.keys(xmp))
    if (!reserved.has(name)) same(`fields.${name}`, fields[name]?.value, xmp[name]);
  for (const name of Object.keys(fields)) {
    if (isXmpPropertyName(name) && !reserved.has(name) && !(name in xmp))
      out.push(`metadata fields.${name} is not in the signed PDF`);
  }
  return out;
}

/** The archived original beside the PDF (`original.<ext>`, as the store stage names it), hashed against `expected`. */
export async function checkOriginal(dir: string, expected: string): Promise<OriginalReport | undefined> {
  const name = (await readdir(dir)).find((n) => /^original(\.[A-Za-z0-9]+)?$/.test(n));
  if (!name) return undefined;
  const file = path.join(dir, name);
  const sha256 = createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
  return { path: file, sha256, expected, matches: sha256 === expected.toLowerCase() };
}
