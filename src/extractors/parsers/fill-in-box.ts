// Where a fill-in slot sits on the page: the OCR words between its printed label and the next printed word.
import type { Box, OcrLine, OcrPage } from "../../types.js";
import { fold } from "./text.js";
import type { Slot } from "./fill-ins.js";

/** The printed words around each slot, folded: the slot lies after `from` and before `to`. */
const AROUND: Record<Slot, { from: RegExp; to: RegExp }> = {
  number: { from: /^s[o6]\b|^s[o6][:;.]/, to: /\// },
  day: { from: /^ngay/, to: /^t[hk]?[a-z]{2,3}g/ },
  month: { from: /^t[hk]?[a-z]{2,3}g/, to: /^n[a-z]{1,2}m$/ },
};

export interface SlotPlace {
  /** 0-based page index. */
  page: number;
  box: Box;
  /** Lowest OCR confidence (0..100) of the words in the slot; undefined for an empty slot. */
  confidence?: number;
}

function union(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/**
 * The slot's box on its OCR line: the words between the label and the next printed word, or
 * the gap between them when OCR read nothing there (an unread pen stroke), or the label word
 * itself when OCR glued the slot to it ("thángØ?").
 */
export function slotPlace(pages: readonly OcrPage[], line: OcrLine, slot: Slot): SlotPlace | undefined {
  const page = pages.findIndex((p) => p.lines.includes(line));
  if (page < 0) return undefined;
  const words = line.words;
  const folded = words.map((w) => fold(w.text));
  const { from, to } = AROUND[slot];
  const start = folded.findIndex((f) => from.test(f));
  if (start < 0) return undefined;
  let end = folded.findIndex((f, i) => i > start && to.test(f));
  if (end < 0) end = Math.min(words.length, start + 2);
  const inside = words.slice(start + 1, end);
  if (inside.length > 0) {
    return {
      page,
      box: union(inside.map((w) => w.box)),
      confidence: Math.min(...inside.map((w) => w.confidence)),
    };
  }
  const a = words[start]!.box;
  const b = words[end]?.box;
  if (!b || b.x0 <= a.x1) return { page, box: a, confidence: words[start]!.confidence };
  return { page, box: { x0: a.x1, y0: Math.min(a.y0, b.y0), x1: b.x0, y1: Math.max(a.y1, b.y1) } };
}
