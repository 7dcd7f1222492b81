// Fields every administrative document carries: number, date, issuer, subject, signer, dossier links.
import { afterLabel, lineMatching } from "./find.js";
import { findAgencyBlock } from "./parsers/agency.js";
import { findWordDates, findSlashDates, parseDate, toIsoDate } from "./parsers/date.js";
import { findDocNumber } from "./parsers/doc-number.js";
import { findDossierCode, findProcedureCode } from "./parsers/dossier-code.js";
import { dateFill, numberFill } from "./parsers/fill-ins.js";
import { findSigner } from "./parsers/signer.js";
import { ownNumberLine } from "./parsers/title.js";
import { fixCommonPhrases } from "./parsers/text.js";
import type { ExtractContext, ExtractedFields, FieldSpec } from "./types.js";

/** Confidence of a value read cleanly, repaired from OCR slips, or guessed from position. */
export const CONFIDENCE = { clean: 0.95, repaired: 0.7, guessed: 0.5 } as const;

export const GENERIC_FIELDS = {
  documentNumber: {
    type: "string",
    format: "docNumber",
    required: true,
    description: "Number and symbol after “Số:”",
  },
  issueDate: {
    type: "string",
    format: "date",
    required: true,
    description: "Date of the place-and-date line",
  },
  issuer: {
    type: "string",
    format: "text",
    required: true,
    description: "Agency block, lines joined by one space",
  },
  signer: { type: "string", format: "name", required: true, description: "Full name under the signature" },
  dossierCode: { type: "string", format: "dossierCode", required: false },
  procedureCode: { type: "string", format: "procedureCode", required: false },
  validUntil: { type: "string", format: "date", required: false },
} as const satisfies Record<string, FieldSpec>;

export const SUBJECT_FIELD = {
  subject: { type: "string", format: "text", required: true, description: "The “Về việc …” line" },
} as const satisfies Record<string, FieldSpec>;

export const GENERIC_MESSAGES = {
  missingField: "No {{field}} found.",
  signerGuessed: "Signer '{{value}}' read without a signer block above it.",
  signerUnreadable: "No readable name under the signer block '{{position}}'.",
  handwrittenSlot: "The {{slot}} slot looks handwritten (OCR read '{{raw}}'); only the printed part is kept.",
} as const;

/** Lines of the header: up to the number line, or just past the place-date line. */
export function headerEnd(ctx: ExtractContext): number {
  const numberLine = lineMatching(ctx, /^(?:ma )?so\s*[:;.]?\s*[0-9a-z]/);
  const dateLine = ctx.lines.findIndex((l) => findWordDates(l).length > 0);
  const candidates = [numberLine + 1, dateLine + 1, 8].filter((n) => n > 0);
  return Math.min(...candidates, ctx.lines.length);
}

const LEGAL_REFERENCE = /can cu|luat|nghi dinh|thong tu|dang ky lan dau|dang ky thay doi|den ngay|ke tu/;

/** The place-and-date line's date: the first date in words outside legal references. */
function issueDate(ctx: ExtractContext): ExtractedFields["issueDate"] {
  for (let i = 0; i < ctx.lines.length; i++) {
    const line = ctx.lines[i]!;
    for (const d of findWordDates(line)) {
      const before = ctx.folded[i]!.slice(0, d.index);
      if (LEGAL_REFERENCE.test(before)) continue;
      const placed = /,\s*$/.test(before) || i < 8;
      const confidence = d.repaired ? CONFIDENCE.repaired : placed ? CONFIDENCE.clean : CONFIDENCE.guessed;
      return { value: d.iso, confidence, line: i + 1 };
    }
  }
  return undefined;
}

/**
 * The own number line's fill-in slot: a number that reads as pen strokes ("4‡ /QĐ-UBND") keeps
 * only its printed symbol ("…/QĐ-UBND") and is reported, never repaired into digits.
 */
function numberSlot(
  ctx: ExtractContext,
  found: ExtractedFields["documentNumber"],
): ExtractedFields["documentNumber"] {
  const index = ownNumberLine(ctx.folded);
  const fill = index >= 0 ? numberFill(ctx.lines[index]!) : undefined;
  if (!fill) return found;
  const slots = [{ slot: "number" as const, raw: fill.number.raw, suspect: fill.number.suspect }];
  if (!fill.number.suspect)
    return found && found.line === index + 1 ? { ...found, fillIn: { slots } } : found;
  ctx.report({
    field: "documentNumber",
    messageId: "handwrittenSlot",
    data: { slot: "number", raw: fill.number.raw },
    line: index + 1,
  });
  return { value: `…${fill.printed}`, confidence: 0, line: index + 1, fillIn: { slots } };
}

