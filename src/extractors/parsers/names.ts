// Personal names: case folding with diacritics kept, OCR repair of the family name, name-likeness.
import { collapseStackedVowel, editDistance, fold, nfc, squash } from "./text.js";

/** Common Vietnamese family names; used to repair the first word and to recognise a name line. */
export const SURNAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Trương",
  "Mai",
  "Lâm",
  "Đinh",
  "Tạ",
  "Cao",
  "Lương",
  "Hà",
  "Đào",
  "Đoàn",
  "Trịnh",
  "Chu",
  "Kiều",
  "Lưu",
  "Tô",
  "Thái",
  "Quách",
  "Phùng",
  "Tống",
  "Triệu",
  "Khúc",
  "Lục",
  "Mạc",
  "Nông",
  "Hứa",
  "Châu",
  "Thạch",
  "Diệp",
  "Văn",
  "Doãn",
  "Khổng",
  "Âu",
  "Tăng",
  "Từ",
  "Vương",
  "Vi",
  "Lò",
  "Quan",
  "Giang",
  "Kim",
  "Lại",
  "Thân",
  "Ông",
  "Nghiêm",
  "Tiêu",
  "Bạch",
  "Đàm",
  "Ninh",
  "Hầu",
  "Ma",
  "Sơn",
  "Trình",
] as const;

const byFold = new Map<string, string[]>();
for (const s of SURNAMES) byFold.set(fold(s), [...(byFold.get(fold(s)) ?? []), s]);

/** Frequent middle and given names, to repair syllables OCR gave two tone marks ("Xúấn"). */
export const NAME_SYLLABLES = [
  "Văn",
  "Thị",
  "Hữu",
  "Đức",
  "Minh",
  "Ngọc",
  "Thanh",
  "Xuân",
  "Công",
  "Quốc",
  "Bảo",
  "Kim",
  "Hồng",
  "Thu",
  "Hoài",
  "Quang",
  "Tuấn",
  "Hùng",
  "Dũng",
  "Cường",
  "Hạnh",
  "Phương",
  "Nhung",
  "Khánh",
  "Thắng",
  "Trang",
  "Hương",
  "Huyền",
  "Thảo",
  "Thủy",
  "Yến",
  "Đạt",
  "Lộc",
  "Phúc",
  "Tâm",
  "Tú",
  "Việt",
  "Lợi",
  "Hiếu",
  "Nghĩa",
  "Trọng",
  "Mạnh",
  "Thành",
  "Trung",
  "Hiền",
  "Nguyệt",
  "Quyên",
  "Duyên",
  "Giang",
  "Hải",
  "Sơn",
  "Thái",
] as const;

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** A syllable with more than one tone mark cannot be Vietnamese: a sure OCR slip. */
export function impossibleSyllable(word: string): boolean {
  return (word.normalize("NFD").match(TONES) ?? []).length > 1;
}

/** Repairs an impossible syllable from NAME_SYLLABLES when exactly one has the same letters. */
export function repairSyllable(word: string): { value: string; repaired: boolean } {
  if (!impossibleSyllable(word)) return { value: word, repaired: false };
  const same = NAME_SYLLABLES.filter((s) => fold(s) === fold(word));
  return same.length === 1 ? { value: same[0]!, repaired: true } : { value: word, repaired: false };
}

/** "NGUYỄN" → "Nguyễn"; "mAI" → "Mai". */
export function titleWord(word: string): string {
  const lower = word.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
}

/** The tone mark of a syllable (combining character), "" for the level tone. */
function toneOf(word: string): string {
  return word.normalize("NFD").match(TONES)?.[0] ?? "";
}

export interface RepairedWord {
  value: string;
  repaired: boolean;
  /** Rebuilt from weak evidence (first letter and tone only): keep, but send to review. */
  doubtful?: boolean;
}

/**
 * A family name as printed, OCR slips repaired when exactly one known family name is that close.
 * Short names ("Đã" for "Đỗ") are one slip from many; then the one sharing the first letter and
 * the tone mark is taken, as doubtful, because Tesseract confuses a vowel's hat far more often.
 */
export function repairSurname(word: string): RepairedWord {
  const w = titleWord(word);
  if ((SURNAMES as readonly string[]).includes(w)) return { value: w, repaired: false };
  const f = fold(w);
  const same = byFold.get(f);
  if (same && same.length === 1) return { value: same[0]!, repaired: true };
  const near = SURNAMES.filter((s) => editDistance(fold(s), f) === 1);
  if (f.length >= 3 && near.length === 1) return { value: near[0]!, repaired: true };
  if (f.length >= 2 && /^\p{L}+$/u.test(w)) {
    const kept = near.filter((s) => s[0] === w[0] && toneOf(s) === toneOf(w) && toneOf(w) !== "");
    if (kept.length === 1) return { value: kept[0]!, repaired: true, doubtful: true };
  }
  return { value: w, repaired: false };
}

