// Queue preflight: walk the inputs, sniff magic bytes, check sizes and hash (streaming SHA-256) before any job exists.
import fs from "node:fs/promises";
import path from "node:path";
import { FileUnreadableError, LimitExceededError, UnsupportedFileError } from "../errors/input-errors.js";
import { errorToJson, type SohoaErrorJson } from "../errors/sohoa-error.js";
import { sha256File } from "../storage/hash.js";
import type { SourceFile, SupportedMime } from "../types.js";

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

/** Detects the supported scan formats from their first bytes; the extension is not trusted. */
export function sniffMime(head: Uint8Array): SupportedMime | undefined {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "image/jpeg";
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return "image/png";
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a && b(3) === 0) || (b(0) === 0x4d && b(1) === 0x4d && b(2) === 0 && b(3) === 0x2a)) return "image/tiff";
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return "image/webp";
  // PDFs may carry junk before the header; readers accept it within the first 1024 bytes.
  const text = Buffer.from(head).toString("latin1");
  if (text.includes("%PDF-")) return "application/pdf";
  return undefined;
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

/** Checks one file; resolves its SourceFile or throws a typed input error naming it. */
export async function checkFile(file: string, maxBytes: number): Promise<SourceFile> {
  let handle;
  try {
    handle = await fs.open(file, "r");
  } catch (error) {
    throw new FileUnreadableError(file, (error as NodeJS.ErrnoException).code ?? String(error), { stage: "preflight" });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileUnreadableError(file, "not a regular file", { stage: "preflight" });
    if (stat.size === 0) throw new UnsupportedFileError(file, "empty file", { stage: "preflight" });
    if (stat.size > maxBytes) throw new LimitExceededError(file, "size in bytes", stat.size, maxBytes, { stage: "preflight" });
    const head = new Uint8Array(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const mime = sniffMime(head.subarray(0, bytesRead));
    if (!mime) throw new UnsupportedFileError(file, "not a JPEG, PNG, TIFF, WebP or PDF by its first bytes", { stage: "preflight" });
    const { sha256, size } = await sha256File(file);
    return { path: file, name: path.basename(file), sha256, bytes: size, mime };
  } finally {
    await handle.close();
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
