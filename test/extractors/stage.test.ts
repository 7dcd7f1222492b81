// The extract stage: picks the type, never forces an unknown paper into one, never throws.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { extract } from "../../src/stages/extract.js";

const fixtures = path.resolve(import.meta.dirname, "../../fixtures");

describe("extract stage", () => {
  for (const docType of [
    "decision",
    "birth_extract",
    "household_business",
    "construction_permit",
    "marital_status",
  ]) {
    it(`recognises the ${docType} OCR sample`, async () => {
      const text = fs.readFileSync(path.join(fixtures, docType, "sample.txt"), "utf8");
      const r = await extract({ pages: [], text });
      expect(r.docType).toBe(docType);
      expect(r.typeConfidence).toBeGreaterThanOrEqual(0.5);
      expect(r.fields.issueDate?.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
  }

  it("reports an unrecognised paper as unknown, with number, date and issuer", async () => {
    const text = fs.readFileSync(path.join(fixtures, "unknown", "sample.txt"), "utf8");
    const r = await extract({ pages: [], text });
    expect(r.docType).toBe("unknown");
    expect(r.needsReview).toBe(true);
    expect(r.reviewReasons).toContain("document type not recognised");
    expect(Object.keys(r.fields)).toEqual(expect.arrayContaining(["documentNumber", "issueDate", "issuer"]));
  });

  it("flags invalid values but keeps them", async () => {
    const text = fs
      .readFileSync(path.join(fixtures, "birth_extract", "sample.txt"), "utf8")
      .replace(/Số định danh cá nhân: \d+/, "Số định danh cá nhân: 999999999999");
    const r = await extract({ pages: [], text });
    expect(r.fields.citizenId).toMatchObject({ value: "999999999999", valid: false });
    expect(r.needsReview).toBe(true);
    expect(r.reviewReasons.some((x) => x.startsWith("citizenId:"))).toBe(true);
  });

  it("never throws on weird text", async () => {
    const weird = [
      "",
      "\u0000\u0001",
      "Số: /",
      "ngày 99 tháng 99 năm 99999",
      "⁄".repeat(5000),
      "Ñ\n".repeat(2000),
      undefined as unknown as string,
    ];
    for (const text of weird) {
      const r = await extract({ pages: [], text });
      expect(r.docType).toBe("unknown");
    }
  });
});
