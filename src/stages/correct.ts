// Correct stage: Vietnamese-aware word repair once the document is read; the raw words stay in `corrections`.
import type { Logger } from "../logger.js";
import { withLines, withWords } from "../ocr/page.js";
import { correctWords } from "../text/correct.js";
import { basisSemicolons } from "../text/legal-basis.js";
import { adminLm, type Lm } from "../text/lm.js";
import { documentLm } from "../text/document-lm.js";
import { splitOverlay } from "../text/overlay.js";
import { joinSplitCodes } from "../text/split-codes.js";
import { splitGluedLabels } from "../text/glued-labels.js";
import { wordHeight } from "../text/specks.js";
import type { OcrLine, OcrPage } from "../types.js";

/**
 * Every page of a document without overlay words (e-signature banner, stamp fields: kept in `overlay`), and with
 * its words repaired (src/text/correct.ts) against the hand-written model and the document's own sure words, its
 * line and page text rebuilt from them; every change is listed in `corrections` with the engine's word. Pages in
 * `asRead` (a PDF's own text layer) lend their words as evidence and are returned as they are.
 */
export function correctPages(
  inputs: readonly OcrPage[],
  ctx: { log?: Logger; asRead?: ReadonlySet<number> } = {},
): OcrPage[] {
  const pages = inputs.map((input) => {
    const split = splitOverlay(input);
    return split.overlay.length
      ? { ...split.page, overlay: [...(input.overlay ?? []), ...split.overlay] }
      : input;
  });
  const lms = documentLm(
    adminLm(),
    pages.flatMap((p) => p.lines),
  );
  let first = 0;
  return pages.map((page, pi) => {
    const offset = first;
    first += page.lines.length;
    if (ctx.asRead?.has(pi)) return inputs[pi]!;
    return correctLines(page, (li) => lms.forLine(offset + li), ctx);
  });
}

/** One page on its own: correctPages of a one-page document. */
export function correctPage(input: OcrPage, ctx: { log?: Logger } = {}): OcrPage {
  return correctPages([input], ctx)[0]!;
}

function correctLines(page: OcrPage, lmFor: (li: number) => Lm, ctx: { log?: Logger }): OcrPage {
  // Date labels glued to pen marks are cut off and codes split in two are one word again before words are judged;
  // a line left empty is gone.
  const { lines: cut, splits } = splitGluedLabels(page.lines);
  const textHeight = wordHeight(page);
  const { lines: read, corrections, origin } = joinSplitCodes(cut, splits);
  const lines: OcrLine[] = read.map((line, li) => {
    const fixes = correctWords(line.words, lmFor(origin[li]!), { ...around(read, li), textHeight });
    if (fixes.length === 0) return line;
    const words = line.words.map((w) => ({ ...w }));
    for (const f of fixes) {
      words[f.index]!.text = f.to;
      corrections.push({
        line: li,
        word: f.index,
        from: f.from,
        to: f.to,
        confidence: f.confidence,
        reason: f.reason,
      });
    }
    return withWords(line, words);
  });
  for (const { line: li, word: wi } of basisSemicolons(lines)) {
    const words = lines[li]!.words.map((w) => ({ ...w }));
    const from = words[wi]!.text;
    words[wi]!.text = `${from.slice(0, -1)};`;
    lines[li] = withWords(lines[li]!, words);
    // One entry a word: a word repaired already keeps the engine's spelling as `from`.
    const earlier = corrections.find((c) => c.line === li && c.word === wi);
    if (earlier) earlier.to = words[wi]!.text;
    else
      corrections.push({ line: li, word: wi, from, to: words[wi]!.text, confidence: 0.8, reason: "context" });
  }
  if (corrections.length === 0) return page;
  ctx.log?.debug({ corrections: corrections.length }, "text corrected");
  return { ...withLines(page, lines), corrections: [...(page.corrections ?? []), ...corrections] };
}

/** A bare syllable (no digits or punctuation around it), else undefined. */
const bare = (text: string | undefined): string | undefined =>
  text !== undefined && /^\p{L}+$/u.test(text) ? text : undefined;

/**
 * The words just before and after line `li` in reading order, when the text runs on across the break: the previous
 * line's last word without closing punctuation, and the next line's first word.
 */
function around(lines: readonly OcrLine[], li: number): { before?: string; after?: string } {
  const before = bare(lines[li - 1]?.words.at(-1)?.text);
  const last = lines[li]?.words.at(-1)?.text;
  const after = last !== undefined && /\p{L}$/u.test(last) ? bare(lines[li + 1]?.words[0]?.text) : undefined;
  return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
