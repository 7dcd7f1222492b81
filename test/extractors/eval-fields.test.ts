// The field scorer: normalisation rules, per-field and per-type figures, confusion.
import { describe, expect, it } from "vitest";
import { normaliseValue, scoreExtraction } from "../../src/eval/fields.js";

describe("normaliseValue", () => {
  it("folds case and blanks but keeps diacritics", () => {
    expect(normaliseValue("fullName", "  NGUYỄN  VĂN AN ")).toBe(normaliseValue("fullName", "Nguyễn Văn An"));
    expect(normaliseValue("fullName", "Nguyen Van An")).not.toBe(normaliseValue("fullName", "Nguyễn Văn An"));
  });
  it("dates, money, IDs and FieldValues", () => {
    expect(normaliseValue("issueDate", "05/01/2020")).toBe("2020-01-05");
    expect(normaliseValue("capitalVnd", "150.000.000")).toBe("150000000");
    expect(normaliseValue("capitalVnd", { value: 150000000, confidence: 1 })).toBe("150000000");
    expect(normaliseValue("citizenId", "001 095 012345")).toBe("001095012345");
    expect(normaliseValue("signer", "")).toBeUndefined();
  });
});

describe("scoreExtraction", () => {
  const truths = [
    { file: "a", docType: "decision", fields: { documentNumber: "1/QĐ-UBND", signer: "Hà Văn Tư" } },
    {
      file: "b",
      docType: "marital_status",
      fields: { documentNumber: "2/UBND-XNTTHN", fullName: "Lê Thị Na" },
    },
    { file: "c", docType: "birth_extract", fields: { fullName: "Vi Văn Bé" } },
  ];
  it("scores fields, types and the confusion table", () => {
    const s = scoreExtraction(
      [
        { file: "a", docType: "decision", fields: { documentNumber: "1/QĐ-UBND", signer: "Hà Văn Từ" } },
        {
          file: "b",
          docType: "unknown",
          fields: { documentNumber: "2/UBND-XNTTHN", fullName: "LÊ THỊ NA", gender: "Nữ" },
        },
      ],
      truths,
    );
    expect(s.docTypeAccuracy).toBeCloseTo(1 / 3);
    expect(s.fieldAccuracy).toBeCloseTo(3 / 5);
    expect(s.fields.documentNumber).toMatchObject({
      truth: 2,
      predicted: 2,
      correct: 2,
      precision: 1,
      recall: 1,
    });
    expect(s.fields.fullName).toMatchObject({
      truth: 2,
      predicted: 1,
      correct: 1,
      recall: 0.5,
      precision: 1,
    });
    expect(s.fields.gender).toMatchObject({ truth: 0, predicted: 1, correct: 0, precision: 0, accuracy: 0 });
    expect(s.confusion.marital_status).toEqual({ unknown: 1 });
    expect(s.types.decision).toMatchObject({
      documents: 1,
      docTypeCorrect: 1,
      truthFields: 2,
      correctFields: 1,
    });
    expect(s.missingPredictions).toEqual(["c"]);
    expect(s.mismatches.map((m) => `${m.file}.${m.field}`)).toEqual(["a.signer", "c.fullName"]);
  });
});
