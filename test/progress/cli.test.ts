// The progress commands in-process: results on stdout, errors with code and exit code on stderr.
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { progress } from "../../cli/commands/progress/index.js";
import { FIXTURES, tempDir } from "./helpers.js";

/** Runs `sohoa progress …` in-process, capturing stdout and stderr. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  process.exitCode = 0;
  try {
    await progress.parseAsync(args, { from: "user" });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, exitCode };
}

afterEach(() => vi.restoreAllMocks());

describe("sohoa progress", () => {
  it("imports units, sets scope and reports JSON", async () => {
    const tmp = await tempDir();
    try {
      const ledger = ["--ledger", tmp.dir];
      expect((await run(["units", "import", `${FIXTURES}units-thu.csv`, ...ledger])).stdout).toBe(
        '{"units":8}\n',
      );
      expect(
        (await run(["scope", "set", "--unit", "90003", "--year", "2024", "--count", "8", ...ledger]))
          .exitCode,
      ).toBe(0);
      const r = await run(["report", "--year", "2024", "--unit", "902", "--format", "json", ...ledger]);
      expect(r.exitCode).toBe(0);
      const report = JSON.parse(r.stdout) as {
        units: { code: string; own: { scope: number; targetPct: number } }[];
      };
      expect(report.units.map((u) => u.code)).toEqual(["902", "90003"]);
      expect(report.units[1]!.own).toMatchObject({ scope: 8, targetPct: 75 });
    } finally {
      await tmp.remove();
    }
  });

  it("rejects a bad option with exit code 2 and the option's name", async () => {
    const r = await run([
      "scope",
      "set",
      "--unit",
      "90",
      "--year",
      "20x4",
      "--count",
      "1",
      "--ledger",
      "/tmp/unused-sohoa",
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error sohoa:badOption: --year:");
    expect(r.stdout).toBe("");
  });

  it("writes the XLSX report with --out, and refuses it on stdout", async () => {
    const tmp = await tempDir();
    try {
      const ledger = ["--ledger", tmp.dir];
      await run(["units", "import", `${FIXTURES}units-thu.csv`, ...ledger]);
      await run(["scope", "set", "--unit", "90003", "--year", "2024", "--count", "8", ...ledger]);
      expect((await run(["report", "--year", "2024", "--format", "xlsx", ...ledger])).exitCode).toBe(2);
      const out = `${tmp.dir}/report.xlsx`;
      expect(
        (await run(["report", "--year", "2024", "--format", "xlsx", "--lang", "en", "--out", out, ...ledger]))
          .exitCode,
      ).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      expect(wb.worksheets.map((w) => w.name)).toContain("Units (rolled up)");
      const table = await run(["report", "--year", "2024", ...ledger]);
      expect(table.stdout).toContain("Tiến độ số hóa kết quả giải quyết TTHC năm 2024");
    } finally {
      await tmp.remove();
    }
  });
});
