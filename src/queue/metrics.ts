// Prometheus metrics of a worker (prom-client) and the tiny HTTP server that exposes them with /healthz and /readyz.
import http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Job states the queue-depth gauge reports. */
export const QUEUE_STATES = ["waiting", "active", "delayed", "prioritized", "failed", "completed"] as const;

export interface MetricsServerOptions {
  /** Address to bind. @defaultValue "127.0.0.1" (metrics are not for the whole network unless asked) */
  host?: string;
  /** `/readyz` answers 200 only while this resolves true (the worker runs and Redis answers). */
  ready?: () => Promise<boolean>;
}

export class WorkerMetrics {
  readonly registry = new Registry();
  readonly pages = new Counter({
    name: "sohoa_pages_processed_total",
    help: "Pages of archived documents",
    registers: [this.registry],
  });
  readonly documents = new Counter({
    name: "sohoa_documents_total",
    help: "Documents finished, by outcome",
    labelNames: ["outcome"],
    registers: [this.registry],
  });
  readonly failures = new Counter({
    name: "sohoa_failures_total",
    help: "Failed attempts, by error code and whether they will be retried",
    labelNames: ["code", "retry"],
    registers: [this.registry],
  });
  readonly stageSeconds = new Histogram({
    name: "sohoa_stage_duration_seconds",
    help: "Time per pipeline stage",
    labelNames: ["stage"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly documentSeconds = new Histogram({
    name: "sohoa_document_duration_seconds",
    help: "Time per document, all stages",
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: "sohoa_" });
  }

  /** Adds `sohoa_queue_jobs{queue,state}`, read from Redis at every scrape. */
  trackQueueDepth(queue: string, counts: () => Promise<Record<string, number>>): void {
    new Gauge({
      name: "sohoa_queue_jobs",
      help: "Jobs in the queue, by state (all batches)",
      labelNames: ["queue", "state"],
      registers: [this.registry],
      async collect() {
        const c = await counts();
        for (const state of QUEUE_STATES) this.set({ queue, state }, c[state] ?? 0);
      },
    });
  }

  /** Serves `/metrics`, `/healthz` and `/readyz` on `port` (0 = any free port); resolves the bound address. */
  async listen(
    port: number,
    hostOrOptions: string | MetricsServerOptions = {},
  ): Promise<{ host: string; port: number; close: () => Promise<void> }> {
    const options = typeof hostOrOptions === "string" ? { host: hostOrOptions } : hostOrOptions;
    const host = options.host ?? "127.0.0.1";
    const server = http.createServer((req, res) => {
      const url = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
        return;
      }
      if (url === "/healthz") {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
        return;
      }
      if (url === "/readyz") {
        (options.ready ?? (async () => true))().then(
          (ok) =>
            res
              .writeHead(ok ? 200 : 503, { "content-type": "text/plain" })
              .end(ok ? "ready\n" : "not ready\n"),
          () => res.writeHead(503, { "content-type": "text/plain" }).end("not ready\n"),
        );
        return;
      }
      if (url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { "content-type": this.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
    const bound = server.address() as { address: string; port: number };
    return {
      host: bound.address,
      port: bound.port,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }
}
