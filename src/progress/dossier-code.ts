// Dossier codes (mã hồ sơ): the pre-2026 `000.00.00.H49-210315-0001` and the 2026 `H55.242-260125-010001` forms.

export interface DossierCode {
  agency: string;
  /** Receipt date, YYYY-MM-DD. */
  receivedOn: string;
  sequence: string;
  format: "2018" | "2026";
}

// Old: 13-character agency code read right to left; new: agency code read left to right, up to 35 characters.
const OLD = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4,6})$/;
const NEW = /^([A-Z]\d{2}(?:\.[0-9A-Z]+){0,8})-(\d{2})(\d{2})(\d{2})-(\d{6})$/;

/** Parses a dossier code of either format; undefined when it is neither or the date is impossible. */
export function parseDossierCode(raw: string): DossierCode | undefined {
  const code = raw.trim().toUpperCase();
  const old = OLD.exec(code);
  const m = old ?? NEW.exec(code);
  if (!m || (!old && (m[1] ?? "").length > 35)) return undefined;
  const [, agency = "", yy = "", mm = "", dd = "", sequence = ""] = m;
  const month = Number(mm);
  const day = Number(dd);
  const year = 2000 + Number(yy);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return { agency, receivedOn: `${year}-${mm}-${dd}`, sequence, format: old ? "2018" : "2026" };
}

/** The canonical spelling used as a key: trimmed, upper case. */
export function normalizeDossierCode(raw: string): string {
  return raw.trim().toUpperCase();
}
