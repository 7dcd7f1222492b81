// Extractor for household business registration certificates (Giấy chứng nhận đăng ký hộ kinh doanh).
import { afterLabel, combine, cue, titleCue, untilNextLabel } from "./find.js";
import { CONFIDENCE, extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES } from "./generic.js";
import { fixDigits } from "./parsers/digits.js";
import { findVnd } from "./parsers/money.js";
import { squash } from "./parsers/text.js";
import { citizenId, dateAfter, gender, nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { ExtractContext, Extracted, Extractor } from "./types.js";

/** "891A18063185": district code, one letter, eight digits; digits repaired around the letter. */
function businessCode(ctx: ExtractContext): Extracted | undefined {
  const found = afterLabel(ctx, /ma so ho kinh doanh\s*[:;.]?/) ?? afterLabel(ctx, /^ma so\s*[:;.]?/);
  if (!found) return undefined;
  const m = /^([0-9A-Za-z]{2,3})\s?([A-Z0-9])\s?([0-9A-Za-z ]{8,10})/.exec(found.text);
  if (!m) return undefined;
  const head = fixDigits(m[1]!);
  const tail = fixDigits(m[3]!.replace(/\s/g, "").slice(0, 8));
  const value = `${head.value}${m[2]}${tail.value}`;
  if (!/^\d{2,3}[A-Z0-9]\d{8}$/.test(value)) return undefined;
  const repaired = head.changed || tail.changed;
  return { value, confidence: repaired ? CONFIDENCE.repaired : CONFIDENCE.clean, line: found.index + 1 };
}

const extractor: Extractor = {
  meta: {
    docType: "household_business",
    docs: {
      title: "Giấy chứng nhận đăng ký hộ kinh doanh",
      description: "Household business registration certificate",
    },
    fields: {
      ...GENERIC_FIELDS,
      documentNumber: {
        type: "string",
        format: "businessCode",
        required: true,
        description: "Mã số hộ kinh doanh",
      },
      ...PERSON_FIELDS,
      businessName: {
        type: "string",
        format: "text",
        required: true,
        description: "Tên hộ kinh doanh, as printed",
      },
      capitalVnd: { type: "integer", format: "integer", required: false, description: "Vốn kinh doanh, VND" },
    },
    messages: {
      ...GENERIC_MESSAGES,
      ...PERSON_MESSAGES,
      badCapital: "Capital '{{text}}' is not an amount in đồng.",
    },
  },

  detect(input) {
    return combine([
      titleCue(input, "chung nhan dang ky ho kinh doanh"),
      cue(input, /ma so ho kinh doanh/, 0.6),
      cue(input, /ten ho kinh doanh/, 0.2),
      cue(input, /chu ho kinh doanh/, 0.2),
    ]);
  },

  extract(ctx) {
    // The business code stands in for "Số:", so the generic number is not looked for.
    const generic = extractGeneric(ctx, { number: false });
    const documentNumber = businessCode(ctx);
    if (!documentNumber)
      ctx.report({ field: "documentNumber", messageId: "missingField", data: { field: "documentNumber" } });
    const name = afterLabel(ctx, /ten ho kinh doanh\s*[:;.]?/);
    const capitalLine = afterLabel(ctx, /von kinh doanh\s*[:;.]?/);
    const capital = capitalLine ? findVnd(capitalLine.text) : undefined;
    if (capitalLine && !capital)
      ctx.report({
        field: "capitalVnd",
        messageId: "badCapital",
        data: { text: capitalLine.text },
        line: capitalLine.index + 1,
      });
    const dateOfBirth = dateAfter(ctx, /ngay sinh\s*[:;.]?|nam sinh\s*[:;.]?/);
    return {
      ...generic,
      documentNumber,
      businessName: name
        ? { value: squash(untilNextLabel(name.text)), confidence: CONFIDENCE.clean, line: name.index + 1 }
        : undefined,
      fullName: nameAfter(ctx, "fullName", /chu ho kinh doanh\s*[:;.]?|ho,? chu dem,? ten\s*[:;.]/),
      capitalVnd: capital
        ? {
            value: capital.value,
            confidence: capital.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
            line: capitalLine!.index + 1,
          }
        : undefined,
      dateOfBirth,
      gender: gender(ctx),
      citizenId: citizenId(ctx, dateOfBirth ? String(dateOfBirth.value) : undefined),
    };
  },
};

export default extractor;
