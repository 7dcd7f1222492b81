// Line search helpers for extractors: labels matched without diacritics, values sliced from the original.
import { fold, fuzzyContains } from "./parsers/text.js";
import type { DetectInput } from "./types.js";

export interface Found {
  /** The text after the label, trimmed. */
  text: string;
  /** 0-based line index. */
  index: number;
}

/**
 * The text following the first match of `label` (a regex over folded text) on any line;
 * when the label ends its line, the next line is the value.
 */
export function afterLabel(input: DetectInput, label: RegExp, from = 0): Found | undefined {
  for (let i = from; i < input.lines.length; i++) {
    const m = label.exec(input.folded[i]!);
    if (!m) continue;
    const text = input.lines[i]!.slice(m.index + m[0].length)
      .replace(/^[\s:;.,]+/, "")
      .trim();
    if (text) return { text, index: i };
    const next = input.lines[i + 1];
    if (next) return { text: next.trim(), index: i + 1 };
  }
  return undefined;
}

/** Inline labels that end a value sharing its line with another field. */
const NEXT_LABEL =
  /\s*[,;]?\s*(?:gioi tinh|dan toc|quoc tich|so dinh danh|so cccd|ngay sinh|sinh ngay|noi cu tru|dia chi|so dien thoai)\b/;

/** Cuts `text` at the next inline label ("… Giới tính: Nữ"). */
export function untilNextLabel(text: string): string {
  const m = NEXT_LABEL.exec(fold(text));
  return (m ? text.slice(0, m.index) : text).replace(/[\s,;.]+$/, "").trim();
}

/** 0-based index of the first line whose folded text matches `re`, or -1. */
export function lineMatching(input: DetectInput, re: RegExp, from = 0): number {
  for (let i = from; i < input.folded.length; i++) if (re.test(input.folded[i]!)) return i;
  return -1;
}

/** Combines independent cues into one score: 1 − Π(1 − wᵢ) over the cues present. */
export function combine(weights: number[]): number {
  return 1 - weights.reduce((p, w) => p * (1 - w), 1);
}

/** Score of a printed title: 0.9 when found as is, 0.75 with OCR slips, 0 when absent. */
export function titleCue(input: DetectInput, phrase: string): number {
  const all = input.folded.join(" ");
  if (all.includes(phrase)) return 0.9;
  return fuzzyContains(all, phrase) ? 0.75 : 0;
}

/** `weight` when `re` matches any folded line, else 0. */
export function cue(input: DetectInput, re: RegExp, weight: number): number {
  return input.folded.some((l) => re.test(l)) ? weight : 0;
}
