// What a separator sheet's QR code says: a versioned prefix, the dossier code, and optionally the unit and document type.
import { isDossierCode } from "../extractors/parsers/dossier-code.js";

/** The link a sheet gives to the document after it. */
export interface SeparatorLink {
  dossierCode: string;
  unit?: string;
  docType?: string;
}

/** Only QR codes starting with this are sheets: results themselves often carry QR codes of their own. */
export const PREFIX = "SOHOA-SEP/1";

/** `SOHOA-SEP/1;d=<code>;u=<unit>;t=<type>`, values percent-encoded. */
export function encodePayload(link: SeparatorLink): string {
  const parts = [PREFIX, `d=${encodeURIComponent(link.dossierCode)}`];
  if (link.unit) parts.push(`u=${encodeURIComponent(link.unit)}`);
  if (link.docType) parts.push(`t=${encodeURIComponent(link.docType)}`);
  return parts.join(";");
}

export type ParsedPayload =
  { kind: "sheet"; link: SeparatorLink } | { kind: "bad"; reason: string } | { kind: "other" };

/** Reads a QR text: a sheet with a valid dossier code, a sheet that is wrong, or some other QR code. */
export function parsePayload(text: string): ParsedPayload {
  const [head, ...rest] = text.trim().split(";");
  if (head !== PREFIX) return { kind: "other" };
  const fields = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
  }
  const dossierCode = fields.get("d")?.trim().toUpperCase();
  if (!dossierCode) return { kind: "bad", reason: "no dossier code in the QR code" };
  if (!isDossierCode(dossierCode)) return { kind: "bad", reason: `not a dossier code: "${dossierCode}"` };
  const link: SeparatorLink = { dossierCode };
  const unit = fields.get("u");
  const docType = fields.get("t");
  if (unit) link.unit = unit;
  if (docType) link.docType = docType;
  return { kind: "sheet", link };
}