/**
 * The place-date line's day and month slots. That line, when the header has one, decides the
 * date: a slot that reads as pen strokes ("ngày 2# tháng 4") or as an impossible day ("ngày33")
 * leaves only the printed part (year, and month when printed: "2020-04"), never a date from
 * elsewhere in the text.
 */
function dateSlots(
  ctx: ExtractContext,
  found: ExtractedFields["issueDate"],
  end: number,
  penNumber: boolean,
): ExtractedFields["issueDate"] {
  let index = -1;
  for (let i = 0; i < Math.min(ctx.lines.length, end + 2) && index < 0; i++) {
    if (dateFill(ctx.lines[i]!) && !LEGAL_REFERENCE.test(ctx.folded[i]!)) index = i;
  }
  const fill = index >= 0 ? dateFill(ctx.lines[index]!) : undefined;
  if (!fill) return unreadPlaceDate(ctx, found);
  const day = {
    ...fill.day,
    suspect:
      penNumber || fill.day.suspect || !(Number(fill.day.digits) >= 1 && Number(fill.day.digits) <= 31),
  };
  const month = {
    ...fill.month,
    suspect: fill.month.suspect || !(Number(fill.month.digits) >= 1 && Number(fill.month.digits) <= 12),
  };
  const iso = !day.suspect && !month.suspect ? toIsoDate(day.digits!, month.digits!, fill.year) : undefined;
  if (!iso && !day.suspect && !month.suspect) day.suspect = true;
  const slots = [day, month].map((s) => ({ slot: s.slot, raw: s.raw, suspect: s.suspect }));
  if (iso) {
    const confidence = found?.line === index + 1 ? found.confidence : CONFIDENCE.clean;
    return { value: iso, confidence, line: index + 1, fillIn: { slots } };
  }
  const suspect = slots.filter((s) => s.suspect);
  const data = { slot: suspect.map((s) => s.slot).join(" and "), raw: suspect.map((s) => s.raw).join(" | ") };
  ctx.report({ field: "issueDate", messageId: "handwrittenSlot", data, line: index + 1 });
  const value = month.suspect ? fill.year : `${fill.year}-${month.digits!.padStart(2, "0")}`;
  return { value, confidence: 0, line: index + 1, fillIn: { slots } };
}

/**
 * A place-date line in the header that OCR could not read as a date ("Hà Nội, ngàyJ© lh@wÔR"),
 * pen strokes over the blanks: the date is reported with its day and month slots handwritten and
 * only the printed year kept ("…" when OCR lost that too), and a date from the body is not taken
 * in its place.
 */
function unreadPlaceDate(
  ctx: ExtractContext,
  found: ExtractedFields["issueDate"],
): ExtractedFields["issueDate"] {
  for (let i = 0; i < Math.min(ctx.lines.length, 14); i++) {
    if (/^(?:can cu|dieu 1\b)/.test(ctx.folded[i]!)) break;
    const m = /^[\p{L} .]{2,40},\s*ng\S{0,4}/u.exec(
      ctx.folded[i]!.replace(/^.*?(?=\b[a-z][a-z .]{1,39},\s*ng)/, ""),
    );
    if (!m || (found && found.line === i + 1)) continue;
    if (found && found.line! <= i + 1) return found;
    const raw = ctx.lines[i]!.slice(ctx.folded[i]!.lastIndexOf(",") + 1).trim();
    ctx.report({
      field: "issueDate",
      messageId: "handwrittenSlot",
      data: { slot: "day and month", raw },
      line: i + 1,
    });
    const year = /\bn[a-z]{1,2}m\s*(\d{4})\b/.exec(ctx.folded[i]!)?.[1];
    const slots = (["day", "month"] as const).map((slot) => ({ slot, raw, suspect: true }));
    return { value: year ?? "…", confidence: 0, line: i + 1, fillIn: { slots } };
  }
  return found;
}

/**
 * The "Về việc …" line, with its wrapped continuation; failing that, a "Về …" summary line
 * ("Về kết quả giải quyết …") just under the title, as notices print it.
 */
