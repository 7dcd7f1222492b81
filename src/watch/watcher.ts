// Watches a drop folder: each new file, once stable, goes once through a handler, then to done/ or failed/.
import { mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import chokidar, { type FSWatcher } from "chokidar";
import type { Logger } from "../logger.js";
import { Limiter } from "../util/limit.js";
import { waitStable } from "./stable.js";
import { WatchState, type WatchOutcome } from "./state.js";

export interface HandlerResult {
  outcome: WatchOutcome;
  detail?: string;
}

/** Processes one stable file; `moveTo` is where the file will live after a successful outcome. */
export type WatchHandler = (file: string, relative: string) => Promise<HandlerResult>;

export interface DropFolderOptions {
  dir: string;
  handler: WatchHandler;
  log: Logger;
  /** Poll the folder instead of OS events (network shares: SMB, NFS). @defaultValue false */
  poll?: boolean;
  /** Stability check interval, ms. @defaultValue 1000 */
  interval?: number;
  /** Unchanged checks before a file is taken. @defaultValue 2 */
  checks?: number;
  /** `move`: to done/ and failed/ beside the files; `mark`: leave in place, the state file says. @defaultValue "move" */
  mode?: "move" | "mark";
  /** Files handled at once. @defaultValue 1 */
  jobs?: number;
  /**
   * Move the file into done/ before the handler and hand it that path (a queue's workers read the file
   * later, so it must already be where it stays); a failure moves it on to failed/. @defaultValue false
   */
  handOver?: boolean;
  /** State file. @defaultValue `<dir>/.sohoa-watch/state.jsonl` */
  stateFile?: string;
}

/** Names the scanner software writes while a file is still coming: never taken. */
const PARTIAL = /(^|\/)(~\$|\.)|\.(tmp|part|partial|crdownload|download)$/i;
const SKIP_DIRS = new Set(["done", "failed", ".sohoa-watch"]);

export class DropFolderWatcher {
  private watcher?: FSWatcher;
  private state?: WatchState;
  private readonly pending = new Set<string>();
  private readonly work = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly limiter: Limiter;
  private readonly opts: Required<Omit<DropFolderOptions, "stateFile">> & { stateFile: string };

  constructor(options: DropFolderOptions) {
    this.opts = {
      poll: false,
      interval: 1000,
      checks: 2,
      mode: "move",
      jobs: 1,
      handOver: false,
      stateFile: path.join(options.dir, ".sohoa-watch", "state.jsonl"),
      ...options,
    };
    if (!(this.opts.interval > 0)) throw new RangeError("interval must be a number greater than 0");
    if (!Number.isInteger(this.opts.checks) || this.opts.checks < 1)
      throw new RangeError("checks must be a whole number greater than 0");
    this.limiter = new Limiter(this.opts.jobs);
  }

  /** Starts watching; files already in the folder are taken too (those not finished before a restart). */
  async start(): Promise<void> {
    this.state = await WatchState.open(this.opts.stateFile);
    const root = path.resolve(this.opts.dir);
    this.watcher = chokidar.watch(root, {
      ignoreInitial: false,
      usePolling: this.opts.poll,
      interval: this.opts.interval,
      ignored: (p: string) => {
        const rel = path.relative(root, p);
        return (
          rel !== "" &&
          (SKIP_DIRS.has(rel.split(path.sep)[0]!) || PARTIAL.test(rel.split(path.sep).join("/")))
        );
      },
    });
    this.watcher.on("add", (p: string) => this.consider(p));
    this.watcher.on("change", (p: string) => this.consider(p));
    this.watcher.on("error", (error: unknown) => this.opts.log.error({ err: error }, "watch error"));
    await new Promise<void>((resolve) => this.watcher!.once("ready", () => resolve()));
  }

  /** Stops taking files and waits for those in hand to finish: a clean stop never leaves a file half done. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.watcher?.close();
    while (this.work.size) await Promise.allSettled([...this.work]);
  }

  private consider(file: string): void {
    if (this.pending.has(file) || this.abort.signal.aborted) return;
    this.pending.add(file);
    const job = this.handle(file)
      .catch((error: unknown) => {
        if (!this.abort.signal.aborted) this.opts.log.error({ err: error, file }, "watch: file not handled");
      })
      .finally(() => {
        this.pending.delete(file);
        this.work.delete(job);
      });
    this.work.add(job);
  }

  private async handle(file: string): Promise<void> {
    const stable = await waitStable(file, {
      interval: this.opts.interval,
      checks: this.opts.checks,
      signal: this.abort.signal,
    });
    if (!stable) return;
    const relative = path.relative(path.resolve(this.opts.dir), file).split(path.sep).join("/");
    const state = this.state!;
    const known = state.outcome(relative, stable.size, stable.mtimeMs);
    if (known) {
      // Finished before a crash or restart, not yet moved: move only.
      if (this.opts.mode === "move") await this.moveTo(file, relative, known);
      return;
    }
    await this.limiter.run(async () => {
      if (this.abort.signal.aborted) return;
      // Changed while it waited for a slot: it will come round again as a change.
      const now = await stat(file).catch(() => undefined);
      if (!now || now.size !== stable.size || now.mtimeMs !== stable.mtimeMs) return;
      await state.take(relative, stable.size, stable.mtimeMs);
      const handed = this.opts.handOver ? await this.moveTo(file, relative, "done") : file;
      let result: HandlerResult;
      try {
        result = await this.opts.handler(handed, relative);
      } catch (error) {
        result = { outcome: "failed", detail: (error as Error).message };
      }
      await state.finish(relative, stable.size, stable.mtimeMs, result.outcome, result.detail);
      this.opts.log.info(
        { file: relative, outcome: result.outcome, ...(result.detail ? { detail: result.detail } : {}) },
        "watch: file handled",
      );
      if (this.opts.handOver) {
        if (result.outcome === "failed") await this.moveTo(handed, relative, "failed");
      } else if (this.opts.mode === "move") await this.moveTo(file, relative, result.outcome);
    });
  }

  /** Moves into done/ or failed/, keeping sub-folders; never overwrites an earlier file of the same name. */
  private async moveTo(file: string, relative: string, outcome: WatchOutcome): Promise<string> {
    let target = path.join(this.opts.dir, outcome, relative);
    await mkdir(path.dirname(target), { recursive: true });
    if (await stat(target).catch(() => undefined))
      target = target.replace(/(\.[^./]+)?$/, `.${Date.now()}$1`);
    await rename(file, target);
    return target;
  }
}
