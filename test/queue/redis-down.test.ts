// An operator's command against a Redis that is not there: one clear line, the queue's exit code.
import { spawnSync } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";

describe("queue commands without Redis", () => {
  it("says at once, with its code and exit code, when Redis cannot be reached", async () => {
    // A port nothing listens on: a free one, closed again.
    const probe = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => probe.once("listening", r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    // The built binary, as an operator runs it (`npm test` builds first).
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      ["bin/sohoa.js", "status", "any-batch", "--redis", `redis://127.0.0.1:${port}`],
      {
        encoding: "utf8",
        env: { ...process.env, FORCE_COLOR: "0" },
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(ExitCode.Queue);
    expect(result.stderr).toContain(
      `error sohoa:queueUnavailable: cannot reach Redis at redis://127.0.0.1:${port}`,
    );
    expect(result.stderr).toContain("ECONNREFUSED");
    expect(result.stderr).toContain("hint:");
    // One clear line and a hint, not a stack trace per reconnection attempt.
    expect(result.stderr.split("\n").filter((l) => l.trim()).length).toBe(2);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
