// The review desk's in-memory index of every archived document's latest version: built once, updated on decisions.
import { docRefFrom } from "../progress/doc-ref.js";
import type { ArchivedDocRef } from "../progress/types.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import { OBJECT_NAMES } from "../storage/keys.js";
import { readJson, versionKeys, versionOfKey } from "../storage/versions.js";
import type { ReviewAction, StoredMetadata } from "./decide.js";

export type ReviewStatus = "pending" | "approved" | "excluded" | "archived";

export interface IndexEntry {
  /** Source SHA-256: the id in the desk's URLs. */
  id: string;
  prefix: string;
  docId: string;
  batchId: string;
  unit: string;
  level: string;
  year: string;
  docType: string;
  reasons: string[];
  status: ReviewStatus;
  version: number;
  file: string;
  /** What the progress ledger counts for it (undefined: no unit or year). */
  ref?: ArchivedDocRef;
}

export interface QueueFilter {
  batch?: string;
  unit?: string;
  level?: string;
  year?: string;
  docType?: string;
  reason?: string;
}

export interface QueuePage {
  total: number;
  entries: IndexEntry[];
  /** Documents awaiting review per reason, within the filter's other criteria. */
  reasons: Array<[string, number]>;
  /** The values each filter can take among pending documents. */
  facets: Record<"batch" | "unit" | "level" | "year" | "docType", string[]>;
}

export function statusOf(meta: Pick<StoredMetadata, "needsReview" | "review">): ReviewStatus {
  if (meta.review?.action === "exclude") return "excluded";
  if (meta.review?.action === "approve") return "approved";
  return meta.needsReview ? "pending" : "archived";
}

export function entryFrom(prefix: string, version: number, meta: StoredMetadata): IndexEntry {
  return {
    id: meta.sha256,
    prefix,
    docId: meta.docId,
    batchId: meta.batchId ?? "",
    unit: meta.unit,
    level: meta.level,
    year: meta.year === undefined ? "unknown-year" : String(meta.year),
    docType: meta.docType,
    reasons: meta.reviewReasons ?? [],
    status: statusOf(meta),
    version,
    file: meta.file,
    ...refOf(meta),
  };
}

function refOf(meta: StoredMetadata): { ref?: ArchivedDocRef } {
  const ref = docRefFrom({
    sha256: meta.sha256,
    unit: meta.unit,
    level: meta.level,
    ...(meta.year ? { year: meta.year } : {}),
    docType: meta.docType,
    fields: meta.fields,
  });
  return ref ? { ref } : {};
}

