// Waits until a file stops changing: the same size and modification time over consecutive checks.
import { stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

export interface StableOptions {
  /** Time between checks, ms. @defaultValue 1000 */
  interval: number;
  /** Consecutive unchanged checks needed. @defaultValue 2 */
  checks: number;
  signal?: AbortSignal;
}

export interface StableFile {
  size: number;
  mtimeMs: number;
}

/**
 * Resolves with the settled size and mtime, or undefined when the file went away (moved by the
 * scanner software, renamed from a temporary name). An empty file is never stable: scanners create
 * the file first and fill it later.
 */
export async function waitStable(file: string, options: StableOptions): Promise<StableFile | undefined> {
  let last: StableFile | undefined;
  let same = 0;
  for (;;) {
    let now: StableFile;
    try {
      const s = await stat(file);
      now = { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
    if (last && now.size === last.size && now.mtimeMs === last.mtimeMs && now.size > 0) same++;
    else same = 0;
    if (same >= options.checks) return now;
    last = now;
    await sleep(options.interval, undefined, options.signal ? { signal: options.signal } : {});
  }
}
