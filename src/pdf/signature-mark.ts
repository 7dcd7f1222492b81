// The signature widget's appearance: organisation and signing time as text, Times-metric 10 pt, top right of page 1.
import type { PDFDocument, PDFPage, PDFRef } from "pdf-lib";
import type { Affine } from "../types.js";
import { readAsset } from "./assets.js";
import { num, operands } from "./matrix.js";

export interface SignatureMark {
  /** Widget /Rect in default user space. */
  rect: [number, number, number, number];
  /** Normal appearance stream (form XObject). */
  appearance: PDFRef;
}

const FONT_SIZE = 10;
const MARGIN = 18;
const PADDING = 3;

/** ISO 8601 in Vietnam time (UTC+07:00, no daylight saving), seconds precision. */
export function vietnamIso(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "");
  return `${local}+07:00`;
}

/** Rotation of the form space so text reads upright on a page shown with /Rotate (clockwise). */
function rotationMatrix(rotate: number): Affine {
  switch (((rotate % 360) + 360) % 360) {
    case 90:
      return { a: 0, b: 1, c: -1, d: 0, e: 0, f: 0 };
    case 180:
      return { a: -1, b: 0, c: 0, d: -1, e: 0, f: 0 };
    case 270:
      return { a: 0, b: -1, c: 1, d: 0, e: 0, f: 0 };
    default:
      return { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
  }
}

/** The user-space rectangle of a box at the displayed page's top right. */
function topRightRect(page: PDFPage, w: number, h: number): [number, number, number, number] {
  const box = page.getCropBox();
  const rotate = ((page.getRotation().angle % 360) + 360) % 360;
  const W = box.width;
  const H = box.height;
  const dispW = rotate % 180 === 0 ? W : H;
  const dispH = rotate % 180 === 0 ? H : W;
  // Displayed corners of the mark, then mapped back to user space (inverse of the /Rotate view).
  const X0 = dispW - MARGIN - w;
  const Y0 = dispH - MARGIN - h;
  const toUser = (X: number, Y: number): [number, number] =>
    rotate === 90 ? [W - Y, X] : rotate === 180 ? [W - X, H - Y] : rotate === 270 ? [Y, H - X] : [X, Y];
  const [ax, ay] = toUser(X0, Y0);
  const [bx, by] = toUser(X0 + w, Y0 + h);
  return [
    box.x + Math.min(ax, bx),
    box.y + Math.min(ay, by),
    box.x + Math.max(ax, bx),
    box.y + Math.max(ay, by),
  ];
}

/** An empty appearance at a zero rectangle, for an invisible signature (PDF/A still wants /AP). */
export function invisibleMark(doc: PDFDocument): SignatureMark {
  const stream = doc.context.stream("", { Type: "XObject", Subtype: "Form", BBox: [0, 0, 0, 0] });
  return { rect: [0, 0, 0, 0], appearance: doc.context.register(stream) };
}

/** Embeds the subset font and the two-line mark "Ký bởi: <organisation>" / "Thời gian ký: <ISO time>". */
export async function visibleMark(
  doc: PDFDocument,
  page: PDFPage,
  organisation: string,
  signingTime: Date,
): Promise<SignatureMark> {
  // fontkit takes a quarter of a second to load; only a visible mark needs it.
  doc.registerFontkit((await import("@pdf-lib/fontkit")).default);
  const font = await doc.embedFont(await readAsset("LiberationSerif-Regular.ttf"), { subset: true });
  const lines = [`Ký bởi: ${organisation}`.normalize("NFC"), `Thời gian ký: ${vietnamIso(signingTime)}`];
  const lineHeight = FONT_SIZE * 1.2;
  const width = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, FONT_SIZE))) + 2 * PADDING;
  const height = lines.length * lineHeight + 2 * PADDING;
  let content = "BT\n0 g\n";
  lines.forEach((line, i) => {
    const y = height - PADDING - (i + 1) * lineHeight + (lineHeight - FONT_SIZE) + FONT_SIZE * 0.2;
    content += `/F1 ${FONT_SIZE} Tf\n1 0 0 1 ${num(PADDING)} ${num(y)} Tm\n${font.encodeText(line).toString()} Tj\n`;
  });
  content += "ET\n";
  await font.embed();
  const rotate = page.getRotation().angle;
  const m = rotationMatrix(rotate);
  const stream = doc.context.flateStream(content, {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, width, height],
    Matrix: operands(m).split(" ").map(Number),
    Resources: { Font: { F1: font.ref } },
  });
  return { rect: topRightRect(page, width, height), appearance: doc.context.register(stream) };
}
