// The signer block at the bottom: authority prefix (TM./KT./Q./TL./TUQ.), position, then the full name.
import { completeTruncatedName, findNameInLine, isNameLine, parseName, type ParsedName } from "./names.js";
import { fold } from "./text.js";

/** Folded words that mark a line of the signer block (authority or position). */
const BLOCK =
  /^(?:[^a-z]*)(?:tm|kt|q|tl|tuq)\s*[.:,]|chu tich|truong phong|giam doc|thu truong|bo truong|thu tuong|cuc truong|vu truong|chanh thanh tra|nguoi ky|chanh van phong|pho truong|cong chuc|truong ban|can bo tu phap/;

export interface SignerBlock {
  /** Position lines as printed (e.g. "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"). */
  position: string[];
  name?: ParsedName;
  /** Index of the name line. */
  line?: number;
  /** Index of the first heading line, when there is a heading. */
  headingLine?: number;
  /** The name was found without a signer block above it, or rebuilt from a fragment. */
  guessed: boolean;
}

/** True for a line of the signer block's heading. */
export function isSignerHeading(line: string): boolean {
  const f = fold(line);
  return (
    BLOCK.test(f) && line.replace(/[^\p{L}]/gu, "").length >= 4 && !/:\s*\S/.test(line.replace(/^\S+:/, ""))
  );
}

/**
 * Finds the signer: the first name line after the last block heading; without a heading,
 * the last name line of the page (seals often wipe out the heading but spare the name).
 * `from` skips the body so a name in the text is not taken for the signer.
 */
export function findSigner(lines: readonly string[], from = 0): SignerBlock | undefined {
  let heading = -1;
  for (let i = lines.length - 1; i >= from; i--) {
    if (isSignerHeading(lines[i]!)) {
      heading = i;
      while (heading - 1 >= from && isSignerHeading(lines[heading - 1]!)) heading--;
      break;
    }
  }
  const position: string[] = [];
  if (heading >= 0) {
    let i = heading;
    for (; i < lines.length && isSignerHeading(lines[i]!); i++) position.push(lines[i]!);
    for (let j = i; j < Math.min(lines.length, i + 6); j++) {
      const name = nameAt(lines[j]!, true);
      if (name)
        return {
          position,
          name,
          line: j,
          headingLine: heading,
          guessed: name.repaired && !isNameLine(lines[j]!) && !name.doubtful,
        };
    }
  }
  const start = Math.max(from, heading + 1, lines.length - 6);
  for (let j = lines.length - 1; j >= start; j--) {
    const name = nameAt(lines[j]!);
    if (name) return { position, name, line: j, guessed: heading < 0 || name.repaired };
  }
  return position.length > 0 ? { position, headingLine: heading, guessed: false } : undefined;
}

/**
 * The name on a line, if the line is a name (possibly with its first letters lost). Under a
 * heading, seal and signature garbage around the name is dropped too, except on the
 * "Nơi nhận" list lines ("- Ông Trần Văn Hải;") that OCR interleaves with the signer block.
 */
function nameAt(line: string, underHeading = false): ParsedName | undefined {
  if (/^[-+•*]|[:;]/.test(line)) return undefined;
  if (isNameLine(line)) return parseName(line);
  return completeTruncatedName(line) ?? (underHeading ? findNameInLine(line) : undefined);
}
