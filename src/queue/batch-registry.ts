// The batch record in Redis: totals, first/last times, archived and failed documents; rebuildable from manifests.
import type { Redis } from "ioredis";
import { BadOptionError } from "../errors/runtime-errors.js";
import type { SohoaErrorJson } from "../errors/sohoa-error.js";
import type { Level } from "../types.js";
import type { ArchiveJobJson } from "./job-payload.js";

export interface BatchInfo {
  batchId: string;
  unit: string;
  level: Level;
  year?: number;
  /** Documents queued under this batch (duplicates and already-archived files excluded). */
  total: number;
  archived: number;
  failed: number;
  pages: number;
  createdAt: number;
  /** First time a worker picked up a document of the batch. */
  startedAt?: number;
  lastDoneAt?: number;
  /** When manifest.jsonl was last consolidated; absent while the batch runs or after a retry. */
  manifestAt?: number;
}

export interface FailedEntry {
  docId: string;
  file: string;
  error: SohoaErrorJson;
  /** The job payload, so `retry` can re-queue a job that Redis already dropped. */
  job: ArchiveJobJson;
}

/** A file enqueue refused (preflight) or a job a worker refused (outside the batch's roots, foreign unit). */
export interface RejectedEntry {
  file: string;
  error: SohoaErrorJson;
}

/** Sub-keys of a batch record: all of them expire together once the batch is complete. */
const BATCH_SUBKEYS = ["done", "failed", "rejected", "refused", "roots"] as const;

const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Throws unless the id is safe both as a Redis key part and as an archive key part. */
export function assertBatchId(id: string): string {
  if (!BATCH_ID.test(id) || id.includes("..")) {
    throw new BadOptionError(`batch id ${JSON.stringify(id)} must be 1-80 letters, digits, '.', '_' or '-'`, {
      hint: "e.g. --batch 2025-06-hoan-kiem",
    });
  }
  return id;
}

/** A fresh batch id: UTC time plus randomness, sortable. */
export function newBatchId(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  return `b${t}-${Math.random().toString(36).slice(2, 6)}`;
}

export class BatchRegistry {
  constructor(
    readonly redis: Redis,
    private readonly queueName: string,
  ) {}

  private key(...parts: string[]): string {
    return ["sohoa", this.queueName, ...parts].join(":");
  }
  private batchKey(id: string, suffix?: string): string {
    return this.key("batch", id, ...(suffix ? [suffix] : []));
  }

  /** Creates the batch record or adds `added` documents to an existing one. */
  async register(
    batchId: string,
    meta: { unit: string; level: Level; year?: number },
    added: number,
  ): Promise<void> {
    const k = this.batchKey(batchId);
    const now = Date.now();
    await this.redis
      .multi()
      .hsetnx(k, "unit", meta.unit)
      .hsetnx(k, "level", meta.level)
      .hsetnx(k, "year", meta.year === undefined ? "" : String(meta.year))
      .hsetnx(k, "createdAt", String(now))
      .hincrby(k, "total", added)
      .zadd(this.key("batches"), "NX", now, batchId)
      .exec();
    await this.persist(batchId);
  }

  /** Declares folders or files (real paths) the batch's jobs may read; a job outside them is refused. */
  async addRoots(batchId: string, roots: string[]): Promise<void> {
    if (roots.length) await this.redis.sadd(this.batchKey(batchId, "roots"), ...roots);
  }

  async roots(batchId: string): Promise<string[]> {
    return this.redis.smembers(this.batchKey(batchId, "roots"));
  }

  /** Files enqueue refused at preflight, kept with the batch so `status` and the manifest name them. */
  async recordRejected(batchId: string, entries: RejectedEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.redis.hset(
      this.batchKey(batchId, "rejected"),
      Object.fromEntries(entries.map((e) => [e.file, JSON.stringify(e)])),
    );
  }

  async rejected(batchId: string): Promise<RejectedEntry[]> {
    return this.entries(this.batchKey(batchId, "rejected"));
  }

  /** A job a worker refused before reading anything (forged or out of bounds): not a document of the batch. */
  async recordRefused(batchId: string, entry: RejectedEntry): Promise<void> {
    await this.redis.hset(this.batchKey(batchId, "refused"), entry.file, JSON.stringify(entry));
  }

  async refused(batchId: string): Promise<RejectedEntry[]> {
    return this.entries(this.batchKey(batchId, "refused"));
  }

  private async entries(key: string): Promise<RejectedEntry[]> {
    const raw = await this.redis.hgetall(key);
    return Object.values(raw)
      .map((v) => JSON.parse(v) as RejectedEntry)
      .sort((a, b) => a.file.localeCompare(b.file));
  }

  /** A complete batch's keys go after `seconds` (its record lives on in the archive's manifest). */
  async expire(batchId: string, seconds: number): Promise<void> {
    const m = this.redis.multi().expire(this.batchKey(batchId), seconds);
    for (const sub of BATCH_SUBKEYS) m.expire(this.batchKey(batchId, sub), seconds);
    await m.exec();
  }

  /** Keeps a batch that is running again (new files, a retry) from expiring under it. */
  async persist(batchId: string): Promise<void> {
    const m = this.redis.multi().persist(this.batchKey(batchId));
    for (const sub of BATCH_SUBKEYS) m.persist(this.batchKey(batchId, sub));
    await m.exec();
  }

