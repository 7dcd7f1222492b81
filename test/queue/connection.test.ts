// Redis settings as an operator gives them: REDIS_URL, TLS with a private CA, named authentication failures, masked passwords.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";
import { envLogLevel } from "../../src/logger.js";
import { connectionFromUrl, ensureRedisReachable, maskUrl, redisUrl } from "../../src/queue/index.js";
import { freePort, startPrivateRedis, type PrivateRedis } from "./private-redis.js";
import { ROOT } from "./helpers.js";
import { selfSignedRsa } from "../signing/openssl-ca.js";

const PASSWORD = "pw-Zq81-never-printed";

/** `sohoa <args>` as a real process, logs as JSON. */
function sohoa(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "1", ...env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("Redis settings", () => {
  let secured: PrivateRedis;
  beforeAll(async () => {
    secured = await startPrivateRedis((port) => ["--port", String(port), "--requirepass", PASSWORD]);
  });
  afterAll(async () => secured?.stop());

  it("masks the password of any URL it prints", async () => {
    expect(maskUrl(`redis://ops:${PASSWORD}@10.0.0.5:6380/2`)).toBe("redis://ops:***@10.0.0.5:6380/2");
    expect(maskUrl(`redis://ops:${PASSWORD}@bad host:1`)).not.toContain(PASSWORD);
    const port = await freePort(); // nothing listens
    const r = sohoa(["status", "--redis", `redis://ops:${PASSWORD}@127.0.0.1:${port}`]);
    expect(r.status).toBe(ExitCode.Queue);
    expect(r.stderr).toContain(`redis://ops:***@127.0.0.1:${port}`);
    const bad = sohoa(["status", "--redis", `rediss//ops:${PASSWORD}@127.0.0.1`]);
    expect(bad.status).toBe(ExitCode.InvalidConfig);
    for (const out of [r.stdout, r.stderr, bad.stdout, bad.stderr]) expect(out).not.toContain(PASSWORD);
  });

  it("names an authentication failure instead of 'Connection is closed'", () => {
    const wrong = sohoa(["status", "--redis", `redis://:not-${PASSWORD}@127.0.0.1:${secured.port}`]);
    expect(wrong.status).toBe(ExitCode.InvalidConfig);
    expect(wrong.stderr).toMatch(
      /error sohoa:invalidConfig: NOAUTH\/WRONGPASS: authentication failed at redis:\/\/:\*\*\*@127\.0\.0\.1/,
    );
    expect(wrong.stderr).not.toContain(PASSWORD);
    const none = sohoa(["status", "--redis", `redis://127.0.0.1:${secured.port}`]);
    expect(none.status).toBe(ExitCode.InvalidConfig);
    expect(none.stderr).toContain("NOAUTH/WRONGPASS: authentication failed");
  });

  it("honours REDIS_URL, with SOHOA_REDIS_URL and --redis before it", () => {
    const good = `redis://:${PASSWORD}@127.0.0.1:${secured.port}`;
    expect(redisUrl(undefined, { REDIS_URL: good })).toBe(good);
    expect(redisUrl(undefined, { REDIS_URL: good, SOHOA_REDIS_URL: "redis://a:1" })).toBe("redis://a:1");
    expect(redisUrl("redis://b:2", { REDIS_URL: good, SOHOA_REDIS_URL: "redis://a:1" })).toBe("redis://b:2");
    const r = sohoa(["status", "--queue", `q-${Date.now()}`], { REDIS_URL: good, SOHOA_REDIS_URL: "" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(ExitCode.Ok);
    expect(r.stdout).toBe("no batches\n");
  });

  it("honours LOG_LEVEL beside SOHOA_LOG_LEVEL", () => {
    expect(envLogLevel({ LOG_LEVEL: "warn" })).toBe("warn");
    expect(envLogLevel({ LOG_LEVEL: "warn", SOHOA_LOG_LEVEL: "debug" })).toBe("debug");
    expect(envLogLevel({})).toBeUndefined();
  });

  it("connects over TLS with a private CA and a client certificate", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-tls-"));
    try {
      const ssl = (...args: string[]) => {
        const r = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
      };
      selfSignedRsa({ key: "ca.key", cert: "ca.pem" }, "/CN=sohoa test CA", [], dir);
      for (const name of ["server", "client"]) {
        ssl(
          "req",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          `${name}.key`,
          "-out",
          `${name}.csr`,
          "-subj",
          `/CN=${name === "server" ? "127.0.0.1" : "worker"}`,
        );
        await fs.writeFile(
          `${dir}/${name}.ext`,
          name === "server" ? "subjectAltName=IP:127.0.0.1\n" : "extendedKeyUsage=clientAuth\n",
        );
        ssl(
          "x509",
          "-req",
          "-in",
          `${name}.csr`,
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          `${name}.pem`,
          "-days",
          "2",
          "-extfile",
          `${name}.ext`,
        );
      }
      const tlsRedis = await startPrivateRedis((port) => [
        "--port",
        "0",
        "--tls-port",
        String(port),
        "--tls-cert-file",
        `${dir}/server.pem`,
        "--tls-key-file",
        `${dir}/server.key`,
        "--tls-ca-cert-file",
        `${dir}/ca.pem`,
        "--tls-auth-clients",
        "yes",
      ]);
      try {
        const url = `rediss://127.0.0.1:${tlsRedis.port}`;
        const tls = { ca: `${dir}/ca.pem`, cert: `${dir}/client.pem`, key: `${dir}/client.key` };
        await ensureRedisReachable(url, 3000, tls);
        // Without the client certificate the server refuses; without the CA ours refuses the server.
        await expect(ensureRedisReachable(url, 3000, { ca: tls.ca })).rejects.toThrow(/cannot reach Redis/);
        const env = {
          SOHOA_REDIS_TLS_CA: tls.ca,
          SOHOA_REDIS_TLS_CERT: tls.cert,
          SOHOA_REDIS_TLS_KEY: tls.key,
        };
        const r = sohoa(["status", "--redis", url, "--queue", `q-${Date.now()}`], env);
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe("no batches\n");
        expect(() => connectionFromUrl(url, { ca: `${dir}/missing.pem` })).toThrow(
          /cannot read the Redis TLS CA file .*missing\.pem/,
        );
        expect(() => connectionFromUrl(`redis://127.0.0.1:${tlsRedis.port}`, { ca: tls.ca })).toThrow(
          /not a rediss:\/\/ URL/,
        );
      } finally {
        await tlsRedis.stop();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
