// Repairs of numbers and document codes the engine misreads in ways no Vietnamese spelling needs a model for.

/**
 * The word with its look-alike characters put right, or undefined when nothing changes: the Icelandic eth "Ð" for
 * the Vietnamese "Đ" (same glyph, a different letter no Vietnamese text uses), and inside a word holding figures the
 * fraction slash for "/" and an "I", "l" or "|" touching a figure for "1" ("QHI1", "I7", "2l": law codes, days),
 * and the slash a code puts after its year where the engine lost it.
 */
export function fixCode(text: string): string | undefined {
  let out = text.replace(/\u00d0/gu, "Đ").replace(/\u00f0/gu, "đ");
  if (/\p{N}/u.test(out))
    out = out
      .replace(/\u2044/gu, "/")
      .replace(/[Il|](?=\d)|(?<=\d)[Il|]/gu, "1")
      // Number, year, issuer: the slash after the year is part of every code ("64/2025QH15" is "64/2025/QH15").
      .replace(/(?<=^[^\s]*\p{N}\/\p{N}{4})(?=\p{Lu})/u, "/");
  return out === text ? undefined : out;
}

/**
 * The word without one stray mark glued to its front ("'khúng", "§83/TTr-UBND", ".92/TTr-UBND"): seal dots and
 * specks the engine read as punctuation; print sets no word that way. Quotes and brackets stay; so do leader dots.
 */
export function withoutStrayMark(text: string): string | undefined {
  return /^[`'´.,·§~^*](?=[\p{L}\p{N}])/u.test(text) ? text.slice(1) : undefined;
}
