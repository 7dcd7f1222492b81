// Builds a scanned stack the way a clerk makes one: sohoa's sheets between made-up documents, printed, then scanned back.
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";
import QRCode from "qrcode";
import sharp from "sharp";
import { readAsset } from "../../src/pdf/assets.js";
import type { SeparatorLink } from "../../src/separator/payload.js";
import { separatorSheetPdf } from "../../src/separator/sheet-pdf.js";

const run = promisify(execFile);

export interface StackDoc {
  link: SeparatorLink;
  pages: number;
}

export interface ScanOptions {
  dpi: number;
  /** Largest skew, degrees; page i gets a skew spread over ±maxSkew. */
  maxSkew: number;
  jpegQuality: number;
  /** Add a blank page after every sheet (its back, scanned duplex). */
  duplex?: boolean;
}

/** A made-up result page with a QR code of its own (real results carry one) that is not a sheet. */
async function documentPdf(doc: StackDoc, n: number): Promise<PDFDocument> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await readAsset("LiberationSerif-Regular.ttf"), { subset: true });
  for (let p = 0; p < doc.pages; p++) {
    const page = pdf.addPage([595.28, 841.89]);
    const line = (t: string, y: number, size = 13) => page.drawText(t, { x: 70, y, size, font });
    line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 780, 14);
    line("Độc lập - Tự do - Hạnh phúc", 762);
    line(`QUYẾT ĐỊNH số ${n + 1}/QĐ-UBND — trang ${p + 1}/${doc.pages}`, 700, 16);
    for (let k = 0; k < 18; k++)
      line(`Điều ${k + 1}. Nội dung thử nghiệm của văn bản số ${n + 1}, dòng ${k + 1}.`, 660 - k * 24, 12);
    const qr = QRCode.create(`https://dichvucong.example/tra-cuu?so=${n + 1}`, { errorCorrectionLevel: "M" });
    const cell = 60 / qr.modules.size;
    for (let r = 0; r < qr.modules.size; r++) {
      for (let c = 0; c < qr.modules.size; c++) {
        if (qr.modules.get(r, c))
          page.drawRectangle({
            x: 460 + c * cell,
            y: 90 + (qr.modules.size - r) * cell,
            width: cell,
            height: cell,
            color: rgb(0, 0, 0),
          });
      }
    }
  }
  return pdf;
}

/** The printed stack: a sheet before each document. Returns the PDF bytes. */
export async function printedStack(docs: StackDoc[], duplex = false): Promise<Uint8Array> {
  const stack = await PDFDocument.create();
  const sheets = await PDFDocument.load(await separatorSheetPdf(docs.map((d) => d.link)));
  for (const [i, doc] of docs.entries()) {
    const [sheet] = await stack.copyPages(sheets, [i]);
    stack.addPage(sheet!);
    if (duplex) stack.addPage([595.28, 841.89]);
    const body = await documentPdf(doc, i);
    for (const p of await stack.copyPages(body, body.getPageIndices())) stack.addPage(p);
  }
  return stack.save();
}

/** Rasterises the printed stack and "scans" it back: grey, skewed, JPEG, one image per page in a PDF. */
export async function scannedStack(docs: StackDoc[], dir: string, scan: ScanOptions): Promise<string> {
  const printed = path.join(dir, "printed.pdf");
  await writeFile(printed, await printedStack(docs, scan.duplex));
  await run("pdftoppm", ["-r", String(scan.dpi), "-gray", "-png", printed, path.join(dir, "raster")]);
  const rasters = (await readdir(dir)).filter((f) => f.startsWith("raster")).sort();
  const out = await PDFDocument.create();
  for (const [i, name] of rasters.entries()) {
    // A spread of angles over ±maxSkew, alternating sign, as a sheet feeder gives.
    const angle = (i % 2 ? -1 : 1) * scan.maxSkew * (((i * 7) % 10) / 9);
    const jpeg = await sharp(await readFile(path.join(dir, name)))
      .rotate(angle, { background: { r: 255, g: 255, b: 255 } })
      .jpeg({ quality: scan.jpegQuality })
      .toBuffer({ resolveWithObject: true });
    const image = await out.embedJpg(jpeg.data);
    const w = (jpeg.info.width * 72) / scan.dpi,
      h = (jpeg.info.height * 72) / scan.dpi;
    out.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  const file = path.join(dir, "scanned-stack.pdf");
  await writeFile(file, await out.save());
  return file;
}
