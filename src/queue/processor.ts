// The injected document processor: the real archive pipeline in production, a test processor in tests.
import type { DocumentContext } from "../context.js";
import type { Limits } from "../limits.js";
import type { Logger } from "../logger.js";
import type { ArchiveStore } from "../storage/archive-store.js";
import type { ArchiveRecord } from "../storage/archive-record.js";
import type { ArchiveJobInput } from "./job-payload.js";

/**
 * Obligations: resolve an ArchiveRecord whose objects are already in `store`; throw SohoaErrors
 * (retryable for transient faults); honour `ctx.signal` (aborted at the document time limit or shutdown);
 * hold engine state only in the instance, so a fresh instance is a fresh engine.
 */
export interface DocumentProcessor {
  process(job: ArchiveJobInput, ctx: DocumentContext): Promise<ArchiveRecord>;
  /** Frees the engine; called when the processor is recycled or the worker stops. */
  close?(): Promise<void>;
}

export interface ProcessorDeps {
  store: ArchiveStore;
  log: Logger;
  /** Time limit per page for the pipeline's per-page stages (PageTimeoutError past it); undefined = the pipeline's default. */
  pageTimeoutSeconds?: number;
  /** Input limits (pixels, pages, bytes per file) overriding the pipeline's defaults. */
  limits?: Partial<Limits>;
}

export type ProcessorFactory = (deps: ProcessorDeps) => DocumentProcessor | Promise<DocumentProcessor>;

/** Hands out a processor and replaces it every `every` documents, closing the old one once idle. */
export class RecyclingProcessor {
  private current: { p: Promise<DocumentProcessor>; used: number; busy: number } | undefined;
  constructor(
    private readonly factory: ProcessorFactory,
    private readonly deps: ProcessorDeps,
    private readonly every: number,
  ) {}

  async run(job: ArchiveJobInput, ctx: DocumentContext): Promise<ArchiveRecord> {
    if (!this.current || (this.every > 0 && this.current.used >= this.every)) {
      const old = this.current;
      this.current = { p: Promise.resolve(this.factory(this.deps)), used: 0, busy: 0 };
      if (old && old.busy === 0) await this.closeOne(old.p);
    }
    const slot = this.current;
    slot.used++;
    slot.busy++;
    try {
      return await (await slot.p).process(job, ctx);
    } finally {
      slot.busy--;
      if (slot !== this.current && slot.busy === 0) await this.closeOne(slot.p);
    }
  }

  private async closeOne(p: Promise<DocumentProcessor>): Promise<void> {
    try {
      await (await p).close?.();
    } catch (error) {
      this.deps.log.warn({ err: error }, "closing a recycled processor failed");
    }
  }

  /** The next document gets a fresh processor (after a timeout the old engine may be wedged). */
  retire(): void {
    if (this.current) this.current.used = Number.POSITIVE_INFINITY;
    if (this.every === 0 && this.current) {
      const old = this.current;
      this.current = undefined;
      if (old.busy === 0) void this.closeOne(old.p);
    }
  }

  async close(): Promise<void> {
    if (this.current) await this.closeOne(this.current.p);
    this.current = undefined;
  }
}
