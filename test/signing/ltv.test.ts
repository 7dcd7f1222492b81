// PAdES B-LT: a DSS with OCSP responses from a local `openssl ocsp` responder or a CRL file; pdfsig (NSS, online OCSP)
// and openssl agree with verify on the revocation status.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { promisify } from "node:util";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument, PDFName, PDFString, type PDFRef } from "pdf-lib";
import { appendIncrementalUpdate } from "../../src/pdf/incremental-update.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDss } from "../../src/signing/dss.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import { certificatesFromPem, verifyPdfFile } from "../../src/signing/verify.js";
import { signPdf } from "../../src/stages/sign.js";
import { startLocalCa, type LocalCa } from "./openssl-ca.js";
import { startLocalTsa, type LocalTsa } from "./tsa-server.js";

let dir: string;
let ca: LocalCa;
let tsa: LocalTsa;
let pdf: Uint8Array;
let nssDb: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-ltv-"));
  ca = await startLocalCa(path.join(dir, "ca"), "pw");
  tsa = await startLocalTsa(dir);
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Giay chung nhan");
  pdf = await doc.save({ useObjectStreams: false });
  // pdfsig's own trust store (NSS) with the local CA trusted for signing: it then asks the OCSP responder itself.
  nssDb = `sql:${path.join(dir, "nss")}`;
  mkdirSync(path.join(dir, "nss"));
  execFileSync("certutil", ["-N", "-d", nssDb, "--empty-password"]);
  execFileSync("certutil", ["-A", "-d", nssDb, "-n", "local-ca", "-t", "CT,CT,CT", "-i", ca.caCert]);
});
afterAll(async () => {
  await tsa?.close();
  await ca?.close();
  await rm(dir, { recursive: true, force: true });
});

const anchors = async () => ({ trusted: certificatesFromPem(await readFile(ca.caCert, "utf8")) });

/** pdfsig's certificate verdict with online OCSP; asynchronous, since the responder lives in this process. */
async function pdfsigCertificate(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)("pdfsig", ["-nssdir", nssDb, file], {
    encoding: "utf8",
    timeout: 30_000,
  });
  return /Certificate Validation: (.*)/.exec(stdout)?.[1] ?? stdout;
}

/** openssl's own reading of an OCSP response from the DSS: "good" or "revoked". */
function opensslOcspStatus(response: Uint8Array, cert: string, name: string): string {
  const file = path.join(dir, `${name}.ocsp`);
  execFileSync("sh", ["-c", `cat > '${file}'`], { input: Buffer.from(response) });
  const out = execFileSync(
    "openssl",
    ["ocsp", "-respin", file, "-issuer", ca.caCert, "-cert", cert, "-CAfile", ca.caCert],
    { encoding: "utf8" },
  );
  return /: (good|revoked|unknown)/.exec(out)?.[1] ?? out;
}

