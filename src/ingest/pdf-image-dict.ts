// Facts from a PDF image dictionary: filters, declared size, and whether PDF/A-2 takes the stream as it is.
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFObject,
} from "pdf-lib";

/** Filters PDF/A-2 accepts (ISO 19005-2, 6.1.7: no LZWDecode, no Crypt). */
const PDFA_FILTERS = new Set([
  "FlateDecode",
  "DCTDecode",
  "CCITTFaxDecode",
  "JBIG2Decode",
  "JPXDecode",
  "ASCII85Decode",
  "ASCIIHexDecode",
  "RunLengthDecode",
]);

const lookup = (dict: PDFDict, key: string): PDFObject | undefined => dict.lookup(PDFName.of(key));

export function numberIn(dict: PDFDict, key: string): number {
  const value = lookup(dict, key);
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

/** The filter chain, outermost first. */
export function filtersOf(dict: PDFDict): string[] {
  const filter = lookup(dict, "Filter");
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray)
    return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : "?"));
  return [];
}

export function isImageMask(dict: PDFDict): boolean {
  const mask = lookup(dict, "ImageMask");
  return mask instanceof PDFBool && mask.asBoolean();
}

/** Colour components per pixel of a colour space; 4 (the most) when it cannot be told, so limits err safe. */
export function componentsOf(space: PDFObject | undefined, resolve: (o: PDFObject) => PDFObject): number {
  if (space instanceof PDFRef) space = resolve(space);
  if (space instanceof PDFName) {
    const name = space.decodeText();
    if (name === "DeviceGray" || name === "G" || name === "CalGray") return 1;
    if (name === "DeviceRGB" || name === "RGB") return 3;
    return 4;
  }
  if (space instanceof PDFArray && space.size() > 0) {
    const family = space.get(0);
    const name = family instanceof PDFName ? family.decodeText() : "";
    if (name === "Indexed" || name === "I" || name === "Separation" || name === "CalGray") return 1;
    if (name === "CalRGB" || name === "Lab") return 3;
    if (name === "DeviceN") {
      const names = resolve(space.get(1));
      return names instanceof PDFArray ? names.size() : 4;
    }
    if (name === "ICCBased") {
      const stream = resolve(space.get(1));
      return stream instanceof PDFRawStream ? numberIn(stream.dict, "N") || 4 : 4;
    }
  }
  return 4;
}

/** Decoded size the dictionary promises, bytes: what a well-formed stream inflates to (predictor tags aside). */
export function declaredBytes(dict: PDFDict, resolve: (o: PDFObject) => PDFObject): number {
  const width = numberIn(dict, "Width");
  const height = numberIn(dict, "Height");
  if (isImageMask(dict)) return Math.ceil(width / 8) * height;
  const bits = numberIn(dict, "BitsPerComponent") || 8;
  const components = componentsOf(lookup(dict, "ColorSpace"), resolve);
  return Math.ceil((width * bits * components) / 8) * height;
}

/** Whether a colour space is allowed under an sRGB output intent (device CMYK is not). */
function spaceIsPdfaSafe(
  space: PDFObject | undefined,
  resolve: (o: PDFObject) => PDFObject,
  depth = 0,
): boolean {
  if (depth > 4) return false;
  if (space instanceof PDFRef) space = resolve(space);
  if (space instanceof PDFName)
    return ["DeviceGray", "DeviceRGB", "G", "RGB", "CalGray", "CalRGB"].includes(space.decodeText());
  if (!(space instanceof PDFArray) || space.size() === 0) return false;
  const family = space.get(0);
  const name = family instanceof PDFName ? family.decodeText() : "";
  if (name === "ICCBased" || name === "CalRGB" || name === "CalGray" || name === "Lab") return true;
  if (name === "Indexed" || name === "I") return spaceIsPdfaSafe(space.get(1), resolve, depth + 1);
  if (name === "Separation" || name === "DeviceN") return spaceIsPdfaSafe(space.get(2), resolve, depth + 1);
  return false;
}

/** True when the object, followed through references, holds a string or another stream (both encrypted in an encrypted file). */
function holdsEncryptedParts(
  object: PDFObject | undefined,
  resolve: (o: PDFObject) => PDFObject,
  depth = 0,
): boolean {
  if (object === undefined || depth > 8) return depth > 8;
  if (object instanceof PDFRef) return holdsEncryptedParts(resolve(object), resolve, depth + 1);
  if (object instanceof PDFString || object instanceof PDFHexString || object instanceof PDFRawStream)
    return true;
  if (object instanceof PDFArray)
    return object.asArray().some((o) => holdsEncryptedParts(o, resolve, depth + 1));
  if (object instanceof PDFDict)
    return [...object.entries()].some(([, o]) => holdsEncryptedParts(o, resolve, depth + 1));
  return false;
}

/**
 * Why the stream cannot go into a PDF/A-2 file as it is, or undefined when it can. An encrypted
 * source's own data comes decrypted from the engine, but anything else it refers to (an SMask, an
 * ICC profile, a palette string, JBIG2 globals) would still be encrypted, so such images are redrawn.
 */
export function passthroughObstacle(
  dict: PDFDict,
  resolve: (o: PDFObject) => PDFObject,
  encrypted: boolean,
): string | undefined {
  const filters = filtersOf(dict);
  const bad = filters.find((f) => !PDFA_FILTERS.has(f));
  if (bad) return `filter ${bad}`;
  const isJpx = filters.at(-1) === "JPXDecode";
  const space = lookup(dict, "ColorSpace");
  const spaceFree = isImageMask(dict) || (isJpx && space === undefined);
  if (!spaceFree && !spaceIsPdfaSafe(space, resolve)) return "colour space needs a CMYK output intent";
  const smask = lookup(dict, "SMask");
  if (smask instanceof PDFRawStream && passthroughObstacle(smask.dict, resolve, encrypted))
    return "soft mask";
  if (encrypted) {
    for (const [key, value] of dict.entries()) {
      if (key.decodeText() === "Length") continue;
      if (holdsEncryptedParts(value, resolve)) return `encrypted /${key.decodeText()}`;
    }
  }
  return undefined;
}