  /** Which of these hashes were archived already (by any batch of this queue). */
  async archivedAmong(sha256s: string[]): Promise<boolean[]> {
    if (sha256s.length === 0) return [];
    const flags = (await this.redis.smismember(this.key("archived"), ...sha256s)) as number[];
    return flags.map((f) => f === 1);
  }

  async markStarted(batchId: string): Promise<void> {
    await this.redis.hsetnx(this.batchKey(batchId), "startedAt", String(Date.now()));
  }

  /** Records an archived document once (a re-run after a crash does not count twice); returns the batch's done count. */
  async markArchived(
    batchId: string,
    docId: string,
    sha256: string,
    pages: number,
  ): Promise<{ complete: boolean }> {
    const k = this.batchKey(batchId);
    const [[, added]] = (await this.redis.multi().sadd(this.batchKey(batchId, "done"), docId).exec()) as [
      [unknown, number],
    ];
    const m = this.redis
      .multi()
      .hdel(this.batchKey(batchId, "failed"), docId)
      .sadd(this.key("archived"), sha256)
      .hset(k, "lastDoneAt", String(Date.now()));
    if (added === 1) m.hincrby(k, "pages", pages);
    await m.exec();
    return { complete: await this.isComplete(batchId) };
  }

  /** Records a final failure (dead letter) with its reason and payload. */
  async markFailed(entry: FailedEntry & { batchId: string }): Promise<{ complete: boolean }> {
    const { batchId, ...rest } = entry;
    await this.redis
      .multi()
      .hset(this.batchKey(batchId, "failed"), entry.docId, JSON.stringify(rest))
      .hset(this.batchKey(batchId), "lastDoneAt", String(Date.now()))
      .exec();
    return { complete: await this.isComplete(batchId) };
  }

  private async isComplete(batchId: string): Promise<boolean> {
    const info = await this.get(batchId);
    return info !== undefined && info.archived + info.failed >= info.total;
  }

  /** Removes failed entries before a retry; returns them. */
  async takeFailed(batchId: string): Promise<FailedEntry[]> {
    const entries = await this.failed(batchId);
    if (entries.length) {
      await this.redis
        .multi()
        .hdel(this.batchKey(batchId, "failed"), ...entries.map((e) => e.docId))
        .hdel(this.batchKey(batchId), "manifestAt")
        .exec();
      await this.persist(batchId);
    }
    return entries;
  }

  async failed(batchId: string): Promise<FailedEntry[]> {
    const raw = await this.redis.hgetall(this.batchKey(batchId, "failed"));
    return Object.values(raw)
      .map((v) => JSON.parse(v) as FailedEntry)
      .sort((a, b) => a.file.localeCompare(b.file));
  }

  async get(batchId: string): Promise<BatchInfo | undefined> {
    const [[, h], [, archived], [, failed]] = (await this.redis
      .multi()
      .hgetall(this.batchKey(batchId))
      .scard(this.batchKey(batchId, "done"))
      .hlen(this.batchKey(batchId, "failed"))
      .exec()) as [[unknown, Record<string, string>], [unknown, number], [unknown, number]];
    if (!h || !h.createdAt) return undefined;
    const num = (s: string | undefined) => (s ? Number(s) : undefined);
    return {
      batchId,
      unit: h.unit ?? "",
      level: h.level as Level,
      ...(h.year ? { year: Number(h.year) } : {}),
      total: Number(h.total ?? 0),
      archived,
      failed,
      pages: Number(h.pages ?? 0),
      createdAt: Number(h.createdAt),
      ...(num(h.startedAt) !== undefined ? { startedAt: num(h.startedAt) } : {}),
      ...(num(h.lastDoneAt) !== undefined ? { lastDoneAt: num(h.lastDoneAt) } : {}),
      ...(num(h.manifestAt) !== undefined ? { manifestAt: num(h.manifestAt) } : {}),
    };
  }

  /** Batch ids, newest first; ids whose record expired are dropped from the index on the way. */
  async list(limit = 50): Promise<string[]> {
    const ids = await this.redis.zrevrange(this.key("batches"), 0, limit - 1);
    if (!ids.length) return ids;
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.exists(this.batchKey(id));
    const alive = ((await pipe.exec()) ?? []).map(([, n]) => n === 1);
    const gone = ids.filter((_, i) => !alive[i]);
    if (gone.length) await this.redis.zrem(this.key("batches"), ...gone);
    return ids.filter((_, i) => alive[i]);
  }

  /** One process consolidates a finished batch's manifest at a time. */
  async withConsolidationLock(batchId: string, fn: () => Promise<void>): Promise<boolean> {
    const lock = this.batchKey(batchId, "consolidating");
    if ((await this.redis.set(lock, String(process.pid), "PX", 60_000, "NX")) !== "OK") return false;
    try {
      await fn();
      await this.redis.hset(this.batchKey(batchId), "manifestAt", String(Date.now()));
    } finally {
      await this.redis.del(lock);
    }
    return true;
  }

  /** Drops every key of a queue's bookkeeping (tests, `obliterate`). */
  async obliterate(): Promise<void> {
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(cursor, "MATCH", `${this.key("")}*`, "COUNT", 1000);
      if (keys.length) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  }
}
