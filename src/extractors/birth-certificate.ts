// Extractor for the original birth certificate (Giấy khai sinh): the child, the parents, the registration entry and date.
import { afterLabel, combine, cue, titleCue } from "./find.js";
import { CONFIDENCE, extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES } from "./generic.js";
import { findSlashDates, findWordDates } from "./parsers/date.js";
import { citizenId, dateAfter, gender, nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { ExtractContext, Extracted, Extractor } from "./types.js";

/** "Số: 125" alone on its line (an entry in the register, no symbol), or "Số: 125/2021". */
function registrationNumber(ctx: ExtractContext): Extracted | undefined {
  for (let i = 0; i < Math.min(ctx.lines.length, 14); i++) {
    const m = /^(?:so|s6)\s*[:;.]?\s*([0-9OoIl]{1,6}(?:\s*\/\s*\d{4})?)\s*$/.exec(
      ctx.folded[i]!.replace(/\s*quyen so.*$/, ""),
    );
    if (!m) continue;
    const raw = ctx.lines[i]!.slice(
      m.index + m[0].indexOf(m[1]!),
      m.index + m[0].indexOf(m[1]!) + m[1]!.length,
    );
    const value = raw.replace(/\s+/g, "").replace(/[Oo]/g, "0").replace(/[Il]/g, "1");
    return {
      value,
      confidence: value === raw.replace(/\s+/g, "") ? CONFIDENCE.clean : CONFIDENCE.repaired,
      line: i + 1,
    };
  }
  return undefined;
}

/** "Ngày, tháng, năm đăng ký: 15/03/2021" (or in words). */
function registrationDate(ctx: ExtractContext): Extracted | undefined {
  const found = afterLabel(ctx, /(?:ngay,? thang,? nam|ngay) dang ky\s*[:;.]?/);
  if (!found) return undefined;
  const d =
    findSlashDates(found.text)[0] ?? findWordDates(`ngày ${found.text}`)[0] ?? findWordDates(found.text)[0];
  return d
    ? { value: d.iso, confidence: d.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean, line: found.index + 1 }
    : undefined;
}

/** "Quyển số: 01/2021": the book's code, up to the first blank. */
function bookValue(found: { text: string; index: number } | undefined): Extracted | undefined {
  const code = found?.text.match(/^[0-9][0-9A-Za-z/.-]*/)?.[0];
  return found && code ? { value: code, confidence: CONFIDENCE.clean, line: found.index + 1 } : undefined;
}

const extractor: Extractor = {
  meta: {
    docType: "birth_certificate",
    docs: {
      title: "Giấy khai sinh",
      description: "Birth certificate, the original form (Circular 04/2020/TT-BTP)",
    },
    fields: {
      ...GENERIC_FIELDS,
      documentNumber: { ...GENERIC_FIELDS.documentNumber, required: false },
      issueDate: { ...GENERIC_FIELDS.issueDate, required: false },
      ...PERSON_FIELDS,
      dateOfBirth: { ...PERSON_FIELDS.dateOfBirth, required: true },
      motherName: { type: "string", format: "name", required: false },
      fatherName: { type: "string", format: "name", required: false },
      registrationNumber: {
        type: "string",
        format: "text",
        required: true,
        description: "Entry number in the register, after “Số:”",
      },
      registrationBook: {
        type: "string",
        format: "text",
        required: false,
        description: "“Quyển số” of older forms",
      },
      registrationDate: {
        type: "string",
        format: "date",
        required: true,
        description: "“Ngày, tháng, năm đăng ký”",
      },
      registrationPlace: {
        type: "string",
        format: "text",
        required: false,
        description: "“Nơi đăng ký khai sinh”",
      },
    },
    messages: { ...GENERIC_MESSAGES, ...PERSON_MESSAGES },
  },

  detect(input) {
    // The extract (Trích lục khai sinh) shares every label: its own title keeps it apart.
    if (input.folded.some((l) => /trich luc khai sinh/.test(l))) return 0;
    const title = input.folded
      .slice(0, 14)
      .some((l) => /^giay khai sinh\b/.test(l.replace(/[^a-z ]/g, "").trim()))
      ? 0.85
      : 0;
    return combine([
      title,
      titleCue(input, "giay khai sinh") * 0.3,
      cue(input, /noi dang ky khai sinh/, 0.2),
      cue(input, /ten nguoi me|ten me\b/, 0.15),
      cue(input, /nam dang ky/, 0.15),
    ]);
  },

  extract(ctx) {
    const generic = extractGeneric(ctx, { number: false, date: false });
    delete generic.issueDate;
    const dateOfBirth = dateAfter(ctx, /ngay,? thang,? nam sinh\s*[:;.]?|sinh ngay\s*[:;.]?/);
    const book = afterLabel(ctx, /quyen so\s*[:;.]?/);
    const place = afterLabel(ctx, /noi dang ky(?: khai sinh)?\s*[:;.]?/);
    const registration = registrationDate(ctx);
    const number = registrationNumber(ctx);
    if (!number)
      ctx.report({
        field: "registrationNumber",
        messageId: "missingField",
        data: { field: "registrationNumber" },
      });
    if (!registration)
      ctx.report({
        field: "registrationDate",
        messageId: "missingField",
        data: { field: "registrationDate" },
      });
    return {
      ...generic,
      ...(registration ? { issueDate: registration } : {}),
      fullName: nameAfter(ctx, "fullName", /^ho,? chu dem,? ten\s*[:;.]/),
      dateOfBirth,
      gender: gender(ctx),
      citizenId: citizenId(ctx, dateOfBirth ? String(dateOfBirth.value) : undefined),
      motherName: nameAfter(ctx, "motherName", /ten (?:nguoi )?me\s*[:;.]?/),
      fatherName: nameAfter(ctx, "fatherName", /ten (?:nguoi )?cha\s*[:;.]?/),
      registrationNumber: number,
      registrationBook: bookValue(book),
      registrationDate: registration,
      registrationPlace: place
        ? { value: place.text.replace(/[.;]+$/, ""), confidence: CONFIDENCE.clean, line: place.index + 1 }
        : undefined,
    };
  },
};

export default extractor;
