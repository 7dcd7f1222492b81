// Vietnamese-aware word correction: invalid syllables repaired, and mark slips fixed where the language model agrees.
import { fixCode, withoutStrayMark } from "./codes.js";
import { markVariants, type Candidate } from "./confusions.js";
import { adminLm, type Lm } from "./lm.js";
import { nearWords } from "./near-words.js";
import { withoutSpeckColon, type GlyphBoxes } from "./specks.js";
import { isValidSyllable, toneOf } from "./syllable.js";

export interface WordIn {
  text: string;
  /** OCR confidence, 0..100. */
  confidence: number;
  /** The engine's characters with their boxes, where it gave them. */
  symbols?: GlyphBoxes;
}

export interface WordFix {
  /** Index of the word in the input. */
  index: number;
  from: string;
  to: string;
  /** 0..1: how sure the repair is. */
  confidence: number;
  /** `invalid`: the OCR word is no Vietnamese syllable; `context`: a valid word the neighbours contradict. */
  reason: "invalid" | "context";
}

/** Below this OCR confidence (0..100) a valid but unseen word may yield to a common one a mark away. */
const UNSURE_OCR = 85;
/** How often the model must have seen that common word. */
const COMMON = 3;
/** Below this OCR confidence the engine all but guessed: even a known word may yield to what both neighbours name. */
const GUESSED = 30;
/** A valid word's own pairs are outweighed by a mark variant with this many times as many. */
const OUTWEIGHED = 4;

/** A clause's number or letter opening a line: "1.", "2)", "a)", "đ)". */
const LIST_MARK = /^(?:\p{N}{1,2}[.)]|\p{Ll}\))$/u;

/** Leading punctuation, the letters, trailing punctuation; words with digits or inner symbols are left alone. */
export const TOKEN = /^([^\p{L}\p{N}]*)(\p{L}+)([^\p{L}\p{N}]*)$/u;

function caseLike(model: string, word: string): string {
  if (model.length > 1 && model === model.toLocaleUpperCase("vi")) return word.toLocaleUpperCase("vi");
  const first = model[0]!;
  if (first !== first.toLocaleLowerCase("vi")) return word[0]!.toLocaleUpperCase("vi") + word.slice(1);
  return word;
}

interface Ctx {
  prev?: string;
  next?: string;
}

interface Evidence {
  /** Counted pairs with the neighbours (the model's and the document's). */
  pairs: number;
  /** Neighbours (0, 1 or 2) the web attests a pair with. */
  web: number;
  uni: number;
}

/** Evidence for a word in its place: counted pairs weigh most, then the web's, then how common the word is. */
function evidence(lm: Lm, w: string, c: Ctx): Evidence {
  const pairs = (c.prev ? lm.bigram(c.prev, w) : 0) + (c.next ? lm.bigram(w, c.next) : 0);
  const web = (c.prev && lm.attested(c.prev, w) ? 1 : 0) + (c.next && lm.attested(w, c.next) ? 1 : 0);
  return { pairs, web, uni: lm.unigram(w) };
}

function better(a: Evidence & { cost: number }, b: Evidence & { cost: number }): boolean {
  if (a.pairs !== b.pairs) return a.pairs > b.pairs;
  if (a.web !== b.web) return a.web > b.web;
  if (a.cost !== b.cost) return a.cost < b.cost;
  return a.uni > b.uni;
}

/** The best-supported candidate, and whether it stands alone (no other candidate as good). */
function pick(
  lm: Lm,
  cands: Candidate[],
  c: Ctx,
): { best: Candidate & Evidence; unique: boolean } | undefined {
  const scored = cands.map((k) => ({ ...k, ...evidence(lm, k.word, c) }));
  let best = scored[0];
  for (const s of scored) if (best && better(s, best)) best = s;
  if (!best) return undefined;
  const rivals = scored.filter(
    (s) =>
      s !== best &&
      s.pairs === best.pairs &&
      s.web === best.web &&
      s.cost === best.cost &&
      s.uni > 0 === best.uni > 0,
  );
  return { best, unique: rivals.length === 0 };
}

