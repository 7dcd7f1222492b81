// The one concurrency limiter: at most `limit` tasks run, the rest wait in order; waiting tasks can be aborted.
// Not p-limit: the OCR engines must free a waiting call's place when its signal aborts, and the page window
// takes a place before it decodes the next page (acquire, then release), which p-limit's run-only API cannot do.

interface Waiter {
  grant: () => void;
  reject: (reason: unknown) => void;
}

export class Limiter {
  private running = 0;
  private readonly queue: Waiter[] = [];
  /** Highest number of tasks seen running at once (for tests and diagnostics). */
  peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError("concurrency must be an integer greater than 0");
  }

  /** Tasks waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once a slot is free (call it exactly once); an abort while waiting rejects. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    await this.wait(signal);
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.release();
      }
    };
  }

  /** Runs `task` when a slot is free; an abort while waiting rejects without running it. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.wait(signal);
    try {
      // The signal may fire between the grant and this continuation.
      signal?.throwIfAborted();
      return await task();
    } finally {
      this.release();
    }
  }

  /** Rejects every waiting task (used by close()). */
  rejectAll(reason: unknown): void {
    for (const w of this.queue.splice(0)) w.reject(reason);
  }

  private wait(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.running < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          this.take();
          resolve();
        },
        reject: (reason) => {
          signal?.removeEventListener("abort", onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private take(): void {
    this.running++;
    this.peak = Math.max(this.peak, this.running);
  }

  private release(): void {
    this.running--;
    this.queue.shift()?.grant();
  }
}
