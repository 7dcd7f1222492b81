// Vietnamese dates: "ngày 05 tháng 01 năm 2020" (zeros optional, OCR-mangled words) and dd/mm/yyyy.
import { fixDigits } from "./digits.js";
import { fold } from "./text.js";

export interface ParsedDate {
  /** YYYY-MM-DD */
  iso: string;
  /** Index of the match in the searched string. */
  index: number;
  end: number;
  /** Digits had to be repaired or the words were mangled. */
  repaired: boolean;
}

const N = "[0-9OoIlSB]";
// Folded text: "ngay", OCR variants "hgay", "ngav"; "thang" → "thắng", "thang"; "nam" → "nắm".
const WORDS = new RegExp(
  `\\b[nh]?g[a-z]?[yv]\\s*(${N}{1,2})\\s*,?\\s*t[hk]?[a-z]{2,3}g\\s*(${N}{1,2})\\s*,?\\s*n[a-z]{1,2}m\\s*(${N}{4})`,
  "g",
);
const SLASHED = new RegExp(
  `(?<![0-9/])(${N}{1,2})\\s?[/.-]\\s?(${N}{1,2})\\s?[/.-]\\s?(${N}{4})(?![0-9])`,
  "g",
);

/** "2020", "01", "5" → ISO date, or undefined when the day or month is impossible. */
export function toIsoDate(day: string, month: string, year: string): string | undefined {
  const d = Number(fixDigits(day).value);
  const m = Number(fixDigits(month).value);
  const y = Number(fixDigits(year).value);
  if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y)) return undefined;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function collect(text: string, re: RegExp, wordy: boolean): ParsedDate[] {
  const hay = wordy ? fold(text) : text;
  const out: ParsedDate[] = [];
  for (const m of hay.matchAll(re)) {
    const [all, d = "", mo = "", y = ""] = m;
    const iso = toIsoDate(d, mo, y);
    if (!iso) continue;
    const repaired = fixDigits(d + mo + y).changed || (wordy && !/ngay/.test(all));
    out.push({ iso, index: m.index, end: m.index + all.length, repaired });
  }
  return out;
}

/** Every date written out in words ("ngày … tháng … năm …") in `text`, in order. */
export function findWordDates(text: string): ParsedDate[] {
  return collect(text, WORDS, true);
}

/** Every dd/mm/yyyy date in `text`, in order. */
export function findSlashDates(text: string): ParsedDate[] {
  return collect(text, SLASHED, false);
}

/** The first date of either form in `text`. */
export function parseDate(text: string): ParsedDate | undefined {
  const all = [...findWordDates(text), ...findSlashDates(text)].sort((a, b) => a.index - b.index);
  return all[0];
}
