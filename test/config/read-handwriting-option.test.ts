// The handwriting reader's switch: on unless a front door turns it off, and passed down only when off.
import { describe, expect, it } from "vitest";
import { parsePipelineConfig } from "../../src/config/pipeline-config.js";
import { pageReadOptions } from "../../src/context.js";
import { runOptionsSchema } from "../../cli/commands/run.js";

describe("readHandwriting option", () => {
  it("is on by default for workers and off with --no-read-handwriting", () => {
    expect(parsePipelineConfig({}).readHandwriting).toBe(true);
    expect(parsePipelineConfig({ readHandwriting: false }).readHandwriting).toBe(false);
    expect(() => parsePipelineConfig({ readHandwriting: "maybe" })).toThrow();
  });

  it("reaches the pipeline only when off, so a default run passes nothing", () => {
    expect(pageReadOptions({ readHandwriting: true })).toEqual({});
    expect(pageReadOptions({})).toEqual({});
    expect(pageReadOptions({ readHandwriting: false, maxOcrDpi: 200 })).toEqual({
      readHandwriting: false,
      maxOcrDpi: 200,
    });
  });

  it("is one of `sohoa run`'s options, with the pipeline's default", () => {
    expect(runOptionsSchema.shape).toHaveProperty("readHandwriting");
  });
});
