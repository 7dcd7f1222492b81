// OCR confusions between letters and digits, repaired only inside fields known to be numeric.

const LOOKALIKES: Record<string, string> = {
  O: "0",
  o: "0",
  Q: "0",
  D: "0",
  Ø: "0",
  ø: "0",
  Ô: "0",
  ô: "0",
  Ơ: "0",
  "°": "0",
  l: "1",
  I: "1",
  i: "1",
  "|": "1",
  "!": "1",
  L: "1",
  Í: "1",
  Ì: "1",
  í: "1",
  ì: "1",
  Z: "2",
  z: "2",
  S: "5",
  s: "5",
  "§": "5",
  G: "6",
  b: "6",
  T: "7",
  B: "8",
  g: "9",
  q: "9",
};

/** Replaces letter look-alikes by digits; `changed` says whether any repair was needed. */
export function fixDigits(raw: string): { value: string; changed: boolean } {
  let changed = false;
  let value = "";
  for (const c of raw) {
    const d = LOOKALIKES[c];
    if (d !== undefined) {
      value += d;
      changed = true;
    } else value += c;
  }
  return { value, changed };
}

/** A token that is mostly digits, allowing the usual look-alikes. */
export const DIGITISH = "[0-9OoQDØøÔôƠlIi|!LZzSs§GbTBgq]";

/** Digits only after repair, or undefined when something other than a look-alike is left. */
export function repairNumber(raw: string): { value: string; changed: boolean } | undefined {
  const { value, changed } = fixDigits(raw.replace(/[\s.]/g, ""));
  return /^\d+$/.test(value) ? { value, changed } : undefined;
}
