// Document number and symbol after "Số:" (Decree 30/2020): "15/QĐ-UBND", "12/2021/QĐ-UBND", "817/GPXD".
import { fixDigits } from "./digits.js";

export interface DocNumber {
  value: string;
  /** Number part as printed, before repair. */
  raw: string;
  repaired: boolean;
  index: number;
}

// "Số" with its capital S (the label, not "số" inside a sentence), then the number and symbol.
const LABEL =
  /(?:^|[^\p{L}])(?:Số|SỐ|S6|Sô|Sỗ|Só)\s*[:;.]?\s*([0-9OoIlSB]{1,6}(?:\s?\/\s?[0-9]{4})?\s?\/\s?[\p{Lu}Đ0-9][\p{L}0-9Đđ.\-–]*)/gu;

/** Tidies a symbol: no inner spaces, dashes plain, trailing punctuation dropped, "Qđ" → "QĐ". */
export function normaliseDocNumber(raw: string): string {
  const compact = raw
    .replace(/\s+/g, "")
    .replace(/[–—]/g, "-")
    .replace(/[.,;:]+$/, "");
  const slash = compact.indexOf("/");
  if (slash < 0) return compact;
  const head = fixDigits(compact.slice(0, slash)).value;
  // Upper case repairs "Qđ"; the official mixed-case abbreviations (TTg Thủ tướng, TTr Tờ trình) keep theirs.
  const symbol = compact
    .slice(slash)
    .toLocaleUpperCase("vi")
    .replace(/(?<=[/-])(TT|CT)([GR])(?=$|[-/])/g, (_, a: string, b: string) => a + b.toLowerCase());
  return `${head}${symbol}`;
}

/** The first "Số: N/SYMBOL" in `text` (symbol required: "Số 252 đường …" is an address). */
export function findDocNumber(text: string): DocNumber | undefined {
  for (const m of text.matchAll(LABEL)) {
    const raw = m[1] ?? "";
    const value = normaliseDocNumber(raw);
    if (!/^\d+(\/\d{4})?\/[\p{Lu}Đ]/u.test(value)) continue;
    const head = raw.split("/")[0] ?? "";
    return { value, raw, repaired: fixDigits(head).changed, index: m.index };
  }
  return undefined;
}

/** Splits "12/2021/QĐ-UBND" into its parts. */
export function splitDocNumber(value: string): { number: number; year?: number; symbol: string } | undefined {
  const m = /^(\d+)(?:\/(\d{4}))?\/(.+)$/.exec(value);
  if (!m) return undefined;
  return { number: Number(m[1]), ...(m[2] ? { year: Number(m[2]) } : {}), symbol: m[3]! };
}
