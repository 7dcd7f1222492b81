// Secrets never reach a log line: the signing passphrase and S3 keys, through the real CLI and worker at trace level.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";
import { createLogger } from "../../src/logger.js";
import { batchStatus, enqueueBatch, preflight } from "../../src/queue/index.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import { startS3Server, type S3TestServer } from "../storage/s3-server.js";
import { ROOT, testQueue } from "../queue/helpers.js";
import { makeValidScans, waitFor } from "./helpers.js";

// Unique values: a hit can only come from a leak.
const PASSPHRASE = `pass-${randomBytes(9).toString("hex")}`;
const WRONG = `wrong-${randomBytes(9).toString("hex")}`;
const ACCESS_KEY = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
const SECRET_KEY = `secret-${randomBytes(15).toString("hex")}`;
const SESSION = `session-${randomBytes(12).toString("hex")}`;
const SECRETS = [PASSPHRASE, WRONG, SECRET_KEY, SESSION];

let keysDir: string;
let p12: string;
let scans: string;

beforeAll(async () => {
  keysDir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-secret-keys-"));
  p12 = (
    await createTrialKeys({
      organisation: "Ủy ban nhân dân xã Thử Nghiệm",
      outDir: keysDir,
      passphrase: PASSPHRASE,
    })
  ).p12Path;
  scans = await makeValidScans(2, "secret");
  await fs.writeFile(
    path.join(scans, "broken.png"),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
  );
});
afterAll(async () => {
  await fs.rm(keysDir, { recursive: true, force: true });
  await fs.rm(scans, { recursive: true, force: true });
});

/** Spawns a sohoa entry point and collects stdout and stderr together. */
function spawnSohoa(
  script: string,
  args: string[],
  env: Record<string, string>,
): { output: () => string; exited: Promise<number | null>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: "1", SOHOA_LOG_LEVEL: "trace", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return { output: () => out, exited: new Promise((r) => child.once("exit", r)), kill: (s) => child.kill(s) };
}

function expectNoSecrets(output: string): void {
  for (const secret of SECRETS)
    expect(output.includes(secret), `a secret appears in the output:\n${output.slice(0, 2000)}`).toBe(false);
}