function subject(ctx: ExtractContext, end: number): ExtractedFields["subject"] {
  // Capital V: a wrapped body line can start with "về việc …" too.
  let i = ctx.lines.findIndex((l, k) => l.startsWith("V") && /^ve viec\b/.test(ctx.folded[k]!));
  if (i < 0) {
    i = lineMatching(ctx, /^ve \p{L}/u, end);
    if (i < 0 || i > end + 2 || !ctx.lines[i]!.startsWith("V")) return undefined;
  }
  let value = ctx.lines[i]!;
  const next = ctx.lines[i + 1];
  if (next && /^\p{Ll}/u.test(next) && !/^can cu/.test(ctx.folded[i + 1]!)) value += ` ${next}`;
  const fixed = fixCommonPhrases(value.replace(/[\s.;]+$/, ""));
  return { value: fixed, confidence: CONFIDENCE.clean, line: i + 1 };
}

/**
 * The generic fields; every extractor spreads these and adds its own. Reports the
 * required ones that are missing, and repairs, with the GENERIC_MESSAGES ids.
 */
export function extractGeneric(
  ctx: ExtractContext,
  opts: { subject?: boolean | "optional"; number?: boolean; date?: boolean } = {},
): ExtractedFields {
  const out: ExtractedFields = {};
  const end = headerEnd(ctx);

  // The document's own number stands in the header: a body line quoting "Số 13/2025/TT-BCA" is not it.
  const bodyStart = lineMatching(ctx, /^(?:can cu|dieu 1\b|xet de nghi|kinh gui)/);
  const numIndex = ctx.lines.findIndex(
    (l, i) => (bodyStart < 0 || i < bodyStart) && findDocNumber(l) !== undefined,
  );
  const num = numIndex >= 0 && opts.number !== false ? findDocNumber(ctx.lines[numIndex]!) : undefined;
  if (num) {
    const line = numIndex + 1;
    out.documentNumber = {
      value: num.value,
      confidence: num.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
      line,
    };
  }
  if (opts.number !== false) out.documentNumber = numberSlot(ctx, out.documentNumber);

  // The records office fills number and day in one go: a pen-written number means a pen-written day.
  const penNumber = out.documentNumber?.fillIn?.slots.some((s) => s.suspect) ?? false;
  out.issueDate = dateSlots(ctx, issueDate(ctx), end, penNumber);

  const agency = findAgencyBlock(ctx.lines, end);
  if (agency) {
    out.issuer = {
      value: agency.value,
      confidence: agency.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
      line: agency.lines[0]! + 1,
      lines: agency.lines.map((i) => i + 1),
    };
  }

  if (opts.subject) out.subject = subject(ctx, end);

  const signer = findSigner(ctx.lines, end);
  if (signer?.name) {
    out.signer = {
      value: signer.name.value,
      confidence:
        signer.guessed || signer.name.doubtful
          ? CONFIDENCE.guessed
          : signer.name.repaired
            ? CONFIDENCE.repaired
            : CONFIDENCE.clean,
      line: signer.line! + 1,
    };
    if (signer.guessed)
      ctx.report({
        field: "signer",
        messageId: "signerGuessed",
        data: { value: signer.name.value },
        line: signer.line! + 1,
      });
  } else if (signer?.headingLine !== undefined && signer.headingLine >= 0) {
    // A heading without a readable name: flag it rather than take a line of seal garbage for a name.
    ctx.report({
      field: "signer",
      messageId: "signerUnreadable",
      data: { position: signer.position.join(" / ") },
      line: signer.headingLine + 1,
    });
  }

  const dossier = findDossierCode(ctx.text);
  if (dossier) out.dossierCode = { value: dossier, confidence: CONFIDENCE.clean };
  const procedure = findProcedureCode(ctx.text);
  if (procedure) out.procedureCode = { value: procedure, confidence: CONFIDENCE.clean };

  const until = afterLabel(ctx, /(?:co gia tri|co hieu luc)[^:]*\bden ngay\b/);
  const untilDate = until ? (parseDate(`ngày ${until.text}`) ?? findSlashDates(until.text)[0]) : undefined;
  if (until && untilDate)
    out.validUntil = { value: untilDate.iso, confidence: CONFIDENCE.clean, line: until.index + 1 };

  const required = [
    ...(opts.number === false ? [] : ["documentNumber"]),
    ...(opts.date === false ? [] : ["issueDate"]),
    "issuer",
    "signer",
    ...(opts.subject === true ? ["subject"] : []),
  ];
  for (const field of required) {
    if (out[field] || (field === "signer" && signer?.position.length)) continue;
    ctx.report({ field, messageId: "missingField", data: { field } });
  }
  return out;
}
