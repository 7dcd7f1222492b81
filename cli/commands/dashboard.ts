// `sohoa dashboard`: serves bull-board for the archive queue(s), to watch jobs and retry dead letters by hand.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { Queue } from "bullmq";
import type { ConnectionOptions } from "bullmq";
import { Command } from "commander";
import express from "express";
import { z } from "zod";
import { DEFAULT_QUEUE, connectionFromUrl, ensureRedisReachable, redisUrl } from "../../src/queue/index.js";
import { handleError } from "../handle-error.js";

export const dashboardOptionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default("127.0.0.1"),
  queue: z.array(z.string().min(1)).default([DEFAULT_QUEUE]),
  redis: z.string().optional(),
  readOnly: z.boolean().default(false),
});

/** The bull-board app for these queues, mounted at `/` (exported for tests and embedding). */
export function dashboardApp(queues: Queue[], readOnly = false): express.Express {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath("/");
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })), serverAdapter });
  const app = express();
  app.use("/", serverAdapter.getRouter());
  return app;
}

export const dashboard = new Command()
  .name("dashboard")
  .description("serve bull-board for the queues (http://127.0.0.1:3000 by default)")
  .option("--port <port>", "port", "3000")
  .option("--host <host>", "address to listen on; bull-board has no login, keep it local or behind a proxy", "127.0.0.1")
  .option("--queue <name...>", "queue names", [DEFAULT_QUEUE])
  .option("--redis <url>", "Redis URL (default: SOHOA_REDIS_URL, REDIS_URL or redis://127.0.0.1:6379; TLS files from SOHOA_REDIS_TLS_CA/_CERT/_KEY)")
  .option("--read-only", "no retry/remove buttons")
  .action(async (raw: unknown) => {
    try {
      const o = dashboardOptionsSchema.parse(raw);
      await ensureRedisReachable(redisUrl(o.redis));
      const connection = connectionFromUrl(redisUrl(o.redis)) as ConnectionOptions;
      const queues = o.queue.map((name) => new Queue(name, { connection }));
      const server = dashboardApp(queues, o.readOnly).listen(o.port, o.host, () => {
        const a = server.address() as { port: number };
        process.stderr.write(`bull-board on http://${o.host}:${a.port}/ (Ctrl-C to stop)\n`);
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
