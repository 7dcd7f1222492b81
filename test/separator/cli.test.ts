// `sohoa separator` in-process: one sheet per dossier, and a bad dossier code refused with exit code 2.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { separator } from "../../cli/commands/separator.js";

async function run(args: string[]): Promise<{ stderr: string; exitCode: number }> {
  let stderr = "";
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
  process.exitCode = 0;
  try {
    await separator.parseAsync(args, { from: "user" });
  } finally {
    err.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stderr, exitCode };
}

afterEach(() => vi.restoreAllMocks());

describe("sohoa separator", () => {
  it("prints one A4 sheet per dossier", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sohoa-sepcli-"));
    try {
      const out = path.join(dir, "sheets.pdf");
      const r = await run([
        "--dossier",
        "000.00.00.H49-210315-0001",
        "--dossier",
        "h55.242-260125-010001",
        "--unit",
        "27001",
        "--type",
        "decision",
        "--out",
        out,
      ]);
      expect(r.exitCode).toBe(0);
      const pdf = await PDFDocument.load(await readFile(out));
      expect(pdf.getPageCount()).toBe(2);
      expect(Math.round(pdf.getPage(0).getWidth())).toBe(595);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses what is not a dossier code", async () => {
    const r = await run(["--dossier", "000.00.00.H49-211315-0001", "--out", "/tmp/unused-sohoa-sheet.pdf"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('not a dossier code: "000.00.00.H49-211315-0001"');
  });
});
