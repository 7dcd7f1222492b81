// Prometheus metrics of a worker (prom-client) and the tiny HTTP server that exposes them.
import http from "node:http";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export class WorkerMetrics {
  readonly registry = new Registry();
  readonly pages = new Counter({ name: "sohoa_pages_processed_total", help: "Pages of archived documents", registers: [this.registry] });
  readonly documents = new Counter({ name: "sohoa_documents_total", help: "Documents finished, by outcome", labelNames: ["outcome"], registers: [this.registry] });
  readonly failures = new Counter({ name: "sohoa_failures_total", help: "Failed attempts, by error code and whether they will be retried", labelNames: ["code", "retry"], registers: [this.registry] });
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

  /** Serves `/metrics` on `port` (0 = any free port); resolves the bound port. */
  async listen(port: number, host = "0.0.0.0"): Promise<{ port: number; close: () => Promise<void> }> {
    const server = http.createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => res.writeHead(200, { "content-type": this.registry.contentType }).end(body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const bound = (server.address() as { port: number }).port;
    return { port: bound, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
}
