// Signing cost per signer type (PKCS#12, SoftHSM token; RSA, ECDSA; B-B … B-LTA) as a share of the pipeline's per-document time.
// Usage: npm run build && npx tsx bench/signing-bench.ts [scansDir] [maxDocs]
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pkcs11Signer } from "../src/signing/pkcs11-signer.js";
import { Pkcs12Signer } from "../src/signing/pkcs12-signer.js";
import type { Signer } from "../src/signing/signer.js";
import { signPdf, type SignPdfOptions } from "../src/stages/sign.js";
import { startLocalCa, type KeyKind } from "../test/signing/openssl-ca.js";
import { SOFTHSM_MODULE, createSoftToken } from "../test/signing/softhsm.js";
import { startLocalTsa } from "../test/signing/tsa-server.js";
import { runSohoa } from "./sohoa-run.js";

const scans = process.argv[2] ?? path.resolve("../shared/bench/dev/scans");
const maxDocs = Number(process.argv[3] ?? 6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".pdf"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const work = await mkdtemp(path.join(tmpdir(), "sohoa-signing-bench-"));
try {
  // The pipeline, unsigned, on a few real-shaped scans: its per-document time is the denominator.
  const input = path.join(work, "scans");
  await mkdir(input);
  const files = (await readdir(scans))
    .filter((f) => /\.(pdf|tif|tiff|jpg|jpeg|png)$/i.test(f))
    .sort()
    .slice(0, maxDocs);
  for (const f of files) await copyFile(path.join(scans, f), path.join(input, f));
  const run = await runSohoa(input, path.join(work, "out"));
  const docs = run.report.filter((r) => !r.error);
  const perDocMs = (run.wallSeconds * 1000) / Math.max(1, docs.length);
  const stageSums = docs.map((d) => Object.values(d.timings ?? {}).reduce((a, b) => a + b, 0));
  const pdfs = await Promise.all(
    (await pdfsUnder(path.join(work, "out"))).map(async (p) => new Uint8Array(await readFile(p))),
  );
  if (pdfs.length === 0) throw new Error(`the pipeline produced no PDF: ${run.stderrTail}`);

  const ca = await startLocalCa(path.join(work, "ca"), "pw");
  const tsa = await startLocalTsa(work);
  const token = createSoftToken(path.join(work, "hsm"));
  const signers: Array<{ name: string; signer: Signer }> = [];
  const kinds: KeyKind[] = ["rsa", "ec-p256", "ec-p384"];
  for (const [i, kind] of kinds.entries()) {
    const issued = ca.issue(`org-${kind}`, kind);
    token.importKey(issued.key, issued.cert, `key-${kind}`, `0${i + 1}`);
    signers.push({ name: `pkcs12 ${kind}`, signer: await Pkcs12Signer.fromFile(issued.p12, "pw") });
    signers.push({
      name: `softhsm ${kind}`,
      signer: await Pkcs11Signer.open({
        module: SOFTHSM_MODULE,
        token: token.label,
        keyLabel: `key-${kind}`,
        chainFile: ca.caCert,
        env: { SOHOA_PKCS11_PIN: token.pin },
      }),
    });
  }
  const levels: Array<{ level: string; options: SignPdfOptions }> = [
    { level: "B-B", options: {} },
    { level: "B-T", options: { tsaUrl: tsa.url } },
    { level: "B-LT", options: { tsaUrl: tsa.url, revocation: {} } },
    { level: "B-LTA", options: { tsaUrl: tsa.url, revocation: {}, documentTimestamp: true } },
  ];
  console.log(
    `pipeline: ${docs.length} documents, ${run.wallSeconds.toFixed(1)} s wall, ${perDocMs.toFixed(0)} ms/document ` +
      `(median sum of stage timings ${median(stageSums).toFixed(0)} ms)`,
  );
  console.log("| signer | level | median sign ms | share of document time |");
  console.log("| --- | --- | ---: | ---: |");
  for (const { name, signer } of signers) {
    for (const { level, options } of levels) {
      if (level !== "B-B" && !name.endsWith("rsa") && !name.endsWith("p256")) continue;
      await signPdf(pdfs[0]!, signer, options); // warm-up: fontkit, module load
      const times: number[] = [];
      for (const pdf of pdfs) {
        const t = performance.now();
        await signPdf(pdf, signer, options);
        times.push(performance.now() - t);
      }
      const ms = median(times);
      console.log(
        `| ${name} | ${level} | ${ms.toFixed(0)} | ${((100 * ms) / (perDocMs + ms)).toFixed(1)}% |`,
      );
    }
    await signer.close?.();
  }
  await tsa.close();
  await ca.close();
} finally {
  await rm(work, { recursive: true, force: true });
}
