// A resumable run's memory in <out>/.sohoa/state.jsonl: skips documents already done, names duplicates, keeps report.jsonl whole.
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { ReportLine } from "../report/report-line.js";
import { sha256File } from "../util/hash.js";
import type { InputFile } from "../util/walk.js";
import { appendJsonl, readJsonl, writeJsonlAtomic } from "./jsonl-file.js";
import { acquireRunLock, type RunLock } from "./lock.js";
import type { RunReportLine, RunSession } from "./types.js";

/** One line of state.jsonl: what became of a document's bytes, under which options. */
export interface StateEntry {
  sha256: string;
  file: string;
  fingerprint: string;
  outcome: "done" | "failed";
  outputs?: Record<string, string>;
  at: string;
}

export interface RunStateOptions {
  out: string;
  /** Hash of the options that shape outputs (see optionsFingerprint). */
  fingerprint: string;
  /** Redo documents already done. */
  force?: boolean;
  /** Called for every file the session records without processing (progress bars). */
  onPassed?: (line: RunReportLine) => void;
}

export interface RunStateCounts {
  alreadyDone: string[];
  duplicates: Array<{ file: string; of: string }>;
  interrupted: string[];
}

export class RunState implements RunSession {
  readonly report: string;
  readonly stateFile: string;
  readonly counts: RunStateCounts = { alreadyDone: [], duplicates: [], interrupted: [] };
  /** The last file's pass-over decision: the next one waits for it (passOver). */
  private decided: Promise<unknown> = Promise.resolve();
  private readonly state = new Map<string, StateEntry>();
  private readonly lines = new Map<string, RunReportLine>();
  private readonly firstThisRun = new Map<string, string>();
  private readonly shaOf = new Map<string, string>();
  /** Documents the pipeline reported failed because the second Ctrl-C aborted them (recorded as interrupted). */
  abortedFailures = 0;
  private stopping = false;
  private aborted = false;
  private lock: RunLock | undefined;

  constructor(private readonly o: RunStateOptions) {
    this.report = path.join(o.out, "report.jsonl");
    this.stateFile = path.join(o.out, ".sohoa", "state.jsonl");
  }

  /** First Ctrl-C: documents not yet started are recorded as interrupted. */
  stop(): void {
    this.stopping = true;
  }
  /** Second Ctrl-C: running documents are aborted; their failures are recorded as interrupted. */
  abort(): void {
    this.stopping = true;
    this.aborted = true;
  }

  async open(): Promise<void> {
    await mkdir(path.dirname(this.stateFile), { recursive: true });
    this.lock = await acquireRunLock(path.join(path.dirname(this.stateFile), "lock"), this.o.out);
    for (const e of await readJsonl<StateEntry>(this.stateFile))
      if (e && typeof e.sha256 === "string") this.state.set(e.sha256, e);
    for (const l of await readJsonl<RunReportLine>(this.report))
      if (l && typeof l.file === "string") this.setLine(l);
    // Compact now: a crash mid-run leaves superseded lines, and readers should see one line per file.
    await writeJsonlAtomic(this.stateFile, this.state.values());
    await writeJsonlAtomic(this.report, this.lines.values());
  }

  async passOver(file: InputFile): Promise<boolean> {
    if (this.stopping) return this.pass(file, { outcome: "interrupted" });
    const hashing = sha256File(file.path).then(
      (h) => h.sha256,
      () => undefined, // unreadable: the pipeline names the reason in the report
    );
    // Files are hashed side by side but decided in the order they came in: which of two copies of the same
    // bytes is the first (processed, or already done) must not hang on which hash happened to finish first.
    const decision = this.decided.then(async () => {
      const sha256 = await hashing;
      return sha256 === undefined ? false : this.decide(file, sha256);
    });
    this.decided = decision.catch(() => undefined);
    return decision;
  }

  private async decide(file: InputFile, sha256: string): Promise<boolean> {
    this.shaOf.set(file.path, sha256);
    const first = this.firstThisRun.get(sha256);
    if (first !== undefined) return this.pass(file, { outcome: "duplicate", sha256, duplicateOf: first });
    this.firstThisRun.set(sha256, file.relative);
    if (this.stopping) return this.pass(file, { outcome: "interrupted", sha256 });
    const before = this.state.get(sha256);
    if (this.o.force || !before || before.outcome !== "done" || before.fingerprint !== this.o.fingerprint)
      return false;
    if (!(await this.outputsExist(before.outputs))) return false;
    if (before.file !== file.relative)
      return this.pass(file, { outcome: "duplicate", sha256, duplicateOf: before.file });
    return this.pass(file, {
      outcome: "alreadyDone",
      sha256,
      ...(before.outputs ? { outputs: before.outputs } : {}),
    });
  }

  async record(file: InputFile, line: ReportLine): Promise<void> {
    const sha256 = line.sha256 ?? this.shaOf.get(file.path);
    if (this.aborted && line.outcome === "failed") {
      this.abortedFailures++;
      await this.pass(file, { outcome: "interrupted", ...(sha256 ? { sha256 } : {}) });
      return;
    }
    await this.write({ ...line, ...(sha256 ? { sha256 } : {}) });
    if (!sha256 || line.outcome === "skipped") return;
    const entry: StateEntry = {
      sha256,
      file: file.relative,
      fingerprint: this.o.fingerprint,
      outcome: line.outcome,
      ...(line.outputs ? { outputs: line.outputs } : {}),
      at: new Date().toISOString(),
    };
    this.state.set(sha256, entry);
    await appendJsonl(this.stateFile, entry);
  }

  async note(line: ReportLine): Promise<void> {
    await this.write(line);
  }

  async close(): Promise<void> {
    try {
      await writeJsonlAtomic(this.report, this.lines.values());
      await writeJsonlAtomic(this.stateFile, this.state.values());
    } finally {
      await this.lock?.release();
    }
  }

  /** Records a file the run did not process; an earlier "done" line of the same file is kept (the latest real outcome). */
  private async pass(file: InputFile, fields: Omit<RunReportLine, "file" | "timings">): Promise<true> {
    const line: RunReportLine = { file: file.relative, ...fields, timings: { total: 0 } };
    if (fields.outcome === "alreadyDone") this.counts.alreadyDone.push(file.relative);
    else if (fields.outcome === "duplicate")
      this.counts.duplicates.push({ file: file.relative, of: fields.duplicateOf ?? "" });
    else this.counts.interrupted.push(file.relative);
    const earlier = this.lines.get(file.relative);
    const keep =
      earlier?.outcome === "done" && (fields.outcome === "interrupted" || fields.outcome === "alreadyDone");
    if (!keep) await this.write(line);
    this.o.onPassed?.(line);
    return true;
  }

  private async write(line: RunReportLine): Promise<void> {
    this.setLine(line);
    await appendJsonl(this.report, line);
  }

  /** Latest line per file wins, and moves to the end (report order = order of outcomes). */
  private setLine(line: RunReportLine): void {
    this.lines.delete(line.file);
    this.lines.set(line.file, line);
  }

  private async outputsExist(outputs: Record<string, string> | undefined): Promise<boolean> {
    if (!outputs) return false;
    for (const rel of Object.values(outputs)) {
      try {
        await stat(path.join(this.o.out, rel));
      } catch {
        return false;
      }
    }
    return true;
  }
}
