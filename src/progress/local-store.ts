// ProgressStore in a local folder: documents appended as JSON lines, reference data as JSON files.
import { createWriteStream } from "node:fs";
import { appendFile, mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
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

const DOCS = "docs.jsonl";

/**
 * For the embedded `sohoa run`: one folder, no server. Appends are one short line each, so several
 * processes may append; duplicates in the file are skipped when read, and `counts` first reads
 * whatever other processes appended since the last call.
 */
export class LocalProgressStore implements ProgressStore {
  private counter = new DocCounter();
  private offset = 0;
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<LocalProgressStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (cause) {
      throw new LedgerUnavailableError(`${dir}: cannot create the ledger folder`, { cause, file: dir });
    }
    const store = new LocalProgressStore(dir);
    await store.catchUp();
    return store;
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  /** Reads lines appended to docs.jsonl since the last read (by this or another process). */
  private async catchUp(): Promise<void> {
    let handle;
    try {
      handle = await open(this.path(DOCS), "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw new LedgerUnavailableError(`${this.path(DOCS)}: cannot read`, {
        cause: error,
        file: this.path(DOCS),
      });
    }
    try {
      const { size } = await handle.stat();
      if (size <= this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      await handle.read(buf, 0, buf.length, this.offset);
      // A line still being written by another process is left for the next read.
      const end = buf.lastIndexOf(0x0a);
      if (end < 0) return;
      for (const line of buf.subarray(0, end).toString("utf8").split("\n")) {
        if (!line) continue;
        try {
          this.counter.add(JSON.parse(line) as DocLink);
        } catch {
          process.emitWarning(`${this.path(DOCS)}: skipped an unreadable line`, {
            code: "SOHOA_LEDGER_LINE",
          });
        }
      }
      this.offset += end + 1;
    } finally {
      await handle.close();
    }
  }

  async record(doc: ArchivedDocRef): Promise<void> {
    const link = toLink(doc);
    if (!this.counter.add(link)) return;
    const write = this.pending.then(() => appendFile(this.path(DOCS), `${JSON.stringify(link)}\n`));
    this.pending = write.catch(() => undefined);
    try {
      await write;
    } catch (cause) {
      throw new LedgerUnavailableError(`${this.path(DOCS)}: cannot append`, { cause, file: this.path(DOCS) });
    }
  }

  async counts(filter?: CountFilter): Promise<UnitYearCount[]> {
    await this.pending;
    await this.catchUp();
    return this.counter.counts(filter);
  }

  async links(filter?: CountFilter): Promise<DocLink[]> {
    await this.pending;
    await this.catchUp();
    return this.counter.links(filter);
  }

  async replaceAll(docs: AsyncIterable<ArchivedDocRef>): Promise<RebuildSummary> {
    await this.pending;
    const counter = new DocCounter();
    const tmp = this.path(`${DOCS}.${process.pid}.tmp`);
    const out = createWriteStream(tmp);
    let read = 0;
    let chunk = "";
    for await (const doc of docs) {
      read++;
      const link = toLink(doc);
      if (!counter.add(link)) continue;
      chunk += `${JSON.stringify(link)}\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
        chunk = "";
      }
    }
    out.end(chunk);
    await finished(out);
    await rename(tmp, this.path(DOCS));
    this.counter = counter;
    this.offset = (await readFile(this.path(DOCS))).length;
    return { read, documents: counter.documents, cells: counter.cellCount };
  }

  private async readJson<T>(name: string, fallback: T): Promise<T> {
    try {
      return JSON.parse(await readFile(this.path(name), "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback;
      throw new LedgerUnavailableError(`${this.path(name)}: cannot read: ${(error as Error).message}`, {
        cause: error,
        file: this.path(name),
      });
    }
  }

  /** Whole-file JSON written to a temporary name and renamed, so a reader never sees half a file. */
  private async writeJson(name: string, value: unknown): Promise<void> {
    const tmp = this.path(`${name}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(value, null, 1));
    await rename(tmp, this.path(name));
  }

  async setScope(unit: string, year: number, count: number): Promise<void> {
    const scope = await this.readJson<Record<string, number>>("scope.json", {});
    scope[cellKey(unit, year)] = count;
    await this.writeJson("scope.json", scope);
  }

  /** Sets many scope cells in one write. */
  async setScopes(rows: UnitYearCount[]): Promise<void> {
    const scope = await this.readJson<Record<string, number>>("scope.json", {});
    for (const r of rows) scope[cellKey(r.unit, r.year)] = r.count;
    await this.writeJson("scope.json", scope);
  }

  async scopes(filter: CountFilter = {}): Promise<UnitYearCount[]> {
    const scope = await this.readJson<Record<string, number>>("scope.json", {});
    return Object.entries(scope)
      .map(([key, count]) => ({ ...splitCellKey(key), count }))
      .filter(
        (r) =>
          (filter.year === undefined || r.year === filter.year) &&
          (filter.unit === undefined || r.unit === filter.unit),
      );
  }

  async addDossiers(entries: DossierEntry[]): Promise<void> {
    const all = await this.readJson<Record<string, { unit: string; year: number }>>("dossiers.json", {});
    for (const e of entries) all[e.dossierCode] = { unit: e.unit, year: e.year };
    await this.writeJson("dossiers.json", all);
  }

  async dossiers(filter: CountFilter = {}): Promise<DossierEntry[]> {
    const all = await this.readJson<Record<string, { unit: string; year: number }>>("dossiers.json", {});
    return Object.entries(all)
      .map(([dossierCode, v]) => ({ dossierCode, ...v }))
      .filter(
        (r) =>
          (filter.year === undefined || r.year === filter.year) &&
          (filter.unit === undefined || r.unit === filter.unit),
      );
  }

  async saveUnits(units: UnitRecord[]): Promise<void> {
    await this.writeJson("units.json", units);
  }

  async loadUnits(): Promise<UnitRecord[]> {
    return this.readJson<UnitRecord[]>("units.json", []);
  }

  async close(): Promise<void> {
    await this.pending;
  }
}
