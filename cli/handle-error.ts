// The one place CLI errors end up: code, message and hint on stderr, the error's own exit code.
import { ExitCode, SohoaError } from "../src/errors/index.js";
import { formatIssues, type IssueLike } from "../src/util/zod-issues.js";

/**
 * Prints a clear message (and the hint when there is one) and sets the exit code. It does not
 * exit: commands close their connections in `finally`, and tests run commands in-process.
 */
export function handleError(error: unknown): void {
  if (error instanceof SohoaError) {
    process.stderr.write(
      `error ${error.code}: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ""}`,
    );
    process.exitCode = error.exitCode;
    return;
  }
  if (isZodError(error)) {
    for (const problem of formatIssues(error.issues, { style: "option", root: "(value)" })) {
      process.stderr.write(`error sohoa:usage: option ${problem}\n`);
    }
    process.exitCode = ExitCode.BadArgs;
    return;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`error sohoa:internal: ${message}\n`);
  process.exitCode = ExitCode.Internal;
}

function isZodError(error: unknown): error is { issues: IssueLike[] } {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: string }).name === "ZodError" &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}
