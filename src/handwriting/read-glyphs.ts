// Handwritten digits read from a slot's glyphs, with one calibrated confidence for the whole reading.
import { classifyDigit } from "./digit-model.js";
import { normaliseDigit } from "./normalise.js";
import type { Glyph } from "./slot-glyphs.js";

export interface SlotReading {
  /** The digits, left to right. */
  digits: string;
  /** Probability that every digit is right: the product of each digit's calibrated confidence. */
  confidence: number;
  /** Each digit's own calibrated confidence. */
  perDigit: number[];
}

/** Reads each glyph as one digit (the recogniser only knows 0–9, so nothing else can come out). */
export function readGlyphs(glyphs: readonly Glyph[]): SlotReading {
  const reads = glyphs.map((g) => classifyDigit(normaliseDigit(g.ink)));
  return {
    digits: reads.map((r) => String(r.digit)).join(""),
    confidence: reads.reduce((p, r) => p * r.confidence, 1),
    perDigit: reads.map((r) => r.confidence),
  };
}