describe("secrets stay out of the logs", () => {
  it(
    "`sohoa run --key` with the right and with a wrong SOHOA_SIGNING_PASSPHRASE",
    { timeout: 60_000 },
    async () => {
      const out = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-secret-out-"));
      const ok = spawnSohoa(
        "cli/index.ts",
        ["run", scans, "--out", out, "--ocr-engine", "null", "--key", p12, "--log-level", "trace"],
        { SOHOA_SIGNING_PASSPHRASE: PASSPHRASE },
      );
      expect(await ok.exited, ok.output()).toBe(ExitCode.PartialBatch); // PartialBatch: broken.png fails, the others are signed
      expect(ok.output()).toContain("broken.png");
      expectNoSecrets(ok.output());

      const bad = spawnSohoa(
        "cli/index.ts",
        ["run", scans, "--out", out, "--ocr-engine", "null", "--key", p12, "--log-level", "trace"],
        { SOHOA_SIGNING_PASSPHRASE: WRONG },
      );
      const code = await bad.exited;
      expect(code).not.toBe(0);
      expect(bad.output()).toMatch(/passphrase|PKCS#12|p12/i);
      expectNoSecrets(bad.output());
      await fs.rm(out, { recursive: true, force: true });
    },
  );

  describe("worker with S3 credentials and a signing key", () => {
    let s3: S3TestServer;
    let t: ReturnType<typeof testQueue>;
    beforeAll(async () => {
      // s3rver checks the access key: register ours (it runs in this process).
      const account = createRequire(import.meta.url)("s3rver/lib/models/account.js") as {
        DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
      };
      account.DUMMY_ACCOUNT.createKeyPair(ACCESS_KEY, SECRET_KEY);
      s3 = await startS3Server();
      t = testQueue();
    });
    afterAll(async () => {
      await t?.cleanup();
      await s3?.close();
    });

    it(
      "logs nothing secret while archiving, failing a file, and failing to open its key",
      { timeout: 90_000 },
      async () => {
        const env = {
          SOHOA_OCR_ENGINE: "null",
          AWS_ACCESS_KEY_ID: ACCESS_KEY,
          AWS_SECRET_ACCESS_KEY: SECRET_KEY,
          AWS_SESSION_TOKEN: SESSION,
          AWS_REGION: "us-east-1",
          SOHOA_SIGNING_KEY: p12,
        };
        const args = [
          "--queue",
          t.name,
          "--store",
          `s3://${s3.bucket}/secrets`,
          "--s3-endpoint",
          s3.endpoint,
          "--log-level",
          "trace",
        ];
        const good = spawnSohoa("workers/archive-worker.ts", args, {
          ...env,
          SOHOA_SIGNING_PASSPHRASE: PASSPHRASE,
        });
        await waitFor("worker ready", () => good.output().includes('"worker ready"') || undefined, 30_000);
        const pre = await preflight([scans]);
        const { batchId } = await enqueueBatch(t.queue, t.registry, pre.accepted, {
          unit: "27001",
          level: "commune",
          year: 2024,
        });
        const status = await waitFor(
          "batch done",
          async () => {
            const s = await batchStatus(t.queue, t.registry, batchId);
            return s.manifestWritten ? s : undefined;
          },
          60_000,
        );
        expect(status.batch.archived).toBe(2);
        expect(status.failed.map((f) => path.basename(f.file))).toEqual(["broken.png"]);
        good.kill("SIGTERM");
        await good.exited;
        expect(good.output()).toContain("document archived");
        expectNoSecrets(good.output());

        // A worker with the wrong passphrase fails its document on the key, and says so without the passphrase.
        // A third, different scan (the first two are archived already; identity is the content hash).
        const extra = await makeValidScans(3, "secret-extra");
        for (const n of ["secret-extra-000.png", "secret-extra-001.png"]) await fs.rm(path.join(extra, n));
        const wrong = spawnSohoa("workers/archive-worker.ts", args, {
          ...env,
          SOHOA_SIGNING_PASSPHRASE: WRONG,
        });
        await waitFor("worker ready", () => wrong.output().includes('"worker ready"') || undefined, 30_000);
        await enqueueBatch(t.queue, t.registry, (await preflight([extra])).accepted, {
          unit: "27001",
          level: "commune",
          year: 2024,
          jobOptions: { attempts: 1 },
        });
        await waitFor(
          "the key error logged",
          () => /"msg":"document failed"/.test(wrong.output()) || undefined,
          30_000,
        ).catch((e: unknown) => {
          throw new Error(`${String(e)}\n${wrong.output().slice(-3000)}`);
        });
        expect(wrong.output()).toMatch(/passphrase|PKCS#12|p12/i);
        wrong.kill("SIGTERM");
        await wrong.exited;
        expectNoSecrets(wrong.output());
        await fs.rm(extra, { recursive: true, force: true });
      },
    );
  });

  it("redacts secrets nested in logged objects (config echoes, SDK errors)", () => {
    let text = "";
    const sink = new Writable({ write: (chunk, _enc, cb) => ((text += String(chunk)), cb()) });
    const log = createLogger({ level: "trace", destination: sink });
    log.info(
      {
        options: {
          credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY, sessionToken: SESSION },
        },
      },
      "store options",
    );
    log.info({ store: { s3: { credentials: { secretAccessKey: SECRET_KEY } } } }, "deeper");
    log.info({ signing: { passphrase: PASSPHRASE }, passphrase: WRONG }, "signing options");
    log.error(
      { err: Object.assign(new Error("boom"), { config: { credentials: { secretAccessKey: SECRET_KEY } } }) },
      "sdk error",
    );
    expect(text).toContain("store options");
    expectNoSecrets(text);
  });
});
