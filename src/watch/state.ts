// The watch folder's memory across restarts: one JSON line per file taken and per outcome, appended, never rewritten.
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";

export type WatchOutcome = "done" | "failed";

export interface StateLine {
  /** Path relative to the watched folder. */
  file: string;
  size: number;
  mtimeMs: number;
  status: "taken" | WatchOutcome;
  at: string;
  /** Where the file went, or why it failed. */
  detail?: string;
}

/** A file's identity in the drop folder: a re-scan saved under the same name is a new file. */
export function stateKey(file: string, size: number, mtimeMs: number): string {
  return `${file}\u0000${size}\u0000${Math.round(mtimeMs)}`;
}

/**
 * Obligations: `finish` is written before the file is moved, so a crash between the two leaves a file
 * the next start recognises as finished (and only moves); a file `taken` but never finished was cut off
 * mid-way and is taken again.
 */
export class WatchState {
  private readonly finished = new Map<string, WatchOutcome>();

  private constructor(readonly file: string) {}

  static async open(file: string): Promise<WatchState> {
    const state = new WatchState(file);
    await mkdir(path.dirname(file), { recursive: true });
    let text = "";
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const l = JSON.parse(line) as StateLine;
        if (l.status !== "taken") state.finished.set(stateKey(l.file, l.size, l.mtimeMs), l.status);
      } catch {
        // A line cut off by a crash: the file it names is simply taken again.
      }
    }
    return state;
  }

  outcome(file: string, size: number, mtimeMs: number): WatchOutcome | undefined {
    return this.finished.get(stateKey(file, size, mtimeMs));
  }

  async take(file: string, size: number, mtimeMs: number): Promise<void> {
    await this.append({ file, size, mtimeMs, status: "taken", at: new Date().toISOString() });
  }

  async finish(
    file: string,
    size: number,
    mtimeMs: number,
    status: WatchOutcome,
    detail?: string,
  ): Promise<void> {
    this.finished.set(stateKey(file, size, mtimeMs), status);
    await this.append({
      file,
      size,
      mtimeMs,
      status,
      at: new Date().toISOString(),
      ...(detail ? { detail } : {}),
    });
  }

  private async append(line: StateLine): Promise<void> {
    await appendFile(this.file, `${JSON.stringify(line)}\n`);
  }
}
