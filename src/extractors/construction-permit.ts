// Extractor for construction permits (Giấy phép xây dựng): holder, land parcel, map sheet.
import { combine, cue, titleCue } from "./find.js";
import { CONFIDENCE, extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES } from "./generic.js";
import { repairNumber } from "./parsers/digits.js";
import { nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { ExtractContext, Extracted, Extractor } from "./types.js";

/** The number after a label such as "thửa đất số", digits repaired. */
function numberAfter(ctx: ExtractContext, label: RegExp): Extracted | undefined {
  for (let i = 0; i < ctx.folded.length; i++) {
    const m = label.exec(ctx.folded[i]!);
    if (!m) continue;
    const token = ctx.lines[i]!.slice(m.index + m[0].length).match(/^\s*([0-9A-Za-z]{1,6})/)?.[1];
    const fixed = token ? repairNumber(token) : undefined;
    if (fixed)
      return {
        value: String(Number(fixed.value)),
        confidence: fixed.changed ? CONFIDENCE.repaired : CONFIDENCE.clean,
        line: i + 1,
      };
  }
  return undefined;
}

const extractor: Extractor = {
  meta: {
    docType: "construction_permit",
    docs: { title: "Giấy phép xây dựng", description: "Construction permit" },
    fields: {
      ...GENERIC_FIELDS,
      fullName: PERSON_FIELDS.fullName,
      landParcel: { type: "string", format: "text", required: true, description: "Thửa đất số" },
      mapSheet: { type: "string", format: "text", required: true, description: "Tờ bản đồ số" },
    },
    messages: { ...GENERIC_MESSAGES, ...PERSON_MESSAGES },
  },

  detect(input) {
    return combine([
      titleCue(input, "giay phep xay dung"),
      cue(input, /\/gpxd/, 0.6),
      cue(input, /thua dat so/, 0.15),
      cue(input, /duoc phep xay dung/, 0.2),
    ]);
  },

  extract(ctx) {
    const generic = extractGeneric(ctx);
    const landParcel = numberAfter(ctx, /thua dat so\s*[:.]?/);
    const mapSheet = numberAfter(ctx, /to ban do so\s*[:.]?/);
    for (const [field, got] of [
      ["landParcel", landParcel],
      ["mapSheet", mapSheet],
    ] as const) {
      if (!got) ctx.report({ field, messageId: "missingField", data: { field } });
    }
    return {
      ...generic,
      fullName: nameAfter(ctx, "fullName", /cap cho\s*[:;.]?\s*(?:(?:ong\s*\/\s*ba|ong|ba)\s*:?\s*)?/),
      landParcel,
      mapSheet,
    };
  },
};

export default extractor;
