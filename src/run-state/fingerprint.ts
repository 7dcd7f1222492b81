// The options that shape a document's outputs, as one short hash: same bytes + same fingerprint = same outputs.
import { createHash } from "node:crypto";

/** Canonical JSON (sorted keys) so the same options always give the same hash. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(",")}}`;
}

export function optionsFingerprint(options: Record<string, unknown>): string {
  return createHash("sha256").update(canonical(options)).digest("hex").slice(0, 16);
}
