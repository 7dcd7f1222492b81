// `sohoa run --ledger`: each finished document counts once for its unit and year, however often it is run.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBatch } from "../../pipelines/run-batch.js";
import { silentLogger } from "../../src/logger.js";
import { NullOcrEngine } from "../../src/ocr/index.js";
import { LocalProgressStore } from "../../src/progress/index.js";

describe("runBatch with a progress ledger", () => {
  it("counts every document once for the batch's unit, even when the batch runs twice", async () => {
    const ledgerDir = await mkdtemp(path.join(tmpdir(), "sohoa-ledger-"));
    const ledger = await LocalProgressStore.open(ledgerDir);
    // The null engine reads no text, so no issue date: documents fall back to the batch's year.
    const ocr = new NullOcrEngine();
    const unit = { unit: "27001", level: "commune" as const, year: 2024 };
    for (let run = 0; run < 2; run++) {
      const out = await mkdtemp(path.join(tmpdir(), "sohoa-ledger-out-"));
      const summary = await runBatch({
        inputs: ["fixtures/samples"],
        out,
        ocr,
        log: silentLogger,
        pdf: false,
        ledger,
        unit,
      });
      expect(summary.done).toBe(5);
    }
    const counts = await ledger.counts({ year: 2024 });
    expect(counts).toEqual([expect.objectContaining({ unit: "27001", year: 2024, count: 5 })]);
    await ledger.close();
  });
});
