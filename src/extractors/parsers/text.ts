// Text helpers shared by the parsers: NFC, length-preserving accent folding, line splitting.

/** NFC, with the Unicode look-alikes Tesseract emits (fraction slash, dashes, curly quotes) made plain. */
export function nfc(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u2044\u2215]/g, "/")
    .replace(/[\u2010-\u2013\u2212]/g, "-")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\u00a0/g, " ");
}

/** Collapses runs of blanks to one space and trims. */
export function squash(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, " ").trim();
}

/** One character's base letter, lower case: "Ở" → "o", "Đ" → "d"; always one UTF-16 unit for BMP input. */
function foldChar(c: string): string {
  if (c === "đ" || c === "Đ") return "d";
  const base = c.normalize("NFD")[0] ?? c;
  const lower = base.toLowerCase();
  return lower.length === 1 ? lower : c;
}

/**
 * Lower case without diacritics, character for character, so an index found in the folded
 * string is the same index in the original (NFC, BMP) string.
 */
export function fold(text: string): string {
  let out = "";
  for (const c of text) out += c.length === 1 ? foldChar(c) : c;
  return out;
}

/** Splits OCR text into squashed lines, dropping blank ones. */
export function toLines(text: string): string[] {
  return nfc(text)
    .split(/\r?\n/)
    .map(squash)
    .filter((l) => l.length > 0);
}

/** Levenshtein distance, for short words only. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * Smallest edit distance between `needle` and any substring of `hay` (Sellers), so a
 * title with one or two OCR slips still matches.
 */
export function fuzzyFind(hay: string, needle: string): { distance: number; end: number } {
  const m = needle.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  let best = { distance: m, end: -1 };
  for (let j = 1; j <= hay.length; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) {
      const cost = needle[i - 1] === hay[j - 1] ? 0 : 1;
      next[i] = Math.min(col[i]! + 1, next[i - 1]! + 1, col[i - 1]! + cost);
    }
    col = next;
    if (col[m]! < best.distance) best = { distance: col[m]!, end: j };
  }
  return best;
}

/** True when `phrase` (folded) occurs in `foldedText` with at most one slip per `perSlip` characters. */
export function fuzzyContains(foldedText: string, phrase: string, perSlip = 8): boolean {
  if (foldedText.includes(phrase)) return true;
  const allowed = Math.floor(phrase.length / perSlip);
  return allowed > 0 && fuzzyFind(foldedText, phrase).distance <= allowed;
}

/** Upper case in Vietnamese. */
export function upper(text: string): string {
  return text.toLocaleUpperCase("vi");
}

/** Administrative phrases Tesseract `vie` often gets one tone wrong in (the wrong form is not a word). */
const PHRASE_FIXES: Array<[RegExp, string]> = [
  [/(?<!\p{L})chỉ (phí|trả)(?!\p{L})/gu, "chi $1"],
  [/(?<!\p{L})có côn(?!\p{L})/gu, "có công"],
];

/** Repairs PHRASE_FIXES in free text such as a subject line. */
export function fixCommonPhrases(text: string): string {
  return PHRASE_FIXES.reduce((t, [re, to]) => t.replace(re, to), text);
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const HAT_MARKS = /[\u0302\u0306]/g;
const VOWEL = /^[aeiouy]$/;

/** Marks (tone, hat, horn) a character carries. */
function markCount(c: string): number {
  return c.normalize("NFD").length - 1;
}

/**
 * "DIÊỄN" → "DIỄN": Tesseract `vie` sometimes reads one stacked vowel as two. A syllable holds
 * at most one tone and one hat (^ or ˘), so when a word breaks that rule and has the same vowel
 * twice in a row, the copy with fewer marks is dropped. Other words are returned as they are.
 */
export function collapseStackedVowel(word: string): string {
  const nfd = word.normalize("NFD");
  if ((nfd.match(TONE_MARKS) ?? []).length <= 1 && (nfd.match(HAT_MARKS) ?? []).length <= 1) return word;
  const chars = [...word.normalize("NFC")];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (!VOWEL.test(fold(a)) || fold(a) !== fold(b)) continue;
    chars.splice(markCount(a) >= markCount(b) ? i + 1 : i, 1);
    return chars.join("");
  }
  return word;
}
