// The one place CLI errors end up: message and hint on stderr, the error's own exit code.
import { ExitCode, SohoaError } from "../src/errors/index.js";

/** Prints a clear message (and the hint when there is one) and exits with the error's code. */
export function handleError(error: unknown): never {
  if (error instanceof SohoaError) {
    process.stderr.write(`sohoa: ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    process.exit(error.exitCode);
  }
  if (isZodError(error)) {
    for (const issue of error.issues) {
      process.stderr.write(`sohoa: option ${issue.path.join(".") || "(value)"}: ${issue.message}\n`);
    }
    process.exit(ExitCode.BadArgs);
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`sohoa: unexpected error: ${message}\n`);
  process.exit(ExitCode.Internal);
}

function isZodError(error: unknown): error is { issues: Array<{ path: PropertyKey[]; message: string }> } {
  return typeof error === "object" && error !== null && (error as { name?: string }).name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues);
}
