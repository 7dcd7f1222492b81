// Tool-dependent tests: skipped with a warning on a developer's machine, failed in CI (SOHOA_REQUIRE_TOOLS=1).
import { it } from "vitest";

/**
 * Whether the tests needing `tool` should be skipped. With SOHOA_REQUIRE_TOOLS=1 (set by .ci/run) a
 * missing tool is never a skip: a failing test names it, and the tests that need it run (and fail).
 */
export function skipWithout(tool: string, available: boolean, hint: string): boolean {
  if (available) return false;
  if (process.env.SOHOA_REQUIRE_TOOLS === "1") {
    it(`${tool} is installed (SOHOA_REQUIRE_TOOLS=1)`, () => {
      throw new Error(`${tool} is missing: ${hint}`);
    });
    return false;
  }
  console.warn(`SKIP tests needing ${tool}: ${hint} (SOHOA_REQUIRE_TOOLS=1 turns this skip into a failure)`);
  return true;
}
