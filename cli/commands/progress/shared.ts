// Options and helpers shared by the progress subcommands: where the ledger lives, errors, output.
import { z } from "zod";
import { BadOptionError } from "../../../src/errors/index.js";
import { formatIssues } from "../../../src/util/zod-issues.js";
import { LocalProgressStore, RedisProgressStore, type ProgressStore } from "../../../src/progress/index.js";

/** `--ledger <dir>` (local folder, the default) or `--redis <url>`. */
export const storeOptionsSchema = z.object({
  ledger: z
    .string()
    .min(1)
    .default(process.env.SOHOA_LEDGER ?? ".sohoa/progress"),
  redis: z.string().url().optional(),
  redisPrefix: z.string().min(1).optional(),
});
export type StoreOptions = z.infer<typeof storeOptionsSchema>;

export function openStore(options: StoreOptions): Promise<ProgressStore> {
  if (options.redis) {
    return Promise.resolve(
      new RedisProgressStore(options.redis, options.redisPrefix ? { prefix: options.redisPrefix } : {}),
    );
  }
  return LocalProgressStore.open(options.ledger);
}

/** Adds the ledger location options to a command. */
export function withStoreOptions<T extends { option: (flags: string, description: string) => T }>(
  command: T,
): T {
  return command
    .option("--ledger <dir>", "ledger folder (local, for `sohoa run`)")
    .option(
      "--redis <url>",
      "Redis URL of the shared ledger (distributed workers), e.g. redis://127.0.0.1:6379",
    )
    .option("--redis-prefix <prefix>", "Redis key prefix (default sohoa:progress:)");
}

/** Parses options with zod; a failure becomes a BadOptionError naming the option. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = formatIssues(result.error.issues, { style: "option" });
  throw new BadOptionError(problems.join("; "), { hint: "See `sohoa progress <command> --help`." });
}

export { handleError } from "../../handle-error.js";

/** Runs an action with the store open, closing it whatever happens. */
export async function withStore(
  options: StoreOptions,
  fn: (store: ProgressStore) => Promise<void>,
): Promise<void> {
  const store = await openStore(options);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}
