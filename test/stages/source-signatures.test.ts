// A born-signed source PDF's signatures are recorded when it comes in: who signed, when, and whether
// its bytes are still what was signed; SHA-1 signatures (older provincial tokens) are checked and noted.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLimits } from "../../src/limits.js";
import { checkCms } from "../../src/signing/cms-verify.js";
import { Pkcs12Signer } from "../../src/signing/pkcs12-signer.js";
import { createTrialKeys, type TrialKeys } from "../../src/signing/trial-ca.js";
import { preflight } from "../../src/stages/preflight.js";
import { signPdf } from "../../src/stages/sign.js";
import { readSourceSignatures } from "../../src/stages/source-signatures.js";
import { FIXTURES } from "../ingest/helpers.js";
import { selfSignedRsa } from "../signing/openssl-ca.js";

let dir: string;
let keys: TrialKeys;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sohoa-source-sig-"));
  keys = await createTrialKeys({ organisation: "Sở Tư pháp tỉnh Thử Nghiệm", outDir: dir, passphrase: "pw" });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A minute ago, whole seconds (a PDF date has no milliseconds): inside the trial certificate's validity. */
const RECENT = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);

async function signedFixture(signingTime = RECENT): Promise<Buffer> {
  const signer = await Pkcs12Signer.fromFile(keys.p12Path, "pw");
  const source = await readFile(path.join(FIXTURES, "g4.pdf"));
  const { bytes } = await signPdf(new Uint8Array(source), signer, { signingTime });
  return Buffer.from(bytes);
}

describe("readSourceSignatures", () => {
  it("records the signer, the claimed time and an intact signature of a signed source PDF", async () => {
    const file = path.join(dir, "signed.pdf");
    await writeFile(file, await signedFixture());
    const [signature, ...more] = await readSourceSignatures(await preflight(file, defaultLimits));
    expect(more).toHaveLength(0);
    expect(signature).toMatchObject({
      signedAt: RECENT.toISOString(),
      coversWholeFile: true,
      intact: true,
    });
    expect(signature!.signer).toContain("Sở Tư pháp tỉnh Thử Nghiệm");
    expect(signature!.notes).toEqual([]);
  });

  it("notes a signing time at which the certificate was not valid, the bytes still intact", async () => {
    const file = path.join(dir, "backdated.pdf");
    await writeFile(file, await signedFixture(new Date("2020-04-16T00:37:07Z")));
    const [signature] = await readSourceSignatures(await preflight(file, defaultLimits));
    expect(signature!.intact).toBe(true);
    expect(signature!.notes).toEqual([
      "a certificate of the chain was not valid at 2020-04-16T00:37:07.000Z",
    ]);
  });

  it("says a source changed after signing is not intact", async () => {
    const bytes = await signedFixture();
    // A byte of the page's G4 image, inside the signed range.
    const at = bytes.indexOf("stream") + 20;
    bytes[at] = bytes[at]! ^ 0x10;
    const file = path.join(dir, "changed.pdf");
    await writeFile(file, bytes);
    const [signature] = await readSourceSignatures(await preflight(file, defaultLimits));
    expect(signature!.intact).toBe(false);
    expect(signature!.notes.join("; ")).toMatch(/digest does not match/u);
  });

  it("gives nothing for an unsigned PDF or an image", async () => {
    expect(await readSourceSignatures(await preflight(path.join(FIXTURES, "g4.pdf"), defaultLimits))).toEqual(
      [],
    );
    const png = path.join(dir, "page.png");
    execFileSync("convert", ["-size", "20x20", "xc:white", png]);
    expect(await readSourceSignatures(await preflight(png, defaultLimits))).toEqual([]);
  });
});

describe("checkCms with SHA-1", () => {
  it("verifies a SHA-1 signature only when legacy digests are asked for, and notes it", () => {
    const data = path.join(dir, "content.bin");
    const cms = path.join(dir, "content.p7s");
    execFileSync("sh", ["-c", `printf 'Quyết định số 07/CT-UBND' > ${data}`]);
    const key = path.join(dir, "sha1.key");
    const cert = path.join(dir, "sha1.pem");
    selfSignedRsa({ key, cert }, "/CN=Token cũ", ["-utf8"]);
    execFileSync("openssl", [
      "cms",
      "-sign",
      "-binary",
      "-md",
      "sha1",
      "-in",
      data,
      "-signer",
      cert,
      "-inkey",
      key,
      "-outform",
      "DER",
      "-out",
      cms,
    ]);
    return Promise.all([readFile(cms), readFile(data)]).then(([der, content]) => {
      const digest = (name: string) => new Uint8Array(createHash(name).update(content).digest());
      const strict = checkCms(new Uint8Array(der), digest);
      expect(strict.signatureValid).toBe(false);
      expect(strict.errors.join("; ")).toMatch(/neither SHA-256 nor SHA-384/u);
      const legacy = checkCms(new Uint8Array(der), digest, { legacyDigests: true });
      expect([legacy.digestMatches, legacy.signatureValid]).toEqual([true, true]);
      expect(legacy.errors).toContain("the digest algorithm is SHA-1, no longer safe against forgery");
    });
  });
});
