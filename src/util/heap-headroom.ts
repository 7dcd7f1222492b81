// Old-generation headroom for a long-running worker process, so V8 does not settle into a full GC per document.
import v8 from "node:v8";

/** The worker's old generation may grow to this many percent above its live size before a major GC. */
export const DEFAULT_HEAP_GROWING_PERCENT = 100;

const FLAG = "--heap-growing-percent";

/**
 * Why: a worker keeps ~40 MB live (modules, fonts, dictionaries) and churns large short-lived page
 * buffers. After its first few hundred documents V8's heap controller measures marking as fast next to
 * the promotion rate and drops the growing factor to its minimum (about 1.1), which leaves the old
 * generation limit so near the live size that incremental marking restarts right after every
 * mark-compact: one full GC per document, about half the worker's CPU (issue #17, `bench/queue-sag.ts`).
 * A fixed factor of 1 + percent/100 keeps the limit well above the live size; the cost is that much more
 * heap at most (≈ +40 MB for the archive pipeline).
 *
 * Applies to the whole process, so only process entry points call it (runWorker, `sohoa run`), never a library class.
 * V8 reads this flag each time it recomputes the limit, so setting it after start-up takes effect at the
 * next GC. A `node --heap-growing-percent=N` on the command line wins (Node refuses it in NODE_OPTIONS);
 * 0 leaves V8's own heuristic. Returns the percent set, or undefined when V8's default or the user's flag rules.
 */
export function ensureHeapHeadroom(
  percent: number = DEFAULT_HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
): number | undefined {
  if (!Number.isInteger(percent) || percent < 0)
    throw new TypeError("heapGrowingPercent must be an integer ≥ 0");
  if (percent === 0 || execArgv.some((a) => a.replace(/_/g, "-").startsWith(FLAG))) return undefined;
  v8.setFlagsFromString(`${FLAG}=${percent}`);
  return percent;
}
