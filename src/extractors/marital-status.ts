// Extractor for certificates of marital status (Giấy xác nhận tình trạng hôn nhân).
import { combine, cue, titleCue } from "./find.js";
import { extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES } from "./generic.js";
import { citizenId, dateAfter, gender, nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { Extractor } from "./types.js";

const extractor: Extractor = {
  meta: {
    docType: "marital_status",
    docs: { title: "Giấy xác nhận tình trạng hôn nhân", description: "Certificate of marital status" },
    fields: { ...GENERIC_FIELDS, ...PERSON_FIELDS },
    messages: { ...GENERIC_MESSAGES, ...PERSON_MESSAGES },
    schema: { type: "object", properties: {}, additionalProperties: false },
    defaultOptions: {},
  },

  detect(input) {
    return combine([
      titleCue(input, "xac nhan tinh trang hon nhan"),
      cue(input, /xntthn/, 0.6),
      cue(input, /tinh trang hon nhan\s*:/, 0.2),
    ]);
  },

  extract(ctx) {
    const dateOfBirth = dateAfter(ctx, /nam sinh\s*[:;.]?|sinh ngay\s*[:;.]?/);
    return {
      ...extractGeneric(ctx),
      fullName: nameAfter(ctx, "fullName", /xac nhan\s+(?:ong\s*\/\s*ba|ong|ba)\s*[:;.]?/),
      dateOfBirth,
      gender: gender(ctx),
      citizenId: citizenId(ctx, dateOfBirth ? String(dateOfBirth.value) : undefined),
    };
  },
};

export default extractor;
