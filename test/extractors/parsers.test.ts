// The shared Vietnamese parsers, on the shapes real papers and real OCR produce.
import { describe, expect, it } from "vitest";
import {
  checkPersonalId,
  collapseStackedVowel,
  findNameInLine,
  repairSurname,
  findAgencyBlock,
  findDocNumber,
  findDossierCode,
  findProcedureCode,
  findSigner,
  findVnd,
  findWordDates,
  fixDigits,
  fold,
  genderOf,
  isDossierCode,
  parseDate,
  parseName,
  parseTaxCode,
  parseVnd,
  toLines,
} from "../../src/extractors/parsers/index.js";

describe("dates", () => {
  it("reads the place-date line with and without leading zeros", () => {
    expect(parseDate("Hà Nội, ngày 05 tháng 01 năm 2020")?.iso).toBe("2020-01-05");
    expect(parseDate("Hà Nội, ngày 5 tháng 1 năm 2020")?.iso).toBe("2020-01-05");
  });
  it("survives mangled words and look-alike digits", () => {
    expect(findWordDates("Hà Khánh, hgày 16 thắng O4 nắm 2023")[0]?.iso).toBe("2023-04-16");
    expect(findWordDates("hgày 16 thắng O4 nắm 2023")[0]?.repaired).toBe(true);
  });
  it("reads dd/mm/yyyy and rejects impossible dates", () => {
    expect(parseDate("sinh: 29/02/2024")?.iso).toBe("2024-02-29");
    expect(parseDate("sinh: 30/02/2023")).toBeUndefined();
  });
});

describe("document numbers", () => {
  it("reads individual and normative numbers", () => {
    expect(findDocNumber("Số: 15/QĐ-UBND")?.value).toBe("15/QĐ-UBND");
    expect(findDocNumber("Số: 12/2021/QĐ-UBND Hà Nội, ngày")?.value).toBe("12/2021/QĐ-UBND");
  });
  it("repairs O/0 in the number, not in the symbol, and accepts a missing colon and fraction slash", () => {
    expect(findDocNumber("Số 1O⁄QĐ-UBND".replace("⁄", "/"))).toMatchObject({
      value: "10/QĐ-UBND",
      repaired: true,
    });
  });
  it("ignores addresses and legal references", () => {
    expect(findDocNumber("Số 252 đường Lê Lợi")).toBeUndefined();
    expect(findDocNumber("Căn cứ Nghị định số 61/2018/NĐ-CP")).toBeUndefined();
  });
});

describe("personal ID", () => {
  it("checks century/sex digit against the birth year", () => {
    expect(checkPersonalId("001095012345", 1995)?.problems).toEqual([]);
    expect(checkPersonalId("001195012345", 1995)?.problems).toEqual([]);
    expect(checkPersonalId("001295012345", 1995)?.problems).toEqual(["birthYear"]);
    expect(genderOf("001195012345")).toBe("Nữ");
  });
  it("accepts a 9-digit CMND and repairs look-alikes", () => {
    expect(checkPersonalId("12345678O")).toMatchObject({ value: "123456780", kind: "cmnd", repaired: true });
  });
  it("flags a bad province and a wrong length", () => {
    expect(checkPersonalId("999095012345")?.problems).toEqual(["province"]);
    expect(checkPersonalId("0010950123")?.problems).toEqual(["length"]);
  });
});

describe("codes and money", () => {
  it("tax codes of 10 and 13 digits", () => {
    expect(parseTaxCode("0100109106")).toBe("0100109106");
    expect(parseTaxCode("0100109106 - 0O1")).toBe("0100109106-001");
    expect(parseTaxCode("01001091")).toBeUndefined();
  });
  it("dossier codes, old and 2026 style, and procedure codes", () => {
    expect(findDossierCode("Mã hồ sơ: 000.00.00.H49-210315-0001")).toBe("000.00.00.H49-210315-0001");
    expect(findDossierCode("Mã hồ sơ: H55.242-260125-010001")).toBe("H55.242-260125-010001");
    expect(isDossierCode("H55.242-261325-010001")).toBe(false);
    expect(findProcedureCode("Mã TTHC: 1.011442.000.00.00.H38")).toBe("1.011442.000.00.00.H38");
  });
  it("VND amounts to integers", () => {
    expect(parseVnd("150.000.000 đồng")).toEqual({ value: 150000000, repaired: false });
    expect(findVnd("Vốn kinh doanh: 2.5OO.000.000 đồng")).toMatchObject({
      value: 2500000000,
      repaired: true,
    });
    expect(parseVnd("một trăm")).toBeUndefined();
  });
  it("repairs digit look-alikes only when asked", () => {
    expect(fixDigits("l2O8S").value).toBe("12085");
  });
});

