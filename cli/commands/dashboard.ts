// `sohoa dashboard`: bull-board for the archive queue(s) behind a login; only the operator role may retry or remove jobs.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Queue } from "bullmq";
import type { ConnectionOptions } from "bullmq";
import { Command, Option } from "commander";
import express from "express";
import { z } from "zod";
import {
  ROLES,
  hashPassword,
  loadAccounts,
  tokenFrom,
  webAuth,
  type AuthConfig,
  type Principal,
  type WebAuthOptions,
} from "../../src/auth/index.js";
import { InvalidConfigError } from "../../src/errors/index.js";
import { DEFAULT_QUEUE, connectionFromUrl, ensureRedisReachable, redisUrl } from "../../src/queue/index.js";
import { handleError } from "../handle-error.js";

export const dashboardOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default("127.0.0.1"),
  queue: z.array(z.string().min(1)).default([DEFAULT_QUEUE]),
  redis: z.string().optional(),
  readOnly: z.boolean().default(false),
  accounts: z.string().min(1).optional(),
  tokenRole: z.enum(ROLES).default("viewer"),
  origin: z.array(z.string().url()).default([]),
  hashPassword: z.boolean().default(false),
});

/** The bull-board app for these queues, mounted at `/`, with no login (for embedding behind one; tests). */
export function dashboardApp(queues: Queue[], readOnly = false): express.Express {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath("/");
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })),
    serverAdapter,
  });
  const app = express();
  app.use("/", serverAdapter.getRouter());
  return app;
}

/** bull-board behind the login: viewers get the read-only board, operators the one with buttons (and the writes). */
export function secureDashboardApp(queues: Queue[], auth: WebAuthOptions, readOnly = false): express.Express {
  const viewer = dashboardApp(queues, true);
  const operator = readOnly ? viewer : dashboardApp(queues, false);
  const { routes, guard } = webAuth({ title: "sohoa dashboard", ...auth });
  const app = express();
  app.disable("x-powered-by");
  app.use(routes);
  app.use(guard);
  app.use((req, res, next) =>
    ((res.locals.principal as Principal).role === "operator" ? operator : viewer)(req, res, next),
  );
  return app;
}

/** The origins a browser may reach the dashboard at: the given ones, else the bound address (and localhost for a loopback one). */
export function dashboardOrigins(host: string, port: number, given: string[]): string[] {
  if (given.length) return given;
  const hosts =
    host === "127.0.0.1" || host === "localhost"
      ? ["127.0.0.1", "localhost"]
      : host === "::1"
        ? ["[::1]", "localhost"]
        : [host.includes(":") ? `[${host}]` : host];
  return hosts.map((h) => `http://${h}:${port}`);
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, "");
}

export const dashboard = new Command()
  .name("dashboard")
  .description("serve bull-board for the queues behind a login (http://127.0.0.1:3000 by default)")
  .option("--port <port>", "port", "3000")
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--queue <name...>", "queue names", [DEFAULT_QUEUE])
  .option(
    "--redis <url>",
    "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)",
  )
  .option(
    "--accounts <file>",
    "accounts file: users, password hashes and roles (default: SOHOA_DASHBOARD_ACCOUNTS)",
  )
  .addOption(
    new Option("--token-role <role>", "role of the SOHOA_DASHBOARD_TOKEN login")
      .choices([...ROLES])
      .default("viewer"),
  )
  .option(
    "--origin <url...>",
    "public origin(s) behind a proxy, e.g. https://ops.example.vn (default: the bound address)",
  )
  .option("--read-only", "no retry/remove for anyone, whatever their role")
  .option("--hash-password", "read a password on stdin and print its hash for an accounts file, then exit")
  .action(async (raw: unknown) => {
    try {
      const o = dashboardOptionsSchema.parse(raw);
      if (o.hashPassword) {
        process.stdout.write(`${await hashPassword(await readStdin())}\n`);
        return;
      }
      const accountsFile = o.accounts ?? process.env.SOHOA_DASHBOARD_ACCOUNTS;
      const token = tokenFrom(process.env.SOHOA_DASHBOARD_TOKEN, o.tokenRole);
      const config: AuthConfig = {
        accounts: accountsFile ? await loadAccounts(accountsFile) : [],
        ...(token ? { token } : {}),
      };
      if (!config.accounts.length && !config.token) {
        throw new InvalidConfigError(
          "the dashboard needs a login: give --accounts <file> or set SOHOA_DASHBOARD_TOKEN",
          {
            hint:
              "Hash a password with `sohoa dashboard --hash-password`, " +
              "then list it in an accounts file with a role (viewer or operator).",
          },
        );
      }
      await ensureRedisReachable(redisUrl(o.redis));
      const connection = connectionFromUrl(redisUrl(o.redis)) as ConnectionOptions;
      const queues = o.queue.map((name) => new Queue(name, { connection }));
      const app = express();
      const server = app.listen(o.port, o.host, () => {
        const a = server.address() as { port: number };
        const origins = dashboardOrigins(o.host, a.port, o.origin);
        app.use(secureDashboardApp(queues, { config, origins }, o.readOnly));
        process.stderr.write(`dashboard on ${origins[0]}/ (login required; Ctrl-C to stop)\n`);
      });
      server.once("error", (error: NodeJS.ErrnoException) => {
        handleError(
          new InvalidConfigError(`cannot listen on ${o.host}:${o.port}: ${error.code ?? error.message}`, {
            cause: error,
          }),
        );
        void Promise.all(queues.map((q) => q.close()));
      });
      const stop = () => {
        server.close();
        void Promise.all(queues.map((q) => q.close())).then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    } catch (error) {
      handleError(error);
    }
  });
