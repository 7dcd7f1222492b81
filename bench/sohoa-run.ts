// Runs `sohoa run` as a child process (as a user would) and times it with the whole process tree.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { childrenCpuSeconds, sampleTree } from "./proc-tree.js";

/** One line of `<out>/report.jsonl`, as much of it as the benchmark reads. */
export interface SohoaReportLine {
  file: string;
  docType?: string;
  fields?: Record<string, unknown>;
  pages?: Array<{ skewDegrees?: number; orientation?: number; text?: string }>;
  text?: string;
  timings?: Record<string, number>;
  outputs?: { pdf?: string; text?: string; metadata?: string };
  error?: unknown;
}

export interface SohoaRun {
  exitCode: number | null;
  wallSeconds: number;
  /** User + system CPU of sohoa and every process it waited for. */
  cpuSeconds: number;
  peakRssMiB: number;
  report: SohoaReportLine[];
  stderrTail: string;
}

export interface SohoaRunOptions {
  /** Node binary to run the CLI with; default the current one. */
  node?: string;
  engine?: string;
  extraArgs?: string[];
}

/** `node bin/sohoa.js run <scansDir> --out <outDir> --json`, timed, peak RSS of the tree. */
export async function runSohoa(
  scansDir: string,
  outDir: string,
  options: SohoaRunOptions = {},
): Promise<SohoaRun> {
  const args = ["bin/sohoa.js", "run", scansDir, "--out", outDir, "--json", ...(options.extraArgs ?? [])];
  if (options.engine && options.engine !== "auto") args.push("--ocr-engine", options.engine);
  const cpu0 = childrenCpuSeconds();
  const start = performance.now();
  const child = spawn(options.node ?? process.execPath, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const sampler = sampleTree(child.pid!, { includeRoot: true });
  let stderrTail = "";
  child.stderr.on("data", (c: Buffer) => {
    stderrTail = (stderrTail + c.toString("utf8")).slice(-4000);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  const wallSeconds = (performance.now() - start) / 1000;
  const peakRssMiB = sampler.stop();
  const cpuSeconds = childrenCpuSeconds() - cpu0;
  let report: SohoaReportLine[] = [];
  try {
    const raw = await readFile(join(outDir, "report.jsonl"), "utf8");
    report = raw
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as SohoaReportLine);
  } catch {
    // Reported as an empty run below; stderrTail says why.
  }
  return { exitCode, wallSeconds, cpuSeconds, peakRssMiB, report, stderrTail };
}

/** bin/sohoa.js runs dist/: rebuild it (untimed) so the current source is measured; `skip` keeps dist/ as is. */
export async function ensureBuilt(skip = false): Promise<void> {
  if (skip && existsSync("dist/cli/index.js")) return;
  process.stderr.write("building dist/ (npm run build) …\n");
  try {
    execFileSync("npm", ["run", "build", "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  } catch {
    // tsc still emits on type errors; only a missing entry point is fatal.
  }
  if (!existsSync("dist/cli/index.js"))
    throw new Error("dist/cli/index.js missing after `npm run build`: fix the build first");
}
