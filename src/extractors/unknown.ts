// Fallback for documents of no known type: the generic fields only, never a type claim.
import { extractGeneric, GENERIC_FIELDS, GENERIC_MESSAGES, SUBJECT_FIELD } from "./generic.js";
import type { Extractor, FieldSpec } from "./types.js";

/** The generic fields, none of them required: an unknown paper may legitimately lack any of them. */
const fields = Object.fromEntries(
  Object.entries({ ...GENERIC_FIELDS, ...SUBJECT_FIELD }).map(([k, v]) => [k, { ...v, required: false }]),
) as Record<string, FieldSpec>;

const extractor: Extractor = {
  meta: {
    docType: "unknown",
    docs: { title: "Không xác định", description: "Document of no recognised type (generic fields only)" },
    fields,
    messages: { ...GENERIC_MESSAGES },
    schema: { type: "object", properties: {}, additionalProperties: false },
    defaultOptions: {},
  },

  // Never wins on its own: the stage falls back to it when no other detector is sure enough.
  detect() {
    return 0;
  },

  extract(ctx) {
    const out = extractGeneric(ctx, { subject: "optional" });
    if (!out.subject) delete out.subject;
    return out;
  },
};

export default extractor;