/**
 * Repairs one line of OCR words. An invalid syllable becomes the valid spelling, one or two
 * marks away, that the neighbours and the word counts support best; left as is when two
 * spellings are equally supported. A valid word changes only when a one-mark variant forms a
 * known pair with a neighbour and the word itself forms none; capitalised words inside a line
 * (names) never change that way, save a lone title before a small word. An invalid syllable no mark
 * variant explains may be a letter slip of a known word (near-words.ts) a neighbour pairs with.
 * Numbers and codes (any digit) are never touched.
 */
export function correctWords(
  engine: readonly WordIn[],
  lm: Lm = adminLm(),
  around: { before?: string; after?: string; textHeight?: number } = {},
): WordFix[] {
  // A stray mark glued to a word's front, or a speck read as its colon, goes first; the word is then judged without it.
  const stray = engine.map((w) => withoutStrayMark(w.text) ?? withoutSpeckColon(w, around.textHeight));
  const words = engine.map((w, i) => (stray[i] === undefined ? w : { ...w, text: stray[i] }));
  const parts = words.map((w) => TOKEN.exec(w.text.normalize("NFC")));
  const core = (i: number): string | undefined => {
    const p = parts[i];
    return p ? p[2]!.toLowerCase() : undefined;
  };
  const fixes: WordFix[] = [];
  // A heading in capitals: every syllable of two letters or more in capitals but one at most, three at least
  // (abbreviations such as "UBND" do not count: body text sets them in capitals too).
  const long = parts.flatMap((p) => (p && [...p[2]!].length > 1 && isValidSyllable(p[2]!) ? [p[2]!] : []));
  const capitals = long.filter((w) => w === w.toLocaleUpperCase("vi")).length;
  const heading = capitals >= 3 && capitals >= long.length - 1;
  const current: Array<string | undefined> = words.map((_, i) => core(i));
  for (let i = 0; i < words.length; i++) {
    // A lone long dash between words is the hyphen of "Độc lập - Tự do", "2021 - 2025".
    if (/^[–—]$/.test(words[i]!.text))
      fixes.push({ index: i, from: words[i]!.text, to: "-", confidence: 0.9, reason: "invalid" });
    const code = fixCode(words[i]!.text);
    if (code !== undefined) {
      fixes.push({ index: i, from: words[i]!.text, to: code, confidence: 0.8, reason: "invalid" });
      continue;
    }
    const p = parts[i];
    if (!p) continue;
    const [, lead, letters] = p as unknown as [string, string, string, string];
    const trail = p[3]!;
    const breaksBefore = /[.,;:!?)]$/.test(parts[i - 1]?.[3] ?? "") || lead !== "";
    const breaksAfter = trail !== "" || (parts[i + 1]?.[1] ?? "") !== "";
    // The line's ends read on into the lines around it: running text wraps mid-phrase ("bổ | sung").
    const prev = i > 0 ? current[i - 1] : around.before?.toLowerCase();
    const next = i < words.length - 1 ? current[i + 1] : around.after?.toLowerCase();
    const c: Ctx = {
      ...(!breaksBefore && prev ? { prev } : {}),
      ...(!breaksAfter && next ? { next } : {}),
    };
    const lower = letters.toLowerCase();
    let fix: { to: string; confidence: number; reason: WordFix["reason"] } | undefined;
    // A capitals word whose first letter came out small ("tHỦ TƯỚNG"), or a word of a heading set in capitals
    // read small ("cơ GIỚI, XE MÁY"): print sets no word that way.
    const small = /^\p{Ll}\p{Lu}{2,}$/u.test(letters) || (heading && letters === lower && letters.length > 1);
    if (small && isValidSyllable(letters)) {
      current[i] = lower;
      const to = lead + letters.toLocaleUpperCase("vi") + trail;
      fixes.push({ index: i, from: words[i]!.text, to, confidence: 0.8, reason: "invalid" });
      continue;
    }
    if (!isValidSyllable(letters)) {
      const got = pick(lm, markVariants(lower, 2), c);
      if (got && (got.unique || got.best.pairs > 0)) {
        const confidence = got.best.pairs > 0 ? 0.9 : got.best.uni > 0 ? 0.75 : 0.6;
        fix = { to: got.best.word, confidence, reason: "invalid" };
      } else {
        // A letter slip ("tghiệp", "qujển"): only a known word that a neighbour pairs with, and no rival.
        const near = pick(lm, nearWords(lower, lm.vocabulary()), c);
        if (near && near.unique && near.best.pairs > 0)
          fix = { to: near.best.word, confidence: 0.6, reason: "invalid" };
      }
    } else {
      const capitalised = (text: string | undefined): boolean =>
        text !== undefined && /^[^\p{L}]*\p{Lu}/u.test(text);
      // Names run in capitalised syllables ("Nguyễn Mạnh Hùng"); a lone capital before a small word is a title
      // ("Chủ tịch", "Bộ trưởng") that the pair with that word may correct, against more evidence.
      const title =
        !capitalised(words[i - 1]?.text) && /^\p{Ll}/u.test(words[i + 1]?.text ?? "") && c.next !== undefined;
      const inName =
        i > 0 && letters[0] !== letters[0]!.toLowerCase() && letters !== letters.toUpperCase() && !title;
      const own = evidence(lm, lower, c);
      const shouted = letters.length > 1 && letters === letters.toLocaleUpperCase("vi");
      const numberNext = trail === "" && /^\p{N}/u.test(words[i + 1]?.text ?? "");
      // The mark variants as the neighbours weigh them, read once for the context rule and the web's rule after it.
      let marked: ReturnType<typeof pick>;
      if ((/^s[óôồỗổ]$/.test(lower) && trail.startsWith(":")) || (/^s[óôồỗ]$/.test(lower) && numberNext)) {
        // The number label: "Só:", "SÓ:" are "Số:", and so is "sô" before a figure ("Luật sô 48/2014/QH13").
        fix = { to: "số", confidence: 0.9, reason: "context" };
      } else if (lower !== "năm" && /^n[aăâ]m$/.test(toneOf(lower)?.base ?? "") && inDate(words, i)) {
        // Between a month's figure and a year's, the word is "năm" ("tháng 11 NAM 2024").
        fix = { to: "năm", confidence: 0.9, reason: "context" };
      } else if (!inName && own.pairs < OUTWEIGHED && (c.prev || c.next)) {
        const got = (marked = pick(lm, markVariants(lower, 2), c));
        // A word the model knows needs more than one pair against it: "nhận hộ" is no "nhận hồ [sơ]"; so does a title
        // (a heading set all in capitals is not: "THU HÒI" is "THU HỒI" on one pair, as "thu hòi" would be).
        // A pair of its own is outweighed only many times over (the engine's slip repeated on another page).
        const needed = Math.max(
          own.uni > 0 || (i > 0 && capitalised(words[i]!.text) && !shouted) ? 2 : 1,
          own.pairs * OUTWEIGHED,
        );
        if (got && got.best.pairs >= needed && got.unique)
          fix = { to: got.best.word, confidence: 0.7, reason: "context" };
      }
      if (!fix && !inName && own.uni === 0 && words[i]!.confidence < UNSURE_OCR) {
        // A rare word the engine itself doubts, one mark from a common one: the common one.
        const got = pick(lm, markVariants(lower, 1), {});
        if (got && got.unique && got.best.uni >= COMMON)
          fix = { to: got.best.word, confidence: 0.6, reason: "context" };
      }
      if (!fix && !inName && own.uni === 0 && own.pairs === 0 && words[i]!.confidence < UNSURE_OCR) {
        // An unseen word the engine doubts, one letter from a known word a neighbour pairs with ("phái triển").
        const got = pick(lm, nearWords(lower, lm.vocabulary(), 1), c);
        if (got && got.unique && got.best.pairs > 0)
          fix = { to: got.best.word, confidence: 0.55, reason: "context" };
      }
      if (!fix && !inName && own.pairs === 0 && (own.uni === 0 || words[i]!.confidence < GUESSED)) {
        // An unseen word, or any word the engine all but guessed ("và cư cấu" at 0), that both neighbours name as
        // one known word ("thẩm quyền gải quyết" is "giải"): the text around vouches for it on both sides.
        const to = vouchedByBoth(lm, lower, c);
        if (to !== undefined) fix = { to, confidence: 0.55, reason: "context" };
      }
      if (!fix && !inName && own.pairs === 0 && (c.prev || c.next)) {
        // Last, the web's pairs, where no counted pair speaks: they say only "seen", and web text drops marks, so a
        // variant needs more sides than the word, and one of three more reasons (webVouches). The context rule above
        // always ran here (no pair of the word's own, no fix yet), so its variants are at hand.
        const got = marked;
        const sides = (c.prev ? 1 : 0) + (c.next ? 1 : 0);
        if (
          got &&
          got.unique &&
          got.best.pairs === 0 &&
          webVouches(got.best.web, own.web, sides, heading && shouted, words[i]!)
        )
          fix = { to: got.best.word, confidence: 0.6, reason: "context" };
      }
    }
    if (!fix) continue;
    current[i] = fix.to;
    // A clause opens with a capital after its number ("1. Đồng ý"): a word read small there is set right with it.
    const opens = i === 1 && LIST_MARK.test(words[0]!.text);
    const cased = caseLike(letters, fix.to);
    fixes.push({
      index: i,
      from: words[i]!.text,
      to: lead + (opens ? cased[0]!.toLocaleUpperCase("vi") + cased.slice(1) : cased) + trail,
      confidence: fix.confidence,
      reason: fix.reason,
    });
  }
  // One fix a word, from the engine's spelling: a stray mark's removal joins whatever else the word needed.
  stray.forEach((text, i) => {
    if (text === undefined) return;
    const own = fixes.filter((f) => f.index === i);
    if (own.length === 0)
      fixes.push({ index: i, from: engine[i]!.text, to: text, confidence: 0.8, reason: "invalid" });
    for (const f of own) f.from = engine[i]!.text;
  });
  return fixes.sort((a, b) => a.index - b.index);
}

