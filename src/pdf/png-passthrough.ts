// PNG pages go into the PDF without re-compression: the IDAT stream is already Flate with PNG predictors.
export interface PngStream {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB). */
  colors: 1 | 3;
  bitsPerComponent: 1 | 8;
  /** The concatenated IDAT data: a zlib stream of predictor-tagged rows. */
  data: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The PNG's image data when a PDF can take it as is (FlateDecode, /Predictor 15): grey or RGB,
 * 8-bit (or 1-bit grey), no interlace, no alpha, no palette, no gamma or ICC that would change
 * colours. Undefined otherwise, and the caller decodes and re-encodes.
 */
export function pngPassthrough(png: Buffer): PngStream | undefined {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let offset = 8;
  let header:
    { width: number; height: number; depth: number; colourType: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) return undefined;
    if (type === "IHDR") {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        colourType: body[9]!,
        interlace: body[12]!,
      };
    } else if (type === "IDAT") {
      idat.push(body);
    } else if (type === "PLTE" || type === "tRNS" || type === "iCCP" || type === "gAMA" || type === "sBIT") {
      return undefined;
    } else if (type === "IEND") {
      break;
    }
    offset += 12 + length;
  }
  if (!header || idat.length === 0 || header.interlace !== 0) return undefined;
  const colors = header.colourType === 0 ? 1 : header.colourType === 2 ? 3 : undefined;
  if (!colors) return undefined;
  if (!(header.depth === 8 || (header.depth === 1 && colors === 1))) return undefined;
  return {
    width: header.width,
    height: header.height,
    colors,
    bitsPerComponent: header.depth as 1 | 8,
    data: Buffer.concat(idat),
  };
}
