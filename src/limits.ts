// Input limits: hostile or broken files must fail fast with a clear message, not exhaust a worker.

export interface Limits {
  /** Largest accepted file, bytes. @defaultValue 1 GiB */
  maxFileBytes: number;
  /** Largest page, pixels (width × height). @defaultValue 150 megapixels (A0 at 300 dpi is ~140) */
  maxPagePixels: number;
  /** Most pages in one file. @defaultValue 2000 */
  maxPages: number;
  /** Longest time one page may take through the per-page stages, seconds. @defaultValue 300 */
  pageTimeoutSeconds: number;
}

export const defaultLimits: Limits = {
  maxFileBytes: 1024 ** 3,
  maxPagePixels: 150_000_000,
  maxPages: 2000,
  pageTimeoutSeconds: 300,
};
