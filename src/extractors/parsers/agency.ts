// The issuing agency block at the top left: its upper-case lines, joined by one space.
import { collapseStackedVowel, fold, squash } from "./text.js";

/** Fixed phrases of agency names, matched without diacritics, restored with them. */
const PHRASES: Array<[RegExp, string]> = [
  [/^u\s?y\s?b\s?a\s?n\s+nhan\s+dan$/, "ỦY BAN NHÂN DÂN"],
  [/^phong$/, "PHÒNG"],
  [/^tai chinh - ke hoach$/, "TÀI CHÍNH - KẾ HOẠCH"],
];

/** Word pairs that open the national motto, which shares the header lines with the agency. */
const MOTTO = new Set(["cong hoa", "doc lap", "hoa xa", "xa hoi"]);

/** The whole national motto and slogan, wherever OCR put them on a merged header line. */
const MOTTO_PHRASES = [
  /c[o0]ng h[o0]a xa h[o0]i chu nghia viet nam/g,
  /d[o0]c lap\s*-?\s*tu do\s*-?\s*hanh phuc/g,
];

/** Blanks out the motto phrases; `fold` keeps indices, so the cut is made in the original line. */
function stripMotto(line: string): string {
  let out = line;
  const f = fold(line);
  for (const re of MOTTO_PHRASES) {
    for (const m of f.matchAll(re))
      out = out.slice(0, m.index) + " ".repeat(m[0].length) + out.slice(m.index + m[0].length);
  }
  return out;
}

/** True when `token` is an upper-case word (or the dash inside "TÀI CHÍNH - KẾ HOẠCH"). */
function isUpperToken(token: string): boolean {
  return token === "-" || (/^[\p{Lu}'’]+$/u.test(token) && /\p{L}/u.test(token));
}

/** The run of upper-case words that starts a header line, stopping at the motto or the place-date. */
export function upperPrefix(line: string): string {
  const out: string[] = [];
  const tokens = squash(stripMotto(line).replace(/^[^\p{L}]+/u, "")).split(" ");
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
  // "EAH'LEO" → "EA H'LEO": in highland names a consonant and an apostrophe start a syllable.
  let value = line
    .replace(/(\p{Lu}{2,})(\p{Lu}'\p{Lu})/gu, "$1 $2")
    .split(" ")
    .map(collapseStackedVowel)
    .join(" ");
  const f = fold(value);
  for (const [re, fixed] of PHRASES) {
    if (re.test(f) && value !== fixed) return { value: fixed, repaired: true };
  }
  // "PHONG TÀI CHÍNH …": only the first word of a department line is the unit type.
  const m = /^(\S+)\s+(.*)$/.exec(value);
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
