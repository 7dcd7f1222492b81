// Word correction: invalid syllables repaired with evidence, context slips fixed, names and codes left alone.
import { describe, expect, it } from "vitest";
import { correctWords } from "../../src/text/correct.js";
import { buildLm } from "../../src/text/lm.js";
import { correctPage } from "../../src/stages/correct.js";
import type { OcrPage } from "../../src/types.js";

const words = (line: string) => line.split(" ").map((text) => ({ text, confidence: 90 }));
const fixed = (line: string) => correctWords(words(line)).map((f) => `${f.from}>${f.to}`);

describe("correctWords", () => {
  it("repairs a title whose circumflex OCR dropped, keeping the capitals", () => {
    expect(fixed("QUYÉT ĐỊNH")).toEqual(["QUYÉT>QUYẾT"]);
  });

  it("fixes valid words the neighbours contradict, with the punctuation kept", () => {
    expect(fixed("Luật Tổ chức chính quyên địa phương;")).toEqual(["quyên>quyền"]);
    expect(fixed("sửa đổi, bồ sung một số điều")).toEqual(["bồ>bổ"]);
  });

  it("leaves numbers, codes, abbreviations and names inside a line alone", () => {
    expect(fixed("Số: 12/QĐ-UBND ngày 05/01/2025 UBND HĐND")).toEqual([]);
    expect(fixed("ông Lê Văn Tâm")).toEqual([]);
  });

  it("leaves an invalid word when two spellings are equally likely", () => {
    const lm = buildLm("một hai ba");
    // "dat" with a level tone and a stop final: đát, đạt, dát, dạt … nothing to choose between.
    expect(correctWords(words("xin dàt"), lm)).toEqual([]);
  });

  it("repairs a heading set in capitals on one pair, where a capitalised name needs more", () => {
    const lm = buildLm("việc thu hồi; giấy phép");
    expect(correctWords(words("QUY ĐỊNH VỀ THU HÒI GIẤY PHÉP"), lm).map((f) => f.to)).toEqual(["HỒI"]);
    expect(correctWords(words("ông Thu Hòi Giấy"), lm)).toEqual([]);
  });

  it("reads the word between a month's figure and a year's as 'năm'", () => {
    expect(fixed("NGÀY 15 THÁNG 11 NAM 2024 CỦA BỘ")).toEqual(["NAM>NĂM"]);
    expect(fixed("ngày 5 tháng 3 nằm 2020")).toEqual(["nằm>năm"]);
    expect(fixed("tỉnh Quảng Nam 2024")).toEqual([]);
    expect(fixed("năm 2024")).toEqual([]);
  });

  it("sets a word read small in a heading of capitals in capitals", () => {
    expect(fixed("cơ GIỚI, XE MÁY CHUYÊN DÙNG")).toEqual(["cơ>CƠ"]);
    expect(fixed("UBND tỉnh BẮC NINH")).toEqual([]);
    expect(fixed("về việc CẤP GIẤY")).toEqual([]);
  });

  it("gives a word it repairs the capital a clause takes after its number", () => {
    const lm = buildLm("đồng ý chủ trương");
    // "bồng", doubted (60), is one letter from "đồng" that "ý" pairs with.
    const doubted = (line: string) => line.split(" ").map((text) => ({ text, confidence: 60 }));
    expect(correctWords(doubted("1. bồng ý chủ trương"), lm).map((f) => f.to)).toEqual(["Đồng"]);
    expect(correctWords(doubted("a) bồng ý"), lm).map((f) => f.to)).toEqual(["Đồng"]);
    expect(correctWords(doubted("cùng bồng ý"), lm).map((f) => f.to)).toEqual(["đồng"]);
  });

  it("takes the spelling the model has seen beside the neighbour", () => {
    const lm = buildLm("kết quả đạt được");
    expect(correctWords(words("kết quả dàt được"), lm).map((f) => f.to)).toEqual(["đạt"]);
  });
});

describe("correct stage", () => {
  it("rebuilds line and page text and keeps the engine's words", () => {
    const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
    const line = (t: string, i: number) => ({
      text: t,
      box,
      confidence: 90,
      words: t.split(" ").map((w) => ({ text: w, box, confidence: 90, line: i })),
    });
    const page: OcrPage = {
      width: 100,
      height: 100,
      lines: [line("QUYÉT ĐỊNH", 0), line("Về việc", 1)],
      text: "QUYÉT ĐỊNH\nVề việc",
      confidence: 90,
      engine: "t",
    };
    const out = correctPage(page);
    expect(out.text).toBe("QUYẾT ĐỊNH\nVề việc");
    expect(out.lines[0]!.words[0]!.text).toBe("QUYẾT");
    expect(out.corrections).toEqual([
      { line: 0, word: 0, from: "QUYÉT", to: "QUYẾT", confidence: expect.any(Number), reason: "invalid" },
    ]);
    expect(page.text).toBe("QUYÉT ĐỊNH\nVề việc");
  });
});

describe("dashes", () => {
  it("reads a lone long dash between words as the hyphen", () => {
    expect(correctWords(words("Độc lập — Tự do")).map((f) => f.to)).toEqual(["-"]);
  });
});

