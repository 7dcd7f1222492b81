// The network endpoints as an operator runs them: the dashboard behind a login, writes only by operators from its own
// origin; worker metrics and health on 127.0.0.1 with a queue-depth gauge.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/index.js";
import { ExitCode } from "../../src/errors/index.js";
import { enqueueBatch, preflight } from "../../src/queue/index.js";
import { freePort } from "./private-redis.js";
import { ROOT, makeScans, startWorkerProcess, testQueue } from "./helpers.js";

const TOKEN = "viewer-token-0123456789abcdef";

/** Starts `sohoa <args>` and resolves once its stderr shows `ready`. */
async function startSohoa(
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "cli/index.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${err}`)), 30_000);
    child.stderr!.on("data", () => ready.test(err) && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, stderr: () => err };
}

/** GET with a Host header of our choosing (fetch does not let a caller set one). */
function statusWithHost(url: string, host: string, cookie: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host, cookie } }, (res) => (res.resume(), resolve(res.statusCode)))
      .on("error", reject);
  });
}

describe("dashboard", () => {
  const t = testQueue();
  let dir: string;
  let base: string;
  let dash: ChildProcess;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-dash-"));
    const accounts = {
      accounts: [
        { user: "vera", password: await hashPassword("vera-pw"), role: "viewer" },
        { user: "otto", password: await hashPassword("otto-pw"), role: "operator" },
      ],
    };
    await fs.writeFile(path.join(dir, "accounts.json"), JSON.stringify(accounts));
    await t.queue.waitUntilReady();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dash = (
      await startSohoa(
        [
          "dashboard",
          "--port",
          String(port),
          "--queue",
          t.name,
          "--accounts",
          path.join(dir, "accounts.json"),
        ],
        /dashboard on/,
        { SOHOA_DASHBOARD_TOKEN: TOKEN },
      )
    ).child;
  });
  afterAll(async () => {
    dash?.kill("SIGTERM");
    await t.cleanup();
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function login(user: string, password: string, origin = base): Promise<string> {
    const res = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ user, password }),
    });
    expect(res.status).toBe(303);
    return res.headers.get("set-cookie")!.split(";")[0]!;
  }
  const pause = (headers: Record<string, string>) =>
    fetch(`${base}/api/queues/${t.name}/pause`, { method: "PUT", headers, redirect: "manual" });

  it("asks for a login before showing anything", async () => {
    expect((await fetch(`${base}/api/queues`)).status).toBe(401);
    const page = await fetch(`${base}/`, { headers: { accept: "text/html" }, redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login");
    const wrong = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "user=otto&password=nope",
    });
    expect(wrong.status).toBe(401);
    expect(
      (await fetch(`${base}/api/queues`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    const viewer = await login("vera", "vera-pw");
    const queues = (await (await fetch(`${base}/api/queues`, { headers: { cookie: viewer } })).json()) as {
      queues: Array<{ name: string }>;
    };
    expect(queues.queues.map((q) => q.name)).toEqual([t.name]);
  });

  it("refuses writes without login, from another Origin, without an Origin, from a viewer, and to another Host name", async () => {
    const operator = await login("otto", "otto-pw");
    const viewer = await login("vera", "vera-pw");
    expect((await pause({ origin: base })).status).toBe(401);
    expect((await pause({ cookie: operator, origin: "http://evil.example" })).status).toBe(403);
    expect((await pause({ cookie: operator, "sec-fetch-site": "cross-site", origin: base })).status).toBe(
      403,
    );
    expect((await pause({ cookie: operator })).status).toBe(403);
    expect((await pause({ cookie: viewer, origin: base })).status).toBe(403);
    expect((await pause({ authorization: `Bearer ${TOKEN}` })).status).toBe(403); // the token's role is viewer
    expect(await statusWithHost(`${base}/api/queues`, "rebound.example", operator)).toBe(421); // DNS rebinding
    const crossLogin = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: "user=otto&password=otto-pw",
    });
    expect(crossLogin.status).toBe(403);
    expect(await t.queue.isPaused()).toBe(false);
    // The operator, from the dashboard's own page, may.
    expect((await pause({ cookie: operator, origin: base })).status).toBe(200);
    expect(await t.queue.isPaused()).toBe(true);
    const basic = Buffer.from("otto:otto-pw").toString("base64");
    expect(
      (
        await fetch(`${base}/api/queues/${t.name}/resume`, {
          method: "PUT",
          headers: { authorization: `Basic ${basic}` },
        })
      ).status,
    ).toBe(200);
    expect(await t.queue.isPaused()).toBe(false);
  });

  it("will not start without a login configured", async () => {
    const r = spawn(process.execPath, ["--import", "tsx", "cli/index.ts", "dashboard", "--port", "0"], {
      cwd: ROOT,
      env: { ...process.env, SOHOA_DASHBOARD_TOKEN: "", SOHOA_DASHBOARD_ACCOUNTS: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    r.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    expect(await new Promise((resolve) => r.once("exit", resolve))).toBe(ExitCode.InvalidConfig);
    expect(err).toContain("the dashboard needs a login");
  });
});

describe("worker metrics and health", () => {
  it("bind 127.0.0.1 by default and report queue depth per state", async () => {
    const t = testQueue();
    const scans = await makeScans(3);
    const work = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-metrics-"));
    try {
      await t.queue.pause(); // jobs stay waiting, so the gauge has something to count
      await enqueueBatch(t.queue, t.registry, (await preflight([scans])).accepted, {
        unit: "27001",
        level: "commune",
      });
      const port = await freePort();
      const w = await startWorkerProcess([
        "--queue",
        t.name,
        "--store",
        path.join(work, "archive"),
        "--processor",
        "test/fixtures/processor-store.ts",
        "--metrics-port",
        String(port),
      ]);
      try {
        expect(w.stderr()).toMatch(
          /"host":"127\.0\.0\.1","port":\d+,"msg":"metrics on \/metrics, health on \/healthz and \/readyz"/,
        );
        const base = `http://127.0.0.1:${port}`;
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
        const metrics = await (await fetch(`${base}/metrics`)).text();
        expect(metrics).toContain(`sohoa_queue_jobs{queue="${t.name}",state="waiting"} 3`);
        expect(metrics).toContain(`sohoa_queue_jobs{queue="${t.name}",state="failed"} 0`);
        // Not on the machine's other addresses.
        const external = Object.values(os.networkInterfaces())
          .flat()
          .find((a) => a && a.family === "IPv4" && !a.internal);
        if (external) await expect(fetch(`http://${external.address}:${port}/healthz`)).rejects.toThrow();
      } finally {
        w.child.kill("SIGTERM");
        await w.exited;
      }
    } finally {
      await t.cleanup();
      await fs.rm(scans, { recursive: true, force: true });
      await fs.rm(work, { recursive: true, force: true });
    }
  });
});
