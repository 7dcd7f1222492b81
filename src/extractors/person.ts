// Fields about the person a result concerns: name, personal ID, birth date, gender, parents.
import { CONFIDENCE } from "./generic.js";
import { afterLabel, untilNextLabel } from "./find.js";
import { findSlashDates, findWordDates } from "./parsers/date.js";
import { parseName } from "./parsers/names.js";
import { checkPersonalId, findPersonalId } from "./parsers/personal-id.js";
import { fold } from "./parsers/text.js";
import type { ExtractContext, Extracted, FieldSpec } from "./types.js";

export const PERSON_FIELDS = {
  fullName: { type: "string", format: "name", required: true, description: "The person the result concerns" },
  citizenId: {
    type: "string",
    format: "personalId",
    required: false,
    description: "12-digit CCCD or 9-digit CMND",
  },
  dateOfBirth: { type: "string", format: "date", required: false },
  gender: { type: "string", format: "gender", required: false },
} as const satisfies Record<string, FieldSpec>;

export const PERSON_MESSAGES = {
  unreadableName: "'{{text}}' after '{{label}}' is not a full name.",
  badCitizenId: "Personal ID '{{value}}' fails the {{check}} check.",
} as const;

/** A full name after `label` (regex over folded text), cut at the next inline label or comma. */
export function nameAfter(ctx: ExtractContext, field: string, label: RegExp): Extracted | undefined {
  const found = afterLabel(ctx, label);
  if (!found) return undefined;
  const text = untilNextLabel(found.text).split(/[,(]/)[0]!.trim();
  const name = parseName(text);
  if (!name) {
    ctx.report({
      field,
      messageId: "unreadableName",
      data: { text, label: label.source },
      line: found.index + 1,
    });
    return text ? { value: text, confidence: CONFIDENCE.guessed, line: found.index + 1 } : undefined;
  }
  return {
    value: name.value,
    confidence: name.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
    line: found.index + 1,
  };
}

const ID_LABEL = /so dinh danh(?: ca nhan)?|so cccd|so cmnd|can cuoc cong dan|chung minh nhan dan/;

/** The personal ID after its label, checked against the birth year when one is known. */
export function citizenId(ctx: ExtractContext, birthDate?: string): Extracted | undefined {
  for (let from = 0; from < ctx.lines.length;) {
    const found = afterLabel(ctx, ID_LABEL, from);
    if (!found) return undefined;
    const hit = findPersonalId(found.text) ?? findPersonalId(ctx.lines[found.index + 1] ?? "");
    if (hit) {
      const year = birthDate ? Number(birthDate.slice(0, 4)) : undefined;
      const checked = checkPersonalId(hit.raw, year);
      if (checked) {
        const line = found.index + 1;
        for (const check of checked.problems)
          ctx.report({
            field: "citizenId",
            messageId: "badCitizenId",
            data: { value: checked.value, check },
            line,
          });
        return {
          value: checked.value,
          confidence: checked.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
          line,
        };
      }
    }
    from = found.index + 1;
  }
  return undefined;
}

/** A date after `label`, in dd/mm/yyyy or in words. */
export function dateAfter(ctx: ExtractContext, label: RegExp): Extracted | undefined {
  const found = afterLabel(ctx, label);
  if (!found) return undefined;
  const d = findSlashDates(found.text)[0] ?? findWordDates(`ngày ${found.text}`)[0];
  if (!d) return undefined;
  return {
    value: d.iso,
    confidence: d.repaired ? CONFIDENCE.repaired : CONFIDENCE.clean,
    line: found.index + 1,
  };
}

/** "Nam" or "Nữ" after "Giới tính:". */
export function gender(ctx: ExtractContext): Extracted | undefined {
  const found = afterLabel(ctx, /gioi tinh\s*[:;.]?/);
  if (!found) return undefined;
  const word = fold(found.text).match(/^[a-z]+/)?.[0];
  if (word === "nam") return { value: "Nam", confidence: CONFIDENCE.clean, line: found.index + 1 };
  if (word === "nu") return { value: "Nữ", confidence: CONFIDENCE.clean, line: found.index + 1 };
  return undefined;
}
