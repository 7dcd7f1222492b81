// Extractor for birth registration extracts (Trích lục khai sinh).
import { combine, cue, titleCue } from "./find.js";
import { extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES } from "./generic.js";
import { citizenId, dateAfter, gender, nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { Extractor } from "./types.js";

const extractor: Extractor = {
  meta: {
    docType: "birth_extract",
    docs: { title: "Trích lục khai sinh", description: "Extract of a birth registration" },
    fields: {
      ...GENERIC_FIELDS,
      ...PERSON_FIELDS,
      dateOfBirth: { ...PERSON_FIELDS.dateOfBirth, required: true },
      motherName: { type: "string", format: "name", required: false },
      fatherName: { type: "string", format: "name", required: false },
    },
    messages: { ...GENERIC_MESSAGES, ...PERSON_MESSAGES },
    schema: { type: "object", properties: {}, additionalProperties: false },
    defaultOptions: {},
  },

  detect(input) {
    return combine([
      titleCue(input, "trich luc khai sinh"),
      cue(input, /\/tlks/, 0.6),
      cue(input, /ten nguoi me/, 0.15),
      cue(input, /noi dang ky khai sinh/, 0.15),
    ]);
  },

  extract(ctx) {
    const generic = extractGeneric(ctx);
    const dateOfBirth = dateAfter(ctx, /nam sinh\s*[:;.]?|sinh ngay\s*[:;.]?/);
    return {
      ...generic,
      fullName: nameAfter(ctx, "fullName", /^ho,? chu dem,? ten\s*[:;.]/),
      dateOfBirth,
      gender: gender(ctx),
      citizenId: citizenId(ctx, dateOfBirth ? String(dateOfBirth.value) : undefined),
      motherName: nameAfter(ctx, "motherName", /ten (?:nguoi )?me\s*[:;.]?/),
      fatherName: nameAfter(ctx, "fatherName", /ten (?:nguoi )?cha\s*[:;.]?/),
    };
  },
};

export default extractor;
