// File type by magic bytes, never by extension: scanners and users rename files freely.
import type { SupportedMime } from "../types.js";

/** The supported type of these leading bytes, or undefined. */
export function sniffMime(head: Uint8Array): SupportedMime | undefined {
  const b = head;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 4 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))
  ) {
    return "image/tiff";
  }
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return "image/webp";
  // Some scanners write a few bytes of junk before the header; PDF readers accept up to 1024.
  if (ascii(b, 0, Math.min(b.length, 1024)).includes("%PDF-")) return "application/pdf";
  return undefined;
}

/** A short human description of what the bytes look like instead, for error messages. */
export function describeContent(head: Uint8Array): string {
  if (head.length === 0) return "the file is empty";
  const text = ascii(head, 0, Math.min(head.length, 256)).trimStart().toLowerCase();
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return "it is an HTML page, not a scan";
  if (text.startsWith("<?xml") || text.startsWith("<svg")) return "it is XML/SVG, not a scan";
  if (head[0] === 0x50 && head[1] === 0x4b) return "it is a ZIP archive (DOCX/XLSX?), not a scan";
  return "the content is not JPEG, PNG, TIFF, WebP or PDF";
}

function ascii(b: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}
