// Benchmark scores on tiny strings with hand-computed results.
import { describe, expect, it } from "vitest";
import {
  characterErrorRate,
  corpusCer,
  corpusWordF1,
  foldText,
  levenshtein,
  skewError,
  wordF1,
} from "../bench/score/index.js";

describe("foldText", () => {
  it("folds whitespace runs and newlines, trims, and composes to NFC", () => {
    expect(foldText("  Quye\u0302\u0301t \n\n định\tsố ")).toBe("Quyết định số");
  });
});

describe("levenshtein / CER", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(levenshtein([..."kitten"], [..."sitting"])).toBe(3);
    expect(levenshtein([], [..."abc"])).toBe(3);
    expect(levenshtein([..."abc"], [..."abc"])).toBe(0);
  });

  it("treats a Vietnamese letter as one character whatever its encoding", () => {
    // "ế" decomposed in the hypothesis, composed in the truth: no error after NFC.
    expect(characterErrorRate("Quye\u0302\u0301t", "Quyết").cer).toBe(0);
    // "đinh" vs "định": one substitution (i → ị) over 4 characters.
    expect(characterErrorRate("đinh", "định")).toEqual({ edits: 1, truthChars: 4, cer: 0.25 });
  });

  it("ignores whitespace layout but not missing spaces", () => {
    expect(characterErrorRate("số\n15", "số 15").cer).toBe(0);
    // "số15" vs "số 15": one insertion over 5 characters.
    expect(characterErrorRate("số15", "số 15").cer).toBeCloseTo(1 / 5);
  });

  it("pools a corpus by characters, not by file", () => {
    const a = characterErrorRate("ab", "abcd"); // 2 edits / 4
    const b = characterErrorRate("x", "y"); // 1 edit / 1
    expect(corpusCer([a, b])).toBeCloseTo(3 / 5);
  });

  it("scores empty texts sensibly", () => {
    expect(characterErrorRate("", "").cer).toBe(0);
    expect(characterErrorRate("abc", "").cer).toBe(1);
  });
});

describe("wordF1", () => {
  it("matches a multiset of tokens regardless of order", () => {
    // truth: a a b c (4); hypothesis: a b b d (4); matched: a, b = 2 → P = R = 0.5.
    const s = wordF1("a b b d", "c a a b");
    expect(s).toMatchObject({
      matched: 2,
      hypothesisWords: 4,
      truthWords: 4,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });

  it("computes F1 from unequal precision and recall", () => {
    // truth: Số 15 QĐ (3); hypothesis: Số 15 (2) → P = 1, R = 2/3, F1 = 0.8.
    const s = wordF1("Số 15", "Số\n15 QĐ");
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(0.8);
  });

  it("micro-averages over a corpus", () => {
    const total = corpusWordF1([wordF1("a b", "a b"), wordF1("x", "y z")]);
    // matched 2, hyp 3, truth 4 → P = 2/3, R = 1/2, F1 = 4/7.
    expect(total.f1).toBeCloseTo(4 / 7);
  });
});

describe("skewError", () => {
  it("reports mean and max absolute error and counts missing detections", () => {
    const s = skewError([
      { detected: 1.5, truth: 2 },
      { detected: -3, truth: -2 },
      { detected: undefined, truth: 4 },
    ]);
    expect(s).toEqual({ pages: 2, meanAbsError: 0.75, maxAbsError: 1, missing: 1 });
  });
});
