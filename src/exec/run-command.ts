// Runs an external program and collects its output; the one place that spawns tools.
import { spawn } from "node:child_process";

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  input?: Uint8Array;
}

export function runCommand(program: string, args: string[], options: RunOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      signal: options.signal,
      stdio: [options.input ? "pipe" : "ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), exitCode: code ?? -1 });
    });
    if (options.input) child.stdin!.end(options.input);
  });
}

/** True when `program` can be started (found on PATH and executable). */
export async function isInstalled(program: string, versionArg = "--version"): Promise<boolean> {
  try {
    const result = await runCommand(program, [versionArg]);
    return result.exitCode === 0;
  } catch {
    return false;
  }
}
