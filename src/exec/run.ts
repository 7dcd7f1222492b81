// Runs an external program to completion, collecting its output; the one place that spawns tools.
import { spawn } from "node:child_process";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** Text written to the program's standard input. */
  input?: string | Buffer;
  /** Stop collecting (and kill the program) past this many bytes of stdout; default 256 MiB. */
  maxBuffer?: number;
}

export interface RunResult {
  /** Exit code, or null when a signal ended the program. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  /** Process id, handy for memory sampling while it ran. */
  pid: number | undefined;
}

/** Thrown when the program cannot be started at all (ENOENT, EACCES …). */
export class SpawnError extends Error {
  constructor(
    readonly program: string,
    readonly errno: string | undefined,
    cause: unknown,
  ) {
    super(`cannot start ${program}: ${errno ?? String(cause)}`, { cause });
    this.name = this.constructor.name;
  }
}

/**
 * Runs `program args`, never through a shell, and resolves when it exits, whatever the code;
 * rejects with SpawnError when it cannot start, or with the signal's reason when aborted.
 */
export function run(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { signal, maxBuffer = 256 * 1024 * 1024 } = options;
  return new Promise<RunResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      // Its own process group: a Ctrl-C at the terminal reaches sohoa, which decides (finish or abort), not the tool.
      detached: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = "";
    let settled = false;
    const onAbort = (): void => {
      child.kill("SIGKILL");
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout!.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBuffer) child.kill("SIGKILL");
      else out.push(chunk);
    });
    // stderr is for diagnostics only; keep its tail so a chatty tool cannot fill memory.
    child.stderr!.on("data", (chunk: Buffer) => {
      err = (err + chunk.toString("utf8")).slice(-64 * 1024);
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      reject(new SpawnError(program, error.code, error));
    });
    child.on("close", (code, sig) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) reject(signal.reason);
      else resolve({ code, signal: sig, stdout: Buffer.concat(out), stderr: err, pid: child.pid });
    });
  });
}
