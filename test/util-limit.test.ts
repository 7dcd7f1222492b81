// The FIFO limiter that caps concurrent recognitions in every engine.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { Limiter } from "../src/util/limit.js";

describe("Limiter", () => {
  it("runs at most `limit` tasks at once and all of them in call order", async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await sleep(20);
      running--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.run(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(limiter.peak).toBe(2);
  });

  it("drops an aborted waiting task without running it and frees slots after failures", async () => {
    const limiter = new Limiter(1);
    const ac = new AbortController();
    let ranAborted = false;
    const first = limiter.run(async () => {
      await sleep(30);
      throw new Error("boom");
    });
    const aborted = limiter.run(async () => {
      ranAborted = true;
    }, ac.signal);
    const third = limiter.run(async () => "third");
    const abortedOutcome = expect(aborted).rejects.toThrow("stop");
    ac.abort(new Error("stop"));
    await abortedOutcome;
    await expect(first).rejects.toThrow("boom");
    await expect(third).resolves.toBe("third");
    expect(ranAborted).toBe(false);
    expect(limiter.pending).toBe(0);
  });

  it("rejects a bad limit", () => {
    expect(() => new Limiter(0)).toThrow(/greater than 0/u);
  });
});
