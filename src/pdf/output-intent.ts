// The sRGB OutputIntent PDF/A requires for device-dependent colour (DeviceRGB/DeviceGray images).
import { PDFName, PDFString, type PDFDocument } from "pdf-lib";
import { readAsset } from "./assets.js";

export const SRGB_IDENTIFIER = "sRGB IEC61966-2.1";

/** Embeds the shipped sRGB ICC v2 profile and sets it as the catalog's only OutputIntent. */
export async function addSrgbOutputIntent(doc: PDFDocument): Promise<void> {
  const icc = await readAsset("sRGB.icc");
  const profileRef = doc.context.register(doc.context.flateStream(icc, { N: 3 }));
  const intent = doc.context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of(SRGB_IDENTIFIER),
    Info: PDFString.of(SRGB_IDENTIFIER),
    RegistryName: PDFString.of("http://www.color.org"),
    DestOutputProfile: profileRef,
  });
  doc.catalog.set(PDFName.of("OutputIntents"), doc.context.obj([doc.context.register(intent)]));
}
