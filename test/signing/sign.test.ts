// PAdES signing end to end: pdfsig and `sohoa verify` accept it, one changed byte breaks both, B-T with a local TSA.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pkcs12Signer, readPassphrase } from "../../src/signing/pkcs12-signer.js";
import { createTrialKeys, type TrialKeys } from "../../src/signing/trial-ca.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { buildArchivalPdf } from "../../src/stages/pdfa.js";
import { signPdf } from "../../src/stages/sign.js";
import { vietnamIso } from "../../src/pdf/signature-mark.js";
import { LINES, makeDocument } from "../pdf/make-document.js";
import { startLocalTsa, type LocalTsa } from "./tsa-server.js";

const ORG = "UBND xã Hòa Bình";
let dir: string;
let keys: TrialKeys;
let signer: Pkcs12Signer;
let archival: Uint8Array;
let tsa: LocalTsa;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-sign-"));
  keys = await createTrialKeys({
    organisation: ORG,
    outDir: path.join(dir, "keys"),
    passphrase: "trial pass",
  });
  signer = await Pkcs12Signer.fromFile(
    keys.p12Path,
    await readPassphrase(keys.p12Path, { env: { SOHOA_SIGNING_PASSPHRASE: "trial pass" } }),
  );
  const { doc } = await makeDocument(dir, {});
  archival = (await buildArchivalPdf(doc, {})).bytes;
  tsa = await startLocalTsa(dir);
});
afterAll(async () => {
  await tsa?.close();
  await rm(dir, { recursive: true, force: true });
});

const pdfsig = (file: string) => spawnSync("pdfsig", [file], { encoding: "utf8" });

async function trusted() {
  return certificatesFromPem(await readFile(keys.caPemPath, "utf8"));
}

describe("signPdf", () => {
  it("appends a signature pdfsig and verify accept, keeping the PDF/A bytes and the text", async () => {
    // Within the trial certificate's validity (it starts an hour ago); a time before it must fail, see below.
    const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    const signed = await signPdf(archival, signer, { reason: "Số hóa", location: "Hà Nội", signingTime });
    expect(
      Buffer.compare(Buffer.from(signed.bytes.subarray(0, archival.length)), Buffer.from(archival)),
    ).toBe(0);
    const file = path.join(dir, "signed.pdf");
    await writeFile(file, signed.bytes);
    const out = pdfsig(file).stdout;
    expect(out).toContain("Signature is Valid");
    expect(out).toContain(`Common Name: ${ORG}`);
    expect(out).toContain("ETSI.CAdES.detached");
    expect(execFileSync("qpdf", ["--check", file]).toString()).toContain(
      "No syntax or stream encoding errors",
    );
    const text = execFileSync("pdftotext", [file, "-"]).toString();
    expect(text).toContain(LINES[0]);
    expect(text).toContain(`Ký bởi: ${ORG}`);
    expect(text).toContain(vietnamIso(signingTime));
    expect(vietnamIso(new Date("2025-03-01T02:00:00Z"))).toBe("2025-03-01T09:00:00+07:00");
    const report = await verifyPdfFile(file, { trusted: await trusted() });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]).toMatchObject({
      digestMatches: true,
      signatureValid: true,
      essCertMatches: true,
      chainTrusted: true,
    });
  });

  it("reports a signing time outside the certificate's validity", async () => {
    const signed = await signPdf(archival, signer, {
      visibleMark: false,
      signingTime: new Date("2020-01-01T00:00:00Z"),
    });
    const file = path.join(dir, "early.pdf");
    await writeFile(file, signed.bytes);
    const report = await verifyPdfFile(file, { trusted: await trusted() });
    expect(report.signatures[0]!.certificateValidAtSigningTime).toBe(false);
    expect(report.valid).toBe(false);
  });

  it("fails pdfsig and verify after one changed byte", async () => {
    const signed = await signPdf(archival, signer, { visibleMark: false });
    for (const at of [200, signed.bytes.length - 10]) {
      const bytes = Buffer.from(signed.bytes);
      bytes[at] = bytes[at]! ^ 0x01;
      const file = path.join(dir, `tampered-${at}.pdf`);
      await writeFile(file, bytes);
      expect(pdfsig(file).stdout).not.toContain("Signature is Valid");
      expect((await verifyPdfFile(file, { trusted: await trusted() })).valid).toBe(false);
    }
  });

  it("rejects a chain to another CA and a sidecar hash that differs", async () => {
    const signed = await signPdf(archival, signer, { visibleMark: false });
    const sub = await mkdtemp(path.join(dir, "sidecar-"));
    const file = path.join(sub, "doc.pdf");
    await writeFile(file, signed.bytes);
    const other = await createTrialKeys({
      organisation: "Other",
      outDir: path.join(sub, "other"),
      passphrase: "x",
    });
    const foreign = certificatesFromPem(await readFile(other.caPemPath, "utf8"));
    expect((await verifyPdfFile(file, { trusted: foreign })).signatures[0]!.chainTrusted).toBe(false);
    await writeFile(path.join(sub, "doc.json"), JSON.stringify({ pdfSha256: signed.sha256 }));
    expect((await verifyPdfFile(file, { trusted: await trusted() })).sidecar?.matches).toBe(true);
    await writeFile(path.join(sub, "doc.json"), JSON.stringify({ pdfSha256: "0".repeat(64) }));
    expect((await verifyPdfFile(file, { trusted: await trusted() })).valid).toBe(false);
  });

  it("adds a signature timestamp from a TSA (B-T) and keeps a first signature valid under a second", async () => {
    const first = await signPdf(archival, signer, { tsaUrl: tsa.url });
    const second = await signPdf(first.bytes, signer, { visibleMark: false });
    const file = path.join(dir, "bt.pdf");
    await writeFile(file, second.bytes);
    const out = pdfsig(file).stdout;
    expect(out.match(/Signature is Valid/g)?.length).toBe(2);
    const report = await verifyPdfFile(file, { trusted: await trusted() });
    expect(report.valid).toBe(true);
    expect(report.signatures[0]!.timestamp?.valid).toBe(true);
    expect(report.signatures[0]!.coversWholeDocument).toBe(false);
    expect(report.signatures[1]!.coversWholeDocument).toBe(true);
  });
});
