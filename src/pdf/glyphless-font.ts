// The invisible OCR font: Tesseract's glyphless TrueType as a Type0/Identity-H font, CID = UTF-16 code unit.
import { deflateSync } from "node:zlib";
import { PDFString, type PDFContext, type PDFRef } from "pdf-lib";
import { readAsset } from "./assets.js";

/** Advance of every glyph, in 1/1000 em: the font program's 1024/2048 units. */
export const GLYPHLESS_WIDTH = 500;

/** ToUnicode CMap mapping each 2-byte CID to the same UTF-16 code unit (BMP only, surrogates excluded). */
function toUnicodeCMap(): string {
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    if (hi >= 0xd8 && hi <= 0xdf) continue;
    const h = hi.toString(16).padStart(2, "0").toUpperCase();
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const blocks: string[] = [];
  // A bfrange block holds at most 100 entries.
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join("\n")}\nendbfrange`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

/** Registers the glyphless font in `context` and returns the Type0 font's reference. */
export async function embedGlyphlessFont(context: PDFContext): Promise<PDFRef> {
  const program = await readAsset("glyphless.ttf");
  const fontFile = context.flateStream(program, { Length1: program.length });
  const fontFileRef = context.register(fontFile);

  // Every CID maps to glyph 1, the one invisible box.
  const gidMap = new Uint8Array(65_536 * 2);
  for (let i = 1; i < gidMap.length; i += 2) gidMap[i] = 1;
  const cidToGid = context.stream(deflateSync(gidMap), { Filter: "FlateDecode" });
  const cidToGidRef = context.register(cidToGid);

  const descriptorRef = context.register(
    context.obj({
      Type: "FontDescriptor",
      FontName: "GlyphLessFont",
      Flags: 5,
      FontBBox: [0, 0, GLYPHLESS_WIDTH, 1000],
      ItalicAngle: 0,
      Ascent: 1000,
      Descent: 0,
      CapHeight: 1000,
      StemV: 80,
      FontFile2: fontFileRef,
    }),
  );
  const cidFontRef = context.register(
    context.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: "GlyphLessFont",
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
      FontDescriptor: descriptorRef,
      CIDToGIDMap: cidToGidRef,
      DW: GLYPHLESS_WIDTH,
    }),
  );
  const toUnicodeRef = context.register(context.flateStream(toUnicodeCMap()));
  const type0 = context.obj({
    Type: "Font",
    Subtype: "Type0",
    BaseFont: "GlyphLessFont",
    Encoding: "Identity-H",
    DescendantFonts: [cidFontRef],
    ToUnicode: toUnicodeRef,
  });
  return context.register(type0);
}

/** Text as an Identity-H hex string for the glyphless font: NFC, BMP code units, one CID each. */
export function encodeGlyphless(text: string): { hex: string; glyphs: number } {
  let hex = "";
  let glyphs = 0;
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    // Outside the BMP there is no single code unit; such characters are vanishingly rare in Vietnamese papers.
    if (code > 0xffff || (code >= 0xd800 && code <= 0xdfff)) continue;
    hex += code.toString(16).padStart(4, "0").toUpperCase();
    glyphs++;
  }
  return { hex, glyphs };
}
