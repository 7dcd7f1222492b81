// Text normalisation shared by the OCR scores: NFC, whitespace folded, as bench/README.md asks.

/** NFC, every run of whitespace (newlines included) folded to one space, trimmed. */
export function foldText(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Whitespace tokens of the folded text. */
export function words(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}
