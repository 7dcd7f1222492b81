// Extractor for individual decisions (Quyết định): number, date, issuer, subject, signer, beneficiary.
import { combine, cue, titleCue } from "./find.js";
import { ownNumberLine } from "./parsers/title.js";
import { extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES, SUBJECT_FIELD } from "./generic.js";
import { citizenId, nameAfter, PERSON_FIELDS, PERSON_MESSAGES } from "./person.js";
import type { Extractor } from "./types.js";

const extractor: Extractor = {
  meta: {
    docType: "decision",
    docs: { title: "Quyết định", description: "Individual administrative decision" },
    fields: {
      ...GENERIC_FIELDS,
      ...SUBJECT_FIELD,
      fullName: { ...PERSON_FIELDS.fullName, required: false },
      citizenId: PERSON_FIELDS.citizenId,
    },
    messages: { ...GENERIC_MESSAGES, ...PERSON_MESSAGES },
  },

  detect(input) {
    const title = input.folded.some((l) => /^quyet dinh:?$/.test(l)) ? 0.85 : 0;
    // The document's own symbol only: a body quoting "Quyết định số 12/QĐ-UBND" is no decision.
    const own = input.folded[ownNumberLine(input.folded)];
    const symbol = own !== undefined && /\/\s*q[dđ]\s*-/.test(own) ? 0.6 : 0;
    return combine([
      title,
      symbol,
      cue(input, /^ve viec\b/, 0.2),
      cue(input, /^dieu 1\b/, 0.2),
      titleCue(input, "quyet dinh") * 0.2,
    ]);
  },

  extract(ctx) {
    return {
      ...extractGeneric(ctx, { subject: true }),
      // The person concerned: "ông/bà X" in the recital or in Article 1.
      fullName: nameAfter(ctx, "fullName", /(?:cua|cho|nhan)\s+(?:ong\s*\/\s*ba|ong|ba)\s*:?\s*/),
      citizenId: citizenId(ctx),
    };
  },
};

export default extractor;
