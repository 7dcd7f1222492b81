// Format checks the runner applies to every extracted value, by the format its field declares.
import { isDossierCode } from "./parsers/dossier-code.js";
import { parseTaxCode } from "./parsers/tax-code.js";
import type { FieldSpec } from "./types.js";

/** Problems with `value` for a field declared as `spec`; empty when it is well-formed. */
export function validateValue(spec: FieldSpec, value: string | number): string[] {
  if (spec.type === "integer") {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
      ? []
      : ["not a whole number"];
  }
  if (typeof value !== "string" || value.trim() === "") return ["empty"];
  switch (spec.format) {
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return ["not a YYYY-MM-DD date"];
      const d = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? ["impossible date"] : [];
    }
    case "docNumber":
      return /^\d+(\/\d{4})?\/[\p{Lu}Đ][\p{Lu}Đ0-9.-]*$/u.test(value) ? [] : ["not a number/symbol"];
    case "personalId":
      return /^(\d{9}|\d{12})$/.test(value) ? [] : ["not 9 or 12 digits"];
    case "taxCode":
      return parseTaxCode(value) === value ? [] : ["not a 10- or 13-digit tax code"];
    case "dossierCode":
      return isDossierCode(value) ? [] : ["not a dossier code"];
    case "procedureCode":
      return /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/.test(value) ? [] : ["not a procedure code"];
    case "gender":
      return value === "Nam" || value === "Nữ" ? [] : ["not Nam/Nữ"];
    case "businessCode":
      return /^\d{2,3}[A-Z0-9]\d{6,9}$/.test(value) ? [] : ["not a household business code"];
    case "name":
      return /^\p{Lu}\p{Ll}*( \p{Lu}\p{Ll}*){1,5}$/u.test(value) ? [] : ["not a full name"];
    default:
      return [];
  }
}
