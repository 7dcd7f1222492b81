// Blanks the records office fills in by hand after signing: the number in "Số: … /QĐ-UBND" and the day (and month) of the date.
import { normaliseDocNumber } from "./doc-number.js";
import { fold } from "./text.js";

export type Slot = "number" | "day" | "month";

/** What OCR made of one fill-in slot. */
export interface SlotRead {
  slot: Slot;
  /** The slot's text as OCR read it ("4‡", "2 #", ""). */
  raw: string;
  /** Digits, when the slot reads as a clean printed-looking number. */
  digits?: string;
  /** The slot does not read as digits: pen strokes, symbols, or nothing at all. */
  suspect: boolean;
}

/**
 * A slot is suspect when what OCR made of it cannot be a printed number: a glyph that is
 * neither an ASCII digit nor an ASCII letter (‡ # Ø ?), a gap inside it, no digit at all,
 * or nothing. Printed slips like "2O" are left to the digit repair of the parsers.
 */
export function readSlot(slot: Slot, raw: string): SlotRead {
  const text = raw.trim();
  const suspect = text === "" || /[^0-9A-Za-z]/.test(text) || !/[0-9]/.test(text);
  return { slot, raw: text, ...(/^\d{1,6}$/.test(text) ? { digits: text } : {}), suspect };
}

export interface NumberFill {
  /** The number slot; suspect also when a gap separates it from the slash (a filled-in blank). */
  number: SlotRead;
  /** The printed part: "/QĐ-UBND", "/2021/QĐ-UBND". */
  printed: string;
}

// The label, the slot (anything short up to the slash, a pen stroke read as a slash of its own
// included: "Z22/ /QĐ-UBND"), then the printed symbol; OCR may part the symbol at its hyphen
// ("/QĐ- TTg"), never before a lower-case word ("/QĐ-UBND ngày").
const NUMBER_LINE =
  /(?:^|[^\p{L}])(?:Số|SỐ|S6|Sô|Sỗ|Só|Sồ)\s*[:;.]?\s*([^/]{0,8}?\/?)(\s*)(\/\s*(?:\d{4}\s*\/\s*)?[\p{Lu}Đ](?:[\p{L}Đđ0-9.]|[-–](?:\s(?=\p{Lu}))?)*)/u;

/** The number line's slot and printed symbol; undefined when the line has no "Số … /SYMBOL". */
export function numberFill(line: string): NumberFill | undefined {
  const m = NUMBER_LINE.exec(line.replace(/Ð/g, "Đ"));
  if (!m) return undefined;
  const printed = normaliseDocNumber(m[3]!).replace(/ĐĐ+/g, "Đ");
  const number = readSlot("number", m[1]!);
  // A gap before the slash is the printed form's blank ("Số:      /QĐ-UBND"): what fills it was
  // written in after signing, by pen on real papers, and OCR reads pen digits confidently wrong.
  if (m[1]!.trim() && m[2]) number.suspect = true;
  return { number, printed };
}

export interface DateFill {
  day: SlotRead;
  month: SlotRead;
  year: string;
}

// Folded: "ngay <day> thang <month> nam <year>", the slots short and possibly empty; "ngay" itself
// may be mangled by the pen stroke next to it ("ngàW† tháng 5") or followed by a stroke read as a comma ("ngày,24'").
const DATE_LINE =
  /\b(?:ngay|ng\S{1,2}?)[\s,.]*(\S{0,3}?(?:\s\S{1,2})?)\s*t[hk]?[a-z]{2,3}g\s*(\S{0,3}?(?:\s\S{1,2})?)\s*,?\s*n[a-z]{1,2}m\s*(\d{4})/d;

/** The day and month slots of a "ngày … tháng … năm YYYY" line (the year is printed). */
export function dateFill(line: string): DateFill | undefined {
  const f = fold(line);
  const m = DATE_LINE.exec(f);
  if (!m) return undefined;
  // Slots sliced from the original line (fold keeps indexes), so "Ø" stays "Ø".
  const at = (k: number): string => {
    const span = m.indices?.[k];
    return span ? line.slice(span[0], span[1]) : "";
  };
  const day = at(1);
  const month = at(2);
  return { day: readSlot("day", day), month: readSlot("month", month), year: m[3]! };
}
