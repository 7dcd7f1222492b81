// One dossier-code grammar: what the extractors find is what progress parses, in both styles.
import { describe, expect, it } from "vitest";
import {
  findDossierCode,
  isDossierCode,
  parseDossierCode,
} from "../../src/extractors/parsers/dossier-code.js";

describe("dossier-code grammar", () => {
  it("finds, accepts and parses the pre-2026 and the 2026 forms alike", () => {
    for (const [text, code, format] of [
      ["Mã hồ sơ: 000.00.00.H49 - 210315 - 0001 (tiếp nhận)", "000.00.00.H49-210315-0001", "2018"],
      ["Mã hồ sơ: H55.242-260125-010001", "H55.242-260125-010001", "2026"],
    ] as const) {
      expect(findDossierCode(text)).toBe(code);
      expect(isDossierCode(code)).toBe(true);
      expect(parseDossierCode(code.toLowerCase())?.format).toBe(format);
    }
  });
  it("rejects impossible dates and shapes everywhere, and skips a bad code to find a good one", () => {
    for (const bad of [
      "000.00.00.H49-210230-0001",
      "H55.242-261325-010001",
      "H55-260125-010001",
      "15/QĐ-UBND",
    ]) {
      expect(isDossierCode(bad), bad).toBe(false);
      expect(parseDossierCode(bad), bad).toBeUndefined();
      expect(findDossierCode(`Mã: ${bad}`), bad).toBeUndefined();
    }
    expect(findDossierCode("H55.242-261325-010001 hoặc H55.242-260125-010002")).toBe("H55.242-260125-010002");
  });
});
