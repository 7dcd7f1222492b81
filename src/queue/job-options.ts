// Job options shared by enqueue and retry: exponential backoff, lean completed-job retention, kept dead letters.
import type { JobsOptions } from "bullmq";

export const defaultJobOptions: JobsOptions = {
  /** Transient faults (storage, Redis, a crashed engine) get 8 tries, 2 s … 128 s apart: over 4 min of outage ridden out. */
  attempts: 8,
  backoff: { type: "exponential", delay: 2000 },
  // Completed jobs are dropped at once: the archive's manifest and the batch record keep the outcome.
  removeOnComplete: true,
  // Failed jobs are the dead letters: kept (with their reason) until `sohoa retry` or a person removes them.
  removeOnFail: false,
};
