// Tesseract data files: the component table, the unicharset and squished DAWGs, read as Tesseract's own tools read them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FileUnreadableError } from "../../src/errors/index.js";
import { TESSDATA, tessdataComponent, unicharsOf } from "../../src/ocr/tessdata.js";
import { dawgWords } from "../dawg-words.js";
import { skipWithout } from "../require-tool.js";

const require = createRequire(import.meta.url);
const legacyModel = (): Buffer =>
  gunzipSync(
    readFileSync(
      join(dirname(require.resolve("@tesseract.js-data/vie/package.json")), "4.0.0", "vie.traineddata.gz"),
    ),
  );

/** A squished DAWG of `edges` (letter id, flags, next node), as write_squished_dawg lays it out. */
function squished(
  unicharsetSize: number,
  edges: Array<[letter: number, flags: number, next: number]>,
): Buffer {
  const flagStart = BigInt(Math.ceil(Math.log2(unicharsetSize)));
  const out = Buffer.alloc(10 + edges.length * 8);
  out.writeInt16LE(42, 0);
  out.writeInt32LE(unicharsetSize, 2);
  out.writeInt32LE(edges.length, 6);
  edges.forEach(([letter, flags, next], i) => {
    const edge = BigInt(letter) | (BigInt(flags) << flagStart) | (BigInt(next) << (flagStart + 3n));
    out.writeBigUInt64LE(edge, 10 + i * 8);
  });
  return out;
}

describe("dawgWords", () => {
  const MARKER = 1;
  const END = 4;

  it("walks every node's edges to their marker and yields each word at its end flag", () => {
    // Root (edges 0-1): "a" → node 2, "b" ends a word. Node 2 (edges 2-3): "b", "c" end words.
    const dawg = squished(4, [
      [1, 0, 2],
      [2, END | MARKER, 0],
      [2, END, 0],
      [3, END | MARKER, 0],
    ]);
    expect(dawgWords(dawg, [" ", "a", "b", "c"])).toEqual(["ab", "ac", "b"]);
    expect(dawgWords(dawg, [" ", "a", "b", "c"], { keep: (id) => id !== 1 })).toEqual(["b"]);
  });

  it("names the file and the reason when the data is not a DAWG", () => {
    const broken = Buffer.from("not a dawg at all");
    expect(() => dawgWords(broken, [], { name: "vie.bigram-dawg" })).toThrow(FileUnreadableError);
    expect(() => dawgWords(broken, [], { name: "vie.bigram-dawg" })).toThrow(
      /vie\.bigram-dawg.*not a squished DAWG/,
    );
    const short = squished(4, [[1, END | MARKER, 0]]).subarray(0, 14);
    expect(() => dawgWords(short, [" ", "a"])).toThrow(/fewer edges/);
  });

  it("stops at a cycle rather than walking forever", () => {
    const loop = squished(4, [
      [1, MARKER, 1],
      [2, MARKER, 1],
    ]);
    expect(() => dawgWords(loop, [" ", "a", "b"])).toThrow(/longer than any word/);
  });
});

describe("tessdataComponent", () => {
  it("gives a component's bytes by number, undefined when the file has none, and refuses a file without a table", () => {
    const model = legacyModel();
    expect(tessdataComponent(model, TESSDATA.bigramDawg)!.readInt16LE(0)).toBe(42);
    expect(tessdataComponent(model, 10)).toBeUndefined();
    expect(() => tessdataComponent(Buffer.from([1]), 1, "x.traineddata")).toThrow(/x\.traineddata/);
  });
});

const hasTools = (() => {
  try {
    execFileSync("combine_tessdata", [], { stdio: "ignore" });
  } catch (error) {
    // combine_tessdata without arguments prints its usage and exits 1: present; ENOENT: missing.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
  }
  try {
    execFileSync("dawg2wordlist", [], { stdio: "ignore" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
  }
  return true;
})();

describe.skipIf(skipWithout("combine_tessdata", hasTools, "apt-get install tesseract-ocr"))(
  "against Tesseract's own tools",
  () => {
    it("reads the unicharset and the word DAWG of the npm model as combine_tessdata and dawg2wordlist do", () => {
      const dir = mkdtempSync(join(tmpdir(), "sohoa-tessdata-"));
      try {
        const model = legacyModel();
        writeFileSync(join(dir, "vie.traineddata"), model);
        execFileSync("combine_tessdata", ["-u", join(dir, "vie.traineddata"), join(dir, "vie.")], {
          stdio: "ignore",
        });
        const unicharset = tessdataComponent(model, TESSDATA.unicharset)!;
        expect(unicharset.equals(readFileSync(join(dir, "vie.unicharset")))).toBe(true);
        execFileSync(
          "dawg2wordlist",
          [join(dir, "vie.unicharset"), join(dir, "vie.word-dawg"), join(dir, "words.txt")],
          { stdio: "ignore" },
        );
        const theirs = readFileSync(join(dir, "words.txt"), "utf8").split("\n").filter(Boolean);
        const ours = dawgWords(tessdataComponent(model, TESSDATA.wordDawg)!, unicharsOf(unicharset));
        expect(ours.length).toBeGreaterThan(10_000);
        expect(ours.slice().sort()).toEqual(theirs.slice().sort());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