/** True when `word` (any case) is, or is one slip from, a known family name. */
export function looksLikeSurname(word: string): boolean {
  const w = titleWord(word);
  return (SURNAMES as readonly string[]).includes(w) || repairSurname(w).repaired;
}

/** Splits "ĐứcĐạt" into "Đức Đạt" and drops stray punctuation around words. */
function splitWords(raw: string): string[] {
  return squash(
    nfc(raw)
      .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
      .replace(/(\p{L})[/\\|_](\p{L})/gu, "$1 $2"),
  )
    .split(" ")
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))
    .filter((w) => w.length > 0);
}

export interface ParsedName {
  value: string;
  repaired: boolean;
  /** The family name was rebuilt from its first letter and tone only. */
  doubtful?: boolean;
}

/**
 * A personal name in title case with its diacritics: "NGUYỄN VĂN AN" → "Nguyễn Văn An".
 * Undefined when the text has fewer than two words or words that are not letters.
 */
export function parseName(raw: string): ParsedName | undefined {
  const words = splitWords(raw);
  if (words.length < 2 || words.length > 6) return undefined;
  if (!words.every((w) => /^\p{L}+$/u.test(w))) return undefined;
  const first = repairSurname(collapseStackedVowel(words[0]!));
  const rest = words.slice(1).map((w) => {
    const collapsed = collapseStackedVowel(w);
    const r = repairSyllable(titleWord(collapsed));
    return { value: r.value, repaired: r.repaired || collapsed !== w };
  });
  return {
    value: [first.value, ...rest.map((r) => r.value)].join(" "),
    repaired: first.repaired || rest.some((r) => r.repaired) || collapseStackedVowel(words[0]!) !== words[0],
    ...(first.doubtful ? { doubtful: true } : {}),
  };
}

/**
 * True for a line that reads like a full name: 2–5 capitalised words, the first a family
 * name (one OCR slip allowed). Used to find the signer under the seal.
 */
export function isNameLine(line: string): boolean {
  const cleaned = line.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (/[:;,0-9]/.test(cleaned)) return false;
  const words = splitWords(cleaned);
  if (words.length < 2 || words.length > 5) return false;
  if (!words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w))) return false;
  return looksLikeSurname(words[0]!);
}

/**
 * A name whose first letters were eaten by the seal ("ạm Xuân Tuấn"): rebuilt when exactly
 * one family name ends with the surviving fragment.
 */
export function completeTruncatedName(line: string): ParsedName | undefined {
  const words = splitWords(line);
  if (words.length < 3 || words.length > 5) return undefined;
  const [head, ...rest] = words as [string, ...string[]];
  if (!/^\p{Ll}+$/u.test(head) || !rest.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w))) return undefined;
  const candidates = SURNAMES.filter(
    (s) => s.toLocaleLowerCase("vi").endsWith(head) && s.length > head.length,
  );
  if (candidates.length !== 1) return undefined;
  return { value: [candidates[0], ...rest].join(" "), repaired: true };
}

/** True for a capitalised word: "Nguyễn", not "nguyễn" nor "NGUYỄN". */
function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word);
}

/**
 * The name inside a line with seal or signature garbage around it ("xš= - Nguyễn Văn An ~"):
 * the longest run of 2–5 capitalised words that starts with a family name. A first word that
 * only resembles a family name needs two more words behind it, so garbage is not taken for one;
 * a run right after another capitalised word is part of a name whose family name is not listed.
 */
export function findNameInLine(line: string): ParsedName | undefined {
  const tokens = squash(nfc(line))
    .split(" ")
    .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""));
  let best: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i]!;
    // A capitalised word before it means the run is not after garbage: "Lã Văn Tường" is not "Văn Tường".
    if (!isCapitalised(head) || !looksLikeSurname(head) || (i > 0 && isCapitalised(tokens[i - 1]!))) continue;
    let j = i + 1;
    while (j < tokens.length && j - i < 5 && isCapitalised(tokens[j]!)) j++;
    const exact = (SURNAMES as readonly string[]).includes(head);
    if (j - i >= (exact ? 2 : 3) && (!best || j - i > best.length)) best = tokens.slice(i, j);
  }
  return best ? parseName(best.join(" ")) : undefined;
}
