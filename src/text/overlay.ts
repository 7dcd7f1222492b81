// Words that are not the document's text: the e-signature banner of published PDFs, the "ĐẾN" stamp's dotted fields, stray symbol runs.
import { withLines, withWords } from "../ocr/page.js";
import type { Box, OcrLine, OcrPage, OcrWord } from "../types.js";

/** Folded text: lower case, no marks, đ → d. */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** Labels of the visible e-signature ("Ký bởi: …", "Thời gian ký: …"), as a line's first words. */
const BANNER_LABEL = /(?:^|\s)(?:nguoi ky|ky boi|e-?mail|co quan|thoi gian ky)\s*:/;
/** The dotted blanks of the incoming-document stamp ("Giờ……", "Ngày: …22/4……", "Kính chuyển……"). */
const DOTS = /[.…]{4,}|\.{2,}.*\.{2,}/;
const FIELD_LABEL = /^(?:gio|ngay|kinh|chuyen|so|den)\W*$/;
/** A word of symbols only that no administrative text prints alone: rules under the header ("——"), borders ("|", "`"). */
const STRAY = /^[^\p{L}\p{N}]+$/u;
const PUNCTUATION = /^(?:[-–—,.:;()/%+*]|\.\/\.|\/\.)$/;

/** Only the top of the page carries the banner. */
const TOP_SHARE = 0.22;

const inside = (w: OcrWord, b: Box): boolean => {
  const cx = (w.box.x0 + w.box.x1) / 2;
  const cy = (w.box.y0 + w.box.y1) / 2;
  return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
};

/**
 * The banner's region: from the first labelled word of each banner line to the line's end,
 * joined, and grown by one line height below for the wrapped value ("tỉnh Quảng Ngãi", the time).
 * Undefined unless the top of the page holds a signing-time or signer label.
 */
function bannerRegion(page: OcrPage): Box | undefined {
  const boxes: Box[] = [];
  let timed = false;
  for (const line of page.lines) {
    const at = bannerLabelAt(line, page.height);
    if (at < 0) continue;
    if (/thoi gian ky|nguoi ky|ky boi/.test(fold(line.text))) timed = true;
    const words = line.words.slice(at);
    boxes.push({
      x0: Math.min(...words.map((w) => w.box.x0)),
      y0: line.box.y0,
      x1: Math.max(...words.map((w) => w.box.x1)),
      y1: line.box.y1,
    });
  }
  if (!timed || boxes.length === 0) return undefined;
  const h = Math.max(...boxes.map((b) => b.y1 - b.y0));
  return {
    x0: Math.min(...boxes.map((b) => b.x0)) - h,
    y0: Math.min(...boxes.map((b) => b.y0)) - h / 2,
    x1: Math.max(...boxes.map((b) => b.x1)) + h,
    y1: Math.max(...boxes.map((b) => b.y1)) + h * 1.5,
  };
}

/** Index of the banner label's first word on a line in the top of the page, or -1. */
function bannerLabelAt(line: OcrLine, pageHeight: number): number {
  if (line.box.y0 > pageHeight * TOP_SHARE || !BANNER_LABEL.test(fold(line.text))) return -1;
  for (let i = 0; i < line.words.length; i++) {
    const rest = fold(
      line.words
        .slice(i)
        .map((w) => w.text)
        .join(" "),
    );
    if (!BANNER_LABEL.test(` ${rest}`)) return Math.max(0, i - 1);
  }
  return line.words.length - 1;
}

export interface Split {
  /** The page without the overlay words, lines rebuilt. */
  page: OcrPage;
  /** The removed words, grouped by their line. */
  overlay: OcrLine[];
}

/** A word of the stamp's dotted fields: the dots themselves, or the field label just before them. */
function stampWords(words: readonly OcrWord[]): Set<OcrWord> {
  const out = new Set<OcrWord>();
  words.forEach((w, i) => {
    if (!DOTS.test(w.text)) return;
    out.add(w);
    for (let k = i - 1; k >= Math.max(0, i - 2) && FIELD_LABEL.test(fold(words[k]!.text)); k--)
      out.add(words[k]!);
  });
  return out;
}

/**
 * Each line's words split by `dropOf`: the words it picks leave as an overlay line, the rest stay as
 * the line (dropped when nothing is left); a line with nothing picked is kept as it is.
 */
export function splitLines(
  source: readonly OcrLine[],
  dropOf: (line: OcrLine) => ReadonlySet<OcrWord>,
): { lines: OcrLine[]; overlay: OcrLine[] } {
  const lines: OcrLine[] = [];
  const overlay: OcrLine[] = [];
  for (const line of source) {
    const drop = dropOf(line);
    if (drop.size === 0) {
      lines.push(line);
      continue;
    }
    const gone = line.words.filter((w) => drop.has(w));
    overlay.push(withWords(line, gone));
    const keep = line.words.filter((w) => !drop.has(w));
    if (keep.length > 0) lines.push(withWords(line, keep));
  }
  return { lines, overlay };
}

/**
 * Splits the e-signature banner and the stamp's dotted fields off the page's text. A banner
 * line goes from its label on; any other line goes only when every word lies in the banner's
 * region (its wrapped values), so a header line just below the banner stays whole.
 */
export function splitOverlay(page: OcrPage): Split {
  const region = bannerRegion(page);
  const { lines, overlay } = splitLines(page.lines, (line) => {
    const drop = new Set(stampWords(line.words));
    for (const w of line.words) if (STRAY.test(w.text) && !PUNCTUATION.test(w.text)) drop.add(w);
    if (region) {
      const label = bannerLabelAt(line, page.height);
      if (label >= 0) for (const w of line.words.slice(label)) drop.add(w);
      else if (line.words.every((w) => inside(w, region))) for (const w of line.words) drop.add(w);
    }
    return drop;
  });
  if (overlay.length === 0) return { page, overlay };
  return { page: withLines(page, lines), overlay };
}
