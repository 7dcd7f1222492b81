// `sohoa fixity`: damaged and deleted archive objects are found, on a local folder and on S3 (s3rver).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixity } from "../../cli/commands/fixity.js";
import { ExitCode } from "../../src/errors/exit-code.js";
import {
  LocalArchiveStore,
  S3ArchiveStore,
  checkFixity,
  readManifest,
  type ArchiveStore,
  type FixityReport,
} from "../../src/storage/index.js";
import { TEST_CREDENTIALS } from "../storage/s3-server.js";
import { archiveFolder, makeValidScans, startRestartableS3, type RestartableS3 } from "./helpers.js";

const saved = { ...process.env };
let scans: string;

beforeAll(async () => {
  process.env.SOHOA_OCR_ENGINE = "null";
  delete process.env.SOHOA_SIGNING_KEY;
  scans = await makeValidScans(3, "fixity");
});
afterAll(async () => {
  process.env = saved;
  await fs.rm(scans, { recursive: true, force: true });
});

/** Runs `sohoa fixity` in-process; returns stdout and the exit code it set. */
async function runFixity(args: string[]): Promise<{ out: string; code: number }> {
  let out = "";
  const spy = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await fixity.parseAsync(args, { from: "user" });
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { out, code };
}

/** Flips one byte in the middle of a file, keeping its size. */
async function flipByte(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0xff;
  await fs.writeFile(file, bytes);
}

/** Archives the scans, checks a clean report, damages one PDF and deletes one original, checks again. */
async function damageAndCheck(
  store: ArchiveStore,
  storeArg: string[],
  fileOf: (key: string) => string,
): Promise<void> {
  const { batchId, files } = await archiveFolder(store, scans);
  const manifest = await readManifest(store, batchId);
  expect(manifest.filter((r) => r.outcome !== "failed")).toHaveLength(files);

  const clean = await runFixity(["commune/27001", ...storeArg, "--json"]);
  const before = JSON.parse(clean.out) as FixityReport;
  expect(clean.code).toBe(0);
  expect(before.ok).toBe(true);
  expect(before.documents).toBe(files);
  expect(before.objects).toBe(files * 3);

  const [a, b] = manifest;
  await flipByte(fileOf(a!.keys.pdf!));
  await fs.rm(fileOf(b!.keys.original!));

  const { out, code } = await runFixity(["commune/27001", ...storeArg, "--json"]);
  expect(code).toBe(ExitCode.InvalidOutput);
  const report = JSON.parse(out) as FixityReport;
  expect(report.ok).toBe(false);
  expect(report.problems).toHaveLength(2);
  expect(report.problems).toContainEqual(
    expect.objectContaining({ key: a!.keys.pdf, kind: "mismatch", expected: a!.checksums[a!.keys.pdf!] }),
  );
  expect(report.problems).toContainEqual(
    expect.objectContaining({ key: b!.keys.original, kind: "missing", expected: b!.sha256 }),
  );

  // The text form names both objects too.
  const text = await runFixity(["commune/27001", ...storeArg]);
  expect(text.out).toMatch(/^FAIL/);
  expect(text.out).toContain(a!.keys.pdf!);
  expect(text.out).toContain(b!.keys.original!);
}

describe("sohoa fixity", () => {
  let root: string;
  let s3: RestartableS3 | undefined;
  afterAll(async () => {
    if (root) await fs.rm(root, { recursive: true, force: true });
    await s3?.close();
  });

  it("finds a damaged PDF and a deleted original in a local archive", async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-fixity-"));
    const store = new LocalArchiveStore(root);
    await damageAndCheck(store, ["--store", root], (key) => path.join(root, ...key.split("/")));
  });

  it("finds a damaged PDF and a deleted original in an S3 bucket", async () => {
    s3 = await startRestartableS3();
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
    });
    const store = new S3ArchiveStore({
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    const objectFile = (key: string) => {
      const parts = key.split("/");
      const name = parts.pop()!;
      return path.join(s3!.dir, s3!.bucket, ...parts, `${name}._S3rver_object`);
    };
    await damageAndCheck(store, ["--store", `s3://${s3.bucket}`, "--s3-endpoint", s3.endpoint], objectFile);
  });

  it("reports a metadata.json edited to a new size (caught by the batch manifest) and one that is gone", async () => {
    const store = new LocalArchiveStore(root);
    const keys = (await store.list("commune/")).filter((k) => k.endsWith("/metadata.json"));
    const edited = path.join(root, ...keys[0]!.split("/"));
    const meta = JSON.parse(await fs.readFile(edited, "utf8")) as Record<string, unknown>;
    await fs.writeFile(
      edited,
      JSON.stringify({ ...meta, docType: "decision", note: "edited by hand" }, null, 2),
    );
    await fs.rm(path.join(root, ...keys[keys.length - 1]!.split("/")));
    const report = await checkFixity(store, "commune/");
    expect(report.problems).toContainEqual(
      expect.objectContaining({ key: keys[0], kind: "mismatch", source: "manifest" }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ key: keys[keys.length - 1], kind: "noMetadata" }),
    );
  });
});
