// Reads batch manifests (`**/manifest.jsonl` under an archive root) as ArchivedDocRefs for `rebuild`.
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { FileUnreadableError } from "../errors/index.js";
import { docRefFrom, type DocRefInput } from "./doc-ref.js";
import type { ArchivedDocRef } from "./types.js";

/** Outcomes of a manifest line that mean "this document is in the archive". */
export const ARCHIVED_OUTCOMES: ReadonlySet<string> = new Set(["archived", "stored", "ok", "success", "done", "duplicate"]);

export interface ManifestReadOptions {
  /** Told about each line that is skipped (not archived, unreadable, no unit or year). */
  onSkip?: (file: string, line: number, reason: string) => void;
}

/** Every `manifest.jsonl` below `root`, sorted so a rebuild reads them in a stable order. */
export async function findManifests(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch (cause) {
    throw new FileUnreadableError(root, (cause as Error).message, { cause });
  }
  return entries
    .filter((p) => p === "manifest.jsonl" || p.endsWith("/manifest.jsonl"))
    .sort()
    .map((p) => join(root, p));
}

/** One manifest's archived documents; a bad line is reported and skipped, never fatal. */
export async function* readManifest(file: string, options: ManifestReadOptions = {}): AsyncGenerator<ArchivedDocRef> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let entry: DocRefInput & { outcome?: string };
    try {
      entry = JSON.parse(line) as DocRefInput & { outcome?: string };
    } catch {
      options.onSkip?.(file, n, "not JSON");
      continue;
    }
    if (entry.outcome !== undefined && !ARCHIVED_OUTCOMES.has(entry.outcome)) {
      options.onSkip?.(file, n, `outcome ${entry.outcome}`);
      continue;
    }
    const ref = docRefFrom(entry);
    if (!ref) {
      options.onSkip?.(file, n, "no docId, unit or year");
      continue;
    }
    yield ref;
  }
}

/** Every archived document of every manifest under `root`. */
export async function* readArchiveManifests(root: string, options: ManifestReadOptions = {}): AsyncGenerator<ArchivedDocRef> {
  for (const file of await findManifests(root)) yield* readManifest(file, options);
}
