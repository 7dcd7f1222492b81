// Input discovery, for `sohoa run` and the queue alike: folders walked recursively, loops and unreadable names reported, order stable.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Extensions a `scansOnly` walk picks up; files named explicitly are always tried. */
export const SCAN_EXTENSIONS = new Set([".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".pdf"]);

export interface InputFile {
  /** Path to open; for a name that is not valid UTF-8, its readable form (see `unreadable`). */
  path: string;
  /** Path relative to the folder it was found in (or the base name), with "/" separators. */
  relative: string;
  /** Why the file cannot be opened by its name (it is not valid UTF-8); it fails in the report with this reason. */
  unreadable?: string;
}

export type SkipKind = "loop" | "notScan" | "sameFile" | "unreadableFolder";

export interface SkippedEntry {
  path: string;
  /** Path relative to the folder given, with "/" separators, as the report names it. */
  relative: string;
  reason: string;
  kind: SkipKind;
  /** For `sameFile`: the path it was first found under. */
  of?: string;
}

export interface WalkResult {
  files: InputFile[];
  /** Entries passed over, with the reason (a folder link loop, not a scan, the same file again, unreadable). */
  skipped: SkippedEntry[];
}

export interface WalkOptions {
  /** Only files with a scan extension; the others are skipped as `notScan`. @defaultValue true */
  scansOnly?: boolean;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A file name as text: itself when valid UTF-8, else its bytes with the invalid ones %-escaped (`caf%E9.jpg`). */
export function nameOf(raw: Buffer): { name: string; valid: boolean } {
  try {
    return { name: UTF8.decode(raw), valid: true };
  } catch {
    let name = "";
    for (const byte of raw)
      name +=
        byte < 0x80 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    return { name, valid: false };
  }
}

/**
 * Every file under `paths`, sorted by name within each folder; dot files are passed over. Folder links
 * are followed unless they point back at an ancestor (a loop, skipped); a file reached twice through
 * links is listed once. Names that are not valid UTF-8 are listed (flagged `unreadable`), never dropped.
 */
export async function collectInputs(paths: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [] };
  const seen = new Map<string, string>();
  for (const input of paths) {
    let info;
    try {
      info = await stat(input);
    } catch {
      // A missing explicit file is still listed: preflight reports it as unreadable.
      result.files.push({ path: input, relative: path.basename(input) });
      continue;
    }
    if (info.isDirectory())
      await walk(input, input, result, seen, new Set([await realpath(input)]), options.scansOnly ?? true);
    else result.files.push({ path: input, relative: path.basename(input) });
  }
  return result;
}

async function walk(
  root: string,
  dir: string,
  result: WalkResult,
  seen: Map<string, string>,
  ancestors: Set<string>,
  scansOnly: boolean,
): Promise<void> {
  let entries: Array<Dirent<Buffer>>;
  try {
    entries = await readdir(dir, { withFileTypes: true, encoding: "buffer" });
  } catch (error) {
    result.skipped.push({
      path: dir,
      relative: relativeOf(root, dir),
      reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? error}`,
      kind: "unreadableFolder",
    });
    return;
  }
  const named = entries
    .map((e) => ({ entry: e, ...nameOf(e.name) }))
    .sort((a, b) => Buffer.compare(a.entry.name, b.entry.name));
  for (const { entry, name, valid } of named) {
    if (name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (!valid) {
      // Node's string paths are UTF-8: such a name cannot be opened through them, only reported.
      if (entry.isDirectory())
        result.skipped.push({
          path: full,
          relative: relativeOf(root, full),
          reason: "folder name is not valid UTF-8",
          kind: "unreadableFolder",
        });
      else
        result.files.push({
          path: full,
          relative: relativeOf(root, full),
          unreadable: "the file name is not valid UTF-8",
        });
      continue;
    }
    let real: string;
    let info;
    try {
      real = await realpath(full);
      info = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ELOOP")
        result.skipped.push({
          path: full,
          relative: relativeOf(root, full),
          reason: "symbolic link loop",
          kind: "loop",
        });
      // A dangling link or a file that vanished: preflight names the reason in the report.
      else result.files.push({ path: full, relative: relativeOf(root, full) });
      continue;
    }
    if (info.isDirectory()) {
      if (ancestors.has(real)) {
        result.skipped.push({
          path: full,
          relative: relativeOf(root, full),
          reason: "symbolic link loop (a folder link that points back at its own ancestor)",
          kind: "loop",
        });
        continue;
      }
      await walk(root, full, result, seen, new Set([...ancestors, real]), scansOnly);
      continue;
    }
    if (scansOnly && !SCAN_EXTENSIONS.has(path.extname(name).toLowerCase())) {
      result.skipped.push({
        path: full,
        relative: relativeOf(root, full),
        reason: "not a scan (extension)",
        kind: "notScan",
      });
      continue;
    }
    const first = seen.get(real);
    if (first !== undefined) {
      result.skipped.push({
        path: full,
        relative: relativeOf(root, full),
        reason: "same file reached twice through a link",
        kind: "sameFile",
        of: first,
      });
      continue;
    }
    seen.set(real, full);
    result.files.push({ path: full, relative: relativeOf(root, full) });
  }
}

function relativeOf(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join("/");
}
