// Words made up from seals, signatures and stamp marks leave the line; doubtful real words and glued labels stay.
import { describe, expect, it } from "vitest";
import { isTextLine, noiseWords } from "../../src/text/noise-lines.js";
import type { OcrLine } from "../../src/types.js";

/** A line from "word:confidence" pairs, laid left to right. */
function line(spec: string): OcrLine {
  const words = spec.split(" ").map((s, i) => {
    const at = s.lastIndexOf(":");
    return {
      text: s.slice(0, at),
      confidence: Number(s.slice(at + 1)),
      box: { x0: i * 110, y0: 0, x1: i * 110 + 100, y1: 40 },
      line: 0,
    };
  });
  return {
    text: words.map((w) => w.text).join(" "),
    box: { x0: 0, y0: 0, x1: 2000, y1: 40 },
    confidence: 80,
    words,
  };
}

const dropped = (spec: string): string[] => [...noiseWords(line(spec))].map((w) => w.text);

describe("noiseWords", () => {
  it("drops doubtful non-syllables beside well-read text", () => {
    expect(dropped("Nụ:0 i8:0 k....--:0 Phê:97 chuẩn:88 kết:97 quả:97")).toEqual(["Nụ", "i8", "k....--"]);
    expect(dropped("khẩn:80 cấp:95 đối:97 với:97 Tạ:15 ng:50")).toEqual([]);
  });

  it("drops a run of doubtful syllables but not a lone doubtful word between read ones", () => {
    expect(dropped("Về:91 việt:33 ban:33 hành:92 Kế:96 hoạch:66 mới:97")).toEqual([]);
    expect(dropped("tài:95 trợ::94 khang:0 bố:68 và,:83")).toEqual([]);
    expect(dropped("Căn:97 cứ:97 HÁnsssel:0 sex:0 SA:0 ư:0")).toEqual(["HÁnsssel", "sex", "SA", "ư"]);
  });

  it("drops every word of a line with no confidently read word", () => {
    expect(dropped("3N:11")).toEqual(["3N"]);
    expect(dropped("E7:21 5070100:35 10M:6 thôn:0 [TeTứ::0")).toHaveLength(5);
    expect(dropped("TTĐI:57")).toEqual(["TTĐI"]);
  });

  it("keeps lines held by a code, a number or an abbreviation read confidently", () => {
    expect(dropped("112/2025/QH15;:44 BCT.:91")).toEqual([]);
    expect(dropped("BCT.:91")).toEqual([]);
    expect(dropped("2026.:96")).toEqual([]);
  });

  it("keeps a label glued to a handwritten figure, which the fields read", () => {
    expect(dropped("Hà:97 Nội,:93 ngày,24':11 tháng:93 năm:97 2026:97")).toEqual([]);
  });

  it("never drops a document code or a field label, however doubted", () => {
    expect(dropped("Số::93 Zo%:12 /QĐ-TTg:22 Hà:97 Nội,:93 4:96 năm:96 2026:97")).toEqual(["Zo%"]);
    expect(dropped("Số::97 3:39 -:39 /2026/TT-BCA:16 Hà:96")).toEqual([]);
    expect(dropped("Nội,:93 ngày¿:29 lÔj:0 ĐẾN:29")).toEqual(["lÔj", "ĐẾN"]);
    expect(dropped("Nội,:93 ngày8đuháng:13 4:96")).toEqual([]);
  });

  it("leaves symbol runs to the overlay stage", () => {
    expect(dropped("——:20 Độc:95 lập:93 -:93 Tự:97")).toEqual([]);
  });
});

describe("isTextLine", () => {
  it("takes a signer's block read from skipped ink, and not seal or signature marks", () => {
    expect(isTextLine(line("KT.:97 BỘ:95 TRƯỞNG,:96 CHỦ:93 NHIỆM:92"))).toBe(true);
    expect(isTextLine(line("Lê:96 Minh:97 Hưng:96"))).toBe(true);
    expect(isTextLine(line("(23:73 số:53 N:1 c2:77"))).toBe(false);
    expect(isTextLine(line("1:82"))).toBe(false);
    expect(isTextLine(line("WT⁄CNỦ:58 TỊCH,:65"))).toBe(false);
    expect(
      isTextLine(line("2020:67 hụ:54 SỐ:29 ¡0:85 đang:33 gia:72 ưa:49 phưouy:0 lan:96 3:97 cua:76 Chau:76")),
    ).toBe(false);
  });
});

describe("noiseWords with a repair check", () => {
  it("keeps a doubtful word the check vouches for, and drops the rest as before", () => {
    const spec = "Bộ:96 Nông:97 tghiệp:0 và:97 Môi:97 ttởng:0 về:97";
    const kept = (words: readonly { text: string }[], i: number) => words[i]!.text === "tghiệp";
    expect([...noiseWords(line(spec), { repairable: kept })].map((w) => w.text)).toEqual(["ttởng"]);
    expect(dropped(spec)).toEqual(["tghiệp", "ttởng"]);
  });
});
