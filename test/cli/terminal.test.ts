// `sohoa run` on a real pseudo-terminal (util-linux `script`): log lines above the bar, never through it; one summary.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";
import { ROOT, makeScans, tempDir } from "./helpers.js";
import { screen } from "./screen.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

/** Runs a command line on a pseudo-terminal; resolves the raw bytes the terminal received and the exit code. */
function onPty(command: string): Promise<{ raw: string; code: number | null }> {
  const env: NodeJS.ProcessEnv = { ...process.env, COLUMNS: "160", LINES: "50" };
  delete env.CI; // pretty logs, as a person sees them
  const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let raw = "";
  child.stdout.on("data", (d: Buffer) => (raw += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ raw, code })));
}

describe("sohoa run on a terminal", () => {
  it("prints each log line whole above the progress bar, and the summary once", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await makeScans(path.join(dir, "in"), 10);
    await fs.writeFile(path.join(dir, "in", "notes.txt"), "not a scan");
    const cli = `${process.execPath} --import tsx cli/index.ts`;
    const { raw, code } = await onPty(
      `${cli} run ${dir}/in --out ${dir}/out --ocr-engine null --no-pdf --jobs 2 --log-level info`,
    );
    expect(code).toBe(ExitCode.Ok);
    expect(raw).toMatch(/[█░]/); // the bar was drawn
    const lines = screen(raw);
    const logLines = lines.filter((l) => /INFO|WARN/.test(l));
    expect(logLines.filter((l) => l.includes("document done"))).toHaveLength(10);
    // No line mixes log text with the bar, and every log line starts with its time stamp.
    for (const l of lines) if (/[█░]/.test(l)) expect(l).not.toMatch(/INFO|WARN|document|skipped|files {6}/);
    for (const l of logLines) expect(l).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN)/);
    expect(lines.filter((l) => l.startsWith("files      "))).toEqual([
      "files      10 (10 done, 0 failed, 10 need review; 0 already done, 0 duplicates, 0 interrupted)",
    ]);
    // The skipped file is named in the summary, not left to a log line a quieter level would hide.
    expect(lines.some((l) => l.includes("notes.txt: not a scan"))).toBe(true);
    // Once finished, the bar is gone: no line on the screen keeps a piece of it.
    expect(lines.filter((l) => /[█░]/.test(l))).toEqual([]);
  });
});
