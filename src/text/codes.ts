// Repairs of numbers and document codes the engine misreads in ways no Vietnamese spelling needs a model for.

/**
 * The word with its look-alike characters put right, or undefined when nothing changes: the Icelandic eth "Ð" for
 * the Vietnamese "Đ" (same glyph, a different letter no Vietnamese text uses; beside a "Đ" it is that one glyph read
 * twice: "QĐÐ-UBND", "TGĐÐ"), and inside a word holding figures the
 * fraction slash for "/", an "I", "l" or "|" touching a figure for "1" ("QHI1", "I7", "2l": law codes, days), a
 * closing bracket after a figure that no bracket opens for "1" ("1]" is "11"; a footnote is "[1]"), and the slash a
 * code puts after its year where the engine lost it ("64/2025QH15" is "64/2025/QH15").
 */
export function fixCode(text: string): string | undefined {
  let out = text
    .replace(/Đ\u00d0|\u00d0Đ/gu, "Đ")
    .replace(/đ\u00f0|\u00f0đ/gu, "đ")
    .replace(/\u00d0/gu, "Đ")
    .replace(/\u00f0/gu, "đ");
  if (/\p{N}/u.test(out)) {
    out = out
      .replace(/\u2044/gu, "/")
      .replace(/[Il|](?=\d)|(?<=\d)[Il|]/gu, "1")
      .replace(/(?<=^[^\s]*\p{N}\/\p{N}{4})(?=\p{Lu})/u, "/");
    if (!out.includes("[")) out = out.replace(/(?<=\d)\]/gu, "1");
  }
  return out === text ? undefined : out;
}

/**
 * The word without one stray mark glued to its front ("'khúng", "§83/TTr-UBND", ".92/TTr-UBND"): seal dots and
 * specks the engine read as punctuation; print sets no word that way. Quotes and brackets stay; so do leader dots.
 */
export function withoutStrayMark(text: string): string | undefined {
  return /^[`'´.,·§~^*](?=[\p{L}\p{N}])/u.test(text) ? text.slice(1) : undefined;
}