/**
 * The web vouches for a mark variant over the word as read when the variant pairs with more neighbours and: the word
 * pairs with neither while the variant pairs with both ("thiết bị sô dành" is "số"); or the word is in a heading set
 * in capitals, whose marks the engine misreads most ("QUY ĐỊNH VÈ CÁP" is "VỀ CẤP"); or the engine doubted the word
 * and the variant pairs with every neighbour it has ("trong kỳ nguyên" read at 83 is "kỷ").
 */
function webVouches(variant: number, own: number, sides: number, inHeading: boolean, word: WordIn): boolean {
  if (variant <= own) return false;
  return (own === 0 && variant === 2) || inHeading || (variant === sides && word.confidence < UNSURE_OCR);
}

/** The word at `i` stands between a one- or two-figure number and a four-figure year, as a date's "năm" does. */
function inDate(words: readonly WordIn[], i: number): boolean {
  return (
    /^\p{N}{1,2}$/u.test(words[i - 1]?.text ?? "") && /^\p{N}{4}(?!\p{N})/u.test(words[i + 1]?.text ?? "")
  );
}

/** The one word, a slip of marks or letters away from `lower`, that pairs with both neighbours; else undefined. */
function vouchedByBoth(lm: Lm, lower: string, c: Ctx): string | undefined {
  const { prev, next } = c;
  if (!prev || !next) return undefined;
  const found = new Set(
    [...markVariants(lower, 2), ...nearWords(lower, lm.vocabulary())]
      .filter((k) => lm.bigram(prev, k.word) > 0 && lm.bigram(k.word, next) > 0)
      .map((k) => k.word),
  );
  return found.size === 1 ? [...found][0] : undefined;
}

/** The letters of a word with no punctuation on the side facing the word at `i`, lower case; else undefined. */
function neighbour(text: string | undefined, side: "before" | "after"): string | undefined {
  const p = text === undefined ? null : TOKEN.exec(text.normalize("NFC"));
  if (!p || (side === "before" ? p[3] : p[1])) return undefined;
  return p[2]!.toLowerCase();
}

/**
 * True when the word at `i` is a slip of one known word that both neighbours pair with ("Nông tghiệp và" is
 * "nông nghiệp và"): evidence enough to keep a word the engine doubted for correctWords to repair, where doubt
 * alone would drop it as a seal's or a signature's marks.
 */
export function repairableInPlace(words: readonly WordIn[], i: number, lm: Lm = adminLm()): boolean {
  const p = TOKEN.exec(words[i]!.text.normalize("NFC"));
  const prev = neighbour(words[i - 1]?.text, "before");
  const next = neighbour(words[i + 1]?.text, "after");
  if (!p || p[1] || p[3] || !prev || !next) return false;
  return vouchedByBoth(lm, p[2]!.toLowerCase(), { prev, next }) !== undefined;
}
