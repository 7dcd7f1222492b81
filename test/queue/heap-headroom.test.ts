// ensureHeapHeadroom: V8 really grows the old generation by the set factor, and a user's own Node flag wins.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ensureHeapHeadroom } from "../../src/util/heap-headroom.js";
import { ROOT } from "./helpers.js";

const run = promisify(execFile);

/**
 * Runs a fresh Node that calls ensureHeapHeadroom(percent), then forces a mark-compact with some live
 * heap; returns what the call returned and the growing factors V8's heap controller traced.
 */
async function factorsAfter(
  percent: number,
  nodeFlags: string[] = [],
): Promise<{ set: string; factors: string[] }> {
  const helper = path.join(ROOT, "src/util/heap-headroom.ts");
  const script = `
    const { ensureHeapHeadroom } = await import(${JSON.stringify(helper)});
    console.log("SET " + ensureHeapHeadroom(${percent}));
    globalThis.keep = Array.from({ length: 200000 }, (_, i) => ({ i }));
    gc();
  `;
  const { stdout } = await run(
    process.execPath,
    [
      ...nodeFlags,
      "--expose-gc",
      "--trace-gc-verbose",
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ],
    { cwd: ROOT, maxBuffer: 16 * 2 ** 20 },
  );
  return {
    set: /^SET (.*)$/m.exec(stdout)![1]!,
    factors: [...stdout.matchAll(/\[HeapController\] Limit: .*\(([\d.]+)\)/g)].map((m) => m[1]!),
  };
}

describe("ensureHeapHeadroom", () => {
  it("makes V8 size the old generation at live × (1 + percent/100)", async () => {
    const { set, factors } = await factorsAfter(100);
    expect(set).toBe("100");
    expect(factors.length).toBeGreaterThan(0);
    expect(factors.every((f) => f === "2.0")).toBe(true);
  }, 30_000);

  it("leaves a --heap-growing-percent given to node alone", async () => {
    const { set, factors } = await factorsAfter(100, ["--heap-growing-percent=50"]);
    expect(set).toBe("undefined");
    expect(factors.every((f) => f === "1.5")).toBe(true);
  }, 30_000);

  it("changes nothing for 0, and refuses a negative or fractional percent", () => {
    expect(ensureHeapHeadroom(0)).toBeUndefined();
    expect(ensureHeapHeadroom(100, ["--heap_growing_percent=50"])).toBeUndefined();
    expect(() => ensureHeapHeadroom(-1)).toThrow(TypeError);
    expect(() => ensureHeapHeadroom(1.5)).toThrow(TypeError);
  });
});
