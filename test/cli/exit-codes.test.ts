// The README's exit-code table is the code's: same codes, same meanings, same OCRmyPDF names.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODE_TABLE, ExitCode } from "../../src/errors/index.js";
import { ROOT } from "./helpers.js";

/** Rows of the first table under `## Exit codes`. */
async function readmeRows(): Promise<Array<{ code: number; meaning: string; ocrmypdf: string }>> {
  const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^## Exit codes$/m)[1]?.split(/^## /m)[0] ?? "";
  return (
    section
      .split("\n")
      // Cells may be padded (Prettier aligns Markdown tables).
      .filter((l) => /^\|\s*\d+\s*\|/.test(l))
      .map((l) => {
        const [code, meaning, ocrmypdf] = l
          .trim()
          .slice(1, -1)
          .split(/\s\|\s/)
          .map((c) => c.trim());
        return {
          code: Number(code),
          meaning: meaning!,
          ocrmypdf: ocrmypdf === "–" ? "-" : ocrmypdf!.replace(/`/g, ""),
        };
      })
  );
}

describe("exit codes", () => {
  it("README table matches src/errors/exit-code.ts", async () => {
    const rows = await readmeRows();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(
      EXIT_CODE_TABLE.map((r) => ({ code: r.code, meaning: r.meaning, ocrmypdf: r.ocrmypdf })),
    );
    // Every code the program can exit with has a row.
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(Object.values(ExitCode)));
  });

  it("follows OCRmyPDF's numbers where the meaning is the same", () => {
    const ocrmypdf: Record<string, number> = {
      ok: 0,
      input_file: 2,
      missing_dependency: 3,
      invalid_output_pdf: 4,
      file_access_error: 5,
      child_process_error: 7,
      encrypted_pdf: 8,
      invalid_config: 9,
      other_error: 15,
      ctrl_c: 130,
    };
    for (const row of EXIT_CODE_TABLE)
      if (row.ocrmypdf !== "-") expect(row.code, row.ocrmypdf).toBe(ocrmypdf[row.ocrmypdf]);
  });
});
