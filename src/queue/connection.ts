// Redis connection options from a URL (--redis, SOHOA_REDIS_URL or REDIS_URL) and TLS files, in the shape BullMQ takes.
import { readFileSync } from "node:fs";
import { Redis, type RedisOptions } from "ioredis";
import { QueueUnavailableError } from "../errors/queue-errors.js";
import { InvalidConfigError } from "../errors/runtime-errors.js";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
/** The one queue: one job per document. */
export const DEFAULT_QUEUE = "sohoa-archive";

/** The URL to use: the option, else SOHOA_REDIS_URL, else the conventional REDIS_URL, else local Redis. */
export function redisUrl(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit || env.SOHOA_REDIS_URL || env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** Files for a `rediss://` connection: a private CA, and a client certificate and key for mutual TLS. */
export interface RedisTlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

/** SOHOA_REDIS_TLS_CA, SOHOA_REDIS_TLS_CERT and SOHOA_REDIS_TLS_KEY. */
export function redisTlsFromEnv(env: NodeJS.ProcessEnv = process.env): RedisTlsFiles {
  return {
    ...(env.SOHOA_REDIS_TLS_CA ? { ca: env.SOHOA_REDIS_TLS_CA } : {}),
    ...(env.SOHOA_REDIS_TLS_CERT ? { cert: env.SOHOA_REDIS_TLS_CERT } : {}),
    ...(env.SOHOA_REDIS_TLS_KEY ? { key: env.SOHOA_REDIS_TLS_KEY } : {}),
  };
}

/** The URL with its password (and a username's secret part) replaced by `***`, for messages and logs. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    // Not a URL at all: mask anything between "//" and "@" so a typo cannot leak a password.
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

function readTlsFile(kind: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InvalidConfigError(
      `cannot read the Redis TLS ${kind} file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      {
        hint: "Check SOHOA_REDIS_TLS_CA / SOHOA_REDIS_TLS_CERT / SOHOA_REDIS_TLS_KEY.",
      },
    );
  }
}

/** Parses `redis[s]://[user:pass@]host:port[/db]`; workers need `maxRetriesPerRequest: null` (BullMQ). */
export function connectionFromUrl(
  url: string = redisUrl(),
  tls: RedisTlsFiles = redisTlsFromEnv(),
): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InvalidConfigError(`the Redis URL ${maskUrl(url)} is not a URL`, {
      hint: "Use redis://[user:password@]host:port[/db] or rediss:// for TLS.",
    });
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new InvalidConfigError(`the Redis URL must start with redis:// or rediss://, got ${maskUrl(url)}`);
  }
  const wantsTls = tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined;
  if (wantsTls && u.protocol !== "rediss:") {
    throw new InvalidConfigError(`Redis TLS files are set but ${maskUrl(url)} is not a rediss:// URL`, {
      hint: "Use rediss:// to connect over TLS.",
    });
  }
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    throw new InvalidConfigError(
      "a Redis client certificate needs both SOHOA_REDIS_TLS_CERT and SOHOA_REDIS_TLS_KEY",
    );
  }
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new InvalidConfigError(`bad database number in the Redis URL ${maskUrl(url)}`);
  return {
    host: u.hostname || "127.0.0.1",
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === "rediss:"
      ? {
          tls: {
            ...(tls.ca ? { ca: readTlsFile("CA", tls.ca) } : {}),
            ...(tls.cert ? { cert: readTlsFile("certificate", tls.cert) } : {}),
            ...(tls.key ? { key: readTlsFile("key", tls.key) } : {}),
          },
        }
      : {}),
    maxRetriesPerRequest: null,
  };
}

/** Redis's replies to a missing or wrong password (and ACL user), as an operator should read them. */
export function isAuthFailure(message: string): boolean {
  return /NOAUTH|WRONGPASS|invalid username-password|Authentication required/i.test(message);
}

/**
 * Fails fast, with a clear message, when nothing answers at `url` or it refuses our credentials.
 * Commands a person runs (enqueue, status, retry, dashboard) call it first; left to themselves,
 * Redis clients retry forever and print a stack trace per attempt. Workers do not: they wait.
 */
export async function ensureRedisReachable(
  url: string,
  timeoutMs = 3000,
  tls: RedisTlsFiles = redisTlsFromEnv(),
): Promise<void> {
  const client = new Redis({
    ...connectionFromUrl(url, tls),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, WRONGPASS …) says more than connect()'s "Connection is closed".
  let socketError: NodeJS.ErrnoException | undefined;
  client.on("error", (error: NodeJS.ErrnoException) => (socketError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const messages = [socketError?.message, (error as Error).message].filter(
      (m): m is string => typeof m === "string",
    );
    const auth = messages.find(isAuthFailure);
    if (auth) {
      throw new InvalidConfigError(
        `NOAUTH/WRONGPASS: authentication failed at ${maskUrl(url)} (${auth.split("\n")[0]})`,
        {
          cause: error,
          hint: "Put the right user and password in the URL: redis://user:password@host:port (the password is never printed).",
        },
      );
    }
    const reason =
      socketError?.code ??
      (error as NodeJS.ErrnoException).code ??
      socketError?.message ??
      (error as Error).message;
    throw new QueueUnavailableError(`cannot reach Redis at ${maskUrl(url)}: ${reason}`, { cause: error });
  } finally {
    client.disconnect();
  }
}
