// A PDF page that already carries text keeps it: words and boxes come from poppler's pdftotext.
import type { Logger } from "../logger.js";
import { run } from "../exec/run.js";
import type { OcrLine, OcrPage, OcrWord } from "../types.js";

/** The page's text layer as an OcrPage in image pixels, or undefined when pdftotext is absent or finds none. */
export async function readPdfTextLayer(
  file: string,
  pageIndex: number,
  dpi: number,
  log: Logger,
): Promise<OcrPage | undefined> {
  const page = String(pageIndex + 1);
  let html: string;
  try {
    // -cropbox: the page image is drawn from the CropBox, so the words must be placed in it too.
    const result = await run("pdftotext", ["-f", page, "-l", page, "-cropbox", "-bbox-layout", file, "-"]);
    if (result.code !== 0) return undefined;
    html = result.stdout.toString("utf8");
  } catch {
    log.warn(
      { file },
      "pdftotext (poppler-utils) is not installed: the page's own text layer is ignored and the page is OCRed",
    );
    return undefined;
  }
  return parseBboxLayout(html, dpi / 72);
}

/** Parses `pdftotext -bbox-layout` XHTML; coordinates are scaled from points to pixels. */
export function parseBboxLayout(html: string, scale: number): OcrPage | undefined {
  const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  if (!pageMatch) return undefined;
  const lines: OcrLine[] = [];
  for (const lineMatch of html.matchAll(/<line[^>]*>([\s\S]*?)<\/line>/g)) {
    const words: OcrWord[] = [];
    for (const w of lineMatch[1]!.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const text = decodeEntities(w[5]!).normalize("NFC");
      if (!text.trim()) continue;
      const box = { x0: +w[1]! * scale, y0: +w[2]! * scale, x1: +w[3]! * scale, y1: +w[4]! * scale };
      words.push({ text, box, confidence: 100, line: lines.length });
    }
    if (words.length === 0) continue;
    const box = {
      x0: Math.min(...words.map((w) => w.box.x0)),
      y0: Math.min(...words.map((w) => w.box.y0)),
      x1: Math.max(...words.map((w) => w.box.x1)),
      y1: Math.max(...words.map((w) => w.box.y1)),
    };
    lines.push({ text: words.map((w) => w.text).join(" "), box, confidence: 100, words });
  }
  if (lines.length === 0) return undefined;
  return {
    width: Math.round(+pageMatch[1]! * scale),
    height: Math.round(+pageMatch[2]! * scale),
    lines,
    text: lines.map((l) => l.text).join("\n"),
    confidence: 100,
    engine: "pdf-text-layer",
  };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