describe("PAdES B-LT", () => {
  it("embeds OCSP responses fetched from the certificate's AIA; verify says B-LT, good, like openssl and pdfsig", async () => {
    const org = ca.issue("org-lt", "ec-p256");
    const signer = await Pkcs12Signer.fromFile(org.p12, "pw");
    const signed = await signPdf(pdf, signer, { tsaUrl: tsa.url, revocation: {}, visibleMark: false });
    const file = path.join(dir, "lt.pdf");
    await writeFile(file, signed.bytes);
    expect(spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout).toContain("Signature is Valid");
    const dss = await readDss(signed.bytes);
    expect(dss.ocsps.length).toBe(1);
    expect(dss.certs.length).toBe(2);
    expect(opensslOcspStatus(dss.ocsps[0]!, org.cert, "good")).toBe("good");
    expect(await pdfsigCertificate(file)).toBe("Certificate is Trusted.");
    const report = await verifyPdfFile(file, await anchors());
    expect(report.errors.concat(report.signatures[0]!.errors)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.signatures[0]!.level).toBe("B-LT");
    expect(report.signatures[0]!.revocation).toMatchObject({
      status: "good",
      source: "ocsp",
      coversSigningTime: true,
    });
  });

  it("seals B-LT with a document timestamp (B-LTA) that openssl ts, pdfsig (for the signature) and verify accept", async () => {
    const org = ca.issue("org-lta", "ec-p384");
    const signer = await Pkcs12Signer.fromFile(org.p12, "pw");
    const signed = await signPdf(pdf, signer, {
      tsaUrl: tsa.url,
      revocation: {},
      documentTimestamp: true,
      visibleMark: false,
    });
    const file = path.join(dir, "lta.pdf");
    await writeFile(file, signed.bytes);
    // pdfsig (poppler 22) checks the signature but does not verify RFC 3161 document timestamps: openssl ts judges that one.
    const out = spawnSync("pdfsig", [file], { encoding: "utf8" }).stdout;
    expect(out).toMatch(
      /Signature #1:[\s\S]*Signature is Valid[\s\S]*Signature #2:[\s\S]*Total document signed/,
    );
    const text = Buffer.from(signed.bytes).toString("latin1");
    const [b0, l0, b1, l1] = [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/g)]
      .pop()!
      .slice(1)
      .map(Number) as number[];
    const token = path.join(dir, "doc-ts.tst");
    await writeFile(token, Buffer.from(text.slice(b0! + l0! + 1, b1! - 1), "hex"));
    const digest = createHash("sha256")
      .update(signed.bytes.subarray(0, l0))
      .update(signed.bytes.subarray(b1, b1! + l1!))
      .digest("hex");
    const tsVerify = spawnSync(
      "openssl",
      ["ts", "-verify", "-digest", digest, "-in", token, "-token_in", "-CAfile", path.join(dir, "tsa.crt")],
      { encoding: "utf8" },
    );
    expect(tsVerify.stdout).toContain("Verification: OK");
    const report = await verifyPdfFile(file, await anchors());
    expect(report.errors).toEqual([]);
    expect(report.signatures.map((s) => [s.kind, s.valid])).toEqual([
      ["signature", true],
      ["document-timestamp", true],
    ]);
    expect(report.signatures[0]!.level).toBe("B-LTA");
    const tampered = Buffer.from(signed.bytes);
    tampered[tampered.length - 40] = tampered[tampered.length - 40]! ^ 0x01;
    await writeFile(file, tampered);
    expect((await verifyPdfFile(file, await anchors())).valid).toBe(false);
  });

  it("refuses a token that answers another request (replayed: other imprint, other nonce)", async () => {
    const liar = await startLocalTsa(await mkdtemp(path.join(dir, "liar-")), { replay: true });
    try {
      const signer = await Pkcs12Signer.fromFile(ca.issue("org-liar", "ec-p256").p12, "pw");
      await signPdf(pdf, signer, { tsaUrl: liar.url, visibleMark: false });
      await expect(signPdf(pdf, signer, { tsaUrl: liar.url, visibleMark: false })).rejects.toThrow(
        /another message imprint|nonce/,
      );
    } finally {
      await liar.close();
    }
  });

  it("flags anything but a DSS appended after the signature", async () => {
    const signer = await Pkcs12Signer.fromFile(ca.issue("org-append", "rsa").p12, "pw");
    const signed = await signPdf(pdf, signer, { tsaUrl: tsa.url, revocation: {}, visibleMark: false });
    const doc = await PDFDocument.load(signed.bytes);
    doc.catalog.set(PDFName.of("Lang"), PDFString.of("en"));
    const root = doc.context.trailerInfo.Root as PDFRef;
    const size = doc.context.largestObjectNumber + 1;
    const changed = appendIncrementalUpdate(signed.bytes, [{ ref: root, object: doc.catalog }], {
      size,
      root,
    });
    const file = path.join(dir, "appended.pdf");
    await writeFile(file, changed);
    const report = await verifyPdfFile(file, await anchors());
    expect(report.errors).toContain("bytes were added after the last signature");
    expect(report.valid).toBe(false);
  });

  it("reports a certificate revoked before signing as revoked at signing time, as openssl and pdfsig do", async () => {
    const org = ca.issue("org-revoked", "rsa");
    ca.revoke(org);
    const signer = await Pkcs12Signer.fromFile(org.p12, "pw");
    const signed = await signPdf(pdf, signer, {
      tsaUrl: tsa.url,
      revocation: {},
      visibleMark: false,
      signingTime: new Date(Date.now() + 2000),
    });
    const file = path.join(dir, "revoked.pdf");
    await writeFile(file, signed.bytes);
    const dss = await readDss(signed.bytes);
    expect(opensslOcspStatus(dss.ocsps[0]!, org.cert, "revoked")).toBe("revoked");
    expect(await pdfsigCertificate(file)).toBe("Certificate has been Revoked.");
    const report = await verifyPdfFile(file, await anchors());
    expect(report.signatures[0]!.revocation).toMatchObject({ status: "revoked", revokedAtSigningTime: true });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]!.errors.join(" ")).toMatch(/revoked at/);
  });

  it("takes a CRL given as a file (offline); openssl verify -crl_check agrees on both certificates", async () => {
    const good = ca.issue("org-crl-good", "ec-p384");
    const bad = ca.issue("org-crl-bad", "rsa");
    ca.revoke(bad);
    const verdicts: string[] = [];
    for (const org of [good, bad]) {
      const signer = await Pkcs12Signer.fromFile(org.p12, "pw");
      const signed = await signPdf(pdf, signer, {
        tsaUrl: tsa.url,
        revocation: { files: [ca.crlFile], offline: true },
        visibleMark: false,
      });
      const file = path.join(dir, `crl-${path.basename(org.cert)}.pdf`);
      await writeFile(file, signed.bytes);
      const dss = await readDss(signed.bytes);
      expect(dss.crls.length).toBe(1);
      const crlPem = path.join(dir, "dss-crl.pem");
      execFileSync("sh", ["-c", `openssl crl -inform DER -out '${crlPem}'`], {
        input: Buffer.from(dss.crls[0]!),
      });
      const openssl = spawnSync(
        "openssl",
        ["verify", "-crl_check", "-CAfile", ca.caCert, "-CRLfile", crlPem, org.cert],
        { encoding: "utf8" },
      );
      const report = await verifyPdfFile(file, await anchors());
      verdicts.push(
        `${openssl.status === 0 ? "good" : /revoked/.test(openssl.stdout + openssl.stderr) ? "revoked" : "?"}/${report.signatures[0]!.revocation?.status}`,
      );
    }
    expect(verdicts).toEqual(["good/good", "revoked/revoked"]);
  });
});
