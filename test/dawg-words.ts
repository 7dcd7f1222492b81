// A DAWG's words spelled out, for the tests that check src/ocr/tessdata.ts against Tesseract's own word lists.
import { walkDawg } from "../src/ocr/tessdata.js";

/** Every word of a squished DAWG, spelled with `unichars`; `keep(id)` false skips every word through that letter. */
export function dawgWords(
  dawg: Buffer,
  unichars: readonly string[],
  { name = "dawg", keep = () => true }: { name?: string; keep?: (id: number) => boolean } = {},
): string[] {
  const words: string[] = [];
  const path: string[] = [];
  walkDawg(
    dawg,
    (id, depth, endsWord) => {
      if (!keep(id)) return false;
      path.length = depth;
      path.push(unichars[id] ?? "");
      if (endsWord) words.push(path.join(""));
      return true;
    },
    name,
  );
  return words;
}
