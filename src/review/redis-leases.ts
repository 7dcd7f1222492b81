// Leases in Redis, so several desk servers over one archive never let two clerks decide the same document.
import { Redis } from "ioredis";
import type { LeaseResult, LeaseStore } from "./leases.js";

// KEYS: lease key, user key, lease-key prefix. ARGV: user, id, ttl ms. Atomic: no other desk sees half a take.
const TAKE = `
local cur = redis.call("GET", KEYS[1])
if cur and cur ~= ARGV[1] then return {0, cur, redis.call("PTTL", KEYS[1])} end
local prev = redis.call("GET", KEYS[2])
if prev and prev ~= ARGV[2] and redis.call("GET", KEYS[3] .. prev) == ARGV[1] then redis.call("DEL", KEYS[3] .. prev) end
redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[3])
redis.call("SET", KEYS[2], ARGV[2], "PX", ARGV[3])
return {1, ARGV[1], tonumber(ARGV[3])}`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`;

export class RedisLeaseStore implements LeaseStore {
  private readonly redis: Redis;
  constructor(
    redis: Redis | string,
    private readonly namespace = "sohoa:review",
    private readonly ttlMs = 15 * 60_000,
  ) {
    this.redis = typeof redis === "string" ? new Redis(redis, { maxRetriesPerRequest: 3 }) : redis;
  }

  private key = (id: string) => `${this.namespace}:lease:${id}`;

  async take(id: string, user: string): Promise<LeaseResult> {
    const [ok, holder, ttl] = (await this.redis.eval(
      TAKE,
      3,
      this.key(id),
      `${this.namespace}:user:${user}`,
      this.key(""),
      user,
      id,
      String(this.ttlMs),
    )) as [number, string, number];
    const until = Date.now() + Number(ttl);
    return ok === 1 ? { ok: true, lease: { user, until } } : { ok: false, heldBy: holder, until };
  }

  async holds(id: string, user: string): Promise<boolean> {
    return (await this.redis.get(this.key(id))) === user;
  }

  async holders(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const values = await this.redis.mget(ids.map(this.key));
    ids.forEach((id, i) => values[i] && out.set(id, values[i]!));
    return out;
  }

  async release(id: string, user: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(id), user);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
