// CMS SignedData cost per document: build (the signer signs) + verify, and the CMS size, per key type.
// Usage: npx tsx bench/cms-bench.ts [rounds] [beforeDir]
// beforeDir may hold an earlier cms.ts and cms-verify.ts (same exports) to compare in the same run, rounds interleaved.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as current from "../src/signing/cms.js";
import * as currentVerify from "../src/signing/cms-verify.js";
import { Pkcs12Signer } from "../src/signing/pkcs12-signer.js";
import type { Signer } from "../src/signing/signer.js";
import { startLocalCa, type KeyKind } from "../test/signing/openssl-ca.js";

interface Impl {
  name: string;
  build: typeof current.buildCms;
  check: typeof currentVerify.checkCms;
}

const rounds = Number(process.argv[2] ?? 200);
const beforeDir = process.argv[3];
const impls: Impl[] = [
  { name: "after (@peculiar/asn1-*)", build: current.buildCms, check: currentVerify.checkCms },
];
if (beforeDir) {
  const cms = (await import(path.resolve(beforeDir, "cms.ts"))) as typeof current;
  const verify = (await import(path.resolve(beforeDir, "cms-verify.ts"))) as typeof currentVerify;
  impls.unshift({ name: "before (node-forge)", build: cms.buildCms, check: verify.checkCms });
}

const dir = await mkdtemp(path.join(tmpdir(), "sohoa-cms-bench-"));
const ca = await startLocalCa(path.join(dir, "ca"), "pw");

try {
  console.log(`| key | implementation | build+verify ms/doc | build ms | verify ms | CMS bytes (B-B) |`);
  console.log(`| --- | --- | --- | --- | --- | --- |`);
  for (const kind of ["rsa", "ec-p256", "ec-p384"] as KeyKind[]) {
    const signer: Signer = await Pkcs12Signer.fromFile(ca.issue(`bench-${kind}`, kind).p12, "pw");
    const hash = kind === "ec-p384" ? "sha384" : "sha256";
    const times = impls.map(() => ({ build: 0, verify: 0, size: 0 }));
    for (let round = -10; round < rounds; round++) {
      const content = createHash(hash).update(`document ${round}`).digest();
      for (const [i, impl] of impls.entries()) {
        const t0 = performance.now();
        const cms = await impl.build(content, signer);
        const t1 = performance.now();
        const check = impl.check(cms, () => content);
        const t2 = performance.now();
        if (!check.signatureValid || !check.digestMatches || !check.essCertMatches)
          throw new Error(`${impl.name}: invalid`);
        if (round < 0) continue; // warm-up
        times[i]!.build += t1 - t0;
        times[i]!.verify += t2 - t1;
        times[i]!.size = cms.length;
      }
    }

    for (const [i, impl] of impls.entries()) {
      const t = times[i]!;
      const f = (ms: number) => (ms / rounds).toFixed(2);
      console.log(
        `| ${kind} | ${impl.name} | ${f(t.build + t.verify)} | ${f(t.build)} | ${f(t.verify)} | ${t.size} |`,
      );
    }
  }
} finally {
  await ca.close();
  await rm(dir, { recursive: true, force: true });
}
