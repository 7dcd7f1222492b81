// Dossier codes (mã hồ sơ) and procedure codes (mã TTHC), old and 2026 styles.

/** `000.00.00.H49-210315-0001` (until 2025) or `H55.242-260125-010001` (from 25/1/2026). */
const DOSSIER = /\b((?:\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}|[A-Z]\d{2}(?:\.\d{1,3}){1,4})-\d{6}-\d{4,6})\b/;
/** `1.011442` or localised `1.011442.000.00.00.H38`. */
const PROCEDURE = /\b(\d\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?)\b/;

/** Checks the receipt date inside a dossier code (YYMMDD). */
function plausibleReceipt(code: string): boolean {
  const yymmdd = /-(\d{6})-/.exec(code)?.[1];
  if (!yymmdd) return false;
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/** The dossier code in `text`, old or new style. */
export function findDossierCode(text: string): string | undefined {
  const m = DOSSIER.exec(text.replace(/\s*-\s*/g, "-"));
  return m && plausibleReceipt(m[1]!) ? m[1] : undefined;
}

/** True for a well-formed dossier code of either style. */
export function isDossierCode(code: string): boolean {
  const m = DOSSIER.exec(code);
  return m !== null && m[1] === code && plausibleReceipt(code);
}

/** The procedure code in `text`. */
export function findProcedureCode(text: string): string | undefined {
  return PROCEDURE.exec(text)?.[1];
}
