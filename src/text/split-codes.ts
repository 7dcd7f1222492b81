// Words the engine split in two: document numbers cut at a line break or apart from a figure, and punctuation set apart.
import { unionBox, withWords } from "../ocr/page.js";
import type { OcrLine, OcrWord, TextCorrection } from "../types.js";

/** A document code cut after its hyphen: figures, a slash, and a dash at the end ("4017/TTr-", "18/2025/TT-"). */
const CUT_CODE = /^[^\s]*\p{N}[^\s]*\/[^\s]*-$/u;
/** The rest of a code's issuer part: capitals (and figures), then at most closing punctuation ("BNNMT", "BCT."). */
const CODE_TAIL = /^\p{Lu}[\p{Lu}\p{N}-]*[.,;:)]*$/u;
/** A number's first figures set apart from the rest of the code ("số 1 93/2025/NĐ-CP"). */
const LEAD_FIGURES = /^\p{N}{1,2}$/u;
const CODE_BODY = /^\p{N}+\/\p{N}{4}\//u;
const NUMBER_LABEL = /^số$/iu;
/**
 * A stop, comma or semicolon standing alone after a word ("khoản 2 ."): print sets no space before it. A lone colon
 * is left: two specks of a seal read as one more often than a label's colon drifts off its word.
 */
const LONE_STOP = /^[.,;]$/u;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
/** A law's code cut before the legislature's number ("64/2025/QH" | "15;"). */
const CUT_SESSION = /^\p{N}+\/\p{N}{4}\/?\p{Lu}+$/u;
const SESSION = /^\p{N}{1,2}[.,;:)]*$/u;

interface Join {
  /** Line and word that take the joined text. */
  line: number;
  word: number;
  /** Line and word that are removed. */
  fromLine: number;
  fromWord: number;
}

/** Where two words are one code: within a line, or a line's last word and the next line's first. */
function findJoins(lines: readonly OcrLine[]): Join[] {
  const joins: Join[] = [];
  lines.forEach((line, li) => {
    const words = line.words;
    for (let wi = 1; wi + 1 < words.length; wi++) {
      if (
        NUMBER_LABEL.test(words[wi - 1]!.text) &&
        LEAD_FIGURES.test(words[wi]!.text) &&
        CODE_BODY.test(words[wi + 1]!.text)
      )
        joins.push({ line: li, word: wi, fromLine: li, fromWord: wi + 1 });
    }
    for (let wi = 0; wi + 1 < words.length; wi++)
      if (
        (CUT_CODE.test(words[wi]!.text) && CODE_TAIL.test(words[wi + 1]!.text)) ||
        (CUT_SESSION.test(words[wi]!.text) && SESSION.test(words[wi + 1]!.text)) ||
        (ENDS_IN_WORD.test(words[wi]!.text) && LONE_STOP.test(words[wi + 1]!.text))
      )
        joins.push({ line: li, word: wi, fromLine: li, fromWord: wi + 1 });
    const last = words.at(-1);
    const next = lines[li + 1]?.words[0];
    if (last && next && CUT_CODE.test(last.text) && CODE_TAIL.test(next.text))
      joins.push({ line: li, word: words.length - 1, fromLine: li + 1, fromWord: 0 });
  });
  return joins;
}

/**
 * The lines with every split code made one word again ("4017/TTr-" | "BNNMT" → "4017/TTr-BNNMT" on the first
 * line), and each join as a correction whose `from` is the two words as the engine read them; corrections made
 * before (`carried`) follow their words. A word cut across a
 * line break keeps its first part's box: the text layer writes the whole code where it starts.
 */
export function joinSplitCodes(
  lines: readonly OcrLine[],
  carried: readonly TextCorrection[] = [],
): {
  lines: OcrLine[];
  /** `carried` moved to where their words now are, and the joins. */
  corrections: TextCorrection[];
  /** For each line returned, its index in `lines`. */
  origin: number[];
} {
  const joins = findJoins(lines);
  const corrections = carried.map((c) => ({ ...c }));
  if (joins.length === 0) return { lines: [...lines], corrections, origin: lines.map((_, i) => i) };
  const words: Array<Array<OcrWord | undefined>> = lines.map((l) => [...l.words]);
  for (const j of joins) {
    const head = words[j.line]![j.word];
    const tail = words[j.fromLine]![j.fromWord];
    if (!head || !tail) continue;
    const text = head.text + tail.text;
    const box = j.line === j.fromLine ? unionBox([head.box, tail.box]) : head.box;
    const confidence = Math.min(head.confidence, tail.confidence);
    words[j.line]![j.word] = { ...head, text, box, confidence };
    words[j.fromLine]![j.fromWord] = undefined;
    corrections.push({
      line: j.line,
      word: j.word,
      from: `${head.text} ${tail.text}`,
      to: text,
      confidence: 0.8,
      reason: "invalid",
    });
  }
  // Word indices count the words left: a join's word moves left by the words removed before it on its line.
  for (const c of corrections)
    c.word -= joins.filter((j) => j.fromLine === c.line && j.fromWord < c.word).length;
  // A line that was nothing but a code's tail ("BCT.") is gone, and the lines after it move up.
  const out: OcrLine[] = [];
  const origin: number[] = [];
  const moved = lines.map((l, li) => {
    const kept = words[li]!.filter((w): w is OcrWord => w !== undefined);
    if (kept.length === 0) return out.length - 1;
    const at = out.length;
    const renumbered = kept.map((w) => (w.line === at ? w : { ...w, line: at }));
    origin.push(li);
    out.push(
      kept.length === l.words.length && renumbered.every((w, i) => w === l.words[i])
        ? l
        : withWords(l, renumbered),
    );
    return at;
  });
  for (const c of corrections) c.line = moved[c.line]!;
  corrections.sort((a, b) => a.line - b.line || a.word - b.word);
  return { lines: out, corrections, origin };
}
