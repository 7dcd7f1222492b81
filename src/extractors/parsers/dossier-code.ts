// Dossier codes (mã hồ sơ) and procedure codes (mã TTHC), old and 2026 styles: the one grammar, used by extractors and progress.

/** A parsed dossier code. */
export interface DossierCode {
  agency: string;
  /** Receipt date, YYYY-MM-DD. */
  receivedOn: string;
  sequence: string;
  /** "2018": `000.00.00.H49-210315-0001` (until 2025); "2026": `H55.242-260125-010001` (from 25/1/2026). */
  format: "2018" | "2026";
}

/** Old agency code: 13 characters, read right to left. */
const OLD_AGENCY = String.raw`\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}`;
/** New agency code (Decision 20/2020): read left to right, up to 35 characters. */
const NEW_AGENCY = String.raw`[A-Z]\d{2}(?:\.[0-9A-Z]{1,8}){1,8}`;
const MAX_AGENCY = 35;
/** Agency, receipt date YYMMDD, daily sequence. */
const SHAPE = String.raw`(${OLD_AGENCY}|${NEW_AGENCY})-(\d{2})(\d{2})(\d{2})-(\d{4,6})`;
const EXACT = new RegExp(`^${SHAPE}$`);
const IN_TEXT = new RegExp(String.raw`\b${SHAPE}\b`, "g");
const OLD_EXACT = new RegExp(`^${OLD_AGENCY}$`);

/** `1.011442` or localised `1.011442.000.00.00.H38`. */
const PROCEDURE = /\b(\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?)\b/;

function fromMatch(m: RegExpExecArray): DossierCode | undefined {
  const [, agency = "", yy = "", mm = "", dd = "", sequence = ""] = m;
  if (agency.length > MAX_AGENCY) return undefined;
  const year = 2000 + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return undefined;
  return {
    agency,
    receivedOn: `${year}-${mm}-${dd}`,
    sequence,
    format: OLD_EXACT.test(agency) ? "2018" : "2026",
  };
}

/** Parses a dossier code of either format (trimmed, any case); undefined when it is neither or its date is impossible. */
export function parseDossierCode(raw: string): DossierCode | undefined {
  const m = EXACT.exec(normalizeDossierCode(raw));
  return m ? fromMatch(m) : undefined;
}

/** The canonical spelling used as a key: trimmed, upper case. */
export function normalizeDossierCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/** True for a well-formed dossier code of either style, exactly as written. */
export function isDossierCode(code: string): boolean {
  const m = EXACT.exec(code);
  return m !== null && fromMatch(m) !== undefined;
}

/** The first well-formed dossier code in `text` (spaces around its hyphens, as OCR leaves them, are dropped). */
export function findDossierCode(text: string): string | undefined {
  for (const m of text.replace(/\s*-\s*/g, "-").matchAll(IN_TEXT)) {
    if (fromMatch(m as RegExpExecArray)) return m[0];
  }
  return undefined;
}

/** The procedure code in `text`. */
export function findProcedureCode(text: string): string | undefined {
  return PROCEDURE.exec(text)?.[1];
}
