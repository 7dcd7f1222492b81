// Where word F1 is lost on the real pages: sohoa's (or bare Tesseract's) extra and missing words, paired and bucketed.
// Usage: npx tsx bench/text-diff.ts report.json [realDir=../shared/bench/real] [--bare] [--list]
// `report.json` is the `--out` of bench/text-eval.ts. Extra words are in the OCR text and not the truth, missing
// words the reverse (multisets, as word F1 counts them). Each extra is paired with the closest missing word and
// bucketed: marks only (tones, ơ/ô…), letters (same length ±2), punctuation only, case only, glued (two truth
// words as one), split (one truth word as two); unpaired extras are garbage (no valid syllable) or stray words,
// unpaired missing words are lost. --list prints every extra word with its OCR line, to see where it comes from.
import fs from "node:fs";
import path from "node:path";
import { words } from "./score/index.js";
import { isValidSyllable } from "../src/text/syllable.js";

const args = process.argv.slice(2);
const bare = args.includes("--bare");
const list = args.includes("--list");
const [reportPath, realDir = "../shared/bench/real"] = args.filter((a) => !a.startsWith("--"));
if (!reportPath) throw new Error("usage: text-diff.ts report.json [realDir] [--bare] [--list]");

interface Row {
  file: string;
  sohoaText: string;
  bareText: string;
}
const report = JSON.parse(fs.readFileSync(reportPath, "utf8")) as { files: Row[] };
const truth = new Map(
  fs
    .readFileSync(path.join(realDir, "truth.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string; text?: string })
    .map((t) => [t.file, t.text] as const),
);

/** Lower case, no marks, đ → d. */
const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
const bareWord = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, "");

/** Levenshtein distance. */
function edit(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length]!;
}

/** Multiset a minus b. */
function minus(a: string[], b: string[]): string[] {
  const c = new Map<string, number>();
  for (const w of b) c.set(w, (c.get(w) ?? 0) + 1);
  return a.filter((w) => {
    const n = c.get(w) ?? 0;
    if (n > 0) c.set(w, n - 1);
    return n === 0;
  });
}

type Bucket = "marks" | "punct" | "case" | "letters" | "glued" | "split" | "garbage" | "stray" | "lost";
const total: Record<Bucket, number> = {
  marks: 0,
  punct: 0,
  case: 0,
  letters: 0,
  glued: 0,
  split: 0,
  garbage: 0,
  stray: 0,
  lost: 0,
};

/** Which bucket a pair (extra word, missing word) falls in, or undefined when they are not alike. */
function pairKind(x: string, t: string): Bucket | undefined {
  if (bareWord(x) === bareWord(t) && bareWord(x) !== "") return "punct";
  if (x.toLowerCase() === t.toLowerCase()) return "case";
  const fx = bareWord(fold(x));
  if (fx !== "" && fx === bareWord(fold(t))) return "marks";
  const e = edit(fold(x), fold(t));
  if (e <= Math.max(1, Math.floor(Math.max(x.length, t.length) / 3))) return "letters";
  return undefined;
}

for (const row of report.files) {
  const t = truth.get(row.file);
  if (t === undefined) continue;
  const hypText = bare ? row.bareText : row.sohoaText;
  const hyp = words(hypText);
  const ref = words(t);
  let extra = minus(hyp, ref);
  let missing = minus(ref, hyp);
  const counts: Partial<Record<Bucket, number>> = {};
  const add = (b: Bucket, n = 1): void => {
    counts[b] = (counts[b] ?? 0) + n;
    total[b] += n;
  };
  const samples: Partial<Record<Bucket, string[]>> = {};
  const note = (b: Bucket, s: string): void => void (samples[b] ??= []).push(s);
  // Glued: an extra word that is two missing words run together (punctuation aside).
  for (const x of [...extra]) {
    const bx = bareWord(fold(x));
    for (let i = 0; i < missing.length && bx.length > 3; i++) {
      const j = missing.findIndex((m, k) => k !== i && bareWord(fold(missing[i]! + m)) === bx);
      if (j < 0) continue;
      note("glued", `${x} ← ${missing[i]} ${missing[j]}`);
      add("glued");
      extra = minus(extra, [x]);
      missing = minus(missing, [missing[i]!, missing[j]!]);
      break;
    }
  }
  // Split: a missing word that is two extra words.
  for (const m of [...missing]) {
    const bm = bareWord(fold(m));
    for (let i = 0; i < extra.length && bm.length > 3; i++) {
      const j = extra.findIndex((x, k) => k !== i && bareWord(fold(extra[i]! + x)) === bm);
      if (j < 0) continue;
      note("split", `${extra[i]} ${extra[j]} ← ${m}`);
      add("split");
      missing = minus(missing, [m]);
      extra = minus(extra, [extra[i]!, extra[j]!]);
      break;
    }
  }
  // Closest pairs first: punctuation, case, marks, then letters.
  for (const kind of ["punct", "case", "marks", "letters"] as const) {
    for (const x of [...extra]) {
      const m = missing.find((t2) => pairKind(x, t2) === kind);
      if (m === undefined) continue;
      note(kind, `${x} ← ${m}`);
      add(kind);
      extra = minus(extra, [x]);
      missing = minus(missing, [m]);
    }
  }
  for (const x of extra) {
    const syl = bareWord(x)
      .split(/(?=\p{Lu})/u)
      .some((p) => isValidSyllable(p));
    const kind: Bucket = /\d/.test(x) || syl ? "stray" : "garbage";
    add(kind);
    note(kind, x);
  }
  for (const m of missing) {
    add("lost");
    note("lost", m);
  }
  console.log(`\n== ${row.file}  hyp ${hyp.length}  truth ${ref.length}  ${JSON.stringify(counts)}`);
  for (const [k, v] of Object.entries(samples)) console.log(`  ${k}: ${v.join(" | ")}`);
  if (list) {
    const extraSet = new Set(minus(hyp, ref));
    for (const line of hypText.split(/\n|\f/)) {
      const ws = words(line);
      const bad = ws.filter((w) => extraSet.has(w)).length;
      if (bad > 0) console.log(`  ${bad}/${ws.length}  ${line}`);
    }
  }
}
console.log(`\nTOTAL ${JSON.stringify(total)}`);
