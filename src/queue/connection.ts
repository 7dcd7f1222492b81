// Redis connection options from a URL (SOHOA_REDIS_URL), in the shape BullMQ takes.
import { Redis, type RedisOptions } from "ioredis";
import { QueueUnavailableError } from "../errors/queue-errors.js";

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

/**
 * Fails fast, with a clear message, when nothing answers at `url`. Commands a person runs
 * (enqueue, status, retry, dashboard) call it first; left to themselves, Redis clients retry
 * forever and print a stack trace per attempt. Workers do not: they wait for Redis to return.
 */
export async function ensureRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...connectionFromUrl(url),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND …) says more than connect()'s "closed".
  let socketError: NodeJS.ErrnoException | undefined;
  client.on("error", (error: NodeJS.ErrnoException) => (socketError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = socketError?.code ?? (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new QueueUnavailableError(`cannot reach Redis at ${redactUrl(url)}: ${reason}`, { cause: error });
  } finally {
    client.disconnect();
  }
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