describe("number label and doubtful rare words", () => {
  it("reads Só: as Số:", () => {
    expect(correctWords(words("Só: 12/QĐ-UBND")).map((f) => f.to)).toEqual(["Số:"]);
  });

  it("reads the label before a figure as số, and not a word before a figure after punctuation", () => {
    expect(fixed("Luật sô 48/2014/QH13")).toEqual(["sô>số"]);
    expect(fixed("THÔNG TƯ SÓ 79/2024/TT-BCA")).toEqual(["SÓ>SỐ"]);
    expect(fixed("thiết bị sô, 12")).toEqual([]);
  });

  it("sets a capitals word whose first letter came out small in capitals", () => {
    expect(fixed("tHỦ TƯỚNG")).toEqual(["tHỦ>THỦ"]);
    expect(fixed("iPhone mTV")).toEqual([]);
  });

  it("reads a line's last and first words with the lines around them", () => {
    const lm = buildLm("bổ sung. bổ sung. đồ dùng");
    expect(correctWords(words("sửa đổi, bỗ"), lm)).toEqual([]);
    expect(correctWords(words("sửa đổi, bỗ"), lm, { after: "sung" }).map((f) => f.to)).toEqual(["bổ"]);
    expect(correctWords(words("dung quy định"), lm)).toEqual([]);
    expect(correctWords(words("dung quy định"), lm, { before: "đồ" }).map((f) => f.to)).toEqual(["dùng"]);
  });

  it("moves an unseen word the engine doubts to a common spelling a mark away, but not a confident one", () => {
    const lm = buildLm("số số số số");
    expect(correctWords([{ text: "sô", confidence: 60 }], lm).map((f) => f.to)).toEqual(["số"]);
    expect(correctWords([{ text: "sô", confidence: 96 }], lm)).toEqual([]);
  });
});

describe("known words", () => {
  it("keeps a word the model knows when only one pair speaks against it", () => {
    const lm = buildLm("hộ kinh doanh. tiếp nhận hồ sơ");
    expect(correctWords(words("công nhận hộ nghèo"), lm)).toEqual([]);
  });
});

describe("titles and names inside a line", () => {
  const lm = buildLm("chủ tịch. chủ tịch. chủ tịch ủy ban");

  it("corrects a lone capitalised title by the word after it", () => {
    expect(fixed("cách chức Chu tịch, Phó")).toEqual(["Chu>Chủ"]);
    expect(correctWords(words("cách chức Chu tịch và"), lm).map((f) => f.to)).toEqual(["Chủ"]);
    expect(correctWords(words("bầu chức vụ Chú tịch"), lm).map((f) => f.to)).toEqual(["Chủ"]);
  });

  it("leaves a capitalised word in a run of capitals, or with one pair of evidence, alone", () => {
    expect(correctWords(words("ông Lê Chu tịch"), lm)).toEqual([]);
    expect(correctWords(words("vụ Chu tịch"), buildLm("chủ tịch"))).toEqual([]);
  });
});

describe("the web's pairs", () => {
  const web = (...pairs: string[]) => buildLm("", new Set(pairs));
  const to = (line: string, lm: ReturnType<typeof buildLm>, confidence = 90) =>
    correctWords(
      line.split(" ").map((text) => ({ text, confidence })),
      lm,
    ).map((f) => f.to);

  it("moves a word that pairs with neither neighbour to the one variant that pairs with both", () => {
    const lm = web("thiết bị", "bị số", "số dành");
    expect(to("thiết bị sô dành", lm)).toEqual(["số"]);
    expect(to("thiết bị sô dành", web("thiết bị", "bị số"))).toEqual([]);
  });

  it("takes one side's word only where the engine doubted it", () => {
    const lm = web("rửa tiền");
    expect(to("chống rửa tiên,", lm)).toEqual([]);
    expect(to("chống rửa tiên,", lm, 80)).toEqual(["tiền,"]);
  });

  it("repairs a heading in capitals on one side's pair: the engine misreads its marks most", () => {
    const lm = web("định về", "về cấp", "thu hồi");
    expect(to("QUY ĐỊNH VÈ CÁP, THU HỒI", lm)).toEqual(["VỀ", "CẤP,"]);
    expect(to("quy định vè cáp, thu hồi", lm)).toEqual([]);
  });

  it("never outweighs a pair the model counts", () => {
    const lm = buildLm("theo nhu cầu", new Set(["theo như", "như câu"]));
    expect(to("theo nhu câu", lm)).toEqual(["cầu"]);
  });
});

describe("specks glued to a word", () => {
  it("drops a colon too small to be one, when the page's word height is known, and keeps a real one", () => {
    const letter = (text: string) => ({ text, box: { y0: 100, y1: 122 } });
    const luat = (colonTop: number) => ({
      text: "Luật:",
      confidence: 62,
      symbols: [
        letter("L"),
        letter("u"),
        letter("ậ"),
        letter("t"),
        { text: ":", box: { y0: colonTop, y1: colonTop + 5 } },
      ],
    });
    const line = (colonTop: number) => [luat(colonTop), { text: "số", confidence: 96 }];
    expect(correctWords(line(129), buildLm(""), { textHeight: 27 })).toEqual([
      { index: 0, from: "Luật:", to: "Luật", confidence: 0.8, reason: "invalid" },
    ]);
    expect(correctWords(line(129), buildLm(""))).toEqual([]);
    const tall = {
      ...luat(0),
      symbols: [...luat(0).symbols.slice(0, 4), { text: ":", box: { y0: 108, y1: 122 } }],
    };
    expect(correctWords([tall, { text: "số", confidence: 96 }], buildLm(""), { textHeight: 27 })).toEqual([]);
  });
});
