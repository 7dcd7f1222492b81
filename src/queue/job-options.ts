// Job options shared by enqueue and retry: exponential backoff, lean completed-job retention, kept dead letters.
import type { JobsOptions } from "bullmq";

export const defaultJobOptions: JobsOptions = {
  /** Transient faults (storage, Redis, a crashed engine) get 5 tries: 2 s, 4 s, 8 s, 16 s apart. */
  attempts: 5,
  backoff: { type: "exponential", delay: 2000 },
  // Completed jobs are dropped at once: the archive's manifest and the batch record keep the outcome.
  removeOnComplete: true,
  // Failed jobs are the dead letters: kept (with their reason) until `sohoa retry` or a person removes them.
  removeOnFail: false,
};
