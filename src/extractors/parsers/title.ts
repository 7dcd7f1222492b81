// The document's own title block (the capitalised line under the number and place-date lines), and its kind.
import { fold } from "./text.js";

/**
 * Kinds of Vietnamese administrative documents (Decree 30/2020, Appendix III), by their
 * printed title, folded. `result: true` only for kinds an extractor may claim; every other
 * kind is a known non-result type and maps to `unknown`.
 */
export const TITLE_KINDS: Readonly<Record<string, { kind: string; abbreviation: string }>> = {
  "quyet dinh": { kind: "quyet_dinh", abbreviation: "QĐ" },
  "nghi quyet": { kind: "nghi_quyet", abbreviation: "NQ" },
  "chi thi": { kind: "chi_thi", abbreviation: "CT" },
  "thong tu": { kind: "thong_tu", abbreviation: "TT" },
  "thong tu lien tich": { kind: "thong_tu_lien_tich", abbreviation: "TTLT" },
  "nghi dinh": { kind: "nghi_dinh", abbreviation: "NĐ" },
  "thong bao": { kind: "thong_bao", abbreviation: "TB" },
  "bao cao": { kind: "bao_cao", abbreviation: "BC" },
  "ke hoach": { kind: "ke_hoach", abbreviation: "KH" },
  "to trinh": { kind: "to_trinh", abbreviation: "TTr" },
  "cong dien": { kind: "cong_dien", abbreviation: "CĐ" },
  "huong dan": { kind: "huong_dan", abbreviation: "HD" },
  "chuong trinh": { kind: "chuong_trinh", abbreviation: "CTr" },
  "quy che": { kind: "quy_che", abbreviation: "QC" },
  "quy dinh": { kind: "quy_dinh", abbreviation: "QyĐ" },
  "phuong an": { kind: "phuong_an", abbreviation: "PA" },
  "de an": { kind: "de_an", abbreviation: "ĐA" },
  "bien ban": { kind: "bien_ban", abbreviation: "BB" },
  "giay moi": { kind: "giay_moi", abbreviation: "GM" },
  "cong van": { kind: "cong_van", abbreviation: "" },
  "ket luan": { kind: "ket_luan", abbreviation: "KL" },
  lenh: { kind: "lenh", abbreviation: "L" },
};

/** Type abbreviations that may open a symbol, mapped to their kind ("CT" in "05/CT-UBND"). */
const SYMBOL_KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(TITLE_KINDS)
    .filter((k) => k.abbreviation)
    .map((k) => [fold(k.abbreviation), k.kind]),
);

export interface DocTitle {
  /** Kind key, e.g. `quyet_dinh`, `chi_thi`, `cong_van`. */
  kind: string;
  /** 0-based line of the title, or of the number line for a công văn. */
  line: number;
  /** How the kind was read: the printed title, or the symbol (công văn have no title). */
  from: "title" | "symbol";
}

/** How far down the page a title may stand: the header is at most this many OCR lines. */
const HEADER_LINES = 30;

/** Letters of a line, and the share of them in capitals. */
function upperShare(line: string): number {
  const letters = line.replace(/[^\p{L}]/gu, "");
  if (!letters) return 0;
  return letters.replace(/[^\p{Lu}]/gu, "").length / letters.length;
}

/**
 * The title kind printed alone on a line: "QUYẾT ĐỊNH", "CHỈ THỊ", "QUYẾT ĐỊNH:" —
 * capitals (OCR may lower a letter or two), nothing but the title words, so a body line
 * quoting "Quyết định số …" never counts.
 */
export function titleOfLine(line: string): string | undefined {
  if (upperShare(line) < 0.75) return undefined;
  const words = fold(line)
    .replace(/[^a-z ]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 1 || w === "l");
  const key = words.join(" ");
  return TITLE_KINDS[key] ? key : undefined;
}

/** The type abbreviation that opens the document's own symbol ("05/CT-UBND" → "ct"), folded. */
export function symbolKind(numberLine: string): string | undefined {
  // Tesseract reads Đ as the Icelandic Ð now and then ("QĐÐ-UBND").
  const line = numberLine.replace(/Ð/g, "Đ").replace(/ĐĐ/g, "Đ");
  const m = /(?:^|[^\p{L}])s[oô6óố]\s*[:;.]?\s*[^/]{0,10}\/\s*(?:\d{4}\s*\/\s*)?([\p{L}]{1,5})\s*[-–]/iu.exec(
    line,
  );
  if (!m) return undefined;
  return SYMBOL_KINDS[fold(m[1]!).toLowerCase()];
}

/** 0-based index of the document's own "Số: N/SYMBOL" line: in the header, before "Căn cứ"; -1 if none. */
export function ownNumberLine(folded: readonly string[]): number {
  const end = Math.min(folded.length, HEADER_LINES);
  for (let i = 0; i < end; i++) {
    const f = folded[i]!;
    if (/^(?:can cu|dieu 1\b|kinh gui)/.test(f)) return -1;
    // A pen stroke before the printed slash may read as a slash of its own ("so: z22/ /qd-ubnd").
    if (/(?:^|[^a-z])so\s*[:;.]?\s*[^/]{0,10}(?:\/\s+)?\/\s*(?:\d{4}\s*\/\s*)?[a-z]/.test(f)) return i;
  }
  return -1;
}

/**
 * The document's own kind: the first capitalised title line in the header, before the first
 * "Căn cứ" or article; failing that, a công văn by its "V/v" subject line or a symbol with no
 * type abbreviation ("299/UBND-TTHC"), or a kind by its symbol ("05/CT-UBND").
 */
export function findDocTitle(lines: readonly string[], folded: readonly string[]): DocTitle | undefined {
  const end = Math.min(lines.length, HEADER_LINES);
  for (let i = 0; i < end; i++) {
    if (/^(?:can cu|dieu 1\b|kinh gui)/.test(folded[i]!)) break;
    const key = titleOfLine(lines[i]!);
    if (key) return { kind: TITLE_KINDS[key]!.kind, line: i, from: "title" };
  }
  const numberLine = ownNumberLine(folded);
  if (numberLine < 0) return undefined;
  const bySymbol = symbolKind(lines[numberLine]!);
  if (bySymbol) return { kind: bySymbol, line: numberLine, from: "symbol" };
  // "V/v …" (OCR: "VW", "V/V") opens a công văn's subject; "Kính gửi:" addresses it.
  const vv = folded.slice(0, end).some((f) => /^(?:v\s*[/|]\s*v|vw)\b|^kinh gui\b/.test(f));
  return vv ? { kind: "cong_van", line: numberLine, from: "symbol" } : undefined;
}
