// Registry of extractors: one sorted, lazy line per document type (like ESLint's rules index).
import type { Extractor } from "./types.js";

type Loader = () => Promise<{ default: Extractor }>;

export const extractors: Readonly<Record<string, Loader>> = {
  birth_certificate: () => import("./birth-certificate.js"),
  birth_extract: () => import("./birth-extract.js"),
  construction_permit: () => import("./construction-permit.js"),
  decision: () => import("./decision.js"),
  household_business: () => import("./household-business.js"),
  marital_status: () => import("./marital-status.js"),
  unknown: () => import("./unknown.js"),
};

/** The fallback type: extracted when no detector is sure enough, never detected itself. */
export const UNKNOWN = "unknown";

export type {
  Extractor,
  ExtractorMeta,
  ExtractContext,
  Extracted,
  ExtractedFields,
  FieldSpec,
  Problem,
} from "./types.js";
