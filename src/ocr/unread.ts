// Print the page segmentation skipped: the OCR image with every read word whitened, for a second, block-mode read.
import type { GreyImage } from "../imaging/ink-grey.js";
import type { Box, OcrLine, OcrPage } from "../types.js";
import { meanConfidence } from "./page.js";

/** Darker than this (0..255) is ink. */
const INK = 140;

/**
 * The image with each box whitened, grown by `margin` pixels: what is left is ink the engine did not read as text.
 * Tesseract's automatic segmentation drops blocks it takes for pictures, such as a signer's title and name beside
 * a seal, or a title line a seal ring crosses.
 */
export function maskBoxes(g: GreyImage, boxes: readonly Box[], margin: number): GreyImage {
  const data = Buffer.from(g.data);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0 - margin));
    const x1 = Math.min(g.width, Math.ceil(b.x1 + margin));
    if (x1 <= x0) continue;
    for (
      let y = Math.max(0, Math.floor(b.y0 - margin));
      y < Math.min(g.height, Math.ceil(b.y1 + margin));
      y++
    )
      data.fill(255, y * g.width + x0, y * g.width + x1);
  }
  return { data, width: g.width, height: g.height };
}

/** Share of the image's pixels that are ink. */
export function inkShare(g: GreyImage): number {
  let n = 0;
  for (let i = 0; i < g.data.length; i++) if (g.data[i]! < INK) n++;
  return g.data.length === 0 ? 0 : n / g.data.length;
}

/**
 * The page with `extra` lines (read from the masked image, same pixel frame) put in reading order: each after the
 * last line that starts above it, so a signer's block lands after the text beside it.
 */
export function mergeLines(page: OcrPage, extra: readonly OcrLine[]): OcrPage {
  if (extra.length === 0) return page;
  const lines = [...page.lines];
  for (const line of [...extra].sort((a, b) => a.box.y0 - b.box.y0)) {
    let at = lines.length;
    while (at > 0 && lines[at - 1]!.box.y0 > line.box.y0) at--;
    lines.splice(at, 0, line);
  }
  const renumbered = lines.map((l, i) => ({ ...l, words: l.words.map((w) => ({ ...w, line: i })) }));
  return {
    ...page,
    lines: renumbered,
    text: renumbered.map((l) => l.text).join("\n"),
    confidence: meanConfidence(renumbered.flatMap((l) => l.words)),
  };
}
