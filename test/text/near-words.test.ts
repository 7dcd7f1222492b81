// Letter slips beyond marks: known words a letter or two away, repaired only where a neighbour pairs with them.
import { describe, expect, it } from "vitest";
import { correctWords, repairableInPlace } from "../../src/text/correct.js";
import { buildLm } from "../../src/text/lm.js";
import { letterDistance, nearWords } from "../../src/text/near-words.js";

const words = (line: string, confidence = 90) => line.split(" ").map((text) => ({ text, confidence }));

describe("letterDistance", () => {
  it("counts a mark slip as half a letter and another letter as one", () => {
    expect(letterDistance("định", "định")).toBe(0);
    expect(letterDistance("ãịnh", "định")).toBe(1);
    expect(letterDistance("dinh", "định")).toBe(1);
    expect(letterDistance("tghiệp", "nghiệp")).toBe(1);
    expect(letterDistance("gải", "giải")).toBe(1);
    expect(letterDistance("qujển", "quyền")).toBe(1.5);
  });
});

describe("nearWords", () => {
  it("finds known words within the limit, nearest first, and never the word itself", () => {
    const near = nearWords("tghiệp", ["nghiệp", "nghiệm", "tiếp", "tghiệp"]);
    expect(near.map((c) => c.word)).toEqual(["nghiệp", "nghiệm"]);
    expect(near[0]!.cost).toBe(1);
  });

  it("lets a word change by a third of its letters, one at least", () => {
    expect(nearWords("hi", ["thi", "khi", "hai"]).map((c) => c.word)).toEqual(["thi", "khi", "hai"]);
    expect(nearWords("hi", ["thiếu"])).toEqual([]);
    expect(nearWords("ttởng", ["trường"])).toEqual([]);
    expect(nearWords("qujển", ["quyền"]).map((c) => c.cost)).toEqual([1.5]);
  });

  it("never offers the same syllable with its tone mark placed the other way", () => {
    expect(nearWords("hoà", ["hòa", "hoa", "hóa"]).map((c) => c.word)).toEqual(["hoa", "hóa"]);
    expect(nearWords("thuỷ", ["thủy", "thùy"]).map((c) => c.word)).toEqual(["thùy"]);
  });
});

describe("letter slips in correctWords", () => {
  const lm = buildLm("nông nghiệp và môi trường. quyền hạn. quy định của pháp luật. giải quyết");

  it("repairs an invalid syllable to the known word a neighbour pairs with", () => {
    expect(correctWords(words("nông tghiệp và"), lm).map((f) => `${f.from}>${f.to}`)).toEqual([
      "tghiệp>nghiệp",
    ]);
    expect(correctWords(words("quy ãịnh của"), lm).map((f) => f.to)).toEqual(["định"]);
    expect(correctWords(words("qujển hạn"), lm).map((f) => f.to)).toEqual(["quyền"]);
  });

  it("keeps the case and punctuation of the engine's word", () => {
    expect(correctWords(words("Nông TGHIỆP, và"), lm).map((f) => f.to)).toEqual(["NGHIỆP,"]);
  });

  it("leaves a slip no neighbour vouches for, and one two known words fit equally", () => {
    expect(correctWords(words("xin tghiệp"), lm)).toEqual([]);
    const tie = buildLm("ban hành. ban hạnh");
    expect(correctWords(words("ban hqnh"), tie)).toEqual([]);
  });

  it("repairs a well-formed word both neighbours name as one known word, when unseen or all but guessed", () => {
    const both = buildLm("thẩm quyền giải quyết. quyền hạn và cơ cấu tổ chức. cộng hòa xã hội");
    // "gải" is a syllable the model never saw, read at 93: both "quyền" and "quyết" call it "giải".
    expect(correctWords(words("thẩm quyền gải quyết", 93), both).map((f) => f.to)).toEqual(["giải"]);
    // "cư" is a word the model knows: only a guess of the engine's (0) yields to "cơ".
    const seen = buildLm("quyền hạn và cơ cấu tổ chức. cư trú");
    expect(
      correctWords([...words("hạn và"), { text: "cư", confidence: 0 }, ...words("cấu tổ")], seen),
    ).toEqual([{ index: 2, from: "cư", to: "cơ", confidence: 0.55, reason: "context" }]);
    expect(
      correctWords([...words("hạn và"), { text: "cư", confidence: 70 }, ...words("cấu tổ")], seen),
    ).toEqual([]);
    // One neighbour is not enough, and a tone placed the other way is the same word.
    expect(correctWords(words("quyền gải.", 93), both)).toEqual([]);
    expect(correctWords(words("CỘNG HOÀ XÃ HỘI", 93), both)).toEqual([]);
  });

  it("never turns numbers or codes into words", () => {
    expect(correctWords(words("số 4017/TTr-BNNMT ngày"), lm)).toEqual([]);
  });
});

describe("repairableInPlace", () => {
  const lm = buildLm("nông nghiệp và môi trường");

  it("vouches for a doubtful slip only when both neighbours pair with one known word", () => {
    expect(repairableInPlace(words("Nông tghiệp và", 0), 1, lm)).toBe(true);
    expect(repairableInPlace(words("Nông tghiệp của", 0), 1, lm)).toBe(false);
    expect(repairableInPlace(words("tghiệp và", 0), 0, lm)).toBe(false);
    expect(repairableInPlace(words("Nông, tghiệp và", 0), 1, lm)).toBe(false);
    expect(repairableInPlace(words("Nông xk#q và", 0), 1, lm)).toBe(false);
  });
});
