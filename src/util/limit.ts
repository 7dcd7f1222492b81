// Concurrency limits: a semaphore, and a limiter that runs at most `n` tasks at once.

export interface Semaphore {
  /** Resolves with a release function once fewer than `n` holders remain; waiters are served in order. */
  acquire(): Promise<() => void>;
}

export function createSemaphore(n: number): Semaphore {
  if (!Number.isFinite(n) || n < 1) throw new RangeError("concurrency must be a finite number greater than 0");
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    acquire() {
      return new Promise((resolve) => {
        const grant = () => resolve(once(release));
        if (active < n) {
          active++;
          grant();
        } else {
          // The slot passes straight from the releaser to the waiter, so `active` stays counted.
          waiting.push(grant);
        }
      });
    },
  };
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(n: number): Limiter {
  const semaphore = createSemaphore(n);
  return async <T>(task: () => Promise<T>): Promise<T> => {
    const release = await semaphore.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}
