// `sohoa run` as an operator uses it: runs that resume, reports that accumulate, duplicates named, Ctrl-C that finishes cleanly.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";
import { makeScans, readReport, sohoa, sohoaDone, tempDir } from "./helpers.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

async function work(): Promise<string> {
  const d = await tempDir();
  dirs.push(d);
  return d;
}

const base = ["--ocr-engine", "null", "--no-pdf", "--json"];

describe("sohoa run resumes", () => {
  it("skips documents already done, accumulates report.jsonl across folders, names duplicates, and --force redoes", async () => {
    const dir = await work();
    const out = path.join(dir, "out");
    await makeScans(path.join(dir, "a"), 3, 1);
    await makeScans(path.join(dir, "b"), 2, 4);
    await fs.copyFile(path.join(dir, "a", "scan-01.png"), path.join(dir, "a", "scan-01-copy.png"));
    await fs.copyFile(path.join(dir, "a", "scan-02.png"), path.join(dir, "b", "again-02.png"));

    const first = await sohoaDone(["run", path.join(dir, "a"), "--out", out, ...base]);
    expect(first.code, first.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(first.stdout)).toMatchObject({
      files: 4,
      done: 3,
      failed: 0,
      alreadyDone: 0,
      duplicates: [{ file: "scan-01.png", of: "scan-01-copy.png" }],
    });

    const second = await sohoaDone(["run", path.join(dir, "b"), "--out", out, ...base]);
    expect(second.code, second.stderr).toBe(ExitCode.Ok);
    // again-02.png has scan-02.png's bytes, done by the first run: a duplicate across runs, not processed.
    expect(JSON.parse(second.stdout)).toMatchObject({
      files: 3,
      done: 2,
      duplicates: [{ file: "again-02.png", of: "scan-02.png" }],
    });

    const rows = await readReport(out);
    expect(rows.map((r) => r.file).sort()).toEqual([
      "again-02.png",
      "scan-01-copy.png",
      "scan-01.png",
      "scan-02.png",
      "scan-03.png",
      "scan-04.png",
      "scan-05.png",
    ]);
    expect(rows.filter((r) => r.outcome === "done")).toHaveLength(5);

    const again = await sohoaDone(["run", path.join(dir, "a"), "--out", out, ...base]);
    expect(JSON.parse(again.stdout)).toMatchObject({ files: 4, done: 0, alreadyDone: 3 });
    expect(await readReport(out)).toHaveLength(7);

    const forced = await sohoaDone(["run", path.join(dir, "a"), "--out", out, "--force", ...base]);
    expect(JSON.parse(forced.stdout)).toMatchObject({ done: 3, alreadyDone: 0 });
    expect(await readReport(out)).toHaveLength(7);
  });

  it("redoes a document whose options changed or whose outputs are gone", async () => {
    const dir = await work();
    const out = path.join(dir, "out");
    await makeScans(path.join(dir, "in"), 2);
    await sohoaDone(["run", path.join(dir, "in"), "--out", out, ...base]);
    await fs.rm(path.join(out, "scan-01.txt"));
    const r = await sohoaDone(["run", path.join(dir, "in"), "--out", out, ...base]);
    expect(JSON.parse(r.stdout)).toMatchObject({ done: 1, alreadyDone: 1 });
    const changed = await sohoaDone([
      "run",
      path.join(dir, "in"),
      "--out",
      out,
      "--ocr-engine",
      "null",
      "--json",
    ]);
    expect(JSON.parse(changed.stdout)).toMatchObject({ done: 2, alreadyDone: 0 }); // with the PDF now: other options
  });

  it("first Ctrl-C finishes running documents, records the rest as interrupted, exits 130; the next run resumes", async () => {
    const dir = await work();
    const out = path.join(dir, "out");
    await makeScans(path.join(dir, "in"), 24);
    const run = sohoa([
      "run",
      path.join(dir, "in"),
      "--out",
      out,
      "--jobs",
      "1",
      "--log-level",
      "info",
      ...base,
    ]);
    // Interrupt once the first document is done, so some are done and most never started.
    await new Promise<void>((resolve) => {
      const check = () =>
        run.output().stderr.includes('"document done"') ? resolve() : setTimeout(check, 20);
      check();
    });
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(ExitCode.Interrupted);
    const summary = JSON.parse(run.output().stdout) as {
      done: number;
      failed: number;
      interrupted: string[];
    };
    expect(summary.failed).toBe(0);
    expect(summary.done).toBeGreaterThanOrEqual(1);
    expect(summary.interrupted.length).toBeGreaterThan(0);
    expect(summary.done + summary.interrupted.length).toBe(24);
    const rows = await readReport(out);
    expect(
      rows
        .filter((r) => r.outcome === "interrupted")
        .map((r) => r.file)
        .sort(),
    ).toEqual([...summary.interrupted].sort());
    expect(rows.some((r) => r.outcome === "failed")).toBe(false);

    const resumed = await sohoaDone(["run", path.join(dir, "in"), "--out", out, ...base]);
    expect(resumed.code).toBe(ExitCode.Ok);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      alreadyDone: summary.done,
      done: 24 - summary.done,
      interrupted: [],
    });
    const final = await readReport(out);
    expect(final).toHaveLength(24);
    expect(final.every((r) => r.outcome === "done")).toBe(true);
  });

  it("a second Ctrl-C aborts the running document, which is recorded as interrupted, not failed", async () => {
    const dir = await work();
    const out = path.join(dir, "out");
    // Pages large enough (about a second each) that the second document is still running when Ctrl-C comes.
    await makeScans(path.join(dir, "in"), 3, 1, { width: 4800, height: 6800 });
    const run = sohoa(
      ["run", path.join(dir, "in"), "--out", out, "--jobs", "1", "--log-level", "debug", ...base],
      {},
      true,
    );
    // The second document started (its page takes about a second). Waiting for the first one's
    // "document done" instead raced its end against taking the next one on a busy machine: the run
    // could end before the second Ctrl-C, which then met a process already exiting.
    await new Promise<void>((resolve) => {
      const check = () =>
        /"file":"scan-02\.png".*"document started"/.test(run.output().stderr)
          ? resolve()
          : setTimeout(check, 10);
      check();
    });
    run.child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 50));
    run.child.kill("SIGINT");
    expect(await run.exited, run.output().stderr.slice(-1500)).toBe(ExitCode.Interrupted);
    expect(JSON.parse(run.output().stdout)).toMatchObject({
      done: 1,
      failed: 0,
      interrupted: ["scan-02.png", "scan-03.png"],
    });
    expect((await readReport(out)).map((r) => r.outcome).sort()).toEqual([
      "done",
      "interrupted",
      "interrupted",
    ]);
  });

  it("refuses a second run into an output folder another run is writing to", async () => {
    const dir = await work();
    const out = path.join(dir, "out");
    await makeScans(path.join(dir, "in"), 1);
    await fs.mkdir(path.join(out, ".sohoa"), { recursive: true });
    await fs.writeFile(path.join(out, ".sohoa", "lock"), String(process.pid)); // a live process holds it
    const r = await sohoaDone(["run", path.join(dir, "in"), "--out", out, ...base]);
    expect(r.code).toBe(ExitCode.BadArgs);
    expect(r.stderr).toContain(`another sohoa run (pid ${process.pid}) is writing to ${out}`);
    await fs.writeFile(path.join(out, ".sohoa", "lock"), "999999999"); // left by a run that died
    expect((await sohoaDone(["run", path.join(dir, "in"), "--out", out, ...base])).code).toBe(ExitCode.Ok);
    await expect(fs.access(path.join(out, ".sohoa", "lock"))).rejects.toThrow();
  });

  it("usage errors exit 2 and name the option, the path or the command", async () => {
    const dir = await work();
    const missing = path.join(dir, "no-such-folder");
    const cases: Array<[string[], RegExp]> = [
      [["run", missing, "--out", path.join(dir, "o")], /input path .*no-such-folder does not exist/],
      [["run", dir, "--outt", path.join(dir, "o")], /unknown option '--outt'/],
      [["run", dir, "--out", path.join(dir, "o"), "--jobs", "many"], /option --jobs/],
      [["wacth"], /unknown command 'wacth'/],
      [["status", "--queue"], /argument missing/],
      [
        ["enqueue", dir, "--unit", "../../x", "--level", "commune"],
        /--unit: invalid archive key part "\.\.\/\.\.\/x"/,
      ],
      [
        ["enqueue", dir, "--unit", "27001", "--level", "commune", "--batch", "../../evil"],
        /--batch: batch id/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await sohoaDone(args);
      expect(r.code, args.join(" ")).toBe(ExitCode.BadArgs);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^error sohoa:usage: /m);
    }
    await expect(fs.access(path.join(dir, "o"))).rejects.toThrow();
  });
});
