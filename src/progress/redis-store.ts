// ProgressStore in Redis for distributed workers: one Lua call per document makes counting idempotent.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { LedgerUnavailableError } from "../errors/index.js";
import { cellKey, DocCounter, splitCellKey, toLink } from "./doc-counter.js";
import type {
  ArchivedDocRef,
  CountFilter,
  DocLink,
  DossierEntry,
  ProgressStore,
  RebuildSummary,
  UnitRecord,
  UnitYearCount,
} from "./types.js";

// HSETNX is the "seen this docId?" test and the link store in one; the counter moves only on a first sight.
const RECORD_LUA = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  return 1
end
return 0`;

export interface RedisProgressStoreOptions {
  /** Key prefix; tests pass a random one. @defaultValue "sohoa:progress:" */
  prefix?: string;
}

/** Narrows a scan of a hash of cell keys to the filter. */
function matches(key: string, filter: CountFilter): boolean {
  const { unit, year } = splitCellKey(key);
  return (
    (filter.year === undefined || year === filter.year) && (filter.unit === undefined || unit === filter.unit)
  );
}

export class RedisProgressStore implements ProgressStore {
  private readonly prefix: string;
  private readonly owned: boolean;
  private readonly redis: Redis;

  /** Pass a URL to own the connection, or a client to share it (then `close` leaves it open). */
  constructor(redis: Redis | string, options: RedisProgressStoreOptions = {}) {
    this.prefix = options.prefix ?? "sohoa:progress:";
    this.owned = typeof redis === "string";
    this.redis =
      typeof redis === "string" ? new Redis(redis, { maxRetriesPerRequest: 3, lazyConnect: false }) : redis;
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  /** Runs a Redis call, turning connection faults into a retryable typed error. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      throw new LedgerUnavailableError(`Redis ledger: ${what} failed: ${(cause as Error).message}`, {
        cause,
      });
    }
  }

  async record(doc: ArchivedDocRef): Promise<void> {
    const link = toLink(doc);
    await this.call("record", () =>
      this.redis.eval(
        RECORD_LUA,
        2,
        this.key("docs"),
        this.key("counts"),
        link.docId,
        JSON.stringify(link),
        cellKey(link.unit, link.year),
      ),
    );
  }

  async counts(filter: CountFilter = {}): Promise<UnitYearCount[]> {
    const all = await this.call("counts", () => this.redis.hgetall(this.key("counts")));
    return Object.entries(all)
      .filter(([k]) => matches(k, filter))
      .map(([k, v]) => ({ ...splitCellKey(k), count: Number(v) }));
  }

  async links(filter: CountFilter = {}): Promise<DocLink[]> {
    const out: DocLink[] = [];
    let cursor = "0";
    do {
      const [next, flat] = await this.call("links", () =>
        this.redis.hscan(this.key("docs"), cursor, "COUNT", 5000),
      );
      cursor = next;
      for (let i = 1; i < flat.length; i += 2) {
        const link = JSON.parse(flat[i] as string) as DocLink;
        if (
          (filter.year === undefined || link.year === filter.year) &&
          (filter.unit === undefined || link.unit === filter.unit)
        )
          out.push(link);
      }
    } while (cursor !== "0");
    return out;
  }

  /** Builds the new counts under staging keys, then swaps them in with one MULTI so readers never see a half rebuild. */
  async replaceAll(docs: AsyncIterable<ArchivedDocRef>): Promise<RebuildSummary> {
    const stage = `rebuild:${randomUUID()}:`;
    const counter = new DocCounter();
    let read = 0;
    let batch = this.redis.pipeline();
    let inBatch = 0;
    const flush = async (): Promise<void> => {
      if (inBatch === 0) return;
      const current = batch;
      batch = this.redis.pipeline();
      inBatch = 0;
      await this.call("rebuild", () => current.exec());
    };
    for await (const doc of docs) {
      read++;
      const link = toLink(doc);
      if (!counter.add(link)) continue;
      batch.hset(this.key(`${stage}docs`), link.docId, JSON.stringify(link));
      if (++inBatch >= 2000) await flush();
    }
    for (const { unit, year, count } of counter.counts()) {
      batch.hset(this.key(`${stage}counts`), cellKey(unit, year), count);
      if (++inBatch >= 2000) await flush();
    }
    await flush();
    const swap = this.redis.multi();
    for (const name of ["docs", "counts"]) {
      if (counter.documents > 0) swap.rename(this.key(`${stage}${name}`), this.key(name));
      else swap.del(this.key(name));
    }
    await this.call("rebuild swap", () => swap.exec());
    return { read, documents: counter.documents, cells: counter.cellCount };
  }

  async setScope(unit: string, year: number, count: number): Promise<void> {
    await this.call("scope set", () => this.redis.hset(this.key("scope"), cellKey(unit, year), count));
  }

  async scopes(filter: CountFilter = {}): Promise<UnitYearCount[]> {
    const all = await this.call("scope", () => this.redis.hgetall(this.key("scope")));
    return Object.entries(all)
      .filter(([k]) => matches(k, filter))
      .map(([k, v]) => ({ ...splitCellKey(k), count: Number(v) }));
  }

  async addDossiers(entries: DossierEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 5000) {
      const args: string[] = [];
      for (const e of entries.slice(i, i + 5000)) args.push(e.dossierCode, cellKey(e.unit, e.year));
      if (args.length)
        await this.call("dossier import", () => this.redis.hset(this.key("dossiers"), ...args));
    }
  }

  async dossiers(filter: CountFilter = {}): Promise<DossierEntry[]> {
    const all = await this.call("dossiers", () => this.redis.hgetall(this.key("dossiers")));
    return Object.entries(all)
      .filter(([, v]) => matches(v, filter))
      .map(([dossierCode, v]) => ({ dossierCode, ...splitCellKey(v) }));
  }

  async saveUnits(units: UnitRecord[]): Promise<void> {
    await this.call("units import", () => this.redis.set(this.key("units"), JSON.stringify(units)));
  }

  async loadUnits(): Promise<UnitRecord[]> {
    const text = await this.call("units", () => this.redis.get(this.key("units")));
    return text ? (JSON.parse(text) as UnitRecord[]) : [];
  }

  /** Deletes every key of this store (tests, and `rebuild --reset`). */
  async clear(): Promise<void> {
    const keys = await this.redis.keys(`${this.prefix}*`);
    if (keys.length) await this.redis.del(...keys);
  }

  async close(): Promise<void> {
    if (this.owned) await this.redis.quit();
  }
}
