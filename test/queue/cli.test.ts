// CLI commands in-process: enqueue → status → retry with --json, and the dashboard serving the queue.
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dashboardApp } from "../../cli/commands/dashboard.js";
import { enqueue } from "../../cli/commands/enqueue.js";
import { retry } from "../../cli/commands/retry.js";
import { formatStatus, status } from "../../cli/commands/status.js";
import { ArchiveWorker } from "../../src/queue/index.js";
import { LocalArchiveStore } from "../../src/storage/index.js";
import createTestProcessor from "../fixtures/processor-store.js";
import { connection, makeScans, testQueue, waitForBatch } from "./helpers.js";

let t: ReturnType<typeof testQueue>;
let cleaned = true;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
  // Each test makes its own queue; cleaning one twice would call a closed connection.
  if (!cleaned) await t.cleanup();
  cleaned = true;
});

/** Runs a command in-process and returns what it wrote to stdout. */
async function stdoutOf(run: () => Promise<unknown>): Promise<string> {
  let out = "";
  const spy = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe("queue commands", () => {
  it("enqueue prints the preflight summary and batch id; status and retry report on it", async () => {
    t = testQueue();
    cleaned = false;
    const dir = await makeScans(3, (i) => ["a.png", "b.png", "bad.png"][i]!);
    await fs.writeFile(path.join(dir, "notes.txt"), "not a scan");
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));

    const out = await stdoutOf(() =>
      enqueue.parseAsync(
        [
          dir,
          "--unit",
          "Xã Tân Lập",
          "--level",
          "commune",
          "--year",
          "2024",
          "--batch",
          "cli-1",
          "--queue",
          t.name,
          "--json",
        ],
        { from: "user" },
      ),
    );
    const summary = JSON.parse(out);
    expect(summary).toMatchObject({
      batchId: "cli-1",
      files: 4,
      queued: 3,
      alreadyQueued: 0,
      alreadyArchived: 0,
    });
    expect(summary.rejected).toEqual([
      expect.objectContaining({ file: path.join(dir, "notes.txt"), code: "sohoa:unsupportedFile" }),
    ]);

    const archive = await fs.mkdtemp(path.join(dir, "archive-"));
    const worker = new ArchiveWorker({
      connection,
      queueName: t.name,
      store: new LocalArchiveStore(archive),
      processor: createTestProcessor,
    });
    cleanups.push(() => worker.close());
    await worker.start();
    await waitForBatch(t.queue, t.registry, "cli-1");

    const s = JSON.parse(
      await stdoutOf(() => status.parseAsync(["cli-1", "--queue", t.name, "--json"], { from: "user" })),
    );
    expect(s).toMatchObject({
      complete: true,
      pending: 0,
      batch: { total: 3, archived: 2, failed: 1, unit: "Xã Tân Lập", level: "commune", year: 2024 },
    });
    expect(s.pagesPerMinute).toBeGreaterThan(0);
    expect(s.failed[0]).toMatchObject({
      file: path.join(dir, "bad.png"),
      error: { code: "sohoa:unsupportedFile" },
    });

    const human = formatStatus(s);
    expect(human).toContain("documents: 3 total, 2 archived, 1 failed, 0 pending");
    expect(human).toMatch(/failed .*bad\.png: sohoa:unsupportedFile: .*\n {4}hint: /);
    const r = JSON.parse(
      await stdoutOf(() => retry.parseAsync(["cli-1", "--queue", t.name, "--json"], { from: "user" })),
    );
    expect(r).toEqual({ batchId: "cli-1", requeued: [path.join(dir, "bad.png")] });
    await waitForBatch(
      t.queue,
      t.registry,
      "cli-1",
      30_000,
      (x) => x.manifestWritten && x.failed.length === 1,
    );
  });

  it("the dashboard serves bull-board with the queue", async () => {
    t = testQueue();
    cleaned = false;
    const server = dashboardApp([t.queue], true).listen(0, "127.0.0.1");
    cleanups.push(() => new Promise((r) => server.close(r)));
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/queues`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain(t.name);
  });
});
