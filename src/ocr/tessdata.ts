// Reads the word lists inside a Tesseract `.traineddata` file: its component table, unicharset and squished DAWGs.
import { FileUnreadableError } from "../errors/index.js";

/** Component numbers of `tessdata_manager.h` (TessdataType) that sohoa reads. */
export const TESSDATA = { unicharset: 1, wordDawg: 7, bigramDawg: 14 } as const;

/** `kDawgMagicNumber` of `dawg.h`: the first two bytes of a squished DAWG. */
const DAWG_MAGIC = 42;
/** `dawg.h`'s edge flags, above the letter bits: last edge of its node, backward edge, end of a word. */
const MARKER = 1;
const WORD_END = 4;
const FLAG_BITS = 3;

/** One component's bytes, by its TessdataType number; undefined when the file has none. */
export function tessdataComponent(file: Buffer, type: number, name = "traineddata"): Buffer | undefined {
  if (file.length < 4) throw unreadable(name, "shorter than its header");
  const entries = file.readInt32LE(0);
  if (entries <= type || 4 + entries * 8 > file.length) throw unreadable(name, "no component table");
  const offsets = Array.from({ length: entries }, (_, i) => Number(file.readBigInt64LE(4 + i * 8)));
  const start = offsets[type]!;
  if (start < 0) return undefined;
  // A component runs to the next present one, or to the end of the file.
  const end = offsets.slice(type + 1).find((o) => o >= 0) ?? file.length;
  return file.subarray(start, end);
}

/** The unicharset's characters by id: its text form's first field a line ("NULL" is the space, id 0). */
export function unicharsOf(unicharset: Buffer): string[] {
  const lines = unicharset.toString("utf8").split("\n");
  const count = Number.parseInt(lines[0] ?? "", 10);
  return Array.from({ length: count }, (_, i) => {
    const first = (lines[i + 1] ?? "").split(" ")[0] ?? "";
    return first === "NULL" ? " " : first;
  });
}

/** Longer words than this are a damaged DAWG's cycle, not a word. */
const LONGEST = 64;

/**
 * Every word of a squished DAWG (`SquishedDawg::write_squished_dawg`): a header, then one 64-bit edge a letter,
 * node by node. An edge holds the letter's unichar id, three flags, and the index of the next node's first edge.
 * `keep(id)` false skips every word through that letter, unread.
 */
export function dawgWords(
  dawg: Buffer,
  unichars: readonly string[],
  { name = "dawg", keep = () => true }: { name?: string; keep?: (id: number) => boolean } = {},
): string[] {
  if (dawg.length < 10 || dawg.readInt16LE(0) !== DAWG_MAGIC) throw unreadable(name, "not a squished DAWG");
  const unicharsetSize = dawg.readInt32LE(2);
  const edgeCount = dawg.readInt32LE(6);
  if (10 + edgeCount * 8 > dawg.length) throw unreadable(name, "fewer edges than its header says");
  const flagStart = Math.ceil(Math.log2(unicharsetSize));
  const nextStart = flagStart + FLAG_BITS;
  if (nextStart > 31) throw unreadable(name, "a unicharset too large for its edges");
  // Each edge as two 32-bit halves of one aligned copy (the edges start at byte 10), rather than a BigInt an edge.
  const halves = new Uint32Array(edgeCount * 2);
  Buffer.from(halves.buffer).set(dawg.subarray(10, 10 + edgeCount * 8));
  const words: string[] = [];
  // The letters so far, joined only at a word's end: one flat string a word, not a rope an edge.
  const path: string[] = [];
  const walk = (node: number): void => {
    if (path.length >= LONGEST) throw unreadable(name, "a word longer than any word");
    for (let at = node; at < edgeCount; at++) {
      const lo = halves[at * 2]!;
      const flags = lo >>> flagStart;
      const id = lo & ((1 << flagStart) - 1);
      if (keep(id)) {
        path.push(unichars[id] ?? "");
        if ((flags & WORD_END) !== 0) words.push(path.join(""));
        const next = halves[at * 2 + 1]! * 2 ** (32 - nextStart) + (lo >>> nextStart);
        if (next > 0) walk(next);
        path.pop();
      }
      if ((flags & MARKER) !== 0) break;
    }
  };
  if (edgeCount > 0) walk(0);
  return words;
}

function unreadable(name: string, reason: string): FileUnreadableError {
  return new FileUnreadableError(name, `Tesseract data ${reason}`);
}