describe("names", () => {
  it("folds case and keeps diacritics", () => {
    expect(parseName("NGUYỄN VĂN AN")?.value).toBe("Nguyễn Văn An");
  });
  it("repairs a family name one OCR slip away, and impossible syllables", () => {
    expect(parseName("Irương Văn Hạnh")).toEqual({ value: "Trương Văn Hạnh", repaired: true });
    expect(parseName("HƯỲNH ĐỨC TÀI")?.value).toBe("Huỳnh Đức Tài");
    expect(parseName("Phạm Xúấn Lộc")?.value).toBe("Phạm Xuân Lộc");
  });
  it("rejects a single word", () => {
    expect(parseName("Nguyễn")).toBeUndefined();
  });
});

describe("agency and signer blocks", () => {
  it("joins the agency lines and cuts the motto off merged lines", () => {
    const lines = toLines(
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN ĐỨC CỐC Độc lập - Tự do - Hạnh phúc\nSố: 1/QĐ-UBND",
    );
    expect(findAgencyBlock(lines, 2)?.value).toBe("ỦY BAN NHÂN DÂN HUYỆN ĐỨC CỐC");
  });
  it("finds the signer below the block, past seal garbage", () => {
    const lines = toLines(
      "Điều 3. Thi hành./.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n/⁄ Ñ s\nHồ Văn Tám",
    );
    expect(findSigner(lines)).toMatchObject({
      name: { value: "Hồ Văn Tám" },
      position: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
    });
  });
  it("rebuilds a name whose first letters the seal ate, flagged as guessed", () => {
    const lines = toLines("CHỦ TỊCH\nạm Thị Loan");
    expect(findSigner(lines)).toMatchObject({ name: { value: "Phạm Thị Loan", repaired: true } });
  });
  it("folds without changing indices", () => {
    const s = "Ủy ban nhân dân Đắk Lắk";
    expect(fold(s)).toHaveLength(s.length);
    expect(fold(s)).toBe("uy ban nhan dan dak lak");
  });
});

describe("OCR slips in headers and signer blocks", () => {
  it("collapses a vowel read twice, only where the syllable is impossible", () => {
    expect(collapseStackedVowel("THIÊỆN")).toBe("THIỆN");
    expect(collapseStackedVowel("Nguyêễn")).toBe("Nguyễn");
    expect(collapseStackedVowel("XOONG")).toBe("XOONG");
    expect(collapseStackedVowel("NGHIÊNG")).toBe("NGHIÊNG");
  });
  it("repairs a short family name by first letter and tone, as doubtful", () => {
    expect(repairSurname("Đã")).toEqual({ value: "Đỗ", repaired: true, doubtful: true });
    expect(repairSurname("Đa")).toEqual({ value: "Đa", repaired: false });
  });
  it("finds a name among seal and signature garbage, and only a name", () => {
    expect(findNameInLine("xš= - Đoàn Minh Khải")?.value).toBe("Đoàn Minh Khải");
    expect(findNameInLine("Ñ Vương Thị Nga )j")?.value).toBe("Vương Thị Nga");
    expect(findNameInLine("E10 TH")).toBeUndefined();
    expect(findNameInLine("Xuân Tuấn")).toBeUndefined();
    expect(findNameInLine("Lã Văn Tường")).toBeUndefined();
  });
  it("takes the signer name after garbage on its line, and on a later page", () => {
    const lines = toLines(
      "Điều 3. Thi hành./.\n\n2\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nx2\nxš= - Đoàn Minh Khải",
    );
    expect(findSigner(lines)).toMatchObject({ name: { value: "Đoàn Minh Khải" }, line: 5, guessed: false });
  });
  it("does not take a 'Nơi nhận' entry or garbage for the name", () => {
    const lines = toLines("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n- Ông Trần Văn Hải;\nE10 TH");
    expect(findSigner(lines)).toEqual({
      position: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
      headingLine: 0,
      guessed: false,
    });
  });
  it("cuts the motto wherever OCR put it, splits highland names, collapses doubled vowels", () => {
    const lines = toLines(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN\nĐộc lập - Tự do - Hạnh phúc HUYỆN KRÔNGH'NĂNG\nSố: 1/QĐ-UBND",
    );
    expect(findAgencyBlock(lines, 2)).toMatchObject({
      value: "ỦY BAN NHÂN DÂN HUYỆN KRÔNG H'NĂNG",
      repaired: true,
    });
    expect(findAgencyBlock(toLines("ỦY BAN NHÂN DÂN\nXÃ HÒA THIÊỆN"), 2)?.value).toBe(
      "ỦY BAN NHÂN DÂN XÃ HÒA THIỆN",
    );
  });
});
