// `sohoa review`: the review desk web app over an archive: queue, document view, decisions as new signed versions.
import { Command } from "commander";
import { z } from "zod";
import { loadAccounts } from "../../src/auth/index.js";
import { InvalidConfigError } from "../../src/errors/index.js";
import { LocalProgressStore } from "../../src/progress/local-store.js";
import { LeaseTable, type LeaseStore } from "../../src/review/leases.js";
import { RedisLeaseStore } from "../../src/review/redis-leases.js";
import { QueueIndex } from "../../src/review/queue-index.js";
import { reviewApp } from "../../src/review/server.js";
import { openSigner } from "../../src/signing/open-signer.js";
import { openStore } from "../../src/storage/open-store.js";
import { handleError } from "../handle-error.js";
import { dashboardOrigins } from "./dashboard.js";

export const reviewOptionsSchema = z.object({
  store: z.string().min(1, "--store (or SOHOA_STORE) is required"),
  port: z.coerce.number().int().min(0).max(65535).default(3030),
  host: z.string().default("127.0.0.1"),
  accounts: z.string().min(1, "--accounts (or SOHOA_REVIEW_ACCOUNTS) is required"),
  origin: z.array(z.string().url()).default([]),
  key: z.string().optional(),
  passphraseFile: z.string().optional(),
  organisation: z.string().optional(),
  ledger: z.string().optional(),
  leaseMinutes: z.coerce.number().positive().default(15),
  redis: z.string().optional(),
  allowUnsigned: z.boolean().default(false),
});

export const review = new Command()
  .name("review")
  .description(
    "serve the review desk: clerks check, correct and approve documents that need review (each decision is a new signed version)",
  )
  .option(
    "--store <spec>",
    "archive: a folder or s3://bucket/prefix (default: SOHOA_STORE)",
    process.env.SOHOA_STORE,
  )
  .option(
    "--accounts <file>",
    "accounts file (see `sohoa dashboard --hash-password`); reviewers need role operator",
    process.env.SOHOA_REVIEW_ACCOUNTS,
  )
  .option("--port <port>", "port", "3030")
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--origin <url...>", "public origin(s) behind a proxy (default: the bound address)")
  .option("--key <p12>", "PKCS#12 key that signs new versions (else a SOHOA_PKCS11_* token; else unsigned)")
  .option("--passphrase-file <file>", "file holding the key's passphrase (else SOHOA_SIGNING_PASSPHRASE)")
  .option("--organisation <name>", "organisation named in the visible signature mark")
  .option("--ledger <dir>", "progress ledger folder to keep in step with decisions")
  .option("--lease-minutes <n>", "how long an opened document stays held by its reviewer", "15")
  .option("--allow-unsigned", "run without a signing key: new versions are unsigned (trial archives only)")
  .option(
    "--redis <url>",
    "keep leases in Redis, for several desk servers over one archive (default: in this server's memory)",
  )
  .action(async (raw: unknown) => {
    try {
      const o = reviewOptionsSchema.parse(raw);
      const accounts = await loadAccounts(o.accounts);
      if (!accounts.some((a) => a.role === "operator")) {
        throw new InvalidConfigError(`${o.accounts}: no account has role operator, so nobody could decide`, {
          hint: "role: operator",
        });
      }
      const store = openStore(o.store);
      const signer = await openSigner({
        ...(o.key ? { key: o.key } : {}),
        ...(o.passphraseFile ? { passphraseFile: o.passphraseFile } : {}),
      });
      // A signed archive must not gain unsigned versions by accident.
      if (!signer && !o.allowUnsigned) {
        throw new InvalidConfigError("no signing key: decisions would write unsigned versions", {
          hint: "Pass --key org.p12 (or configure SOHOA_PKCS11_*), or --allow-unsigned for a trial archive.",
        });
      }
      const started = performance.now();
      const index = await QueueIndex.build(store, (prefix, e) =>
        process.stderr.write(`warning: ${prefix}: ${e.message}\n`),
      );
      process.stderr.write(
        `indexed ${index.size} documents in ${Math.round(performance.now() - started)} ms\n`,
      );
      const leases: LeaseStore = o.redis
        ? new RedisLeaseStore(o.redis, "sohoa:review", o.leaseMinutes * 60_000)
        : new LeaseTable(o.leaseMinutes * 60_000);
      const ledger = o.ledger ? await LocalProgressStore.open(o.ledger) : undefined;
      const app = await reviewApp({
        store,
        index,
        auth: { accounts },
        origins: dashboardOrigins(o.host, o.port, o.origin),
        ...(signer ? { signer } : {}),
        ...(o.organisation ? { organisation: o.organisation } : {}),
        ...(ledger ? { ledger } : {}),
        leases,
        log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
      });
      const server = app.listen(o.port, o.host, () =>
        process.stderr.write(`review desk on http://${o.host}:${o.port}/\n`),
      );
      const stop = () =>
        server.close(
          () =>
            void Promise.all([store.close?.(), ledger?.close(), leases.close?.()]).then(() =>
              process.exit(0),
            ),
        );
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    } catch (error) {
      handleError(error);
    }
  });
