// Personal ID (CCCD, 12 digits: province, century/sex, year) and the older 9-digit CMND.
import { repairNumber } from "./digits.js";

/** GSO province codes used as the first three CCCD digits (63 provinces before 2025). */
const PROVINCES = new Set(
  (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 " +
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 " +
    "083 084 086 087 089 091 092 093 094 095 096"
  ).split(" "),
);

export interface PersonalIdCheck {
  value: string;
  kind: "cccd" | "cmnd";
  repaired: boolean;
  /** Problems found; empty when the number is plausible. */
  problems: Array<"length" | "province" | "birthYear">;
}

/** Century and sex encoded in the fourth digit: 0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s … */
export function centuryOf(digit: number): number {
  return 1900 + Math.floor(digit / 2) * 100;
}

/** Sex encoded in the fourth digit: even male, odd female. */
export function genderOf(id: string): "Nam" | "Nữ" | undefined {
  if (!/^\d{12}$/.test(id)) return undefined;
  return Number(id[3]) % 2 === 0 ? "Nam" : "Nữ";
}

/**
 * Repairs and checks a personal ID; when `birthYear` is known, the century digit and the
 * two-digit year must agree with it.
 */
export function checkPersonalId(raw: string, birthYear?: number): PersonalIdCheck | undefined {
  const fixed = repairNumber(raw);
  if (!fixed) return undefined;
  const { value, changed } = fixed;
  const problems: PersonalIdCheck["problems"] = [];
  if (value.length === 9) return { value, kind: "cmnd", repaired: changed, problems };
  if (value.length !== 12) return { value, kind: "cccd", repaired: changed, problems: ["length"] };
  if (!PROVINCES.has(value.slice(0, 3))) problems.push("province");
  if (birthYear !== undefined) {
    const year = centuryOf(Number(value[3])) + Number(value.slice(4, 6));
    if (year !== birthYear) problems.push("birthYear");
  }
  return { value, kind: "cccd", repaired: changed, problems };
}

// Digits possibly split by one stray space ("0402891 78585") or with look-alike letters.
const RUN = /(?<![0-9])([0-9OoIlSB](?:[0-9OoIlSB]| (?=[0-9]{2})){8,13})(?![0-9])/g;

/** The first 9- or 12-digit run in `text`, with look-alikes repaired and stray spaces removed. */
export function findPersonalId(text: string): { raw: string; index: number } | undefined {
  for (const m of text.matchAll(RUN)) {
    const raw = m[1]!.trim();
    const digits = raw.replace(/\s/g, "");
    if (digits.length !== 12 && digits.length !== 9) continue;
    if (!/\d{6}/.test(digits)) continue;
    return { raw, index: m.index };
  }
  return undefined;
}
