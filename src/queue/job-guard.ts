// The worker's gate: a job is checked against its batch's record and the allowed roots before its file is read or anything written.
import fs from "node:fs/promises";
import path from "node:path";
import { JobRefusedError } from "../errors/queue-errors.js";
import { InvalidConfigError } from "../errors/runtime-errors.js";
import { assertKeyPart } from "../storage/keys.js";
import { LEVELS, type Level } from "../types.js";
import { assertBatchId, type BatchRegistry } from "./batch-registry.js";
import type { ArchiveJobInput } from "./job-payload.js";

/** True when `file` is `root` or lies below it (both real paths). */
export function isWithin(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Real paths of the roots a worker may read; a root that does not exist is a configuration error. */
export async function resolveRoots(roots: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    try {
      out.push(await fs.realpath(root));
    } catch (error) {
      throw new InvalidConfigError(
        `allowed input root ${root} cannot be resolved: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
  }
  return out;
}

/** SOHOA_ALLOWED_ROOTS: folders separated by the platform's path delimiter (":" on Linux). */
export function allowedRootsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SOHOA_ALLOWED_ROOTS ?? "").split(path.delimiter).filter(Boolean);
}

/** Batch id, unit and level safe as key parts; the same checks enqueue makes. Throws before any I/O. */
export function assertBatchMeta(meta: { batchId: string; unit: string; level: string }): void {
  assertBatchId(meta.batchId);
  assertKeyPart(meta.unit);
  if (!LEVELS.includes(meta.level as Level))
    throw new JobRefusedError(
      `level ${JSON.stringify(meta.level)} is not one of ${LEVELS.join(", ")}`,
      false,
    );
}

/**
 * Resolves the real path of the job's file once it passes every check, else throws JobRefusedError
 * (or InvalidKeyError for a unit that cannot be a key). Reads only Redis and the file's link chain.
 */
export async function guardJob(
  job: ArchiveJobInput,
  registry: BatchRegistry,
  allowedRoots: readonly string[],
): Promise<string> {
  try {
    assertBatchId(job.batchId);
  } catch (error) {
    throw new JobRefusedError(
      `job for ${job.file} names an invalid batch id: ${(error as Error).message}`,
      false,
    );
  }
  const batch = await registry.get(job.batchId);
  if (!batch)
    throw new JobRefusedError(
      `job for ${job.file} names batch ${job.batchId}, which was never enqueued`,
      false,
    );
  if (batch.unit !== job.unit || batch.level !== job.level) {
    throw new JobRefusedError(
      `job for ${job.file} names unit ${job.level} ${job.unit}, but batch ${job.batchId} is ${batch.level} ${batch.unit}`,
      true,
    );
  }
  assertKeyPart(job.unit);
  if (!path.isAbsolute(job.file))
    throw new JobRefusedError(`job file ${job.file} is not an absolute path`, true);
  let real: string;
  try {
    real = await fs.realpath(job.file);
  } catch (error) {
    // Unresolvable: let the pipeline report it as unreadable, but never with a path we have not checked.
    real = path.resolve(job.file);
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new JobRefusedError(
        `job file ${job.file} cannot be resolved: ${(error as NodeJS.ErrnoException).code}`,
        true,
      );
  }
  const roots = await registry.roots(job.batchId);
  if (!roots.some((root) => isWithin(real, root))) {
    throw new JobRefusedError(
      `job file ${job.file} (${real}) is outside the folders batch ${job.batchId} was enqueued from`,
      true,
    );
  }
  if (allowedRoots.length && !allowedRoots.some((root) => isWithin(real, root))) {
    throw new JobRefusedError(`job file ${job.file} (${real}) is outside this worker's allowed roots`, true);
  }
  return real;
}
