// Leases, in memory and in a real Redis: one reviewer per document until the lease runs out; one document per reviewer.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { LeaseTable, type LeaseStore } from "../../src/review/leases.js";
import { RedisLeaseStore } from "../../src/review/redis-leases.js";

const TTL = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const redis = new Redis(process.env.SOHOA_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
const namespaces: string[] = [];
afterAll(async () => {
  for (const ns of namespaces) {
    const keys = await redis.keys(`${ns}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
});

const makers: Record<string, () => LeaseStore> = {
  memory: () => new LeaseTable(TTL),
  redis: () => {
    const ns = `sohoa-test-${randomBytes(6).toString("hex")}`;
    namespaces.push(ns);
    return new RedisLeaseStore(redis, ns, TTL);
  },
};

describe.each(Object.keys(makers))("%s leases", (kind) => {
  it("refuses a second reviewer until the lease expires, then lets them take it", async () => {
    const leases = makers[kind]!();
    expect((await leases.take("d1", "lan")).ok).toBe(true);
    const refused = await leases.take("d1", "minh");
    expect(refused).toMatchObject({ ok: false, heldBy: "lan" });
    expect(await leases.holds("d1", "minh")).toBe(false);
    expect(await leases.holds("d1", "lan")).toBe(true);
    expect((await leases.take("d1", "lan")).ok).toBe(true);
    await sleep(TTL + 100);
    expect(await leases.holders(["d1"])).toEqual(new Map());
    expect((await leases.take("d1", "minh")).ok).toBe(true);
    expect(await leases.holds("d1", "lan")).toBe(false);
  });

  it("lets go of a reviewer's last document when they open another, and on release", async () => {
    const leases = makers[kind]!();
    await leases.take("d1", "lan");
    await leases.take("d2", "lan");
    expect(await leases.holders(["d1", "d2"])).toEqual(new Map([["d2", "lan"]]));
    expect((await leases.take("d1", "minh")).ok).toBe(true);
    await leases.release("d1", "lan");
    expect(await leases.holders(["d1"])).toEqual(new Map([["d1", "minh"]]));
    await leases.release("d1", "minh");
    expect(await leases.holders(["d1"])).toEqual(new Map());
  });
});
