// Tax / enterprise code: 10 digits, or 13 written "0100000000-001" for a branch.
import { repairNumber } from "./digits.js";

/** Normalises a tax code to "0100000000" or "0100000000-001"; undefined when malformed. */
export function parseTaxCode(raw: string): string | undefined {
  const m = /^\s*([^\s-]{10})(?:\s*-\s*([^\s-]{3}))?\s*$/.exec(raw);
  if (!m) return undefined;
  const main = repairNumber(m[1]!);
  if (!main || main.value.length !== 10) return undefined;
  if (!m[2]) return main.value;
  const branch = repairNumber(m[2]);
  return branch && branch.value.length === 3 ? `${main.value}-${branch.value}` : undefined;
}
