// Prints a separator sheet: one A4 page with a large QR code, the dossier code in large type, unit and type.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import QRCode from "qrcode";
import { readAsset } from "../pdf/assets.js";
import { encodePayload, type SeparatorLink } from "./payload.js";

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
/** QR side: 70 mm survives 150 dpi scans, skew and JPEG; error correction Q survives a staple or a pen mark. */
const QR_SIDE = 70 * MM;

/** The sheet's PDF bytes; several links make several sheets in one file. */
export async function separatorSheetPdf(links: SeparatorLink[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readAsset("LiberationSerif-Regular.ttf"), { subset: true });
  pdf.setTitle("Tờ phân cách hồ sơ");
  pdf.setCreator("sohoa");
  for (const link of links) {
    const page = pdf.addPage([A4.width, A4.height]);
    const centre = (text: string, size: number, y: number) =>
      page.drawText(text, {
        x: (A4.width - font.widthOfTextAtSize(text, size)) / 2,
        y,
        size,
        font,
        color: rgb(0, 0, 0),
      });
    centre("TỜ PHÂN CÁCH HỒ SƠ", 26, A4.height - 40 * MM);
    centre("Đặt trước văn bản của hồ sơ. Tờ này không được lưu vào bản số hóa.", 12, A4.height - 48 * MM);

    const qr = QRCode.create(encodePayload(link), { errorCorrectionLevel: "Q" });
    const n = qr.modules.size;
    const cell = QR_SIDE / n;
    const x0 = (A4.width - QR_SIDE) / 2;
    const y0 = A4.height - 60 * MM - QR_SIDE;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        // Slight overlap so no hairline gaps appear between modules when rasterised.
        if (qr.modules.get(r, c))
          page.drawRectangle({
            x: x0 + c * cell,
            y: y0 + (n - 1 - r) * cell,
            width: cell + 0.05,
            height: cell + 0.05,
            color: rgb(0, 0, 0),
          });
      }
    }
    let size = 34;
    while (font.widthOfTextAtSize(link.dossierCode, size) > A4.width - 30 * MM) size -= 1;
    centre(link.dossierCode, size, y0 - 22 * MM);
    let y = y0 - 36 * MM;
    if (link.unit) {
      centre(`Đơn vị: ${link.unit}`, 18, y);
      y -= 10 * MM;
    }
    if (link.docType) centre(`Loại văn bản: ${link.docType}`, 18, y);
  }
  return pdf.save();
}
