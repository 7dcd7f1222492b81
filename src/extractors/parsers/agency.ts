// The issuing agency block at the top left: its upper-case lines, joined by one space.
import { fold, squash } from "./text.js";

/** Fixed phrases of agency names, matched without diacritics, restored with them. */
const PHRASES: Array<[RegExp, string]> = [
  [/^u\s?y\s?b\s?a\s?n\s+nhan\s+dan$/, "ỦY BAN NHÂN DÂN"],
  [/^phong$/, "PHÒNG"],
  [/^tai chinh - ke hoach$/, "TÀI CHÍNH - KẾ HOẠCH"],
];

/** Word pairs that open the national motto, which shares the header lines with the agency. */
const MOTTO = new Set(["cong hoa", "doc lap", "hoa xa", "xa hoi"]);

/** True when `token` is an upper-case word (or the dash inside "TÀI CHÍNH - KẾ HOẠCH"). */
function isUpperToken(token: string): boolean {
  return token === "-" || (/^[\p{Lu}'’]+$/u.test(token) && /\p{L}/u.test(token));
}

/** The run of upper-case words that starts a header line, stopping at the motto or the place-date. */
export function upperPrefix(line: string): string {
  const out: string[] = [];
  const tokens = squash(line.replace(/^[^\p{L}]+/u, "")).split(" ");
  for (let i = 0; i < tokens.length; i++) {
    const rawToken = tokens[i]!;
    const token = rawToken.replace(/[,.;:]+$/, "");
    if (!isUpperToken(token)) break;
    if (MOTTO.has(`${fold(token)} ${fold(tokens[i + 1] ?? "")}`)) break;
    out.push(token);
    if (rawToken !== token) break;
  }
  while (out[out.length - 1] === "-") out.pop();
  return out.join(" ");
}

/** Restores the diacritics of the fixed phrases of an agency line. */
function restorePhrases(line: string): { value: string; repaired: boolean } {
  let value = line;
  const f = fold(line);
  for (const [re, fixed] of PHRASES) {
    if (re.test(f) && line !== fixed) return { value: fixed, repaired: true };
  }
  // "PHONG TÀI CHÍNH …": only the first word of a department line is the unit type.
  const m = /^(\S+)\s+(.*)$/.exec(line);
  if (m && fold(m[1]!) === "phong" && m[1] !== "PHÒNG") value = `PHÒNG ${m[2]}`;
  const tokens = value.split(" ");
  if (tokens.length >= 5 && fold(tokens.slice(-5).join(" ")) === "tai chinh - ke hoach") {
    value = [...tokens.slice(0, -5), "TÀI CHÍNH - KẾ HOẠCH"].join(" ");
  }
  return { value, repaired: value !== line };
}

export interface AgencyBlock {
  value: string;
  /** Indices of the lines used. */
  lines: number[];
  repaired: boolean;
}

/** Splits "ỦY BAN NHÂN DÂN TỈNH X" back into its two printed lines' worth of words. */
function splitLeadingCommittee(prefix: string): string[] {
  const m = /^(\S+ \S+ \S+ \S+)\s+(.+)$/.exec(prefix);
  if (m && /^u\s?y ban nhan dan$/.test(fold(m[1]!))) return [m[1]!, m[2]!];
  return [prefix];
}

/**
 * The agency block from the header lines `lines[0..end)`: upper-case prefixes of each line,
 * motto and place-date cut off, fixed phrases repaired, joined by one space.
 */
export function findAgencyBlock(lines: readonly string[], end: number): AgencyBlock | undefined {
  const parts: string[] = [];
  const used: number[] = [];
  let repaired = false;
  for (let i = 0; i < Math.min(end, lines.length); i++) {
    const line = lines[i]!;
    const prefix = upperPrefix(line);
    const letters = prefix.replace(/[^\p{L}]/gu, "");
    if (letters.length < 4 || !/\p{L}{3}/u.test(prefix)) continue;
    for (const piece of splitLeadingCommittee(prefix)) {
      const restored = restorePhrases(piece);
      repaired ||= restored.repaired;
      parts.push(restored.value);
    }
    used.push(i);
  }
  if (parts.length === 0) return undefined;
  return { value: parts.join(" "), lines: used, repaired };
}
