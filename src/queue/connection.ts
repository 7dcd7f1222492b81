// Redis connection options from a URL (SOHOA_REDIS_URL), in the shape BullMQ takes.
import type { RedisOptions } from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** The one queue: one job per document. */
export const DEFAULT_QUEUE = "sohoa-archive";

export function redisUrl(explicit?: string): string {
  return explicit ?? process.env.SOHOA_REDIS_URL ?? DEFAULT_REDIS_URL;
}

/** Parses `redis[s]://[user:pass@]host:port[/db]`; workers need `maxRetriesPerRequest: null` (BullMQ). */
export function connectionFromUrl(url: string = redisUrl()): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw new TypeError(`redis URL must start with redis:// or rediss://, got ${url}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || "127.0.0.1",
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
