// Assembles an OcrPage from recognised lines, the same way for every engine.
import type { Box, OcrLine, OcrPage, OcrSymbol, OcrWord } from "../types.js";

/** Smallest box holding all boxes (a zero box for none). */
export function unionBox(boxes: readonly Box[]): Box {
  if (boxes.length === 0) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** The line with these words, its text rebuilt from them (box and confidence kept). */
export function withWords(line: OcrLine, words: OcrWord[]): OcrLine {
  return { ...line, words, text: words.map((w) => w.text).join(" ") };
}

/** The page with these lines, its text rebuilt from them. */
export function withLines(page: OcrPage, lines: OcrLine[]): OcrPage {
  return { ...page, lines, text: lines.map((l) => l.text).join("\n") };
}

/** The box moved by (dx, dy). */
export function moveBox(b: Box, dx: number, dy: number): Box {
  return { x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy };
}

/** Lines with their boxes and their words' boxes moved by (dx, dy): a crop's OCR into the page's frame. */
export function moveLines(lines: readonly OcrLine[], dx: number, dy: number): OcrLine[] {
  return lines.map((line) => ({
    ...line,
    box: moveBox(line.box, dx, dy),
    words: line.words.map((w) => ({
      ...w,
      box: moveBox(w.box, dx, dy),
      ...(w.symbols ? { symbols: w.symbols.map((s) => ({ ...s, box: moveBox(s.box, dx, dy) })) } : {}),
    })),
  }));
}

/** Mean confidence of words, 0 when there are none. */
export function meanConfidence(words: readonly OcrWord[]): number {
  return words.length === 0 ? 0 : words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/** Keeps a box inside the image, so consumers never see negative or overflowing pixels. */
export function clampBox(box: Box, width: number, height: number): Box {
  const cx = (v: number): number => Math.min(Math.max(Math.round(v), 0), width);
  const cy = (v: number): number => Math.min(Math.max(Math.round(v), 0), height);
  return { x0: cx(box.x0), y0: cy(box.y0), x1: cx(box.x1), y1: cy(box.y1) };
}

/**
 * Builds a page from lines of raw words (text, box, confidence), dropping blank words and empty
 * lines, normalising to NFC and numbering each word's `line`.
 */
export function buildPage(
  engine: string,
  width: number,
  height: number,
  rawLines: ReadonlyArray<
    ReadonlyArray<{ text: string; box: Box; confidence: number; symbols?: OcrSymbol[] }>
  >,
): OcrPage {
  const lines: OcrLine[] = [];
  for (const raw of rawLines) {
    const words: OcrWord[] = raw
      .map((w) => ({
        text: w.text.normalize("NFC").trim(),
        box: clampBox(w.box, width, height),
        confidence: Math.min(Math.max(w.confidence, 0), 100),
        line: lines.length,
        ...(w.symbols
          ? {
              symbols: w.symbols.map((s) => ({
                text: s.text.normalize("NFC"),
                box: clampBox(s.box, width, height),
              })),
            }
          : {}),
      }))
      .filter((w) => w.text !== "");
    if (words.length === 0) continue;
    lines.push({
      text: words.map((w) => w.text).join(" "),
      box: unionBox(words.map((w) => w.box)),
      confidence: meanConfidence(words),
      words,
    });
  }
  const all = lines.flatMap((l) => l.words);
  return {
    width,
    height,
    lines,
    text: lines.map((l) => l.text).join("\n"),
    confidence: meanConfidence(all),
    engine,
  };
}