/** Reasons like "missing field issueDate" group by their words before any field name, so counts stay few. */
export function reasonGroup(reason: string): string {
  return reason.replace(/\s*[:(].*$/, "").trim();
}

/** Queue order: batch, then file name, then id (a total order, so binary search finds one place). */
function compare(a: IndexEntry, b: IndexEntry): number {
  return a.batchId < b.batchId
    ? -1
    : a.batchId > b.batchId
      ? 1
      : a.file < b.file
        ? -1
        : a.file > b.file
          ? 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0;
}

export class QueueIndex {
  private readonly byId = new Map<string, IndexEntry>();
  /** Pending ids in a stable order (batch, then file), kept sorted as entries come and go. */
  private order: string[] = [];
  private dirty = false;
  private readonly groups = new WeakMap<IndexEntry, Set<string>>();
  /** Query results and filter values, valid until the next change. */
  private readonly pages = new Map<string, QueuePage>();
  private facets: QueuePage["facets"] | undefined;

  private changed(): void {
    this.pages.clear();
    this.facets = undefined;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): IndexEntry | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<IndexEntry> {
    return this.byId.values();
  }

  /** Adds or replaces an entry; a decision on one document moves one id in the pending order, it does not re-sort. */
  put(entry: IndexEntry): void {
    this.changed();
    const old = this.byId.get(entry.id);
    // Out of the order first, while the order still compares by the old entry.
    if (!this.dirty && old?.status === "pending") {
      const at = this.locate(old);
      if (this.order[at] === old.id) this.order.splice(at, 1);
    }
    this.byId.set(entry.id, entry);
    if (this.dirty) return;
    if (entry.status === "pending") this.order.splice(this.locate(entry), 0, entry.id);
  }

  /** Adds many entries at once (start-up): one sort at the next query instead of one insertion each. */
  putAll(entries: Iterable<IndexEntry>): void {
    for (const e of entries) this.byId.set(e.id, e);
    this.dirty = true;
    this.changed();
  }

  /** Binary search of `entry`'s place in the pending order. */
  private locate(entry: IndexEntry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.byId.get(this.order[mid]!)!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private pending(): string[] {
    if (this.dirty) {
      this.order = [...this.byId.values()]
        .filter((e) => e.status === "pending")
        .sort(compare)
        .map((e) => e.id);
      this.dirty = false;
    }
    return this.order;
  }

  /** One page of pending documents matching `filter`, with reason counts and facets: one pass over the pending list. */
  query(filter: QueueFilter, offset = 0, limit = 50): QueuePage {
    // Pages are kept until the index changes: reviewers reload the same few views between decisions.
    const key = JSON.stringify([
      filter.batch,
      filter.unit,
      filter.level,
      filter.year,
      filter.docType,
      filter.reason,
      offset,
      limit,
    ]);
    const cached = this.pages.get(key);
    if (cached) return cached;
    const page = this.compute(filter, offset, limit);
    if (this.pages.size >= 64) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }

  private compute(filter: QueueFilter, offset: number, limit: number): QueuePage {
    const entries: IndexEntry[] = [];
    const reasons = new Map<string, number>();
    const needFacets = this.facets === undefined;
    const facets = {
      batch: new Set<string>(),
      unit: new Set<string>(),
      level: new Set<string>(),
      year: new Set<string>(),
      docType: new Set<string>(),
    };
    let total = 0;
    for (const id of this.pending()) {
      const e = this.byId.get(id)!;
      if (needFacets) {
        facets.batch.add(e.batchId);
        facets.unit.add(e.unit);
        facets.level.add(e.level);
        facets.year.add(e.year);
        facets.docType.add(e.docType);
      }
      if (filter.batch && e.batchId !== filter.batch) continue;
      if (filter.unit && e.unit !== filter.unit) continue;
      if (filter.level && e.level !== filter.level) continue;
      if (filter.year && e.year !== filter.year) continue;
      if (filter.docType && e.docType !== filter.docType) continue;
      let groups = this.groups.get(e);
      if (!groups) this.groups.set(e, (groups = new Set(e.reasons.map(reasonGroup))));
      for (const g of groups) reasons.set(g, (reasons.get(g) ?? 0) + 1);
      if (filter.reason && !groups.has(filter.reason)) continue;
      if (total >= offset && entries.length < limit) entries.push(e);
      total++;
    }
    const sorted = (s: Set<string>) => [...s].sort();
    this.facets ??= {
      batch: sorted(facets.batch),
      unit: sorted(facets.unit),
      level: sorted(facets.level),
      year: sorted(facets.year),
      docType: sorted(facets.docType),
    };
    return {
      total,
      entries,
      reasons: [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      facets: this.facets,
    };
  }

  /** The pending document after (or before) `id` in queue order, for j/k, passing over those `skip` says (held by others). */
  neighbour(id: string, step: 1 | -1, skip: (id: string) => boolean = () => false): IndexEntry | undefined {
    const order = this.pending();
    const entry = this.byId.get(id);
    let at = entry?.status === "pending" ? this.locate(entry) : -1;
    if (at < 0 || order[at] !== id) at = step === 1 ? -1 : order.length;
    for (let i = at + step; i >= 0 && i < order.length; i += step)
      if (!skip(order[i]!)) return this.byId.get(order[i]!);
    return undefined;
  }

  /** Reads every document's latest metadata from the store: one listing, one read per document. */
  static async build(
    store: ArchiveStore,
    onError?: (prefix: string, error: Error) => void,
  ): Promise<QueueIndex> {
    const latest = new Map<string, number>();
    for (const key of await store.list("")) {
      if (key.startsWith("batches/") || !key.endsWith(`/${OBJECT_NAMES.metadata}`)) continue;
      const parts = key.split("/");
      const versioned = /^v[0-9]+$/.test(parts.at(-2) ?? "");
      const prefix = parts.slice(0, versioned ? -2 : -1).join("/");
      const v = versionOfKey(prefix, key);
      if (v !== undefined && v > (latest.get(prefix) ?? 0)) latest.set(prefix, v);
    }
    const index = new QueueIndex();
    const entries: IndexEntry[] = [];
    const prefixes = [...latest.keys()];
    // A few reads at a time: a folder answers fast, S3 needs some concurrency.
    for (let i = 0; i < prefixes.length; i += 16) {
      await Promise.all(
        prefixes.slice(i, i + 16).map(async (prefix) => {
          const v = latest.get(prefix)!;
          try {
            index.put(
              entryFrom(prefix, v, await readJson<StoredMetadata>(store, versionKeys(prefix, v).metadata)),
            );
          } catch (error) {
            onError?.(prefix, error as Error);
          }
        }),
      );
    }
    index.putAll(entries);
    return index;
  }
}

export type { ReviewAction };
