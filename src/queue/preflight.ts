// Queue preflight: walk the inputs, sniff magic bytes, check sizes and hash (streaming SHA-256) before any job exists.
import path from "node:path";
import { FileUnreadableError } from "../errors/input-errors.js";
import { errorToJson, SohoaError, type SohoaErrorJson } from "../errors/sohoa-error.js";
import { preflight as identifyFile } from "../stages/preflight.js";
import { defaultLimits } from "../limits.js";
import type { SourceFile } from "../types.js";
import { Limiter } from "../util/limit.js";
import { collectInputs, type InputFile, type SkippedEntry } from "../util/walk.js";

export interface PreflightOptions {
  /** @defaultValue defaultLimits.maxFileBytes (src/limits.ts) */
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

/**
 * Every file under `inputs` (the one walker, src/util/walk.ts, without the extension filter: the magic
 * bytes decide); what the walk passes over is returned in `passed` with its reason.
 */
export async function walkInputs(inputs: string[], passed: SkippedEntry[] = []): Promise<InputFile[]> {
  const { files, skipped } = await collectInputs(
    inputs.map((input) => path.resolve(input)),
    { scansOnly: false },
  );
  passed.push(...skipped);
  return files;
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
  const { maxBytes, concurrency, onFile } = {
    maxBytes: defaultLimits.maxFileBytes,
    concurrency: 4,
    ...options,
  };
  const passed: SkippedEntry[] = [];
  const files = await walkInputs(inputs, passed);
  const results: (SourceFile | { file: string; error: SohoaErrorJson })[] = new Array(files.length);
  let done = 0;
  const limiter = new Limiter(Math.max(1, concurrency));
  await Promise.all(
    files.map(({ path: file, unreadable }, i) =>
      limiter.run(async () => {
        try {
          if (unreadable)
            throw new FileUnreadableError(file, unreadable, {
              hint: "Rename the file to a UTF-8 name (e.g. convmv -f latin1 -t utf8).",
            });
          results[i] = await checkFile(file, maxBytes);
        } catch (error) {
          results[i] = { file, error: errorToJson(error, { file, stage: "preflight" }) };
        }
        onFile?.(++done, files.length);
      }),
    ),
  );
  const out: PreflightResult = { accepted: [], rejected: [], duplicates: [], bytes: 0 };
  for (const p of passed) {
    if (p.kind === "sameFile" && p.of !== undefined) out.duplicates.push({ file: p.path, of: p.of });
    else
      out.rejected.push({
        file: p.path,
        error: errorToJson(new FileUnreadableError(p.path, p.reason, { stage: "preflight" })),
      });
  }
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
