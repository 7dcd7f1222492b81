// `sohoa review` refuses to start where decisions would quietly write unsigned versions or nobody could decide.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/index.js";

const run = promisify(execFile);
const CLI = ["--import", "tsx", path.resolve("cli/index.ts"), "review"];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-review-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function refusal(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [...CLI, ...args], { timeout: 20_000 });
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error("sohoa review started");
}

describe("sohoa review start-up", () => {
  it("refuses to run without a signing key unless --allow-unsigned, and without an operator account", async () => {
    const hash = await hashPassword("mat-khau-thu");
    await writeFile(
      path.join(dir, "ops.yaml"),
      `accounts:\n  - user: lan\n    password: "${hash}"\n    role: operator\n`,
    );
    await writeFile(
      path.join(dir, "viewers.yaml"),
      `accounts:\n  - user: an\n    password: "${hash}"\n    role: viewer\n`,
    );
    const unsigned = await refusal([
      "--store",
      path.join(dir, "kho"),
      "--accounts",
      path.join(dir, "ops.yaml"),
    ]);
    expect(unsigned.code).toBe(9);
    expect(unsigned.stderr).toContain("sohoa:invalidConfig: no signing key");
    const viewers = await refusal([
      "--store",
      path.join(dir, "kho"),
      "--accounts",
      path.join(dir, "viewers.yaml"),
      "--allow-unsigned",
    ]);
    expect(viewers.code).toBe(9);
    expect(viewers.stderr).toContain("no account has role operator");
  }, 30_000);
});
