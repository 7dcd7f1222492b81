// `sohoa verify` on an archived document: a modified PDF, a modified metadata sidecar and a swapped original are each caught.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verify } from "../../cli/commands/verify.js";
import { ExitCode } from "../../src/errors/exit-code.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { LocalArchiveStore, readManifest, type ArchiveRecord } from "../../src/storage/index.js";
import { archiveFolder, makeValidScans } from "./helpers.js";

const saved = { ...process.env };
let keysDir: string;
let scans: string;
let root: string;
let records: ArchiveRecord[];
let ca: ReturnType<typeof certificatesFromPem>;

beforeAll(async () => {
  keysDir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-tamper-keys-"));
  const keys = await createTrialKeys({
    organisation: "Ủy ban nhân dân xã Thử Nghiệm",
    outDir: keysDir,
    passphrase: "tamper-pass",
  });
  Object.assign(process.env, {
    SOHOA_OCR_ENGINE: "null",
    SOHOA_SIGNING_KEY: keys.p12Path,
    SOHOA_SIGNING_PASSPHRASE: "tamper-pass",
  });
  ca = certificatesFromPem(await fs.readFile(path.join(keysDir, "ca.pem"), "utf8"));
  scans = await makeValidScans(2, "tamper");
  root = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-tamper-archive-"));
  const { batchId } = await archiveFolder(new LocalArchiveStore(root), scans);
  records = await readManifest(new LocalArchiveStore(root), batchId);
}, 60_000);
afterAll(async () => {
  process.env = saved;
  for (const d of [keysDir, scans, root]) if (d) await fs.rm(d, { recursive: true, force: true });
});

/** A copy of one archived document folder (document.pdf, metadata.json, original.*), to tamper with. */
async function copyOf(record: ArchiveRecord): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "sohoa-tamper-doc-"));
  const src = path.join(root, ...record.keys.pdf!.split("/").slice(0, -1));
  for (const name of await fs.readdir(src)) await fs.copyFile(path.join(src, name), path.join(dir, name));
  return dir;
}

/** `sohoa verify` in-process; the exit code it set. */
async function verifyCli(pdf: string): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await verify.parseAsync([pdf, "--ca", path.join(keysDir, "ca.pem")], { from: "user" });
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, out };
}

describe("sohoa verify on archived documents", () => {
  it("accepts an untouched document: signature, sidecar and original all agree", async () => {
    const dir = await copyOf(records[0]!);
    const report = await verifyPdfFile(path.join(dir, "document.pdf"), { trusted: ca });
    expect(report.valid, JSON.stringify(report.errors)).toBe(true);
    expect(report.sidecar?.matches).toBe(true);
    expect(report.original?.matches).toBe(true);
    expect((await verifyCli(path.join(dir, "document.pdf"))).code).toBe(ExitCode.Ok);
  });

  it("catches a modified PDF", async () => {
    const dir = await copyOf(records[0]!);
    const file = path.join(dir, "document.pdf");
    const bytes = await fs.readFile(file);
    // Inside the signed range, past the header: a changed image or text byte.
    const at = Math.floor(bytes.length / 3);
    bytes[at] = bytes[at]! ^ 0x01;
    await fs.writeFile(file, bytes);
    const { code, out } = await verifyCli(file);
    expect(code).toBe(ExitCode.InvalidOutput);
    expect(out).toMatch(/^FAIL/);
    expect(out).toContain("sha256 DIFFERS");
  });

  it("catches a modified metadata sidecar (its hash line intact, a claim changed)", async () => {
    const dir = await copyOf(records[0]!);
    const file = path.join(dir, "metadata.json");
    const meta = JSON.parse(await fs.readFile(file, "utf8")) as Record<string, unknown>;
    meta.docType = meta.docType === "decision" ? "birth_extract" : "decision";
    meta.fields = {
      ...(meta.fields as object),
      fullName: { value: "Nguyễn Văn Giả", confidence: 1, valid: true },
    };
    await fs.writeFile(file, JSON.stringify(meta, null, 2));
    const report = await verifyPdfFile(path.join(dir, "document.pdf"), { trusted: ca });
    expect(report.valid).toBe(false);
    expect(report.sidecar?.matches).toBe(true);
    expect(report.errors.join("\n")).toMatch(
      /metadata docType is "(decision|birth_extract)" but the signed PDF says/,
    );
    expect(report.errors.join("\n")).toMatch(/fields\.fullName is not in the signed PDF/);
    expect((await verifyCli(path.join(dir, "document.pdf"))).code).toBe(ExitCode.InvalidOutput);
  });

  it("catches a swapped original scan", async () => {
    const dir = await copyOf(records[0]!);
    const other = await copyOf(records[1]!);
    const name = (await fs.readdir(dir)).find((n) => n.startsWith("original."))!;
    await fs.copyFile(
      path.join(
        other,
        (await fs.readdir(other)).find((n) => n.startsWith("original."))!,
      ),
      path.join(dir, name),
    );
    const report = await verifyPdfFile(path.join(dir, "document.pdf"), { trusted: ca });
    expect(report.valid).toBe(false);
    expect(report.original?.matches).toBe(false);
    expect(report.errors.join("\n")).toContain(
      `original scan ${name} does not match the signed sourceSha256`,
    );
    const { code, out } = await verifyCli(path.join(dir, "document.pdf"));
    expect(code).toBe(ExitCode.InvalidOutput);
    expect(out).toContain("DIFFERS from the signed sourceSha256");
  });
});
