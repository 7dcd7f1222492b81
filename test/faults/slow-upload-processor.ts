// Test processor for kill-during-upload: the real archive pipeline, with the PDF upload held open for SOHOA_TEST_UPLOAD_DELAY_MS.
import { setTimeout as sleep } from "node:timers/promises";
import { createArchiveProcessor } from "../../workers/archive-processor.js";
import type { ProcessorFactory } from "../../src/queue/processor.js";
import type { ArchiveStore } from "../../src/storage/archive-store.js";
import { writeLogged } from "../fixtures/processor-write-log.js";

/** Logs "upload started" when the PDF put begins (after the original is stored), then waits before writing it. */
function slowPdfUploads(inner: ArchiveStore, delayMs: number, onStart: (key: string) => void): ArchiveStore {
  return {
    location: inner.location,
    async put(key, body, options) {
      if (key.endsWith("/document.pdf")) {
        onStart(key);
        await sleep(delayMs);
      }
      return inner.put(key, body, options);
    },
    get: (key) => inner.get(key),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    ...(inner.close ? { close: () => inner.close!() } : {}),
  };
}

export const createProcessor: ProcessorFactory = (deps) => {
  const delay = Number(process.env.SOHOA_TEST_UPLOAD_DELAY_MS ?? 5000);
  const logged = writeLogged(deps.store, process.env.SOHOA_TEST_WRITE_LOG);
  const store = slowPdfUploads(logged, delay, (key) => deps.log.info({ key }, "upload started"));
  return createArchiveProcessor({ ...deps, store });
};
export default createProcessor;
