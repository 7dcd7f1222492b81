// Every signer × key type: SoftHSM token and PKCS#12, RSA (PKCS#1 v1.5, PSS) and ECDSA P-256/P-384; pdfsig and verify judge.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SigningKeyError } from "../../src/errors/signing-errors.js";
import { Pkcs11Signer } from "../../src/signing/pkcs11-signer.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import type { Signer } from "../../src/signing/signer.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { signPdf } from "../../src/stages/sign.js";
import { startLocalCa, type Issued, type KeyKind, type LocalCa } from "./openssl-ca.js";
import { SOFTHSM_MODULE, createSoftToken, type SoftToken } from "./softhsm.js";

const KINDS: KeyKind[] = ["rsa", "ec-p256", "ec-p384"];
let dir: string;
let ca: LocalCa;
let token: SoftToken;
let pdf: Uint8Array;
const issued = new Map<KeyKind, Issued>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-signers-"));
  ca = await startLocalCa(path.join(dir, "ca"), "p12 pass");
  token = createSoftToken(path.join(dir, "hsm"));
  KINDS.forEach((kind, i) => {
    const item = ca.issue(`org-${kind}`, kind);
    issued.set(kind, item);
    token.importKey(item.key, item.cert, `key-${kind}`, `0${i + 1}`);
  });
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Quyet dinh so 12/QD-UBND");
  pdf = await doc.save({ useObjectStreams: false });
});
afterAll(async () => {
  await ca?.close();
  await rm(dir, { recursive: true, force: true });
});

const pin = () => ({ SOHOA_PKCS11_PIN: token.pin });
const openToken = (kind: KeyKind, rsaPss = false) =>
  Pkcs11Signer.open({
    module: SOFTHSM_MODULE,
    token: token.label,
    keyLabel: `key-${kind}`,
    chainFile: ca.caCert,
    rsaPss,
    env: pin(),
  });

async function signAndJudge(signer: Signer, name: string) {
  const signed = await signPdf(pdf, signer, { organisation: "UBND xã Hòa Bình" });
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, signed.bytes);
  const pdfsig = spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
  const report = await verifyPdfFile(file, {
    trusted: certificatesFromPem(await readFile(ca.caCert, "utf8")),
  });
  return { pdfsig, report };
}

const EXPECTED = { rsa: "rsa-pkcs1-sha256", "ec-p256": "ecdsa-sha256", "ec-p384": "ecdsa-sha384" } as const;

describe.each(KINDS)("%s key", (kind) => {
  it("signs inside the SoftHSM token; pdfsig and verify accept it", async () => {
    const signer = await openToken(kind);
    try {
      expect(signer.algorithm).toBe(EXPECTED[kind]);
      const { pdfsig, report } = await signAndJudge(signer, `token-${kind}`);
      expect(pdfsig).toContain("Signature is Valid");
      expect(report.signatures[0]).toMatchObject({
        signatureValid: true,
        digestMatches: true,
        chainTrusted: true,
      });
      expect(report.valid).toBe(true);
    } finally {
      await signer.close();
    }
  });

  it("signs with the PKCS#12 file; pdfsig and verify accept it", async () => {
    const signer = await Pkcs12Signer.fromFile(issued.get(kind)!.p12, "p12 pass");
    expect(signer.algorithm).toBe(EXPECTED[kind]);
    const { pdfsig, report } = await signAndJudge(signer, `p12-${kind}`);
    expect(pdfsig).toContain("Signature is Valid");
    expect(report.valid).toBe(true);
  });
});

describe("RSA-PSS and token errors", () => {
  it("signs RSASSA-PSS with the token and the file", async () => {
    const token = await openToken("rsa", true);
    const file = await Pkcs12Signer.fromFile(issued.get("rsa")!.p12, "p12 pass", { rsaPss: true });
    for (const [signer, name] of [
      [token, "token-pss"],
      [file, "p12-pss"],
    ] as const) {
      expect(signer.algorithm).toBe("rsa-pss-sha256");
      const { pdfsig, report } = await signAndJudge(signer, name);
      expect(pdfsig).toContain("Signature is Valid");
      expect(report.valid).toBe(true);
    }
    await token.close();
  });

  it("signs concurrently through one token session", async () => {
    const signer = await openToken("ec-p256");
    const results = await Promise.all([1, 2, 3].map(() => signPdf(pdf, signer, { visibleMark: false })));
    await signer.close();
    expect(new Set(results.map((r) => r.sha256)).size).toBe(3);
  });

  it("names the token and key, never the PIN, on a wrong PIN, an unknown key, a missing PIN", async () => {
    const wrong = Pkcs11Signer.open({
      module: SOFTHSM_MODULE,
      token: token.label,
      keyLabel: "key-rsa",
      env: { SOHOA_PKCS11_PIN: "999999" },
    });
    await expect(wrong).rejects.toThrow(/token=sohoa-test.*wrong PIN/);
    await expect(wrong).rejects.not.toThrow(/999999/);
    await expect(
      Pkcs11Signer.open({ module: SOFTHSM_MODULE, token: token.label, keyLabel: "nope", env: pin() }),
    ).rejects.toThrow(/no private key/);
    await expect(
      Pkcs11Signer.open({ module: SOFTHSM_MODULE, token: token.label, keyLabel: "key-rsa", env: {} }),
    ).rejects.toBeInstanceOf(SigningKeyError);
  });

  it("tells a certificate-only PKCS#12 apart from a wrong passphrase", async () => {
    const certOnly = path.join(dir, "cert-only.p12");
    spawnSync("openssl", [
      "pkcs12",
      "-export",
      "-nokeys",
      "-in",
      issued.get("rsa")!.cert,
      "-out",
      certOnly,
      "-passout",
      "pass:x",
    ]);
    await expect(Pkcs12Signer.fromFile(certOnly, "x")).rejects.toThrow(/holds no private key/);
    await expect(Pkcs12Signer.fromFile(issued.get("ec-p256")!.p12, "wrong")).rejects.toThrow(
      /passphrase is wrong/,
    );
  });
});

describe("openSigner", () => {
  it("opens the token named by SOHOA_PKCS11_* when no PKCS#12 key is given", async () => {
    const { openSigner } = await import("../../src/signing/open-signer.js");
    const env = {
      SOHOA_PKCS11_MODULE: SOFTHSM_MODULE,
      SOHOA_PKCS11_TOKEN: token.label,
      SOHOA_PKCS11_KEY_ID: "02",
      ...pin(),
    };
    const signer = await openSigner({ env });
    expect(signer).toBeInstanceOf(Pkcs11Signer);
    expect(signer!.algorithm).toBe("ecdsa-sha256");
    await signer!.close?.();
    expect(await openSigner({ env: {} })).toBeUndefined();
  });
});
