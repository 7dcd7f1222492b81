// Repairs of numbers and document codes the engine misreads in ways no Vietnamese spelling needs a model for.

/**
 * The word with its look-alike characters put right, or undefined when nothing changes: the Icelandic eth "Ð" for
 * the Vietnamese "Đ" (same glyph, a different letter no Vietnamese text uses), and inside a word holding figures the
 * fraction slash for "/" and an "I", "l" or "|" touching a figure for "1" ("QHI1", "I7", "2l": law codes, days).
 */
export function fixCode(text: string): string | undefined {
  let out = text.replace(/\u00d0/gu, "Đ").replace(/\u00f0/gu, "đ");
  if (/\p{N}/u.test(out)) out = out.replace(/\u2044/gu, "/").replace(/[Il|](?=\d)|(?<=\d)[Il|]/gu, "1");
  return out === text ? undefined : out;
}
