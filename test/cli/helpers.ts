// Helpers for CLI tests: the real `sohoa` in a child process (through tsx), and small distinct scans.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Sohoa {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

/**
 * Starts `sohoa <args>` as a real process; CI=1 keeps the logs JSON. `built` runs bin/sohoa.js (dist/, built by
 * `npm test`'s pretest): under tsx a process that handled two SIGINTs is re-killed by tsx's own signal relay.
 */
export function sohoa(args: string[], env: Record<string, string | undefined> = {}, built = false): Sohoa {
  const entry = built
    ? [path.join(ROOT, "bin/sohoa.js")]
    : ["--import", "tsx", path.join(ROOT, "cli/index.ts")];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code, signal) => {
      // A death by signal says which, in the output a failing assertion prints.
      if (signal) stderr += `\n[killed by ${signal}]`;
      resolve(code);
    }),
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}

export async function sohoaDone(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const s = sohoa(args, env);
  const code = await s.exited;
  return { code, ...s.output() };
}

export async function tempDir(prefix = "sohoa-cli-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** `n` scans, each with different bytes (a dark bar at a different height), named scan-01.png …; `size` for slow ones. */
export async function makeScans(
  dir: string,
  n: number,
  first = 1,
  size = { width: 400, height: 300 },
): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let i = first; i < first + n; i++) {
    const bar = await sharp({
      create: { width: 300, height: 8, channels: 3, background: { r: 20, g: 20, b: 20 } },
    })
      .png()
      .toBuffer();
    const file = path.join(dir, `scan-${String(i).padStart(2, "0")}.png`);
    await sharp({ create: { ...size, channels: 3, background: { r: 250, g: 250, b: 245 } } })
      .composite([{ input: bar, top: 10 + ((i * 7) % (size.height - 20)), left: 50 }])
      .png()
      .toFile(file);
    files.push(file);
  }
  return files;
}

export interface ReportRow {
  file: string;
  outcome: string;
  sha256?: string;
  duplicateOf?: string;
}

export async function readReport(out: string): Promise<ReportRow[]> {
  const text = await fs.readFile(path.join(out, "report.jsonl"), "utf8");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReportRow);
}
