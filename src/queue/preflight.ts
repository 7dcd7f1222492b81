// Queue preflight: walk the inputs, sniff magic bytes, check sizes and hash (streaming SHA-256) before any job exists.
import fs from "node:fs/promises";
import path from "node:path";
import { FileUnreadableError } from "../errors/input-errors.js";
import { errorToJson, SohoaError, type SohoaErrorJson } from "../errors/sohoa-error.js";
import { preflight as identifyFile } from "../stages/preflight.js";
import type { SourceFile } from "../types.js";

export interface PreflightOptions {
  /** @defaultValue 200 MiB */
  maxBytes?: number;
  /** Files hashed at once. @defaultValue 4 */
  concurrency?: number;
  /** Called after each file is checked. */
  onFile?: (done: number, total: number) => void;
}

export interface PreflightResult {
  accepted: SourceFile[];
  rejected: { file: string; error: SohoaErrorJson }[];
  /** Same bytes as an accepted file: not queued twice. */
  duplicates: { file: string; of: string }[];
  bytes: number;
}

/** A folder link pointing back at one of its ancestors: walking it would never end. */
const LOOP = "symbolic link loop (a folder link that points back at its own ancestor)";

/**
 * Expands folders (recursively, skipping dot files) into a sorted list of regular files; folder
 * links back to an ancestor are returned in `loops` instead of being followed.
 */
export async function walkInputs(inputs: string[], loops: string[] = []): Promise<string[]> {
  const out: string[] = [];
  const visit = async (p: string, ancestors: ReadonlySet<string>): Promise<void> => {
    let stat;
    let real;
    try {
      stat = await fs.stat(p);
      real = await fs.realpath(p);
    } catch {
      out.push(p); // reported as unreadable by checkFile (a self-referencing link fails with ELOOP there)
      return;
    }
    if (stat.isDirectory()) {
      if (ancestors.has(real)) {
        loops.push(p);
        return;
      }
      const below = new Set([...ancestors, real]);
      const entries = await fs.readdir(p, { withFileTypes: true });
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (!e.name.startsWith(".")) await visit(path.join(p, e.name), below);
      }
    } else out.push(p);
  };
  for (const input of inputs) await visit(path.resolve(input), new Set());
  return out;
}

/** Checks one file (the pipeline's own preflight stage); resolves its SourceFile or throws a typed input error naming it. */
export async function checkFile(file: string, maxBytes: number): Promise<SourceFile> {
  try {
    return await identifyFile(file, { maxFileBytes: maxBytes });
  } catch (error) {
    if (error instanceof SohoaError) error.stage ??= "preflight";
    throw error;
  }
}

/** Walks and checks every input; bad files are collected with their reason, never thrown. */
export async function preflight(inputs: string[], options: PreflightOptions = {}): Promise<PreflightResult> {
  const { maxBytes, concurrency, onFile } = { maxBytes: 200 * 1024 * 1024, concurrency: 4, ...options };
  const loops: string[] = [];
  const files = await walkInputs(inputs, loops);
  const results: (SourceFile | { file: string; error: SohoaErrorJson })[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      try {
        results[i] = await checkFile(file, maxBytes);
      } catch (error) {
        results[i] = { file, error: errorToJson(error, { file, stage: "preflight" }) };
      }
      onFile?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  const out: PreflightResult = { accepted: [], rejected: [], duplicates: [], bytes: 0 };
  for (const file of loops) out.rejected.push({ file, error: errorToJson(new FileUnreadableError(file, LOOP, { stage: "preflight" })) });
  const seen = new Map<string, string>();
  for (const r of results) {
    if ("error" in r) out.rejected.push(r);
    else if (seen.has(r.sha256)) out.duplicates.push({ file: r.path, of: seen.get(r.sha256)! });
    else {
      seen.set(r.sha256, r.path);
      out.accepted.push(r);
      out.bytes += r.bytes;
    }
  }
  return out;
}
