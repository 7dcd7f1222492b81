// `sohoa verify` checks trust by default (--ca or SOHOA_TRUST_ANCHORS, else a refusal unless --allow-untrusted);
// `sohoa keys create` keeps existing keys unless --force.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors/index.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import { createTrialKeys } from "../../src/signing/trial-ca.js";
import { signPdf } from "../../src/stages/sign.js";

let dir: string;
let file: string;
const env = { ...process.env, SOHOA_SIGNING_PASSPHRASE: "cli pass", SOHOA_TRUST_ANCHORS: "" };

/** The CLI as a person runs it (through tsx, so no build is needed). */
function sohoa(args: string[], extraEnv: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "cli/index.ts", ...args], {
    encoding: "utf8",
    env: { ...env, ...extraEnv },
  });
  return { code: run.status, out: run.stdout + run.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-cli-trust-"));
  expect(
    sohoa(["keys", "create", "--org", "UBND phường Bến Nghé", "--out", path.join(dir, "keys")]).code,
  ).toBe(0);
  const doc = await PDFDocument.create();
  doc.addPage();
  const signer = await Pkcs12Signer.fromFile(path.join(dir, "keys", "org.p12"), "cli pass");
  file = path.join(dir, "signed.pdf");
  await writeFile(
    file,
    (await signPdf(await doc.save({ useObjectStreams: false }), signer, { visibleMark: false })).bytes,
  );
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("trust by default", () => {
  it("refuses to call a signature OK without trust anchors, unless told --allow-untrusted", () => {
    const refused = sohoa(["verify", file]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/no trust anchors/);
    const untrusted = sohoa(["verify", "--allow-untrusted", file]);
    expect(untrusted.code).toBe(ExitCode.Ok);
    expect(untrusted.out).toMatch(/trust NOT checked/);
  });

  it("takes the anchors from SOHOA_TRUST_ANCHORS or --ca and reports the level", () => {
    const ca = path.join(dir, "keys", "ca.pem");
    const viaEnv = sohoa(["verify", file], { SOHOA_TRUST_ANCHORS: ca });
    expect(viaEnv.code).toBe(ExitCode.Ok);
    expect(viaEnv.out).toMatch(/valid B-B .* trusted, no revocation data/);
    expect(sohoa(["verify", "--ca", ca, file]).code).toBe(ExitCode.Ok);
  });

  it("keys create keeps existing keys without --force and replaces them with it", async () => {
    const caBefore = await readFile(path.join(dir, "keys", "ca.pem"), "utf8");
    const again = sohoa(["keys", "create", "--org", "Khác", "--out", path.join(dir, "keys")]);
    expect(again.code).not.toBe(0);
    expect(again.out).toMatch(/will not overwrite/);
    expect(await readFile(path.join(dir, "keys", "ca.pem"), "utf8")).toBe(caBefore);
    expect(sohoa(["keys", "create", "--org", "Khác", "--out", path.join(dir, "keys"), "--force"]).code).toBe(
      0,
    );
    expect(await readFile(path.join(dir, "keys", "ca.pem"), "utf8")).not.toBe(caBefore);
  }, 30_000);

  it("keys create makes EC keys (P-256, P-384) that sign and verify, judged by openssl and pdfsig", async () => {
    for (const [type, algorithm] of [
      ["ec-p256", "ecdsa-sha256"],
      ["ec-p384", "ecdsa-sha384"],
    ] as const) {
      const keys = await createTrialKeys({
        organisation: "UBND xã Tân Lập",
        outDir: path.join(dir, type),
        passphrase: "cli pass",
        keyType: type,
      });
      const check = spawnSync("openssl", ["verify", "-CAfile", keys.caPemPath, keys.certPemPath], {
        encoding: "utf8",
      });
      expect(check.stdout).toContain(": OK");
      expect(
        spawnSync("openssl", ["x509", "-in", keys.certPemPath, "-noout", "-subject", "-nameopt", "utf8"], {
          encoding: "utf8",
        }).stdout,
      ).toContain("O=UBND xã Tân Lập");
      const signer = await Pkcs12Signer.fromFile(keys.p12Path, "cli pass");
      expect(signer.algorithm).toBe(algorithm);
      const doc = await PDFDocument.create();
      doc.addPage();
      const signed = path.join(dir, `${type}.pdf`);
      await writeFile(signed, (await signPdf(await doc.save({ useObjectStreams: false }), signer, {})).bytes);
      expect(spawnSync("pdfsig", [signed], { encoding: "utf8" }).stdout).toContain("Signature is Valid");
      const pkcs12Info = spawnSync(
        "openssl",
        ["pkcs12", "-in", keys.p12Path, "-nodes", "-passin", "pass:cli pass", "-info"],
        { encoding: "utf8" },
      );
      expect(pkcs12Info.stdout).toContain("BEGIN PRIVATE KEY");
    }
  });
});
