// Input discovery: folders walked recursively, symlink loops and non-scan files skipped, order stable.
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** Extensions a folder walk picks up; files named explicitly are always tried. */
export const SCAN_EXTENSIONS = new Set([".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".pdf"]);

export interface InputFile {
  path: string;
  /** Path relative to the folder it was found in (or the base name), with "/" separators. */
  relative: string;
}

export interface WalkResult {
  files: InputFile[];
  /** Entries passed over, with the reason (not a scan, a symlink loop, unreadable). */
  skipped: Array<{ path: string; reason: string }>;
}

export async function collectInputs(paths: string[]): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [] };
  const seen = new Set<string>();
  for (const input of paths) {
    let info;
    try {
      info = await stat(input);
    } catch {
      // A missing explicit file is still listed: preflight reports it as unreadable in the batch report.
      result.files.push({ path: input, relative: path.basename(input) });
      continue;
    }
    if (info.isDirectory()) await walk(input, input, result, seen, new Set([await realpath(input)]));
    else result.files.push({ path: input, relative: path.basename(input) });
  }
  return result;
}

async function walk(root: string, dir: string, result: WalkResult, seen: Set<string>, ancestors: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    result.skipped.push({ path: dir, reason: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? error}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    let real: string;
    let info;
    try {
      real = await realpath(full);
      info = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.skipped.push({ path: full, reason: code === "ELOOP" ? "symbolic link loop" : `cannot resolve: ${code ?? error}` });
      continue;
    }
    if (info.isDirectory()) {
      if (ancestors.has(real)) {
        result.skipped.push({ path: full, reason: "symbolic link loop" });
        continue;
      }
      await walk(root, full, result, seen, new Set([...ancestors, real]));
      continue;
    }
    if (!SCAN_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      result.skipped.push({ path: full, reason: "not a scan (extension)" });
      continue;
    }
    if (seen.has(real)) {
      result.skipped.push({ path: full, reason: "same file reached twice through a link" });
      continue;
    }
    seen.add(real);
    result.files.push({ path: full, relative: path.relative(root, full).split(path.sep).join("/") });
  }
}
