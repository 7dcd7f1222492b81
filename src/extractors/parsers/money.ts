// Sums of money in VND: "150.000.000 đồng" → 150000000.
import { fixDigits } from "./digits.js";

/** Parses a VND amount written with "." (or ",", or space) thousands separators; undefined when malformed. */
export function parseVnd(raw: string): { value: number; repaired: boolean } | undefined {
  const cleaned = raw.replace(/\s*(?:đồng|dong|VNĐ|VND|đ)\.?\s*$/iu, "").trim();
  const { value: fixed, changed } = fixDigits(cleaned);
  const m = /^(\d{1,3}(?:[.,\s]\d{3})+|\d+)$/.exec(fixed);
  if (!m) return undefined;
  const value = Number(fixed.replace(/[.,\s]/g, ""));
  return Number.isSafeInteger(value) ? { value, repaired: changed } : undefined;
}

/** The first amount followed by "đồng" in `text`. */
export function findVnd(text: string): { raw: string; value: number; repaired: boolean } | undefined {
  const m = /([0-9OoIlSB]{1,3}(?:[.,][0-9OoIlSB]{3})+|\d{4,})\s*(?:đồng|đ\b|VNĐ|VND)/iu.exec(text);
  if (!m) return undefined;
  const parsed = parseVnd(m[1]!);
  return parsed ? { raw: m[1]!, ...parsed } : undefined;
}
