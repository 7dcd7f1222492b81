// The switches that are on unless a front door turns them off (--no-read-handwriting,
// --no-reread-skipped-ink): on by default, and passed down to the pipeline only when off.
import { describe, expect, it } from "vitest";
import { parsePipelineConfig } from "../../src/config/pipeline-config.js";
import { pageReadOptions } from "../../src/context.js";
import { runOptionsSchema } from "../../cli/commands/run.js";

describe.each(["readHandwriting", "rereadSkippedInk"] as const)("%s option", (name) => {
  it("is on by default for workers and off when set false", () => {
    expect(parsePipelineConfig({})[name]).toBe(true);
    expect(parsePipelineConfig({ [name]: false })[name]).toBe(false);
    expect(() => parsePipelineConfig({ [name]: "maybe" })).toThrow();
  });

  it("reaches the pipeline only when off, so a default run passes nothing", () => {
    expect(pageReadOptions({ [name]: true })).toEqual({});
    expect(pageReadOptions({})).toEqual({});
    expect(pageReadOptions({ [name]: false, maxOcrDpi: 200 })).toEqual({ [name]: false, maxOcrDpi: 200 });
  });

  it("is one of `sohoa run`'s options, with the pipeline's default", () => {
    expect(runOptionsSchema.shape).toHaveProperty(name);
    expect(runOptionsSchema.parse({ out: "out", ocrEngine: "auto" })[name]).toBe(true);
  });
});
