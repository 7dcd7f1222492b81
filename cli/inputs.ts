// Checks of the command line's input paths and batch names, made before any work starts (usage errors, exit 2).
import { access } from "node:fs/promises";
import { UsageError } from "../src/errors/index.js";

/** A path that does not exist is a mistake on the command line, not a failed document. */
export async function assertInputsExist(paths: string[]): Promise<void> {
  for (const p of paths) {
    try {
      await access(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new UsageError(
        `input path ${p} ${code === "ENOENT" ? "does not exist" : `cannot be read (${code})`}`,
        {
          hint: "Check the path; folders are walked for JPEG, PNG, TIFF, WebP and PDF scans.",
        },
      );
    }
  }
}

/** Runs a check of one option's value; its failure becomes a usage error naming the option. */
export function checkOption(option: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(`${option}: ${(error as Error).message}`, {
      cause: error,
      ...((error as { hint?: string }).hint ? { hint: (error as { hint?: string }).hint } : {}),
    });
  }
}
