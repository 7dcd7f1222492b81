// The part of a system's output that a truth scores: all of it, or only the truth's `textPages` (real set).
import type { Truth } from "./corpus.js";

/** One system's text for one file: whole, and per page when the system gives pages apart. */
export interface PagedText {
  text: string;
  /** Page texts in page order; absent when the system gave only the whole text. */
  pages?: string[];
}

export interface ScoredText {
  text: string;
  /** True when the truth covers some pages only but the output could not be split into pages: scored whole. */
  approximate: boolean;
}

/**
 * Pages come from `pages` when given, else from form feeds in `text` (pdftotext, Tesseract), else the
 * whole text stands in (and is marked approximate). Undefined when the truth has no text.
 */
export function scoredText(output: PagedText, truth: Truth): ScoredText | undefined {
  if (truth.text === undefined) return undefined;
  if (!truth.textPages) return { text: output.text, approximate: false };
  const pages = output.pages ?? (output.text.includes("\f") ? output.text.split("\f") : undefined);
  if (!pages) return { text: output.text, approximate: truth.pages.length > 1 && output.text.trim() !== "" };
  return { text: truth.textPages.map((i) => pages[i] ?? "").join("\n"), approximate: false };
}
