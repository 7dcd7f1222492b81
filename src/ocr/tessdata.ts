// Reads the word lists inside a Tesseract `.traineddata` file: its component table, unicharset and squished DAWGs.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FileUnreadableError } from "../errors/index.js";

const require = createRequire(import.meta.url);

/**
 * A folder of gzipped Vietnamese models in npm's @tesseract.js-data/vie: `4.0.0_best_int` (LSTM only, the WebAssembly
 * engine's) or `4.0.0` (tessdata's full model, its legacy word lists included).
 */
export function vieDataDir(model: "4.0.0" | "4.0.0_best_int"): string {
  return join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), model);
}

/** Component numbers of `tessdata_manager.h` (TessdataType) that sohoa reads. */
export const TESSDATA = { unicharset: 1, wordDawg: 7, bigramDawg: 14 } as const;

/** `kDawgMagicNumber` of `dawg.h`: the first two bytes of a squished DAWG. */
const DAWG_MAGIC = 42;
/** `dawg.h`'s edge flags, above the letter bits: last edge of its node, backward edge, end of a word. */
const MARKER = 1;
const WORD_END = 4;
const FLAG_BITS = 3;
/** Longer words than this are a damaged DAWG's cycle, not a word. */
export const LONGEST_WORD = 64;

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

/**
 * Walks every word of a squished DAWG (`SquishedDawg::write_squished_dawg`) depth first: a header, then one 64-bit
 * edge a letter, node by node, each edge holding its letter's unichar id, three flags and the index of the next
 * node's first edge. `step(id, depth, endsWord)` sees each edge on the way down (depth 0 is a word's first letter)
 * and returns false to skip every word through it.
 */
export function walkDawg(
  dawg: Buffer,
  step: (id: number, depth: number, endsWord: boolean) => boolean,
  name = "dawg",
): void {
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
  const walk = (node: number, depth: number): void => {
    if (depth >= LONGEST_WORD) throw unreadable(name, "a word longer than any word");
    for (let at = node; at < edgeCount; at++) {
      const lo = halves[at * 2]!;
      const flags = lo >>> flagStart;
      if (step(lo & ((1 << flagStart) - 1), depth, (flags & WORD_END) !== 0)) {
        const next = halves[at * 2 + 1]! * 2 ** (32 - nextStart) + (lo >>> nextStart);
        if (next > 0) walk(next, depth + 1);
      }
      if ((flags & MARKER) !== 0) break;
    }
  };
  if (edgeCount > 0) walk(0, 0);
}

function unreadable(name: string, reason: string): FileUnreadableError {
  return new FileUnreadableError(name, `Tesseract data ${reason}`);
}
